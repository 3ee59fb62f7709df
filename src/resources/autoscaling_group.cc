// autoscaling.group (KINDS.md): natural key = group name (ASGs take no client token, and a
// second CreateAutoScalingGroup answers AlreadyExists). Tags do not propagate: the launch
// template tags what the group launches.
#include <algorithm>
#include <optional>
#include <string>

#include "aws/autoscaling.h"
#include "aws/xml_util.h"
#include "resources/compute.h"
#include "resources/describe_cache.h"
#include "resources/handler_util.h"

namespace tectonic::resources {
namespace {

using engine::NodeContext;
using engine::Outputs;
using engine::Poll;
using nlohmann::json;

constexpr std::string_view kDeleting = "Delete in progress";

Outputs ToOutputs(const aws::AutoScalingGroup& group) {
  return Outputs{{"id", group.name}, {"arn", group.arn}, {"name", group.name}};
}

class AutoScalingGroupHandler : public engine::ResourceHandler {
 public:
  // The shared answer is every group of the region (pages of 100): both groups of a cluster
  // are found, and polled, with one call.
  explicit AutoScalingGroupHandler(aws::AwsClient& client)
      : client_(client),
        asg_(client),
        cache_(
            [this](const aws::DescribeQuery& q) {
              return asg_.DescribeAutoScalingGroups(q.ids);  // no ids: every group
            },
            [](const aws::AutoScalingGroup& g) { return g.name; }) {}

  void BeginRun() override { cache_.Clear(); }

  Result<std::optional<Outputs>> Find(const NodeContext& ctx, const json& props,
                                      const std::optional<Outputs>& journaled) override {
    std::string name = StringOr(props, "name", "");
    if (auto id = JournaledId(journaled)) name = *id;
    if (name.empty()) return std::optional<Outputs>();
    auto group = cache_.ById(ctx.cluster_id, name, cache_.Since(ctx.key));
    if (!group.ok()) return InContext(ctx, group.status());
    if (!*group || (*group)->status == kDeleting) return std::optional<Outputs>();
    TECTONIC_RETURN_IF_ERROR(InContext(ctx, CheckOwner(ctx, **group)));
    return std::optional<Outputs>(ToOutputs(**group));
  }

  Result<Outputs> Create(const NodeContext& ctx, const json& props) override {
    aws::CreateAutoScalingGroupInput in;
    TECTONIC_ASSIGN_OR_RETURN(in.name, RequiredString(props, "name"));
    TECTONIC_ASSIGN_OR_RETURN(in.launch_template_id, RequiredString(props, "launch_template_id"));
    in.launch_template_version = StringOr(props, "launch_template_version", "$Latest");
    in.min_size = IntOr(props, "min_size", 0);
    in.max_size = IntOr(props, "max_size", in.min_size);
    in.desired_capacity = IntOr(props, "desired_capacity", in.min_size);
    in.subnet_ids = StringList(props, "subnets");
    in.target_group_arns = StringList(props, "target_group_arns");
    in.health_check_type = StringOr(props, "health_check_type", "EC2");
    in.health_check_grace_period = IntOr(props, "health_check_grace_period", 300);
    for (const auto& [key, value] : TagsFor(ctx, props)) {
      in.tags.push_back({key, value, /*propagate_at_launch=*/false});
    }
    cache_.Touch(ctx.key);
    Status created = asg_.CreateAutoScalingGroup(in);
    if (!created.ok() && !HasAwsCode(created, "AlreadyExists")) {
      if (IsProfilePropagation(created)) {
        return InContext(ctx, Status::NotYetConsistent("instance profile not visible yet: " +
                                                       created.message()));
      }
      return InContext(ctx, NotFoundIsNotYetConsistent(created));
    }
    auto group = cache_.ById(ctx.cluster_id, in.name, cache_.Since(ctx.key));
    if (!group.ok()) return InContext(ctx, group.status());
    if (!*group) return Status::NotYetConsistent("auto scaling group " + in.name + " not visible");
    TECTONIC_RETURN_IF_ERROR(InContext(ctx, CheckOwner(ctx, **group)));
    return ToOutputs(**group);
  }

  // Done once min_in_service instances are InService; a failed scaling activity is final.
  // The activities are read only while the group holds fewer instances than it wants (a
  // launch failed or is yet to start): launched instances on their way to InService need no
  // second call per poll.
  Result<Poll> Wait(const NodeContext& ctx, const json& props, const Outputs& outputs) override {
    std::string name = outputs.value("id", "");
    TECTONIC_ASSIGN_OR_RETURN(auto group,
                              cache_.ById(ctx.cluster_id, name, cache_.PollSince(ctx.key)));
    if (!group) return Status::NotYetConsistent("auto scaling group " + name + " not visible");
    int want = IntOr(props, "min_in_service", IntOr(props, "min_size", 0));
    int in_service = 0;
    for (const auto& instance : group->instances) {
      if (instance.lifecycle_state == "InService") ++in_service;
    }
    if (in_service >= want) return PollDone(ToOutputs(*group));
    int live = 0;
    for (const auto& instance : group->instances) {
      if (instance.lifecycle_state.rfind("Terminat", 0) != 0) ++live;
    }
    if (live >= std::max(want, group->desired_capacity)) {
      return PollAgain(std::chrono::seconds(15),
                       std::to_string(in_service) + "/" + std::to_string(want) + " InService");
    }
    if (auto failure = FailedActivity(name)) {
      return InContext(
          ctx, Status::Failed("auto scaling group " + name + " failed to launch: " + *failure));
    }
    return PollAgain(std::chrono::seconds(15),
                     std::to_string(in_service) + "/" + std::to_string(want) + " InService");
  }

  Status Delete(const NodeContext& ctx, const json&, const Outputs& outputs) override {
    cache_.Touch(ctx.key);
    Status deleted = asg_.DeleteAutoScalingGroup(outputs.value("id", ""), /*force_delete=*/true);
    if (HasAwsCode(deleted, "ScalingActivityInProgress")) {
      return InContext(ctx, Status::Dependency(deleted.message()));
    }
    // DeleteAutoScalingGroup of a missing group answers ValidationError "not found".
    if (HasAwsCode(deleted, "ValidationError") &&
        deleted.message().find("not found") != std::string::npos) {
      return Status::Ok();
    }
    return InContext(ctx, ClassifyDelete(deleted));
  }

  Result<Poll> WaitDeleted(const NodeContext& ctx, const json&, const Outputs& outputs) override {
    auto group = cache_.ById(ctx.cluster_id, outputs.value("id", ""), cache_.PollSince(ctx.key));
    if (!group.ok()) return InContext(ctx, group.status());
    if (!*group) return PollDone({});
    return PollAgain(std::chrono::seconds(15),
                     (*group)->status.empty() ? "deleting" : (*group)->status);
  }

 private:
  static Status CheckOwner(const NodeContext& ctx, const aws::AutoScalingGroup& group) {
    aws::Tags tags;
    for (const auto& tag : group.tags) tags[tag.key] = tag.value;
    return CheckNameOwner(tags, ctx, "auto scaling group " + group.name);
  }

  // The StatusMessage of the newest scaling activity when it Failed (activities come newest
  // first). Best effort: an error reading them just means "not failed as far as we know".
  std::optional<std::string> FailedActivity(const std::string& name) {
    aws::FormParams params;
    params.Add("AutoScalingGroupName", name).Add("MaxRecords", "5");
    auto response = client_.Query(aws::ops::kAutoScalingDescribeScalingActivities, params);
    if (!response.ok()) return std::nullopt;
    for (pugi::xml_node n : aws::xml::Items(response->result(), "Activities", "member")) {
      if (aws::xml::Text(n, "StatusCode") == "Failed") return aws::xml::Text(n, "StatusMessage");
      break;
    }
    return std::nullopt;
  }

  aws::AwsClient& client_;
  aws::AutoScaling asg_;
  DescribeCache<aws::AutoScalingGroup> cache_;
};

}  // namespace

std::unique_ptr<engine::ResourceHandler> NewAutoScalingGroupHandler(aws::AwsClient& client) {
  return std::make_unique<AutoScalingGroupHandler>(client);
}

}  // namespace tectonic::resources
