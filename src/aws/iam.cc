#include "aws/iam.h"

#include <functional>

#include "aws/xml_util.h"

namespace tectonic::aws {

namespace {

using query::AddTagList;

// Marker in and out, IsTruncated says whether there is more (IAM may return short pages).
Status TruncatedPages(AwsClient& client, const Operation& op, const FormParams& params,
                      const std::function<void(pugi::xml_node)>& on_page) {
  std::string marker;
  while (true) {
    FormParams page = params;
    if (!marker.empty()) page.Add("Marker", marker);
    TECTONIC_ASSIGN_OR_RETURN(XmlResponse r, client.Query(op, page));
    on_page(r.result());
    std::string next = xml::Text(r.result(), "Marker");
    if (!xml::Bool(r.result(), "IsTruncated") || next.empty() || next == marker) {
      return Status::Ok();
    }
    marker = std::move(next);
  }
}

Role ParseRole(pugi::xml_node n) {
  Role r;
  r.name = xml::Text(n, "RoleName");
  r.id = xml::Text(n, "RoleId");
  r.arn = xml::Text(n, "Arn");
  r.path = xml::Text(n, "Path");
  r.assume_role_policy = encoding::PercentDecode(xml::Text(n, "AssumeRolePolicyDocument"));
  r.description = xml::Text(n, "Description");
  r.create_date = xml::Text(n, "CreateDate");
  r.tags = xml::QueryTags(n);
  return r;
}

InstanceProfile ParseProfile(pugi::xml_node n) {
  InstanceProfile p;
  p.name = xml::Text(n, "InstanceProfileName");
  p.id = xml::Text(n, "InstanceProfileId");
  p.arn = xml::Text(n, "Arn");
  p.path = xml::Text(n, "Path");
  for (pugi::xml_node role : xml::Items(n, "Roles", "member")) {
    p.role_names.push_back(xml::Text(role, "RoleName"));
  }
  p.tags = xml::QueryTags(n);
  return p;
}

}  // namespace

Result<Role> Iam::CreateRole(const CreateRoleInput& input) {
  FormParams p;
  p.Add("RoleName", input.name).Add("Path", input.path);
  p.Add("AssumeRolePolicyDocument", input.assume_role_policy);
  if (!input.description.empty()) p.Add("Description", input.description);
  AddTagList(p, input.tags);
  TECTONIC_ASSIGN_OR_RETURN(XmlResponse r, client_.Query(ops::kIamCreateRole, p));
  pugi::xml_node role = r.result().child("Role");
  if (!role) return Status::Internal("CreateRole: the answer has no Role");
  Role out = ParseRole(role);
  if (out.tags.empty()) out.tags = input.tags;
  return out;
}

Result<Role> Iam::GetRole(const std::string& name) {
  TECTONIC_ASSIGN_OR_RETURN(XmlResponse r,
                            client_.Query(ops::kIamGetRole, FormParams().Add("RoleName", name)));
  return ParseRole(r.result().child("Role"));
}

Status Iam::DeleteRole(const std::string& name) {
  return client_.Query(ops::kIamDeleteRole, FormParams().Add("RoleName", name)).status();
}

Status Iam::TagRole(const std::string& name, const Tags& tags) {
  FormParams p;
  p.Add("RoleName", name);
  AddTagList(p, tags);
  return client_.Query(ops::kIamTagRole, p).status();
}

Status Iam::PutRolePolicy(const std::string& role, const std::string& policy_name,
                          const std::string& document) {
  FormParams p;
  p.Add("RoleName", role).Add("PolicyName", policy_name).Add("PolicyDocument", document);
  return client_.Query(ops::kIamPutRolePolicy, p).status();
}

Result<std::string> Iam::GetRolePolicy(const std::string& role, const std::string& policy_name) {
  FormParams p;
  p.Add("RoleName", role).Add("PolicyName", policy_name);
  TECTONIC_ASSIGN_OR_RETURN(XmlResponse r, client_.Query(ops::kIamGetRolePolicy, p));
  return encoding::PercentDecode(xml::Text(r.result(), "PolicyDocument"));
}

Result<std::vector<std::string>> Iam::ListRolePolicies(const std::string& role) {
  std::vector<std::string> out;
  TECTONIC_RETURN_IF_ERROR(
      TruncatedPages(client_, ops::kIamListRolePolicies, FormParams().Add("RoleName", role),
                     [&](pugi::xml_node result) {
                       for (std::string& name : xml::Texts(result, "PolicyNames", "member")) {
                         out.push_back(std::move(name));
                       }
                     }));
  return out;
}

Status Iam::DeleteRolePolicy(const std::string& role, const std::string& policy_name) {
  FormParams p;
  p.Add("RoleName", role).Add("PolicyName", policy_name);
  return client_.Query(ops::kIamDeleteRolePolicy, p).status();
}

Result<InstanceProfile> Iam::CreateInstanceProfile(const CreateInstanceProfileInput& input) {
  FormParams p;
  p.Add("InstanceProfileName", input.name).Add("Path", input.path);
  AddTagList(p, input.tags);
  TECTONIC_ASSIGN_OR_RETURN(XmlResponse r, client_.Query(ops::kIamCreateInstanceProfile, p));
  pugi::xml_node profile = r.result().child("InstanceProfile");
  if (!profile) return Status::Internal("CreateInstanceProfile: the answer has no profile");
  InstanceProfile out = ParseProfile(profile);
  if (out.tags.empty()) out.tags = input.tags;
  return out;
}

Result<InstanceProfile> Iam::GetInstanceProfile(const std::string& name) {
  TECTONIC_ASSIGN_OR_RETURN(
      XmlResponse r,
      client_.Query(ops::kIamGetInstanceProfile, FormParams().Add("InstanceProfileName", name)));
  return ParseProfile(r.result().child("InstanceProfile"));
}

Status Iam::AddRoleToInstanceProfile(const std::string& profile, const std::string& role) {
  FormParams p;
  p.Add("InstanceProfileName", profile).Add("RoleName", role);
  return client_.Query(ops::kIamAddRoleToInstanceProfile, p).status();
}

Status Iam::RemoveRoleFromInstanceProfile(const std::string& profile, const std::string& role) {
  FormParams p;
  p.Add("InstanceProfileName", profile).Add("RoleName", role);
  return client_.Query(ops::kIamRemoveRoleFromInstanceProfile, p).status();
}

Status Iam::DeleteInstanceProfile(const std::string& name) {
  return client_
      .Query(ops::kIamDeleteInstanceProfile, FormParams().Add("InstanceProfileName", name))
      .status();
}

Result<std::vector<InstanceProfile>> Iam::ListInstanceProfilesForRole(const std::string& role) {
  std::vector<InstanceProfile> out;
  TECTONIC_RETURN_IF_ERROR(
      TruncatedPages(client_, ops::kIamListInstanceProfilesForRole,
                     FormParams().Add("RoleName", role), [&](pugi::xml_node result) {
                       for (pugi::xml_node n : xml::Items(result, "InstanceProfiles", "member")) {
                         out.push_back(ParseProfile(n));
                       }
                     }));
  return out;
}

Result<std::vector<SimulationResult>> Iam::SimulatePrincipalPolicy(
    const std::string& policy_source_arn, const std::vector<std::string>& actions,
    const std::vector<std::string>& resource_arns) {
  FormParams p;
  p.Add("PolicySourceArn", policy_source_arn);
  p.AddQueryList("ActionNames", actions);
  if (!resource_arns.empty()) p.AddQueryList("ResourceArns", resource_arns);
  std::vector<SimulationResult> out;
  TECTONIC_RETURN_IF_ERROR(
      TruncatedPages(client_, ops::kIamSimulatePrincipalPolicy, p, [&](pugi::xml_node result) {
        for (pugi::xml_node n : xml::Items(result, "EvaluationResults", "member")) {
          out.push_back({xml::Text(n, "EvalActionName"), xml::Text(n, "EvalResourceName"),
                         xml::Text(n, "EvalDecision")});
        }
      }));
  return out;
}

}  // namespace tectonic::aws
