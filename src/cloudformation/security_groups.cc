// ec2.security_group and ec2.security_group_rules. The rules node (a group's complete rule
// set) becomes one SecurityGroupIngress/Egress resource per rule, so groups can reference
// each other (and themselves) without a cycle. The allow-all egress rule every group wants is
// the one CloudFormation (like CreateSecurityGroup) gives a group without SecurityGroupEgress,
// so it is not repeated: a second copy would fail as a duplicate.
#include <fmt/format.h>

#include "cloudformation/builder.h"

namespace tectonic::cloudformation::internal {
namespace {

Status EmitGroup(Builder& b, const engine::NodeSpec& node) {
  Json props = {{"GroupName", b.Prop(node, "group_name")},
                {"GroupDescription", b.Prop(node, "description")},
                {"VpcId", b.Prop(node, "vpc_id")},
                {"Tags", b.Tags(node.props.value("tags", nlohmann::json::object()))}};
  b.Add(node, LogicalIdFor(node.key), "AWS::EC2::SecurityGroup", std::move(props));
  return Status::Ok();
}

bool IsDefaultEgress(const nlohmann::json& rule) {
  return rule.value("protocol", "") == "-1" && rule.value("cidr", "") == "0.0.0.0/0" &&
         !rule.contains("source_security_group_id");
}

// One rule's properties; `peer` names the CIDR and group fields ("CidrIp"/"SourceSecurityGroupId"
// for ingress, "DestinationCidrIp"/"DestinationSecurityGroupId" for egress).
Json RuleProps(Builder& b, const Json& group_id, const nlohmann::json& rule, const char* cidr_field,
               const char* group_field) {
  const std::string protocol = rule.value("protocol", "-1");
  Json props = {{"GroupId", group_id}, {"IpProtocol", protocol}};
  if (protocol != "-1") {
    props["FromPort"] = rule.value("from_port", 0);
    props["ToPort"] = rule.value("to_port", 0);
  }
  if (rule.contains("cidr")) props[cidr_field] = b.Value(rule["cidr"]);
  if (rule.contains("source_security_group_id")) {
    props[group_field] = b.Value(rule["source_security_group_id"]);
  }
  if (rule.contains("description")) props["Description"] = b.Value(rule["description"]);
  return props;
}

Status EmitRules(Builder& b, const engine::NodeSpec& node) {
  const Json group_id = b.Prop(node, "group_id");
  const std::string base = LogicalIdFor(node.key);
  int n = 0;
  for (const auto& rule : node.props.value("ingress", nlohmann::json::array())) {
    b.Add(node, fmt::format("{}Ingress{:02}", base, ++n), "AWS::EC2::SecurityGroupIngress",
          RuleProps(b, group_id, rule, "CidrIp", "SourceSecurityGroupId"));
  }
  n = 0;
  for (const auto& rule : node.props.value("egress", nlohmann::json::array())) {
    if (IsDefaultEgress(rule)) continue;
    b.Add(node, fmt::format("{}Egress{:02}", base, ++n), "AWS::EC2::SecurityGroupEgress",
          RuleProps(b, group_id, rule, "DestinationCidrIp", "DestinationSecurityGroupId"));
  }
  return Status::Ok();
}

}  // namespace

void AddSecurityGroupKinds(std::vector<KindRule>* rules) {
  rules->push_back({"ec2.security_group", EmitGroup,
                    [](const engine::NodeSpec&, const std::string& id,
                       const std::string& attr) -> std::optional<Json> {
                      if (attr == "id") return GetAtt(id, "GroupId");
                      return std::nullopt;
                    },
                    ""});
  rules->push_back({"ec2.security_group_rules", EmitRules, nullptr, ""});
}

}  // namespace tectonic::cloudformation::internal
