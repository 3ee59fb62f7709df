// ec2.instance (etcd members), ec2.launch_template and autoscaling.group. User data is the
// Ignition pointer the handlers send (assets::IgnitionPointer), so a stack's instances boot
// from the same S3 objects as the engine's.
#include "assets/assets.h"
#include "cloudformation/builder.h"

namespace tectonic::cloudformation::internal {
namespace {

Json NodeTags(Builder& b, const engine::NodeSpec& node, const char* name = "tags") {
  return b.Tags(node.props.value(name, nlohmann::json::object()));
}

Json UserData(const engine::NodeSpec& node) {
  const nlohmann::json data = node.props.value("user_data", nlohmann::json::object());
  return Json{{"Fn::Base64", assets::IgnitionPointer(data.value("ignition_url", ""),
                                                     data.value("ignition_sha512", ""))}};
}

Json BlockDevices(Builder& b, const engine::NodeSpec& node) {
  const nlohmann::json root = node.props.value("root_volume", nlohmann::json::object());
  if (root.empty()) return Json::array();
  Json ebs = {{"VolumeSize", b.Value(root.value("size_gib", 0))},
              {"VolumeType", b.Value(root.value("volume_type", "gp3"))}};
  if (root.contains("encrypted")) ebs["Encrypted"] = root["encrypted"].get<bool>();
  if (root.contains("delete_on_termination")) {
    ebs["DeleteOnTermination"] = root["delete_on_termination"].get<bool>();
  }
  if (root.contains("kms_key_id")) ebs["KmsKeyId"] = b.Value(root["kms_key_id"]);
  return Json::array(
      {{{"DeviceName", b.Value(root.value("device_name", "/dev/xvda"))}, {"Ebs", std::move(ebs)}}});
}

// AWS::EC2::Instance names its profile; the graph references the profile's ARN.
Json ProfileName(Builder& b, const nlohmann::json& arn) {
  if (engine::IsRef(arn)) return b.Value(engine::Ref(arn["$ref"].get<std::string>(), "name"));
  const std::string text = arn.is_string() ? arn.get<std::string>() : "";
  return text.substr(text.find_last_of('/') + 1);
}

Status EmitInstance(Builder& b, const engine::NodeSpec& node) {
  Json props = {{"ImageId", b.Prop(node, "image_id")},
                {"InstanceType", b.Prop(node, "instance_type")}};
  if (node.props.contains("key_name")) props["KeyName"] = b.Prop(node, "key_name");
  props["SubnetId"] = b.Prop(node, "subnet_id");
  props["SecurityGroupIds"] = b.Prop(node, "security_group_ids");
  if (node.props.contains("iam_instance_profile_arn")) {
    props["IamInstanceProfile"] = ProfileName(b, node.props["iam_instance_profile_arn"]);
  }
  props["BlockDeviceMappings"] = BlockDevices(b, node);
  props["MetadataOptions"] = {
      {"HttpTokens", b.Value(node.props.value("metadata_http_tokens", "required"))}};
  props["UserData"] = UserData(node);
  // RunInstances tags the volume with the instance's tags; so does this flag.
  props["PropagateTagsToVolumeOnCreation"] = true;
  props["Tags"] = NodeTags(b, node);
  b.Add(node, LogicalIdFor(node.key), "AWS::EC2::Instance", std::move(props));
  return Status::Ok();
}

Status EmitLaunchTemplate(Builder& b, const engine::NodeSpec& node) {
  Json data = {{"ImageId", b.Prop(node, "image_id")},
               {"InstanceType", b.Prop(node, "instance_type")}};
  if (node.props.contains("key_name")) data["KeyName"] = b.Prop(node, "key_name");
  data["SecurityGroupIds"] = b.Prop(node, "security_group_ids");
  if (node.props.contains("iam_instance_profile_arn")) {
    data["IamInstanceProfile"] = {{"Arn", b.Prop(node, "iam_instance_profile_arn")}};
  }
  data["BlockDeviceMappings"] = BlockDevices(b, node);
  data["MetadataOptions"] = {
      {"HttpTokens", b.Value(node.props.value("metadata_http_tokens", "required"))}};
  data["UserData"] = UserData(node);
  const Json instance_tags = NodeTags(b, node, "instance_tags");
  if (!instance_tags.empty()) {
    data["TagSpecifications"] =
        Json::array({{{"ResourceType", "instance"}, {"Tags", instance_tags}},
                     {{"ResourceType", "volume"}, {"Tags", instance_tags}}});
  }
  Json props = {
      {"LaunchTemplateName", b.Prop(node, "name")},
      {"LaunchTemplateData", std::move(data)},
      {"TagSpecifications",
       Json::array({{{"ResourceType", "launch-template"}, {"Tags", NodeTags(b, node)}}})}};
  b.Add(node, LogicalIdFor(node.key), "AWS::EC2::LaunchTemplate", std::move(props));
  return Status::Ok();
}

// "$Latest" is what CreateAutoScalingGroup accepts; a stack's group names the template's
// current version number instead (CloudFormation does not accept $Latest there).
Json LaunchTemplateVersion(Builder& b, const engine::NodeSpec& node) {
  const nlohmann::json version = node.props.value("launch_template_version", "$Latest");
  const nlohmann::json id = node.props.value("launch_template_id", nlohmann::json());
  if (version == "$Latest" && engine::IsRef(id)) {
    return b.Value(engine::Ref(id["$ref"].get<std::string>(), "latest_version"));
  }
  return b.Value(version);
}

Status EmitGroup(Builder& b, const engine::NodeSpec& node) {
  Json props = {{"AutoScalingGroupName", b.Prop(node, "name")},
                {"LaunchTemplate",
                 {{"LaunchTemplateId", b.Prop(node, "launch_template_id")},
                  {"Version", LaunchTemplateVersion(b, node)}}},
                {"MinSize", b.Prop(node, "min_size")},
                {"MaxSize", b.Prop(node, "max_size")},
                {"DesiredCapacity", b.Prop(node, "desired_capacity")},
                {"VPCZoneIdentifier", b.Prop(node, "subnets")}};
  if (!node.props.value("target_group_arns", nlohmann::json::array()).empty()) {
    props["TargetGroupARNs"] = b.Prop(node, "target_group_arns");
  }
  if (node.props.contains("health_check_type")) {
    props["HealthCheckType"] = b.Prop(node, "health_check_type");
  }
  if (node.props.contains("health_check_grace_period")) {
    props["HealthCheckGracePeriod"] = b.Prop(node, "health_check_grace_period");
  }
  props["Tags"] = b.Tags(node.props.value("tags", nlohmann::json::object()),
                         Json{{"PropagateAtLaunch", false}});
  b.Add(node, LogicalIdFor(node.key), "AWS::AutoScaling::AutoScalingGroup", std::move(props));
  return Status::Ok();
}

}  // namespace

void AddComputeKinds(std::vector<KindRule>* rules) {
  rules->push_back({"ec2.instance", EmitInstance,
                    [](const engine::NodeSpec&, const std::string& id,
                       const std::string& attr) -> std::optional<Json> {
                      if (attr == "id") return RefTo(id);
                      if (attr == "private_ip") return GetAtt(id, "PrivateIp");
                      if (attr == "availability_zone") return GetAtt(id, "AvailabilityZone");
                      return std::nullopt;
                    },
                    ""});
  rules->push_back({"ec2.launch_template", EmitLaunchTemplate,
                    [](const engine::NodeSpec& node, const std::string& id,
                       const std::string& attr) -> std::optional<Json> {
                      if (attr == "id") return RefTo(id);
                      if (attr == "latest_version") return GetAtt(id, "LatestVersionNumber");
                      if (attr == "name") return Json(node.props.value("name", ""));
                      return std::nullopt;
                    },
                    ""});
  rules->push_back({"autoscaling.group", EmitGroup,
                    [](const engine::NodeSpec&, const std::string& id,
                       const std::string& attr) -> std::optional<Json> {
                      if (attr == "id" || attr == "name") return RefTo(id);
                      return std::nullopt;
                    },
                    ""});
}

}  // namespace tectonic::cloudformation::internal
