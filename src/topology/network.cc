// Layer 2: VPC, internet gateway, subnets, NAT gateways and route tables. In existing-VPC mode
// the VPC and its internet gateway are shared (found, never created or deleted) and an
// existing subnet whose CIDR equals a planned one is reused by id, also shared.
#include <fmt/format.h>

#include "topology/builder.h"

namespace tectonic::topology::internal {
namespace {

using engine::Ref;
using nlohmann::json;

struct PlannedSubnet {
  std::string role;  // "master" | "worker"
  std::string zone;
  Cidr cidr;
  std::string existing_id;  // non-empty: borrowed
  std::string Key() const { return "subnet/" + role + "/" + zone; }
};

bool IsSubnetId(const std::string& s) { return s.rfind("subnet-", 0) == 0; }

Result<std::vector<PlannedSubnet>> PlanSubnets(const Context& ctx) {
  const auto& vpc = ctx.config->aws.vpc;
  const auto& facts = ctx.in->existing_vpc;
  const size_t n = ctx.zones.size();
  std::vector<PlannedSubnet> planned;
  for (const std::string role : {"master", "worker"}) {
    const auto& given = role == "master" ? vpc.master_subnets : vpc.worker_subnets;
    if (!given.empty() && given.size() != n) {
      return Status::InvalidInput(
          fmt::format("topology: aws.vpc.{}Subnets has {} entries but there are {} zones", role,
                      given.size(), n));
    }
    for (size_t i = 0; i < n; ++i) {
      PlannedSubnet s{role, ctx.zones[i], {}, {}};
      if (!given.empty() && IsSubnetId(given[i])) {
        auto it = facts.subnets.find(given[i]);
        if (!ctx.existing_vpc || it == facts.subnets.end()) {
          return Status::InvalidInput(fmt::format(
              "topology: subnet {} is not a subnet of the existing VPC {}", given[i], vpc.id));
        }
        auto cidr = Cidr::Parse(it->second.cidr);
        if (!cidr.ok()) return cidr.status();
        s.cidr = *cidr;
        s.existing_id = given[i];
        if (!it->second.zone.empty() && it->second.zone != s.zone) {
          return Status::InvalidInput(fmt::format(
              "topology: subnet {} is in {}, but position {} of aws.vpc.{}Subnets is zone {}",
              given[i], it->second.zone, i, role, s.zone));
        }
      } else if (!given.empty()) {
        auto cidr = Cidr::Parse(given[i]);
        if (!cidr.ok()) {
          return Status::InvalidInput(fmt::format("topology: aws.vpc.{}Subnets[{}] {}: {}", role, i,
                                                  given[i], cidr.status().message()));
        }
        s.cidr = *cidr;
      } else {
        // Terraform's cidrsubnet(vpc, 4, i) for masters and (vpc, 4, i + N) for workers.
        auto cidr = ctx.vpc_cidr.Subnet(4, role == "master" ? i : i + n);
        if (!cidr.ok()) {
          return Status::InvalidInput(
              fmt::format("topology: cannot derive a /{} {} subnet #{} from VPC {}: {}",
                          ctx.vpc_cidr.prefix() + 4, role, i, ctx.vpc_cidr.ToString(),
                          cidr.status().message()));
        }
        s.cidr = *cidr;
      }
      planned.push_back(s);
    }
  }
  return planned;
}

Status CheckSubnets(const Context& ctx, std::vector<PlannedSubnet>* planned) {
  const auto& net = ctx.config->networking;
  for (auto& s : *planned) {
    if (!ctx.vpc_cidr.Contains(s.cidr)) {
      return Status::InvalidInput(fmt::format("topology: subnet {} ({}) is outside the VPC {}",
                                              s.Key(), s.cidr.ToString(), ctx.vpc_cidr.ToString()));
    }
    for (const auto* other_text : {&net.pod_cidr, &net.service_cidr}) {
      auto other = Cidr::Parse(*other_text);
      if (other.ok() && other->Overlaps(s.cidr)) {
        return Status::InvalidInput(fmt::format("topology: subnet {} ({}) overlaps {}", s.Key(),
                                                s.cidr.ToString(), *other_text));
      }
    }
    if (!ctx.existing_vpc || !s.existing_id.empty()) continue;
    for (const auto& [id, facts] : ctx.in->existing_vpc.subnets) {
      auto cidr = Cidr::Parse(facts.cidr);
      if (!cidr.ok() || !cidr->Overlaps(s.cidr)) continue;
      if (*cidr == s.cidr && (facts.zone.empty() || facts.zone == s.zone)) {
        s.existing_id = id;  // exactly equal: reuse it
        continue;
      }
      return Status::InvalidInput(
          fmt::format("topology: planned subnet {} ({}) overlaps existing subnet {} ({})", s.Key(),
                      s.cidr.ToString(), id, facts.cidr));
    }
  }
  for (size_t i = 0; i < planned->size(); ++i) {
    for (size_t j = i + 1; j < planned->size(); ++j) {
      const auto& a = (*planned)[i];
      const auto& b = (*planned)[j];
      if (a.cidr.Overlaps(b.cidr)) {
        return Status::InvalidInput(fmt::format("topology: subnets {} ({}) and {} ({}) overlap",
                                                a.Key(), a.cidr.ToString(), b.Key(),
                                                b.cidr.ToString()));
      }
    }
  }
  return Status::Ok();
}

void AddVpcAndGateway(Context* ctx) {
  const auto& config = *ctx->config;
  if (ctx->existing_vpc) {
    auto& vpc = ctx->Add("vpc", "ec2.vpc",
                         {{"existing_id", config.aws.vpc.id}, {"cidr", ctx->vpc_cidr.ToString()}});
    vpc.shared = true;
    ctx->AddSharedTag("vpc");
    auto& igw = ctx->Add(
        "igw", "ec2.internet_gateway",
        {{"existing_id", ctx->in->existing_vpc.internet_gateway_id}, {"vpc_id", Ref("vpc")}});
    igw.shared = true;
    ctx->AddSharedTag("igw");
    ctx->igw_ready = "igw";
    return;
  }
  ctx->Add("vpc", "ec2.vpc",
           {{"cidr", ctx->vpc_cidr.ToString()},
            {"enable_dns_support", true},
            {"enable_dns_hostnames", true},
            {"tags", ctx->Tags("vpc", ctx->Name("vpc"))}});
  // Creating the gateway needs nothing; only attaching it needs the VPC.
  ctx->Add("igw", "ec2.internet_gateway", {{"tags", ctx->Tags("igw", ctx->Name("igw"))}});
  ctx->Add("igw/attach", "ec2.igw_attachment",
           {{"internet_gateway_id", Ref("igw")}, {"vpc_id", Ref("vpc")}});
  ctx->igw_ready = "igw/attach";
}

void AddSubnet(Context* ctx, const PlannedSubnet& s) {
  const std::string key = s.Key();
  if (!s.existing_id.empty()) {
    auto& node = ctx->Add(key, "ec2.subnet",
                          {{"existing_id", s.existing_id},
                           {"cidr", s.cidr.ToString()},
                           {"availability_zone", s.zone},
                           {"vpc_id", Ref("vpc")}});
    node.shared = true;
    ctx->AddSharedTag(key);
    return;
  }
  const bool is_public = s.role == "master";
  std::map<std::string, std::string> extra;
  extra[is_public ? "kubernetes.io/role/elb" : "kubernetes.io/role/internal-elb"] = "1";
  ctx->Add(key, "ec2.subnet",
           {{"vpc_id", Ref("vpc")},
            {"cidr", s.cidr.ToString()},
            {"availability_zone", s.zone},
            {"map_public_ip_on_launch", is_public},
            {"tags", ctx->Tags(key, ctx->Name(s.role + "-" + s.zone), extra)}});
  // A borrowed subnet keeps the user's routing; ours are associated to our route tables.
  const std::string rtb = is_public ? "rtb/public" : "rtb/private/" + s.zone;
  ctx->Add("rtbassoc/" + s.role + "/" + s.zone, "ec2.route_table_association",
           {{"route_table_id", Ref(rtb)}, {"subnet_id", Ref(key)}});
}

}  // namespace

void Context::AddSharedTag(const std::string& key) {
  Add("tag/" + key, "ec2.tag",
      {{"resource_id", Ref(key)},
       {"tags", {{"kubernetes.io/cluster/" + in->cluster_id, "shared"}}}});
}

Status AddNetwork(Context* ctx) {
  TECTONIC_ASSIGN_OR_RETURN(auto planned, PlanSubnets(*ctx));
  TECTONIC_RETURN_IF_ERROR(CheckSubnets(*ctx, &planned));
  AddVpcAndGateway(ctx);

  ctx->Add("rtb/public", "ec2.route_table",
           {{"vpc_id", Ref("vpc")}, {"tags", ctx->Tags("rtb/public", ctx->Name("public"))}});
  ctx->Add("route/public", "ec2.route",
           {{"route_table_id", Ref("rtb/public")},
            {"destination_cidr_block", "0.0.0.0/0"},
            {"gateway_id", Ref("igw")}},
           {ctx->igw_ready});
  for (const auto& az : ctx->zones) {
    const std::string rtb = "rtb/private/" + az;
    ctx->Add(rtb, "ec2.route_table",
             {{"vpc_id", Ref("vpc")}, {"tags", ctx->Tags(rtb, ctx->Name("private-" + az))}});
  }
  for (const auto& s : planned) AddSubnet(ctx, s);

  // NAT: the long pole. It needs its EIP, its public subnet and an attached gateway (else it
  // fails with Gateway.NotAttached), nothing else.
  const bool single = ctx->config->aws.vpc.nat_gateways == model::NatMode::kSingle;
  for (const auto& az : ctx->zones) {
    if (single && az != ctx->zones.front()) continue;
    const std::string eip = "eip/" + az;
    const std::string nat = "nat/" + az;
    ctx->Add(eip, "ec2.eip", {{"domain", "vpc"}, {"tags", ctx->Tags(eip, ctx->Name("eip-" + az))}});
    ctx->Add(nat, "ec2.nat_gateway",
             {{"subnet_id", Ref("subnet/master/" + az)},
              {"allocation_id", Ref(eip)},
              {"connectivity_type", "public"},
              {"tags", ctx->Tags(nat, ctx->Name("nat-" + az))}},
             {ctx->igw_ready});
  }
  for (const auto& az : ctx->zones) {
    ctx->Add("route/private/" + az, "ec2.route",
             {{"route_table_id", Ref("rtb/private/" + az)},
              {"destination_cidr_block", "0.0.0.0/0"},
              {"nat_gateway_id", Ref(ctx->NatKeyFor(az))}});
  }
  return Status::Ok();
}

}  // namespace tectonic::topology::internal
