// ec2.subnet (KINDS.md): tag or natural-key (vpc + CIDR) find, one CreateSubnet, and
// MapPublicIpOnLaunch set in Wait (so Create makes one mutating call). Shared subnets are
// verified against the planned CIDR and zone.
#include <optional>
#include <string>

#include "aws/ec2.h"
#include "resources/describe_cache.h"
#include "resources/handler_util.h"
#include "resources/network.h"

namespace tectonic::resources {
namespace {

using engine::NodeContext;
using engine::Outputs;
using engine::Poll;
using nlohmann::json;

Outputs ToOutputs(const aws::Subnet& subnet) {
  return Outputs{{"id", subnet.id},
                 {"cidr", subnet.cidr_block},
                 {"availability_zone", subnet.availability_zone}};
}

class SubnetHandler : public engine::ResourceHandler {
 public:
  explicit SubnetHandler(aws::AwsClient& client)
      : ec2_(client),
        cache_([this](const aws::DescribeQuery& q) { return ec2_.DescribeSubnets(q); },
               [](const aws::Subnet& s) { return s.id; }) {}

  void BeginRun() override { cache_.Clear(); }

  Result<std::optional<Outputs>> Find(const NodeContext& ctx, const json& props,
                                      const std::optional<Outputs>& journaled) override {
    if (ctx.shared) return FindShared(ctx, props);
    auto since = cache_.Since(ctx.key);
    if (auto id = JournaledId(journaled)) {
      TECTONIC_ASSIGN_OR_RETURN(auto subnet, cache_.ById(ctx.cluster_id, *id, since));
      if (subnet) return std::optional<Outputs>(ToOutputs(*subnet));
    }
    TECTONIC_ASSIGN_OR_RETURN(auto tagged, cache_.Owned(ctx, since));
    if (const auto* owned = FirstOwnedBy(tagged, ctx)) {
      return std::optional<Outputs>(ToOutputs(*owned));
    }
    return FindByCidr(ctx, props, since);
  }

  Result<Outputs> Create(const NodeContext& ctx, const json& props) override {
    aws::CreateSubnetInput in;
    TECTONIC_ASSIGN_OR_RETURN(in.vpc_id, RequiredString(props, "vpc_id"));
    TECTONIC_ASSIGN_OR_RETURN(in.cidr_block, RequiredString(props, "cidr"));
    in.availability_zone = StringOr(props, "availability_zone", "");
    in.tags = TagsFor(ctx, props);
    cache_.Touch(ctx.key);
    auto subnet = ec2_.CreateSubnet(in);
    if (HasAwsCode(subnet.status(), "InvalidSubnet.Conflict")) {
      // The range exists: ours from an earlier, unrecorded create, or someone else's.
      TECTONIC_ASSIGN_OR_RETURN(auto found, FindByCidr(ctx, props, cache_.Since(ctx.key)));
      if (found) return *found;
    }
    if (!subnet.ok()) return InContext(ctx, NotFoundIsNotYetConsistent(subnet.status()));
    return ToOutputs(*subnet);
  }

  Result<Poll> Wait(const NodeContext& ctx, const json& props, const Outputs& outputs) override {
    std::string id = outputs.value("id", "");
    auto subnet = cache_.ById(ctx.cluster_id, id, cache_.PollSince(ctx.key));
    if (!subnet.ok()) return InContext(ctx, subnet.status());
    if (!*subnet) return Status::NotYetConsistent("subnet " + id + " not visible yet");
    if ((*subnet)->state != "available")
      return PollAgain(std::chrono::seconds(2), (*subnet)->state);
    bool want_public = BoolOr(props, "map_public_ip_on_launch", false);
    if (!ctx.shared && want_public && !(*subnet)->map_public_ip_on_launch) {
      cache_.Touch(ctx.key);
      Status modified = ec2_.ModifySubnetMapPublicIpOnLaunch(id, true);
      if (!modified.ok()) return InContext(ctx, NotFoundIsNotYetConsistent(modified));
    }
    return PollDone(ToOutputs(**subnet));
  }

  // DeleteSubnet is synchronous: once it succeeded the subnet is gone (no WaitDeleted poll).
  Status Delete(const NodeContext& ctx, const json&, const Outputs& outputs) override {
    cache_.Touch(ctx.key);
    return InContext(ctx, ClassifyDelete(ec2_.DeleteSubnet(outputs.value("id", ""))));
  }

 private:
  Result<std::optional<aws::Subnet>> DescribeSubnet(const std::string& id) {
    auto subnets = ec2_.DescribeSubnets({{id}, {}});
    if (!subnets.ok() && IsNotFound(subnets.status())) return std::optional<aws::Subnet>();
    if (!subnets.ok()) return subnets.status();
    if (subnets->empty()) return std::optional<aws::Subnet>();
    return std::optional<aws::Subnet>(subnets->front());
  }

  // Natural key: a subnet of the VPC with the planned CIDR. Ours only with our tags.
  // One answer (every subnet of the VPC) serves every node's look.
  Result<std::optional<Outputs>> FindByCidr(const NodeContext& ctx, const json& props,
                                            DescribeCache<aws::Subnet>::Time since) {
    std::string vpc_id = StringOr(props, "vpc_id", "");
    std::string cidr = StringOr(props, "cidr", "");
    if (vpc_id.empty() || cidr.empty()) return std::optional<Outputs>();
    TECTONIC_ASSIGN_OR_RETURN(auto subnets, cache_.Filtered({{"vpc-id", {vpc_id}}}, since));
    for (const auto& subnet : subnets) {
      if (subnet.vpc_id != vpc_id || subnet.cidr_block != cidr) continue;
      if (!IsOwnedBy(subnet.tags, ctx)) {
        return Status::PreconditionFailed("subnet range " + cidr + " of " + vpc_id +
                                          " is taken by " + subnet.id +
                                          ", which tectonic did not create for " + ctx.key);
      }
      return std::optional<Outputs>(ToOutputs(subnet));
    }
    return std::optional<Outputs>();
  }

  Result<std::optional<Outputs>> FindShared(const NodeContext& ctx, const json& props) {
    TECTONIC_ASSIGN_OR_RETURN(std::string id, RequiredString(props, "existing_id"));
    auto subnet = DescribeSubnet(id);
    if (!subnet.ok()) return InContext(ctx, subnet.status());
    if (!*subnet) return Status::PreconditionFailed("existing subnet " + id + " does not exist");
    const aws::Subnet& s = **subnet;
    std::string cidr = StringOr(props, "cidr", "");
    std::string zone = StringOr(props, "availability_zone", "");
    std::string vpc_id = StringOr(props, "vpc_id", "");
    if (!cidr.empty() && s.cidr_block != cidr) {
      return Status::PreconditionFailed("existing subnet " + id + " has CIDR " + s.cidr_block +
                                        ", the plan expects " + cidr);
    }
    if (!zone.empty() && s.availability_zone != zone) {
      return Status::PreconditionFailed("existing subnet " + id + " is in " + s.availability_zone +
                                        ", the plan expects " + zone);
    }
    if (!vpc_id.empty() && s.vpc_id != vpc_id) {
      return Status::PreconditionFailed("existing subnet " + id + " belongs to " + s.vpc_id +
                                        ", not " + vpc_id);
    }
    return std::optional<Outputs>(ToOutputs(s));
  }

  aws::Ec2 ec2_;
  DescribeCache<aws::Subnet> cache_;
};

}  // namespace

std::unique_ptr<engine::ResourceHandler> NewSubnetHandler(aws::AwsClient& client) {
  return std::make_unique<SubnetHandler>(client);
}

}  // namespace tectonic::resources
