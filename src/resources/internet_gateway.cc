// ec2.internet_gateway and ec2.igw_attachment (KINDS.md). A shared gateway is verified to be
// attached to the VPC; the attachment absorbs Resource.AlreadyAssociated and Gateway.NotAttached.
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

// Internet gateways, one describe for every node of a kind (describe_cache.h).
class GatewayCache : public DescribeCache<aws::InternetGateway> {
 public:
  explicit GatewayCache(aws::Ec2& ec2)
      : DescribeCache(
            [&ec2](const aws::DescribeQuery& q) { return ec2.DescribeInternetGateways(q); },
            [](const aws::InternetGateway& g) { return g.id; }) {}
};

const aws::InternetGatewayAttachment* AttachmentTo(const aws::InternetGateway& igw,
                                                   const std::string& vpc_id) {
  for (const auto& a : igw.attachments) {
    if (a.vpc_id == vpc_id && a.state != "detached") return &a;
  }
  return nullptr;
}

class InternetGatewayHandler : public engine::ResourceHandler {
 public:
  explicit InternetGatewayHandler(aws::AwsClient& client) : ec2_(client), cache_(ec2_) {}

  void BeginRun() override { cache_.Clear(); }

  Result<std::optional<Outputs>> Find(const NodeContext& ctx, const json& props,
                                      const std::optional<Outputs>& journaled) override {
    if (ctx.shared) return FindShared(ctx, props);
    auto since = cache_.Since(ctx.key);
    if (auto id = JournaledId(journaled)) {
      TECTONIC_ASSIGN_OR_RETURN(auto igw, cache_.ById(ctx.cluster_id, *id, since));
      if (igw) return std::optional<Outputs>(Outputs{{"id", igw->id}});
    }
    TECTONIC_ASSIGN_OR_RETURN(auto gateways, cache_.Owned(ctx, since));
    const auto* owned = FirstOwnedBy(gateways, ctx);
    if (!owned) return std::optional<Outputs>();
    return std::optional<Outputs>(Outputs{{"id", owned->id}});
  }

  Result<Outputs> Create(const NodeContext& ctx, const json& props) override {
    cache_.Touch(ctx.key);
    auto igw = ec2_.CreateInternetGateway(TagsFor(ctx, props));
    if (!igw.ok()) return InContext(ctx, igw.status());
    return Outputs{{"id", igw->id}};
  }

  // DeleteInternetGateway is synchronous: once it succeeded the gateway is gone.
  Status Delete(const NodeContext& ctx, const json&, const Outputs& outputs) override {
    return InContext(ctx, ClassifyDelete(ec2_.DeleteInternetGateway(outputs.value("id", ""))));
  }

 private:
  Result<std::optional<Outputs>> FindShared(const NodeContext& ctx, const json& props) {
    TECTONIC_ASSIGN_OR_RETURN(std::string id, RequiredString(props, "existing_id"));
    TECTONIC_ASSIGN_OR_RETURN(std::string vpc_id, RequiredString(props, "vpc_id"));
    auto igw = cache_.ById("", id, DescribeCache<aws::InternetGateway>::kAnyAge);
    if (!igw.ok()) return InContext(ctx, igw.status());
    if (!*igw)
      return Status::PreconditionFailed("existing internet gateway " + id + " does not exist");
    const auto* attachment = AttachmentTo(**igw, vpc_id);
    if (attachment == nullptr) {
      return Status::PreconditionFailed("existing internet gateway " + id + " is not attached to " +
                                        vpc_id);
    }
    if (attachment->state != "available" && attachment->state != "attached") {
      return Status::PreconditionFailed("existing internet gateway " + id + " is " +
                                        attachment->state + " on " + vpc_id);
    }
    return std::optional<Outputs>(Outputs{{"id", id}});
  }

  aws::Ec2 ec2_;
  GatewayCache cache_;
};

class IgwAttachmentHandler : public engine::ResourceHandler {
 public:
  explicit IgwAttachmentHandler(aws::AwsClient& client) : ec2_(client), cache_(ec2_) {}

  void BeginRun() override { cache_.Clear(); }

  Result<std::optional<Outputs>> Find(const NodeContext& ctx, const json& props,
                                      const std::optional<Outputs>&) override {
    TECTONIC_ASSIGN_OR_RETURN(std::string igw_id, RequiredString(props, "internet_gateway_id"));
    TECTONIC_ASSIGN_OR_RETURN(std::string vpc_id, RequiredString(props, "vpc_id"));
    auto igw = cache_.ById(ctx.cluster_id, igw_id, cache_.Since(ctx.key));
    if (!igw.ok()) return InContext(ctx, igw.status());
    if (!*igw || AttachmentTo(**igw, vpc_id) == nullptr) return std::optional<Outputs>();
    return std::optional<Outputs>(ToOutputs(igw_id, vpc_id));
  }

  Result<Outputs> Create(const NodeContext& ctx, const json& props) override {
    TECTONIC_ASSIGN_OR_RETURN(std::string igw_id, RequiredString(props, "internet_gateway_id"));
    TECTONIC_ASSIGN_OR_RETURN(std::string vpc_id, RequiredString(props, "vpc_id"));
    cache_.Touch(ctx.key);
    Status attached = ec2_.AttachInternetGateway(igw_id, vpc_id);
    if (HasAwsCode(attached, "Resource.AlreadyAssociated")) {
      // Already attached: fine when it is to this VPC, final when to another one.
      TECTONIC_ASSIGN_OR_RETURN(auto igw,
                                cache_.ById(ctx.cluster_id, igw_id, cache_.Since(ctx.key)));
      if (igw && AttachmentTo(*igw, vpc_id) != nullptr) return ToOutputs(igw_id, vpc_id);
      return InContext(ctx, Status::Failed("internet gateway " + igw_id +
                                           " is attached to another VPC than " + vpc_id));
    }
    if (!attached.ok()) return InContext(ctx, NotFoundIsNotYetConsistent(attached));
    return ToOutputs(igw_id, vpc_id);
  }

  Result<Poll> Wait(const NodeContext& ctx, const json& props, const Outputs& outputs) override {
    std::string igw_id = outputs.value("internet_gateway_id", "");
    std::string vpc_id = outputs.value("vpc_id", StringOr(props, "vpc_id", ""));
    auto igw = cache_.ById(ctx.cluster_id, igw_id, cache_.PollSince(ctx.key));
    if (!igw.ok()) return InContext(ctx, NotFoundIsNotYetConsistent(igw.status()));
    const auto* attachment = *igw ? AttachmentTo(**igw, vpc_id) : nullptr;
    if (attachment == nullptr) {
      return Status::NotYetConsistent("attachment of " + igw_id + " to " + vpc_id);
    }
    if (attachment->state == "available" || attachment->state == "attached") {
      return PollDone(outputs);
    }
    return PollAgain(std::chrono::seconds(2), attachment->state);
  }

  // DependencyViolation while public addresses are mapped in the VPC -> Dependency.
  Status Delete(const NodeContext& ctx, const json& props, const Outputs& outputs) override {
    std::string igw_id =
        outputs.value("internet_gateway_id", StringOr(props, "internet_gateway_id", ""));
    std::string vpc_id = outputs.value("vpc_id", StringOr(props, "vpc_id", ""));
    cache_.Touch(ctx.key);
    Status detached = ec2_.DetachInternetGateway(igw_id, vpc_id);
    if (HasAwsCode(detached, "Gateway.NotAttached")) return Status::Ok();
    return InContext(ctx, ClassifyDelete(detached));
  }

  Result<Poll> WaitDeleted(const NodeContext& ctx, const json& props,
                           const Outputs& outputs) override {
    std::string igw_id =
        outputs.value("internet_gateway_id", StringOr(props, "internet_gateway_id", ""));
    std::string vpc_id = outputs.value("vpc_id", StringOr(props, "vpc_id", ""));
    auto igw = cache_.ById(ctx.cluster_id, igw_id, cache_.PollSince(ctx.key));
    if (!igw.ok()) return InContext(ctx, igw.status());
    if (!*igw || AttachmentTo(**igw, vpc_id) == nullptr) return PollDone({});
    return PollAgain(std::chrono::seconds(2), "detaching");
  }

 private:
  static Outputs ToOutputs(const std::string& igw_id, const std::string& vpc_id) {
    return Outputs{
        {"id", igw_id + ":" + vpc_id}, {"internet_gateway_id", igw_id}, {"vpc_id", vpc_id}};
  }

  aws::Ec2 ec2_;
  GatewayCache cache_;
};

}  // namespace

std::unique_ptr<engine::ResourceHandler> NewInternetGatewayHandler(aws::AwsClient& client) {
  return std::make_unique<InternetGatewayHandler>(client);
}

std::unique_ptr<engine::ResourceHandler> NewIgwAttachmentHandler(aws::AwsClient& client) {
  return std::make_unique<IgwAttachmentHandler>(client);
}

}  // namespace tectonic::resources
