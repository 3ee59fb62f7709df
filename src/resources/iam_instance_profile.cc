// iam.instance_profile handler (KINDS.md). No Wait: EC2 accepts a new profile only after IAM
// has propagated it, and the consumers retry until it does (platform_handlers.h).
#include <algorithm>
#include <string>

#include "aws/iam.h"
#include "resources/handler_util.h"
#include "resources/platform_handlers.h"

namespace tectonic::resources {
namespace {

using engine::NodeContext;
using engine::Outputs;
using nlohmann::json;

bool HasRole(const aws::InstanceProfile& profile, const std::string& role) {
  return std::find(profile.role_names.begin(), profile.role_names.end(), role) !=
         profile.role_names.end();
}

Outputs ProfileOutputs(const aws::InstanceProfile& profile) {
  return json{{"id", profile.name}, {"arn", profile.arn}, {"name", profile.name}};
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
  (void)journaled;  // the name is the id: a journaled profile is found by it as well
  return std::optional<Outputs>(ProfileOutputs(*profile));
}

Result<Outputs> IamInstanceProfileHandler::Create(const NodeContext& ctx, const json& props) {
  aws::CreateInstanceProfileInput input;
  TECTONIC_ASSIGN_OR_RETURN(input.name, RequiredString(props, "name"));
  TECTONIC_ASSIGN_OR_RETURN(std::string role, RequiredString(props, "role_name"));
  input.path = StringOr(props, "path", "/");
  input.tags = TagsFor(ctx, props);
  aws::Iam iam(client_);
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
  return ProfileOutputs(*profile);
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
