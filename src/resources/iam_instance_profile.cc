// iam.instance_profile handler (KINDS.md). EC2 accepts a new profile only after IAM has
// propagated it: Wait holds dependants until the role shows in the profile and `propagation`
// has passed since the create (timed by the AwsClient's clock, recorded in the outputs).
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>

#include "aws/iam.h"
#include "resources/handler_util.h"
#include "resources/platform_handlers.h"

namespace tectonic::resources {
namespace {

using engine::NodeContext;
using engine::Outputs;
using engine::Poll;
using nlohmann::json;

constexpr std::chrono::milliseconds kProfilePoll{2000};

bool HasRole(const aws::InstanceProfile& profile, const std::string& role) {
  return std::find(profile.role_names.begin(), profile.role_names.end(), role) !=
         profile.role_names.end();
}

Outputs ProfileOutputs(const aws::InstanceProfile& profile) {
  return json{{"id", profile.name}, {"arn", profile.arn}, {"name", profile.name}};
}

// Epoch seconds with millisecond precision.
double EpochSeconds(const Clock& clock) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(clock.Now().time_since_epoch());
  return static_cast<double>(ms.count()) / 1000.0;
}

// A profile that carries our role (or none yet) and no foreign cluster tag is ours.
Status CheckOwnership(const aws::InstanceProfile& profile, const NodeContext& ctx,
                      const std::string& role) {
  auto owner = profile.tags.find(std::string(kClusterIdTagKey));
  if (owner != profile.tags.end() && owner->second != ctx.cluster_id) {
    return Status::PreconditionFailed("instance profile " + profile.name + " belongs to cluster " +
                                      owner->second);
  }
  if (!profile.role_names.empty() && !HasRole(profile, role)) {
    return Status::PreconditionFailed("instance profile " + profile.name + " carries role " +
                                      profile.role_names.front() + ", not " + role);
  }
  return Status::Ok();
}

}  // namespace

Result<std::optional<Outputs>> IamInstanceProfileHandler::Find(
    const NodeContext& ctx, const json& props, const std::optional<Outputs>& journaled) {
  TECTONIC_ASSIGN_OR_RETURN(std::string name, RequiredString(props, "name"));
  TECTONIC_ASSIGN_OR_RETURN(std::string role, RequiredString(props, "role_name"));
  Result<aws::InstanceProfile> profile = aws::Iam(client_).GetInstanceProfile(name);
  if (!profile.ok()) {
    if (IsNotFound(profile.status())) return std::optional<Outputs>();
    return InContext(ctx, profile.status());
  }
  TECTONIC_RETURN_IF_ERROR(InContext(ctx, CheckOwnership(*profile, ctx, role)));
  // Without its role it is a create that stopped half way: Create adds the role.
  if (!HasRole(*profile, role)) return std::optional<Outputs>();
  Outputs outputs = ProfileOutputs(*profile);
  if (journaled && journaled->is_object() && journaled->contains("created_at")) {
    outputs["created_at"] = (*journaled)["created_at"];
  }
  return std::optional<Outputs>(std::move(outputs));
}

Result<Outputs> IamInstanceProfileHandler::Create(const NodeContext& ctx, const json& props) {
  aws::CreateInstanceProfileInput input;
  TECTONIC_ASSIGN_OR_RETURN(input.name, RequiredString(props, "name"));
  TECTONIC_ASSIGN_OR_RETURN(std::string role, RequiredString(props, "role_name"));
  input.path = StringOr(props, "path", "/");
  input.tags = TagsFor(ctx, props);
  aws::Iam iam(client_);
  const double created_at = EpochSeconds(client_.clock());
  Result<aws::InstanceProfile> profile = iam.CreateInstanceProfile(input);
  if (!profile.ok() && profile.status().code() == StatusCode::kAlreadyExists) {
    profile = iam.GetInstanceProfile(input.name);
    if (!profile.ok()) return InContext(ctx, NotFoundIsNotYetConsistent(profile.status()));
  }
  if (!profile.ok()) return InContext(ctx, profile.status());
  TECTONIC_RETURN_IF_ERROR(InContext(ctx, CheckOwnership(*profile, ctx, role)));
  if (!HasRole(*profile, role)) {
    Status added = iam.AddRoleToInstanceProfile(input.name, role);
    if (!added.ok() &&
        (HasAwsCode(added, "LimitExceeded") || HasAwsCode(added, "LimitExceededException"))) {
      // A role is already in it (an earlier attempt, or someone else's): check which.
      Result<aws::InstanceProfile> again = iam.GetInstanceProfile(input.name);
      if (!again.ok()) return InContext(ctx, again.status());
      TECTONIC_RETURN_IF_ERROR(InContext(ctx, CheckOwnership(*again, ctx, role)));
      added = HasRole(*again, role) ? Status::Ok()
                                    : Status::NotYetConsistent("role not shown in profile yet");
    }
    // NoSuchEntity: the role or the profile is not visible yet.
    TECTONIC_RETURN_IF_ERROR(InContext(ctx, NotFoundIsNotYetConsistent(added)));
  }
  Outputs outputs = ProfileOutputs(*profile);
  outputs["created_at"] = created_at;
  return outputs;
}

Result<Poll> IamInstanceProfileHandler::Wait(const NodeContext& ctx, const json& props,
                                             const Outputs& outputs) {
  const std::string name = outputs.value("id", "");
  const std::string role = StringOr(props, "role_name", "");
  Result<aws::InstanceProfile> profile = aws::Iam(client_).GetInstanceProfile(name);
  if (!profile.ok()) {
    if (IsNotFound(profile.status())) return PollAgain(kProfilePoll, "not visible yet");
    return InContext(ctx, profile.status());
  }
  if (!role.empty() && !HasRole(*profile, role)) return PollAgain(kProfilePoll, "role not shown");
  // No created_at: found from an earlier run, propagated long ago.
  if (outputs.contains("created_at") && outputs["created_at"].is_number()) {
    const double ready_at =
        outputs["created_at"].get<double>() + static_cast<double>(propagation_.count());
    const double now = EpochSeconds(client_.clock());
    if (now < ready_at) {
      auto left = std::chrono::milliseconds(static_cast<int64_t>((ready_at - now) * 1000.0) + 1);
      return PollAgain(left, "propagating");
    }
  }
  return PollDone(outputs);
}

Status IamInstanceProfileHandler::Delete(const NodeContext& ctx, const json& props,
                                         const Outputs& outputs) {
  const std::string name = outputs.value("id", StringOr(props, "name", ""));
  if (name.empty()) return Status::Ok();
  aws::Iam iam(client_);
  Result<aws::InstanceProfile> profile = iam.GetInstanceProfile(name);
  if (!profile.ok()) return InContext(ctx, ClassifyDelete(profile.status()));
  for (const std::string& role : profile->role_names) {
    TECTONIC_RETURN_IF_ERROR(
        InContext(ctx, ClassifyDelete(iam.RemoveRoleFromInstanceProfile(name, role))));
  }
  return InContext(ctx, ClassifyDelete(iam.DeleteInstanceProfile(name)));
}

}  // namespace tectonic::resources
