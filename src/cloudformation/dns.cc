// route53.private_zone and route53.record.
#include "cloudformation/builder.h"

namespace tectonic::cloudformation::internal {
namespace {

// CloudFormation sets the zone's CallerReference itself; the stack finds its zone by logical id.
Status EmitPrivateZone(Builder& b, const engine::NodeSpec& node) {
  Json props = {{"Name", b.Prop(node, "name")}};
  if (node.props.contains("comment"))
    props["HostedZoneConfig"] = {{"Comment", b.Prop(node, "comment")}};
  props["VPCs"] =
      Json::array({{{"VPCId", b.Prop(node, "vpc_id")}, {"VPCRegion", b.Prop(node, "vpc_region")}}});
  props["HostedZoneTags"] = b.Tags(node.props.value("tags", nlohmann::json::object()));
  b.Add(node, LogicalIdFor(node.key), "AWS::Route53::HostedZone", std::move(props));
  return Status::Ok();
}

Status EmitRecord(Builder& b, const engine::NodeSpec& node) {
  Json props = {{"HostedZoneId", b.Prop(node, "zone_id")},
                {"Name", b.Prop(node, "name")},
                {"Type", b.Prop(node, "type")}};
  if (node.props.contains("alias")) {
    const nlohmann::json alias = node.props["alias"];
    props["AliasTarget"] = {
        {"DNSName", b.Value(alias.value("dns_name", nlohmann::json()))},
        {"HostedZoneId", b.Value(alias.value("hosted_zone_id", nlohmann::json()))},
        {"EvaluateTargetHealth", alias.value("evaluate_target_health", false)}};
  } else {
    // TTL is a string in the RecordSet schema.
    props["TTL"] = std::to_string(node.props.value("ttl", 60));
    props["ResourceRecords"] = b.Prop(node, "records");
  }
  b.Add(node, LogicalIdFor(node.key), "AWS::Route53::RecordSet", std::move(props));
  return Status::Ok();
}

}  // namespace

void AddDnsKinds(std::vector<KindRule>* rules) {
  rules->push_back({"route53.private_zone", EmitPrivateZone,
                    [](const engine::NodeSpec& node, const std::string& id,
                       const std::string& attr) -> std::optional<Json> {
                      if (attr == "id") return RefTo(id);
                      if (attr == "name") return Json(node.props.value("name", ""));
                      return std::nullopt;
                    },
                    ""});
  rules->push_back({"route53.record", EmitRecord,
                    [](const engine::NodeSpec& node, const std::string&,
                       const std::string& attr) -> std::optional<Json> {
                      if (attr == "fqdn") return Json(node.props.value("name", ""));
                      return std::nullopt;
                    },
                    ""});
}

}  // namespace tectonic::cloudformation::internal
