// elbv2.load_balancer, elbv2.target_group, elbv2.listener.
#include "cloudformation/builder.h"

namespace tectonic::cloudformation::internal {
namespace {

Json NodeTags(Builder& b, const engine::NodeSpec& node) {
  return b.Tags(node.props.value("tags", nlohmann::json::object()));
}

Status EmitLoadBalancer(Builder& b, const engine::NodeSpec& node) {
  Json attributes = Json::array();
  const nlohmann::json wanted = node.props.value("attributes", nlohmann::json::object());
  for (const auto& [key, value] : wanted.items()) {
    attributes.push_back({{"Key", key}, {"Value", b.Value(value)}});
  }
  Json props = {{"Name", b.Prop(node, "name")},
                {"Type", b.Prop(node, "type")},
                {"Scheme", b.Prop(node, "scheme")},
                {"IpAddressType", b.Value(node.props.value("ip_address_type", "ipv4"))},
                {"Subnets", b.Prop(node, "subnets")}};
  if (!attributes.empty()) props["LoadBalancerAttributes"] = std::move(attributes);
  props["Tags"] = NodeTags(b, node);
  b.Add(node, LogicalIdFor(node.key), "AWS::ElasticLoadBalancingV2::LoadBalancer",
        std::move(props));
  return Status::Ok();
}

Status EmitTargetGroup(Builder& b, const engine::NodeSpec& node) {
  Json props = {{"Name", b.Prop(node, "name")},
                {"Protocol", b.Prop(node, "protocol")},
                {"Port", b.Prop(node, "port")},
                {"VpcId", b.Prop(node, "vpc_id")},
                {"TargetType", b.Value(node.props.value("target_type", "instance"))}};
  const nlohmann::json check = node.props.value("health_check", nlohmann::json::object());
  const std::pair<const char*, const char*> fields[] = {
      {"protocol", "HealthCheckProtocol"},
      {"port", "HealthCheckPort"},
      {"path", "HealthCheckPath"},
      {"interval_seconds", "HealthCheckIntervalSeconds"},
      {"healthy_threshold", "HealthyThresholdCount"},
      {"unhealthy_threshold", "UnhealthyThresholdCount"}};
  for (const auto& [from, to] : fields) {
    if (check.contains(from)) props[to] = b.Value(check[from]);
  }
  props["Tags"] = NodeTags(b, node);
  b.Add(node, LogicalIdFor(node.key), "AWS::ElasticLoadBalancingV2::TargetGroup", std::move(props));
  return Status::Ok();
}

Status EmitListener(Builder& b, const engine::NodeSpec& node) {
  Json action = {{"Type", "forward"}, {"TargetGroupArn", b.Prop(node, "default_target_group_arn")}};
  Json props = {{"LoadBalancerArn", b.Prop(node, "load_balancer_arn")},
                {"Protocol", b.Prop(node, "protocol")},
                {"Port", b.Prop(node, "port")},
                {"DefaultActions", Json::array({action})}};
  b.Add(node, LogicalIdFor(node.key), "AWS::ElasticLoadBalancingV2::Listener", std::move(props));
  return Status::Ok();
}

}  // namespace

void AddLoadBalancerKinds(std::vector<KindRule>* rules) {
  rules->push_back({"elbv2.load_balancer", EmitLoadBalancer,
                    [](const engine::NodeSpec&, const std::string& id,
                       const std::string& attr) -> std::optional<Json> {
                      if (attr == "id" || attr == "arn") return RefTo(id);
                      if (attr == "dns_name") return GetAtt(id, "DNSName");
                      if (attr == "canonical_zone_id") return GetAtt(id, "CanonicalHostedZoneID");
                      if (attr == "name") return GetAtt(id, "LoadBalancerName");
                      return std::nullopt;
                    },
                    ""});
  rules->push_back({"elbv2.target_group", EmitTargetGroup,
                    [](const engine::NodeSpec&, const std::string& id,
                       const std::string& attr) -> std::optional<Json> {
                      if (attr == "id" || attr == "arn") return RefTo(id);
                      if (attr == "name") return GetAtt(id, "TargetGroupName");
                      return std::nullopt;
                    },
                    ""});
  rules->push_back({"elbv2.listener", EmitListener,
                    [](const engine::NodeSpec&, const std::string& id,
                       const std::string& attr) -> std::optional<Json> {
                      if (attr == "id" || attr == "arn") return RefTo(id);
                      return std::nullopt;
                    },
                    ""});
}

}  // namespace tectonic::cloudformation::internal
