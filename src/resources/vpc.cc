// ec2.vpc (KINDS.md): CreateVpc, then DNS support/hostnames set in Wait so that Create makes
// exactly one mutating call (a retried Create never makes a second VPC); shared mode verifies.
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

class VpcHandler : public engine::ResourceHandler {
 public:
  explicit VpcHandler(aws::AwsClient& client)
      : ec2_(client),
        cache_([this](const aws::DescribeQuery& q) { return ec2_.DescribeVpcs(q); },
               [](const aws::Vpc& v) { return v.id; }) {}

  void BeginRun() override { cache_.Clear(); }

  Result<std::optional<Outputs>> Find(const NodeContext& ctx, const json& props,
                                      const std::optional<Outputs>& journaled) override {
    if (ctx.shared) return FindShared(ctx, props);
    auto since = cache_.Since(ctx.key);
    if (auto id = JournaledId(journaled)) {
      TECTONIC_ASSIGN_OR_RETURN(auto vpc, cache_.ById(ctx.cluster_id, *id, since));
      if (vpc) return std::optional<Outputs>(ToOutputs(*vpc));
    }
    TECTONIC_ASSIGN_OR_RETURN(auto vpcs, cache_.Owned(ctx, since));
    const auto* owned = FirstOwnedBy(vpcs, ctx);
    if (!owned) return std::optional<Outputs>();
    return std::optional<Outputs>(ToOutputs(*owned));
  }

  Result<Outputs> Create(const NodeContext& ctx, const json& props) override {
    TECTONIC_ASSIGN_OR_RETURN(std::string cidr, RequiredString(props, "cidr"));
    cache_.Touch(ctx.key);
    auto vpc = ec2_.CreateVpc({cidr, TagsFor(ctx, props)});
    if (!vpc.ok()) return InContext(ctx, vpc.status());
    return ToOutputs(*vpc);
  }

  // available, then the two DNS attributes as the props want them (one per call: the API
  // takes a single attribute per ModifyVpcAttribute).
  Result<Poll> Wait(const NodeContext& ctx, const json& props, const Outputs& outputs) override {
    std::string id = outputs.value("id", "");
    auto vpc = cache_.ById(ctx.shared ? "" : ctx.cluster_id, id, cache_.PollSince(ctx.key));
    if (!vpc.ok()) return InContext(ctx, NotFoundIsNotYetConsistent(vpc.status()));
    if (!*vpc) return Status::NotYetConsistent("vpc " + id + " not visible yet");
    if ((*vpc)->state != "available") return PollAgain(std::chrono::seconds(2), (*vpc)->state);
    if (!ctx.shared) {
      TECTONIC_RETURN_IF_ERROR(EnsureAttribute(ctx, id, aws::VpcAttribute::kEnableDnsSupport,
                                               BoolOr(props, "enable_dns_support", true)));
      TECTONIC_RETURN_IF_ERROR(EnsureAttribute(ctx, id, aws::VpcAttribute::kEnableDnsHostnames,
                                               BoolOr(props, "enable_dns_hostnames", true)));
    }
    Outputs enriched = outputs;
    if (enriched.value("main_route_table_id", "").empty()) {
      TECTONIC_ASSIGN_OR_RETURN(enriched["main_route_table_id"], MainRouteTable(id));
    }
    return PollDone(std::move(enriched));
  }

  // DeleteVpc is synchronous: once it succeeded the VPC is gone (no WaitDeleted poll).
  Status Delete(const NodeContext& ctx, const json&, const Outputs& outputs) override {
    return InContext(ctx, ClassifyDelete(ec2_.DeleteVpc(outputs.value("id", ""))));
  }

 private:
  Result<std::optional<Outputs>> FindShared(const NodeContext& ctx, const json& props) {
    TECTONIC_ASSIGN_OR_RETURN(std::string id, RequiredString(props, "existing_id"));
    auto vpcs = ec2_.DescribeVpcs({{id}, {}});
    if ((!vpcs.ok() && IsNotFound(vpcs.status())) || (vpcs.ok() && vpcs->empty())) {
      return Status::PreconditionFailed("existing VPC " + id + " does not exist");
    }
    if (!vpcs.ok()) return InContext(ctx, vpcs.status());
    Outputs out = ToOutputs(vpcs->front());
    std::string cidr = StringOr(props, "cidr", "");
    if (!cidr.empty() && cidr != out["cidr"]) {
      return Status::PreconditionFailed("existing VPC " + id + " has CIDR " +
                                        out["cidr"].get<std::string>() + ", config says " + cidr);
    }
    TECTONIC_ASSIGN_OR_RETURN(out["main_route_table_id"], MainRouteTable(id));
    return std::optional<Outputs>(out);
  }

  Status EnsureAttribute(const NodeContext& ctx, const std::string& id, aws::VpcAttribute attribute,
                         bool want) {
    auto live = ec2_.DescribeVpcAttribute(id, attribute);
    if (!live.ok()) return InContext(ctx, NotFoundIsNotYetConsistent(live.status()));
    if (*live == want) return Status::Ok();
    return InContext(ctx, NotFoundIsNotYetConsistent(ec2_.ModifyVpcAttribute(id, attribute, want)));
  }

  Result<std::string> MainRouteTable(const std::string& vpc_id) {
    auto tables =
        ec2_.DescribeRouteTables({{}, {{"vpc-id", {vpc_id}}, {"association.main", {"true"}}}});
    if (!tables.ok()) return NotFoundIsNotYetConsistent(tables.status());
    if (tables->empty()) return Status::NotYetConsistent("main route table of " + vpc_id);
    return tables->front().id;
  }

  static Outputs ToOutputs(const aws::Vpc& vpc) {
    return Outputs{{"id", vpc.id}, {"cidr", vpc.cidr_block}};
  }

  aws::Ec2 ec2_;
  DescribeCache<aws::Vpc> cache_;
};

}  // namespace

std::unique_ptr<engine::ResourceHandler> NewVpcHandler(aws::AwsClient& client) {
  return std::make_unique<VpcHandler>(client);
}

}  // namespace tectonic::resources
