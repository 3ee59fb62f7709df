// iam.role, iam.role_policy, iam.instance_profile.
#include "cloudformation/builder.h"

namespace tectonic::cloudformation::internal {
namespace {

Status EmitRole(Builder& b, const engine::NodeSpec& node) {
  Json props = {{"RoleName", b.Prop(node, "name")},
                {"Path", b.Value(node.props.value("path", "/"))},
                {"Description", b.Prop(node, "description")},
                {"AssumeRolePolicyDocument", b.Prop(node, "assume_role_policy")},
                {"Tags", b.Tags(node.props.value("tags", nlohmann::json::object()))}};
  b.Add(node, LogicalIdFor(node.key), "AWS::IAM::Role", std::move(props));
  return Status::Ok();
}

Status EmitPolicy(Builder& b, const engine::NodeSpec& node) {
  Json props = {{"PolicyName", b.Prop(node, "name")},
                {"PolicyDocument", b.Prop(node, "document")},
                {"RoleName", b.Prop(node, "role_name")}};
  b.Add(node, LogicalIdFor(node.key), "AWS::IAM::RolePolicy", std::move(props));
  return Status::Ok();
}

// AWS::IAM::InstanceProfile takes no Tags: the stack's profiles carry only the stack's own
// aws:cloudformation:* tags (the handler tags them; destroy finds them through the stack).
Status EmitProfile(Builder& b, const engine::NodeSpec& node) {
  Json props = {{"InstanceProfileName", b.Prop(node, "name")},
                {"Path", b.Value(node.props.value("path", "/"))},
                {"Roles", Json::array({b.Prop(node, "role_name")})}};
  b.Add(node, LogicalIdFor(node.key), "AWS::IAM::InstanceProfile", std::move(props));
  return Status::Ok();
}

std::optional<Json> NameOrArn(const engine::NodeSpec&, const std::string& id,
                              const std::string& attr) {
  if (attr == "id" || attr == "name") return RefTo(id);
  if (attr == "arn") return GetAtt(id, "Arn");
  return std::nullopt;
}

}  // namespace

void AddIamKinds(std::vector<KindRule>* rules) {
  rules->push_back({"iam.role", EmitRole, NameOrArn, ""});
  rules->push_back({"iam.role_policy", EmitPolicy, nullptr, ""});
  rules->push_back({"iam.instance_profile", EmitProfile, NameOrArn, ""});
}

}  // namespace tectonic::cloudformation::internal
