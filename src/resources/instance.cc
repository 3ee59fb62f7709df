// ec2.instance (KINDS.md): the etcd members. RunInstances with the node's ClientToken, so a
// retried Create returns the same instance instead of launching a second one.
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "aws/ec2.h"
#include "resources/compute.h"
#include "resources/describe_cache.h"
#include "resources/handler_util.h"

namespace tectonic::resources {
namespace {

using engine::NodeContext;
using engine::Outputs;
using engine::Poll;
using nlohmann::json;

bool IsGone(const aws::Instance& instance) {
  return instance.state == "terminated" || instance.state == "shutting-down";
}

Outputs ToOutputs(const aws::Instance& instance) {
  return Outputs{{"id", instance.id},
                 {"private_ip", instance.private_ip},
                 {"availability_zone", instance.availability_zone}};
}

// How long an instance may stay invisible by id after its terminate before it counts as gone:
// NotFound right after a terminate is eventual consistency, but an id that never shows (never
// launched, or purged after AWS's hour of showing it terminated) must not be waited on forever.
constexpr std::chrono::seconds kInvisibleIsGoneAfter{60};

class InstanceHandler : public engine::ResourceHandler {
 public:
  explicit InstanceHandler(aws::AwsClient& client)
      : client_(client),
        ec2_(client),
        cache_([this](const aws::DescribeQuery& q) { return ec2_.DescribeInstances(q); },
               [](const aws::Instance& i) { return i.id; }) {}

  void BeginRun() override { cache_.Clear(); }

  Result<std::optional<Outputs>> Find(const NodeContext& ctx, const json&,
                                      const std::optional<Outputs>& journaled) override {
    auto since = cache_.Since(ctx.key);
    if (auto id = JournaledId(journaled)) {
      TECTONIC_ASSIGN_OR_RETURN(auto instance, cache_.ById(ctx.cluster_id, *id, since));
      if (instance && !IsGone(*instance)) return std::optional<Outputs>(ToOutputs(*instance));
    }
    return ByTag(ctx, since);
  }

  Result<Outputs> Create(const NodeContext& ctx, const json& props) override {
    // The ClientToken makes a retried RunInstances return the same instance on AWS; looking
    // by tag first also covers emulators that ignore the token (a second instance would be
    // a second etcd member).
    // The answer of this node's Find will do for its first attempt (nothing of it changed
    // since); a retried Create asks AWS again.
    TECTONIC_ASSIGN_OR_RETURN(auto existing, ByTag(ctx, cache_.Since(ctx.key)));
    if (existing) return *existing;
    cache_.Touch(ctx.key);
    return Run(ctx, props);
  }

  // A live instance carrying the node's ownership tags.
  Result<std::optional<Outputs>> ByTag(const NodeContext& ctx,
                                       DescribeCache<aws::Instance>::Time since) {
    auto instances = cache_.Owned(ctx, since);
    if (!instances.ok()) return InContext(ctx, instances.status());
    for (const auto& instance : *instances) {
      if (IsOwnedBy(instance.tags, ctx) && !IsGone(instance)) {
        return std::optional<Outputs>(ToOutputs(instance));
      }
    }
    return std::optional<Outputs>();
  }

  // RunInstances with the node's ClientToken, tags, IMDSv2 and the Ignition pointer.
  Result<Outputs> Run(const NodeContext& ctx, const json& props) {
    aws::RunInstancesInput in;
    TECTONIC_ASSIGN_OR_RETURN(in.image_id, RequiredString(props, "image_id"));
    TECTONIC_ASSIGN_OR_RETURN(in.instance_type, RequiredString(props, "instance_type"));
    TECTONIC_ASSIGN_OR_RETURN(in.subnet_id, RequiredString(props, "subnet_id"));
    TECTONIC_ASSIGN_OR_RETURN(in.user_data, PointerUserData(props));
    in.key_name = StringOr(props, "key_name", "");
    in.security_group_ids = StringList(props, "security_group_ids");
    in.iam_instance_profile_arn = StringOr(props, "iam_instance_profile_arn", "");
    in.block_devices = RootVolume(props);
    in.require_imdsv2 = StringOr(props, "metadata_http_tokens", "required") == "required";
    in.client_token = ctx.client_token;
    in.instance_tags = TagsFor(ctx, props);
    in.volume_tags = in.instance_tags;
    auto reservation = ec2_.RunInstances(in);
    if (!reservation.ok()) {
      const Status& status = reservation.status();
      if (IsProfilePropagation(status)) {
        return InContext(ctx, Status::NotYetConsistent("instance profile not visible to EC2 yet: " +
                                                       status.message()));
      }
      // A subnet or security group created moments ago may not be visible yet.
      return InContext(ctx, NotFoundIsNotYetConsistent(status));
    }
    if (reservation->instances.empty()) {
      return InContext(ctx, Status::Internal("RunInstances returned no instance"));
    }
    return ToOutputs(reservation->instances.front());
  }

  // pending -> again in 10 s; running -> done; anything else is final.
  Result<Poll> Wait(const NodeContext& ctx, const json&, const Outputs& outputs) override {
    std::string id = outputs.value("id", "");
    TECTONIC_ASSIGN_OR_RETURN(auto instance,
                              cache_.ById(ctx.cluster_id, id, cache_.PollSince(ctx.key)));
    if (!instance) return Status::NotYetConsistent("instance " + id + " not visible yet");
    if (instance->state == "running") return PollDone(ToOutputs(*instance));
    if (instance->state == "pending") return PollAgain(std::chrono::seconds(10), "pending");
    return InContext(ctx, Status::Failed("instance " + id + " is " + instance->state +
                                         " while waiting for it to run"));
  }

  Status Delete(const NodeContext& ctx, const json&, const Outputs& outputs) override {
    cache_.Touch(ctx.key);
    auto changes = ec2_.TerminateInstances({outputs.value("id", "")});
    return InContext(ctx, ClassifyDelete(changes.status()));
  }

  // InvalidInstanceID.NotFound right after a terminate does not prove the instance is gone
  // (AWS shows terminated instances for an hour): keep describing by id.
  // An id invisible for kInvisibleIsGoneAfter in a row (by the client's clock) is gone.
  Result<Poll> WaitDeleted(const NodeContext& ctx, const json&, const Outputs& outputs) override {
    std::string id = outputs.value("id", "");
    auto instance = cache_.ById(ctx.cluster_id, id, cache_.PollSince(ctx.key));
    if (!instance.ok()) return InContext(ctx, instance.status());
    std::lock_guard<std::mutex> lock(mu_);
    if (!*instance) {
      auto now = client_.clock().Steady();
      auto first = invisible_since_.emplace(id, now).first->second;
      if (now - first >= kInvisibleIsGoneAfter) {
        invisible_since_.erase(id);
        return PollDone({});
      }
      return PollAgain(std::chrono::seconds(5), "not visible");
    }
    invisible_since_.erase(id);
    if ((*instance)->state == "terminated") return PollDone({});
    return PollAgain(std::chrono::seconds(10), (*instance)->state);
  }

 private:
  aws::AwsClient& client_;
  aws::Ec2 ec2_;
  DescribeCache<aws::Instance> cache_;
  std::mutex mu_;  // guards invisible_since_ (handlers are shared by worker threads)
  std::map<std::string, std::chrono::steady_clock::time_point> invisible_since_;
};

}  // namespace

std::unique_ptr<engine::ResourceHandler> NewInstanceHandler(aws::AwsClient& client) {
  return std::make_unique<InstanceHandler>(client);
}

}  // namespace tectonic::resources
