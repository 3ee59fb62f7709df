// iam.role and iam.role_policy handlers (KINDS.md). IAM is global and eventually consistent:
// a role missing right after its create is NotYetConsistent for the calls that need it.
#include <string>
#include <vector>

#include "aws/iam.h"
#include "resources/handler_util.h"
#include "resources/platform_handlers.h"

namespace tectonic::resources {
namespace {

using engine::NodeContext;
using engine::Outputs;
using nlohmann::json;

// A JSON prop that may arrive as an object (the plan) or as already serialized text.
std::string JsonText(const json& props, const char* name) {
  auto it = props.find(name);
  if (it == props.end() || it->is_null()) return "";
  return it->is_string() ? it->get<std::string>() : it->dump();
}

Outputs RoleOutputs(const aws::Role& role) { return json{{"id", role.name}, {"arn", role.arn}}; }

// The role when it exists: ours -> outputs; someone else's -> PreconditionFailed.
Result<std::optional<Outputs>> OwnedRole(aws::Iam& iam, const NodeContext& ctx,
                                         const std::string& name) {
  Result<aws::Role> role = iam.GetRole(name);
  if (!role.ok()) {
    if (IsNotFound(role.status())) return std::optional<Outputs>();
    return role.status();
  }
  auto owner = role->tags.find(std::string(kClusterIdTagKey));
  if (owner == role->tags.end() || owner->second != ctx.cluster_id) {
    return Status::PreconditionFailed(
        "IAM role " + name + " exists and belongs to " +
        (owner == role->tags.end() ? std::string("no cluster") : "cluster " + owner->second));
  }
  return std::optional<Outputs>(RoleOutputs(*role));
}

Outputs PolicyOutputs(const std::string& role, const std::string& name) {
  return json{{"id", role + ":" + name}, {"role_name", role}, {"name", name}};
}

}  // namespace

// ---- iam.role --------------------------------------------------------------------------

Result<std::optional<Outputs>> IamRoleHandler::Find(const NodeContext& ctx, const json& props,
                                                    const std::optional<Outputs>&) {
  TECTONIC_ASSIGN_OR_RETURN(std::string name, RequiredString(props, "name"));
  aws::Iam iam(client_);
  Result<std::optional<Outputs>> found = OwnedRole(iam, ctx, name);
  if (!found.ok()) return InContext(ctx, found.status());
  return found;
}

Result<Outputs> IamRoleHandler::Create(const NodeContext& ctx, const json& props) {
  aws::CreateRoleInput input;
  TECTONIC_ASSIGN_OR_RETURN(input.name, RequiredString(props, "name"));
  input.path = StringOr(props, "path", "/");
  input.description = StringOr(props, "description", "");
  input.assume_role_policy = JsonText(props, "assume_role_policy");
  if (input.assume_role_policy.empty()) {
    return InContext(ctx, Status::InvalidInput("prop \"assume_role_policy\" is missing"));
  }
  input.tags = TagsFor(ctx, props);
  aws::Iam iam(client_);
  Result<aws::Role> role = iam.CreateRole(input);
  if (role.ok()) return RoleOutputs(*role);
  if (role.status().code() != StatusCode::kAlreadyExists) return InContext(ctx, role.status());
  // EntityAlreadyExists: ours from an earlier attempt, or someone else's.
  Result<std::optional<Outputs>> found = OwnedRole(iam, ctx, input.name);
  if (!found.ok()) return InContext(ctx, NotFoundIsNotYetConsistent(found.status()));
  if (!*found) return InContext(ctx, Status::NotYetConsistent("role exists but is not visible"));
  return **found;
}

Status IamRoleHandler::Delete(const NodeContext& ctx, const json& props, const Outputs& outputs) {
  const std::string name = outputs.value("id", StringOr(props, "name", ""));
  if (name.empty()) return Status::Ok();
  aws::Iam iam(client_);
  Result<std::vector<std::string>> policies = iam.ListRolePolicies(name);
  if (!policies.ok()) return InContext(ctx, ClassifyDelete(policies.status()));
  for (const std::string& policy : *policies) {
    TECTONIC_RETURN_IF_ERROR(InContext(ctx, ClassifyDelete(iam.DeleteRolePolicy(name, policy))));
  }
  Result<std::vector<aws::InstanceProfile>> profiles = iam.ListInstanceProfilesForRole(name);
  if (!profiles.ok()) return InContext(ctx, ClassifyDelete(profiles.status()));
  for (const aws::InstanceProfile& profile : *profiles) {
    TECTONIC_RETURN_IF_ERROR(
        InContext(ctx, ClassifyDelete(iam.RemoveRoleFromInstanceProfile(profile.name, name))));
  }
  return InContext(ctx, ClassifyDelete(iam.DeleteRole(name)));
}

// ---- iam.role_policy -------------------------------------------------------------------

Result<std::optional<Outputs>> IamRolePolicyHandler::Find(const NodeContext& ctx, const json& props,
                                                          const std::optional<Outputs>&) {
  TECTONIC_ASSIGN_OR_RETURN(std::string role, RequiredString(props, "role_name"));
  TECTONIC_ASSIGN_OR_RETURN(std::string name, RequiredString(props, "name"));
  Result<std::string> document = aws::Iam(client_).GetRolePolicy(role, name);
  if (!document.ok()) {
    if (IsNotFound(document.status())) return std::optional<Outputs>();
    return InContext(ctx, document.status());
  }
  // Found only with the planned content; otherwise Create (PutRolePolicy) overwrites it.
  json live = json::parse(*document, nullptr, /*allow_exceptions=*/false);
  json want = json::parse(JsonText(props, "document"), nullptr, false);
  if (live.is_discarded() || live != want) return std::optional<Outputs>();
  return std::optional<Outputs>(PolicyOutputs(role, name));
}

Result<Outputs> IamRolePolicyHandler::Create(const NodeContext& ctx, const json& props) {
  TECTONIC_ASSIGN_OR_RETURN(std::string role, RequiredString(props, "role_name"));
  TECTONIC_ASSIGN_OR_RETURN(std::string name, RequiredString(props, "name"));
  std::string document = JsonText(props, "document");
  if (document.empty()) return InContext(ctx, Status::InvalidInput("prop \"document\" is missing"));
  // NoSuchEntity: the role was created moments ago and is not visible yet.
  TECTONIC_RETURN_IF_ERROR(InContext(
      ctx, NotFoundIsNotYetConsistent(aws::Iam(client_).PutRolePolicy(role, name, document))));
  return PolicyOutputs(role, name);
}

Status IamRolePolicyHandler::Delete(const NodeContext& ctx, const json& props,
                                    const Outputs& outputs) {
  const std::string role = outputs.value("role_name", StringOr(props, "role_name", ""));
  const std::string name = outputs.value("name", StringOr(props, "name", ""));
  if (role.empty() || name.empty()) return Status::Ok();
  return InContext(ctx, ClassifyDelete(aws::Iam(client_).DeleteRolePolicy(role, name)));
}

}  // namespace tectonic::resources
