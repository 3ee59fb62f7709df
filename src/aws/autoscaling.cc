#include "aws/autoscaling.h"

#include "aws/xml_util.h"

namespace tectonic::aws {

namespace {

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : ",") + part;
  return out;
}

std::vector<std::string> Split(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

AutoScalingGroup ParseGroup(pugi::xml_node n) {
  AutoScalingGroup g;
  g.name = xml::Text(n, "AutoScalingGroupName");
  g.arn = xml::Text(n, "AutoScalingGroupARN");
  g.min_size = static_cast<int>(xml::Int(n, "MinSize"));
  g.max_size = static_cast<int>(xml::Int(n, "MaxSize"));
  g.desired_capacity = static_cast<int>(xml::Int(n, "DesiredCapacity"));
  pugi::xml_node lt = n.child("LaunchTemplate");
  g.launch_template_id = xml::Text(lt, "LaunchTemplateId");
  g.launch_template_name = xml::Text(lt, "LaunchTemplateName");
  g.launch_template_version = xml::Text(lt, "Version");
  g.subnet_ids = Split(xml::Text(n, "VPCZoneIdentifier"));
  g.target_group_arns = xml::Texts(n, "TargetGroupARNs", "member");
  g.health_check_type = xml::Text(n, "HealthCheckType");
  for (pugi::xml_node i : xml::Items(n, "Instances", "member")) {
    g.instances.push_back({xml::Text(i, "InstanceId"), xml::Text(i, "AvailabilityZone"),
                           xml::Text(i, "LifecycleState"), xml::Text(i, "HealthStatus")});
  }
  for (pugi::xml_node t : xml::Items(n, "Tags", "member")) {
    g.tags.push_back(
        {xml::Text(t, "Key"), xml::Text(t, "Value"), xml::Bool(t, "PropagateAtLaunch")});
  }
  g.status = xml::Text(n, "Status");
  return g;
}

}  // namespace

Status AutoScaling::CreateAutoScalingGroup(const CreateAutoScalingGroupInput& input) {
  FormParams p;
  p.Add("AutoScalingGroupName", input.name);
  if (!input.launch_template_id.empty()) {
    p.Add("LaunchTemplate.LaunchTemplateId", input.launch_template_id);
  } else {
    p.Add("LaunchTemplate.LaunchTemplateName", input.launch_template_name);
  }
  if (!input.launch_template_version.empty()) {
    p.Add("LaunchTemplate.Version", input.launch_template_version);
  }
  p.Add("MinSize", std::to_string(input.min_size));
  p.Add("MaxSize", std::to_string(input.max_size));
  if (input.desired_capacity) p.Add("DesiredCapacity", std::to_string(*input.desired_capacity));
  if (!input.subnet_ids.empty()) p.Add("VPCZoneIdentifier", Join(input.subnet_ids));
  if (!input.target_group_arns.empty()) p.AddQueryList("TargetGroupARNs", input.target_group_arns);
  if (!input.health_check_type.empty()) p.Add("HealthCheckType", input.health_check_type);
  if (input.health_check_grace_period) {
    p.Add("HealthCheckGracePeriod", std::to_string(*input.health_check_grace_period));
  }
  for (size_t i = 0; i < input.tags.size(); ++i) {
    std::string base = "Tags.member." + std::to_string(i + 1);
    p.Add(base + ".Key", input.tags[i].key).Add(base + ".Value", input.tags[i].value);
    p.Add(base + ".PropagateAtLaunch", input.tags[i].propagate_at_launch ? "true" : "false");
    p.Add(base + ".ResourceId", input.name);
    p.Add(base + ".ResourceType", "auto-scaling-group");
  }
  return client_.Query(ops::kAutoScalingCreateAutoScalingGroup, p).status();
}

Result<std::vector<AutoScalingGroup>> AutoScaling::DescribeAutoScalingGroups(
    const std::vector<std::string>& names) {
  FormParams base;
  if (!names.empty()) base.AddQueryList("AutoScalingGroupNames", names);
  std::vector<AutoScalingGroup> out;
  std::string token;
  while (true) {
    FormParams p = base;
    if (!token.empty()) p.Add("NextToken", token);
    TECTONIC_ASSIGN_OR_RETURN(XmlResponse r,
                              client_.Query(ops::kAutoScalingDescribeAutoScalingGroups, p));
    for (pugi::xml_node n : xml::Items(r.result(), "AutoScalingGroups", "member")) {
      out.push_back(ParseGroup(n));
    }
    std::string next = xml::Text(r.result(), "NextToken");
    if (next.empty() || next == token) return out;
    token = std::move(next);
  }
}

Status AutoScaling::DeleteAutoScalingGroup(const std::string& name, bool force_delete) {
  FormParams p;
  p.Add("AutoScalingGroupName", name);
  if (force_delete) p.Add("ForceDelete", "true");
  return client_.Query(ops::kAutoScalingDeleteAutoScalingGroup, p).status();
}

}  // namespace tectonic::aws
