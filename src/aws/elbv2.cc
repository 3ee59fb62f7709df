#include "aws/elbv2.h"

#include <functional>

#include "aws/xml_util.h"

namespace tectonic::aws {

namespace {

using query::AddTagList;

// Marker in, NextMarker out.
Status MarkerPages(AwsClient& client, const Operation& op, const FormParams& params,
                   const std::function<void(pugi::xml_node)>& on_page) {
  std::string marker;
  while (true) {
    FormParams page = params;
    if (!marker.empty()) page.Add("Marker", marker);
    TECTONIC_ASSIGN_OR_RETURN(XmlResponse r, client.Query(op, page));
    on_page(r.result());
    std::string next = xml::Text(r.result(), "NextMarker");
    if (next.empty() || next == marker) return Status::Ok();
    marker = std::move(next);
  }
}

LoadBalancer ParseLoadBalancer(pugi::xml_node n) {
  LoadBalancer lb;
  lb.arn = xml::Text(n, "LoadBalancerArn");
  lb.name = xml::Text(n, "LoadBalancerName");
  lb.dns_name = xml::Text(n, "DNSName");
  lb.canonical_hosted_zone_id = xml::Text(n, "CanonicalHostedZoneId");
  lb.vpc_id = xml::Text(n, "VpcId");
  lb.scheme = xml::Text(n, "Scheme");
  lb.type = xml::Text(n, "Type");
  lb.state = xml::Text(n.child("State"), "Code");
  lb.state_reason = xml::Text(n.child("State"), "Reason");
  for (pugi::xml_node az : xml::Items(n, "AvailabilityZones", "member")) {
    lb.subnet_ids.push_back(xml::Text(az, "SubnetId"));
    lb.availability_zones.push_back(xml::Text(az, "ZoneName"));
  }
  return lb;
}

TargetGroup ParseTargetGroup(pugi::xml_node n) {
  TargetGroup tg;
  tg.arn = xml::Text(n, "TargetGroupArn");
  tg.name = xml::Text(n, "TargetGroupName");
  tg.protocol = xml::Text(n, "Protocol");
  tg.port = static_cast<int>(xml::Int(n, "Port"));
  tg.vpc_id = xml::Text(n, "VpcId");
  tg.target_type = xml::Text(n, "TargetType");
  tg.health_check_protocol = xml::Text(n, "HealthCheckProtocol");
  tg.health_check_port = xml::Text(n, "HealthCheckPort");
  tg.health_check_path = xml::Text(n, "HealthCheckPath");
  tg.load_balancer_arns = xml::Texts(n, "LoadBalancerArns", "member");
  return tg;
}

Listener ParseListener(pugi::xml_node n) {
  Listener l;
  l.arn = xml::Text(n, "ListenerArn");
  l.load_balancer_arn = xml::Text(n, "LoadBalancerArn");
  l.protocol = xml::Text(n, "Protocol");
  l.port = static_cast<int>(xml::Int(n, "Port"));
  for (pugi::xml_node a : xml::Items(n, "DefaultActions", "member")) {
    std::string tg = xml::Text(a, "TargetGroupArn");
    if (!tg.empty()) l.target_group_arns.push_back(tg);
  }
  return l;
}

}  // namespace

Result<LoadBalancer> Elbv2::CreateLoadBalancer(const CreateLoadBalancerInput& input) {
  FormParams p;
  p.Add("Name", input.name).Add("Type", input.type).Add("Scheme", input.scheme);
  if (input.subnet_mappings.empty()) {
    p.AddQueryList("Subnets", input.subnet_ids);
  } else {
    for (size_t i = 0; i < input.subnet_mappings.size(); ++i) {
      std::string base = "SubnetMappings.member." + std::to_string(i + 1);
      p.Add(base + ".SubnetId", input.subnet_mappings[i].subnet_id);
      if (!input.subnet_mappings[i].allocation_id.empty()) {
        p.Add(base + ".AllocationId", input.subnet_mappings[i].allocation_id);
      }
    }
  }
  if (!input.security_group_ids.empty()) p.AddQueryList("SecurityGroups", input.security_group_ids);
  AddTagList(p, input.tags);
  TECTONIC_ASSIGN_OR_RETURN(XmlResponse r, client_.Query(ops::kElbv2CreateLoadBalancer, p));
  pugi::xml_node lb = r.result().child("LoadBalancers").child("member");
  if (!lb) return Status::Internal("CreateLoadBalancer: the answer has no load balancer");
  return ParseLoadBalancer(lb);
}

Result<std::vector<LoadBalancer>> Elbv2::DescribeLoadBalancers(
    const std::vector<std::string>& names, const std::vector<std::string>& arns) {
  FormParams p;
  if (!names.empty()) p.AddQueryList("Names", names);
  if (!arns.empty()) p.AddQueryList("LoadBalancerArns", arns);
  std::vector<LoadBalancer> out;
  TECTONIC_RETURN_IF_ERROR(
      MarkerPages(client_, ops::kElbv2DescribeLoadBalancers, p, [&](pugi::xml_node result) {
        for (pugi::xml_node n : xml::Items(result, "LoadBalancers", "member")) {
          out.push_back(ParseLoadBalancer(n));
        }
      }));
  return out;
}

Status Elbv2::DeleteLoadBalancer(const std::string& arn) {
  return client_.Query(ops::kElbv2DeleteLoadBalancer, FormParams().Add("LoadBalancerArn", arn))
      .status();
}

Result<TargetGroup> Elbv2::CreateTargetGroup(const CreateTargetGroupInput& input) {
  FormParams p;
  p.Add("Name", input.name).Add("Protocol", input.protocol);
  p.Add("Port", std::to_string(input.port)).Add("VpcId", input.vpc_id);
  p.Add("TargetType", input.target_type);
  if (!input.health_check_protocol.empty()) {
    p.Add("HealthCheckProtocol", input.health_check_protocol);
  }
  if (!input.health_check_port.empty()) p.Add("HealthCheckPort", input.health_check_port);
  if (!input.health_check_path.empty()) p.Add("HealthCheckPath", input.health_check_path);
  if (input.health_check_interval_seconds > 0) {
    p.Add("HealthCheckIntervalSeconds", std::to_string(input.health_check_interval_seconds));
  }
  if (input.healthy_threshold > 0) {
    p.Add("HealthyThresholdCount", std::to_string(input.healthy_threshold));
  }
  if (input.unhealthy_threshold > 0) {
    p.Add("UnhealthyThresholdCount", std::to_string(input.unhealthy_threshold));
  }
  AddTagList(p, input.tags);
  TECTONIC_ASSIGN_OR_RETURN(XmlResponse r, client_.Query(ops::kElbv2CreateTargetGroup, p));
  pugi::xml_node tg = r.result().child("TargetGroups").child("member");
  if (!tg) return Status::Internal("CreateTargetGroup: the answer has no target group");
  return ParseTargetGroup(tg);
}

Result<std::vector<TargetGroup>> Elbv2::DescribeTargetGroups(
    const std::string& load_balancer_arn, const std::vector<std::string>& arns,
    const std::vector<std::string>& names) {
  FormParams p;
  if (!load_balancer_arn.empty()) p.Add("LoadBalancerArn", load_balancer_arn);
  if (!arns.empty()) p.AddQueryList("TargetGroupArns", arns);
  if (!names.empty()) p.AddQueryList("Names", names);
  std::vector<TargetGroup> out;
  TECTONIC_RETURN_IF_ERROR(
      MarkerPages(client_, ops::kElbv2DescribeTargetGroups, p, [&](pugi::xml_node result) {
        for (pugi::xml_node n : xml::Items(result, "TargetGroups", "member")) {
          out.push_back(ParseTargetGroup(n));
        }
      }));
  return out;
}

Status Elbv2::DeleteTargetGroup(const std::string& arn) {
  return client_.Query(ops::kElbv2DeleteTargetGroup, FormParams().Add("TargetGroupArn", arn))
      .status();
}

Result<Listener> Elbv2::CreateListener(const CreateListenerInput& input) {
  FormParams p;
  p.Add("LoadBalancerArn", input.load_balancer_arn).Add("Protocol", input.protocol);
  p.Add("Port", std::to_string(input.port));
  p.Add("DefaultActions.member.1.Type", "forward");
  p.Add("DefaultActions.member.1.TargetGroupArn", input.target_group_arn);
  AddTagList(p, input.tags);
  TECTONIC_ASSIGN_OR_RETURN(XmlResponse r, client_.Query(ops::kElbv2CreateListener, p));
  pugi::xml_node l = r.result().child("Listeners").child("member");
  if (!l) return Status::Internal("CreateListener: the answer has no listener");
  return ParseListener(l);
}

Result<std::vector<Listener>> Elbv2::DescribeListeners(const std::string& load_balancer_arn,
                                                       const std::vector<std::string>& arns) {
  FormParams p;
  if (!load_balancer_arn.empty()) p.Add("LoadBalancerArn", load_balancer_arn);
  if (!arns.empty()) p.AddQueryList("ListenerArns", arns);
  std::vector<Listener> out;
  TECTONIC_RETURN_IF_ERROR(
      MarkerPages(client_, ops::kElbv2DescribeListeners, p, [&](pugi::xml_node result) {
        for (pugi::xml_node n : xml::Items(result, "Listeners", "member")) {
          out.push_back(ParseListener(n));
        }
      }));
  return out;
}

Status Elbv2::DeleteListener(const std::string& arn) {
  return client_.Query(ops::kElbv2DeleteListener, FormParams().Add("ListenerArn", arn)).status();
}

Result<std::vector<TargetHealth>> Elbv2::DescribeTargetHealth(const std::string& target_group_arn) {
  TECTONIC_ASSIGN_OR_RETURN(XmlResponse r,
                            client_.Query(ops::kElbv2DescribeTargetHealth,
                                          FormParams().Add("TargetGroupArn", target_group_arn)));
  std::vector<TargetHealth> out;
  for (pugi::xml_node n : xml::Items(r.result(), "TargetHealthDescriptions", "member")) {
    TargetHealth t;
    t.target_id = xml::Text(n.child("Target"), "Id");
    t.port = static_cast<int>(xml::Int(n.child("Target"), "Port"));
    t.health_check_port = xml::Text(n, "HealthCheckPort");
    t.state = xml::Text(n.child("TargetHealth"), "State");
    t.reason = xml::Text(n.child("TargetHealth"), "Reason");
    t.description = xml::Text(n.child("TargetHealth"), "Description");
    out.push_back(std::move(t));
  }
  return out;
}

Result<std::map<std::string, Tags>> Elbv2::DescribeTags(const std::vector<std::string>& arns) {
  FormParams p;
  p.AddQueryList("ResourceArns", arns);
  TECTONIC_ASSIGN_OR_RETURN(XmlResponse r, client_.Query(ops::kElbv2DescribeTags, p));
  std::map<std::string, Tags> out;
  for (pugi::xml_node n : xml::Items(r.result(), "TagDescriptions", "member")) {
    out[xml::Text(n, "ResourceArn")] = xml::QueryTags(n);
  }
  return out;
}

Status Elbv2::AddTags(const std::vector<std::string>& arns, const Tags& tags) {
  FormParams p;
  p.AddQueryList("ResourceArns", arns);
  AddTagList(p, tags);
  return client_.Query(ops::kElbv2AddTags, p).status();
}

}  // namespace tectonic::aws
