// Ec2: security groups, instances, launch templates, tags, volumes, network interfaces.
#include "aws/ec2.h"
#include "aws/ec2_internal.h"

namespace tectonic::aws {

using namespace ec2_internal;  // NOLINT: this file's own helpers

namespace {

FormParams IdsAndFilters(const DescribeQuery& query, const std::string& id_name) {
  FormParams p;
  p.AddEc2List(id_name, query.ids);
  AddFilters(p, query.filters);
  return p;
}

// IpPermissions.N.{IpProtocol,FromPort,ToPort,IpRanges.M.*,Groups.M.*}.
void AddPermissions(FormParams& p, const std::vector<IpPermission>& permissions) {
  for (size_t i = 0; i < permissions.size(); ++i) {
    const IpPermission& perm = permissions[i];
    std::string base = "IpPermissions." + std::to_string(i + 1);
    p.Add(base + ".IpProtocol", perm.protocol);
    if (perm.protocol != "-1") {
      p.Add(base + ".FromPort", std::to_string(perm.from_port));
      p.Add(base + ".ToPort", std::to_string(perm.to_port));
    }
    for (size_t j = 0; j < perm.ip_ranges.size(); ++j) {
      std::string range = base + ".IpRanges." + std::to_string(j + 1);
      p.Add(range + ".CidrIp", perm.ip_ranges[j].cidr);
      if (!perm.ip_ranges[j].description.empty()) {
        p.Add(range + ".Description", perm.ip_ranges[j].description);
      }
    }
    for (size_t j = 0; j < perm.groups.size(); ++j) {
      std::string group = base + ".Groups." + std::to_string(j + 1);
      p.Add(group + ".GroupId", perm.groups[j].group_id);
      if (!perm.groups[j].description.empty()) {
        p.Add(group + ".Description", perm.groups[j].description);
      }
    }
  }
}

std::vector<IpPermission> ParsePermissions(pugi::xml_node n, const char* list) {
  std::vector<IpPermission> out;
  for (pugi::xml_node item : xml::Items(n, list, "item")) {
    IpPermission perm;
    perm.protocol = xml::Text(item, "ipProtocol");
    perm.from_port = item.child("fromPort") ? static_cast<int>(xml::Int(item, "fromPort")) : -1;
    perm.to_port = item.child("toPort") ? static_cast<int>(xml::Int(item, "toPort")) : -1;
    for (pugi::xml_node r : xml::Items(item, "ipRanges", "item")) {
      perm.ip_ranges.push_back({xml::Text(r, "cidrIp"), xml::Text(r, "description")});
    }
    for (pugi::xml_node g : xml::Items(item, "groups", "item")) {
      perm.groups.push_back({xml::Text(g, "groupId"), xml::Text(g, "description")});
    }
    out.push_back(std::move(perm));
  }
  return out;
}

}  // namespace

namespace ec2_internal {

Instance ParseInstance(pugi::xml_node n) {
  Instance i;
  i.id = xml::Text(n, "instanceId");
  i.image_id = xml::Text(n, "imageId");
  i.instance_type = xml::Text(n, "instanceType");
  i.state = xml::Text(n.child("instanceState"), "name");
  i.state_code = static_cast<int>(xml::Int(n.child("instanceState"), "code") & 0xff);
  i.subnet_id = xml::Text(n, "subnetId");
  i.vpc_id = xml::Text(n, "vpcId");
  i.private_ip = xml::Text(n, "privateIpAddress");
  i.public_ip = xml::Text(n, "ipAddress");
  i.private_dns_name = xml::Text(n, "privateDnsName");
  i.key_name = xml::Text(n, "keyName");
  i.availability_zone = xml::Text(n.child("placement"), "availabilityZone");
  i.iam_instance_profile_arn = xml::Text(n.child("iamInstanceProfile"), "arn");
  i.launch_time = xml::Text(n, "launchTime");
  i.client_token = xml::Text(n, "clientToken");
  for (pugi::xml_node g : xml::Items(n, "groupSet", "item")) {
    i.security_group_ids.push_back(xml::Text(g, "groupId"));
  }
  i.tags = xml::Ec2Tags(n);
  return i;
}

LaunchTemplate ParseLaunchTemplate(pugi::xml_node n) {
  return LaunchTemplate{xml::Text(n, "launchTemplateId"), xml::Text(n, "launchTemplateName"),
                        xml::Int(n, "defaultVersionNumber"), xml::Int(n, "latestVersionNumber"),
                        xml::Ec2Tags(n)};
}

}  // namespace ec2_internal

Result<std::string> Ec2::CreateSecurityGroup(const CreateSecurityGroupInput& input) {
  FormParams p;
  p.Add("GroupName", input.name).Add("GroupDescription", input.description);
  if (!input.vpc_id.empty()) p.Add("VpcId", input.vpc_id);
  int n = 1;
  AddTagSpec(p, "TagSpecification", n, "security-group", input.tags);
  TECTONIC_ASSIGN_OR_RETURN(XmlResponse r, client_.Query(ops::kEc2CreateSecurityGroup, p));
  std::string id = xml::Text(r.result(), "groupId");
  if (id.empty()) return Status::Internal("CreateSecurityGroup: the answer has no groupId");
  return id;
}

Result<std::vector<SecurityGroup>> Ec2::DescribeSecurityGroups(const DescribeQuery& query) {
  std::vector<SecurityGroup> out;
  TECTONIC_RETURN_IF_ERROR(Paged(client_, ops::kEc2DescribeSecurityGroups,
                                 IdsAndFilters(query, "GroupId"), [&](pugi::xml_node result) {
                                   for (pugi::xml_node n :
                                        xml::Items(result, "securityGroupInfo", "item")) {
                                     SecurityGroup g;
                                     g.id = xml::Text(n, "groupId");
                                     g.name = xml::Text(n, "groupName");
                                     g.description = xml::Text(n, "groupDescription");
                                     g.vpc_id = xml::Text(n, "vpcId");
                                     g.owner_id = xml::Text(n, "ownerId");
                                     g.ingress = ParsePermissions(n, "ipPermissions");
                                     g.egress = ParsePermissions(n, "ipPermissionsEgress");
                                     g.tags = xml::Ec2Tags(n);
                                     out.push_back(std::move(g));
                                   }
                                 }));
  return out;
}

Status Ec2::AuthorizeSecurityGroupIngress(const std::string& group_id,
                                          const std::vector<IpPermission>& permissions) {
  FormParams p;
  p.Add("GroupId", group_id);
  AddPermissions(p, permissions);
  return Call(client_, ops::kEc2AuthorizeSecurityGroupIngress, p);
}

Status Ec2::RevokeSecurityGroupIngress(const std::string& group_id,
                                       const std::vector<IpPermission>& permissions) {
  FormParams p;
  p.Add("GroupId", group_id);
  AddPermissions(p, permissions);
  return Call(client_, ops::kEc2RevokeSecurityGroupIngress, p);
}

Status Ec2::DeleteSecurityGroup(const std::string& group_id) {
  return Call(client_, ops::kEc2DeleteSecurityGroup, FormParams().Add("GroupId", group_id));
}

Result<Reservation> Ec2::RunInstances(const RunInstancesInput& input) {
  FormParams p;
  p.Add("ImageId", input.image_id);
  if (!input.instance_type.empty()) p.Add("InstanceType", input.instance_type);
  p.Add("MinCount", std::to_string(input.min_count));
  p.Add("MaxCount", std::to_string(input.max_count));
  if (!input.subnet_id.empty()) p.Add("SubnetId", input.subnet_id);
  p.AddEc2List("SecurityGroupId", input.security_group_ids);
  if (!input.key_name.empty()) p.Add("KeyName", input.key_name);
  if (!input.user_data.empty()) p.Add("UserData", encoding::Base64Encode(input.user_data));
  if (!input.iam_instance_profile_arn.empty()) {
    p.Add("IamInstanceProfile.Arn", input.iam_instance_profile_arn);
  } else if (!input.iam_instance_profile_name.empty()) {
    p.Add("IamInstanceProfile.Name", input.iam_instance_profile_name);
  }
  AddBlockDevices(p, "BlockDeviceMapping", input.block_devices);
  if (input.require_imdsv2) {
    p.Add("MetadataOptions.HttpTokens", "required");
    p.Add("MetadataOptions.HttpEndpoint", "enabled");
  }
  if (!input.private_ip.empty()) p.Add("PrivateIpAddress", input.private_ip);
  if (!input.client_token.empty()) p.Add("ClientToken", input.client_token);
  int n = 1;
  AddTagSpec(p, "TagSpecification", n, "instance", input.instance_tags);
  AddTagSpec(p, "TagSpecification", n, "volume", input.volume_tags);
  TECTONIC_ASSIGN_OR_RETURN(XmlResponse r, client_.Query(ops::kEc2RunInstances, p));
  Reservation out;
  // result() is the root's first element child for EC2; RunInstances has no wrapper element.
  pugi::xml_node root = r.doc->document_element();
  out.id = xml::Text(root, "reservationId");
  out.owner_id = xml::Text(root, "ownerId");
  for (pugi::xml_node i : xml::Items(root, "instancesSet", "item")) {
    out.instances.push_back(ParseInstance(i));
  }
  if (out.instances.empty()) return Status::Internal("RunInstances: the answer has no instance");
  return out;
}

Result<std::vector<Instance>> Ec2::DescribeInstances(const DescribeQuery& query) {
  std::vector<Instance> out;
  TECTONIC_RETURN_IF_ERROR(
      Paged(client_, ops::kEc2DescribeInstances, IdsAndFilters(query, "InstanceId"),
            [&](pugi::xml_node result) {
              for (pugi::xml_node res : xml::Items(result, "reservationSet", "item")) {
                for (pugi::xml_node i : xml::Items(res, "instancesSet", "item")) {
                  out.push_back(ParseInstance(i));
                }
              }
            }));
  return out;
}

Result<std::vector<InstanceStateChange>> Ec2::TerminateInstances(
    const std::vector<std::string>& instance_ids) {
  FormParams p;
  p.AddEc2List("InstanceId", instance_ids);
  TECTONIC_ASSIGN_OR_RETURN(XmlResponse r, client_.Query(ops::kEc2TerminateInstances, p));
  std::vector<InstanceStateChange> out;
  for (pugi::xml_node n : xml::Items(r.result(), "instancesSet", "item")) {
    out.push_back({xml::Text(n, "instanceId"), xml::Text(n.child("currentState"), "name"),
                   xml::Text(n.child("previousState"), "name")});
  }
  return out;
}

Result<ConsoleOutput> Ec2::GetConsoleOutput(const std::string& instance_id) {
  TECTONIC_ASSIGN_OR_RETURN(
      XmlResponse r,
      client_.Query(ops::kEc2GetConsoleOutput, FormParams().Add("InstanceId", instance_id)));
  ConsoleOutput out;
  out.instance_id = xml::Text(r.result(), "instanceId");
  out.timestamp = xml::Text(r.result(), "timestamp");
  std::string encoded = xml::Text(r.result(), "output");
  if (!encoded.empty() && !encoding::Base64Decode(encoded, &out.output)) {
    return Status::Internal("GetConsoleOutput: the output of " + instance_id + " is not base64");
  }
  return out;
}

Result<LaunchTemplate> Ec2::CreateLaunchTemplate(const CreateLaunchTemplateInput& input) {
  const std::string d = "LaunchTemplateData.";
  FormParams p;
  p.Add("LaunchTemplateName", input.name);
  if (!input.version_description.empty()) p.Add("VersionDescription", input.version_description);
  if (!input.client_token.empty()) p.Add("ClientToken", input.client_token);
  if (!input.image_id.empty()) p.Add(d + "ImageId", input.image_id);
  if (!input.instance_type.empty()) p.Add(d + "InstanceType", input.instance_type);
  if (!input.key_name.empty()) p.Add(d + "KeyName", input.key_name);
  if (!input.user_data.empty()) p.Add(d + "UserData", encoding::Base64Encode(input.user_data));
  p.AddEc2List(d + "SecurityGroupId", input.security_group_ids);
  if (!input.iam_instance_profile_arn.empty()) {
    p.Add(d + "IamInstanceProfile.Arn", input.iam_instance_profile_arn);
  } else if (!input.iam_instance_profile_name.empty()) {
    p.Add(d + "IamInstanceProfile.Name", input.iam_instance_profile_name);
  }
  AddBlockDevices(p, d + "BlockDeviceMapping", input.block_devices);
  if (input.require_imdsv2) {
    p.Add(d + "MetadataOptions.HttpTokens", "required");
    p.Add(d + "MetadataOptions.HttpEndpoint", "enabled");
  }
  int data_specs = 1;
  AddTagSpec(p, d + "TagSpecification", data_specs, "instance", input.instance_tags);
  AddTagSpec(p, d + "TagSpecification", data_specs, "volume", input.volume_tags);
  int specs = 1;
  AddTagSpec(p, "TagSpecification", specs, "launch-template", input.tags);
  TECTONIC_ASSIGN_OR_RETURN(XmlResponse r, client_.Query(ops::kEc2CreateLaunchTemplate, p));
  LaunchTemplate lt = ParseLaunchTemplate(r.result().child("launchTemplate"));
  if (lt.id.empty()) return Status::Internal("CreateLaunchTemplate: the answer has no id");
  if (lt.tags.empty()) lt.tags = input.tags;
  return lt;
}

Result<std::vector<LaunchTemplate>> Ec2::DescribeLaunchTemplates(const DescribeQuery& query) {
  std::vector<LaunchTemplate> out;
  TECTONIC_RETURN_IF_ERROR(
      Paged(client_, ops::kEc2DescribeLaunchTemplates, IdsAndFilters(query, "LaunchTemplateId"),
            [&](pugi::xml_node result) {
              for (pugi::xml_node n : xml::Items(result, "launchTemplates", "item")) {
                out.push_back(ParseLaunchTemplate(n));
              }
            }));
  return out;
}

Status Ec2::DeleteLaunchTemplate(const std::string& launch_template_id) {
  return Call(client_, ops::kEc2DeleteLaunchTemplate,
              FormParams().Add("LaunchTemplateId", launch_template_id));
}

Status Ec2::CreateTags(const std::vector<std::string>& resource_ids, const Tags& tags) {
  FormParams p;
  p.AddEc2List("ResourceId", resource_ids);
  int i = 1;
  for (const auto& [key, value] : tags) {
    std::string base = "Tag." + std::to_string(i++);
    p.Add(base + ".Key", key).Add(base + ".Value", value);
  }
  return Call(client_, ops::kEc2CreateTags, p);
}

Status Ec2::DeleteTags(const std::vector<std::string>& resource_ids,
                       const std::vector<std::string>& keys) {
  FormParams p;
  p.AddEc2List("ResourceId", resource_ids);
  for (size_t i = 0; i < keys.size(); ++i) p.Add("Tag." + std::to_string(i + 1) + ".Key", keys[i]);
  return Call(client_, ops::kEc2DeleteTags, p);
}

Result<std::vector<Volume>> Ec2::DescribeVolumes(const DescribeQuery& query) {
  std::vector<Volume> out;
  TECTONIC_RETURN_IF_ERROR(
      Paged(client_, ops::kEc2DescribeVolumes, IdsAndFilters(query, "VolumeId"),
            [&](pugi::xml_node result) {
              for (pugi::xml_node n : xml::Items(result, "volumeSet", "item")) {
                Volume v;
                v.id = xml::Text(n, "volumeId");
                v.state = xml::Text(n, "status");
                v.size_gib = xml::Int(n, "size");
                v.availability_zone = xml::Text(n, "availabilityZone");
                v.volume_type = xml::Text(n, "volumeType");
                v.encrypted = xml::Bool(n, "encrypted");
                for (pugi::xml_node a : xml::Items(n, "attachmentSet", "item")) {
                  v.attached_instance_ids.push_back(xml::Text(a, "instanceId"));
                }
                v.tags = xml::Ec2Tags(n);
                out.push_back(std::move(v));
              }
            }));
  return out;
}

Status Ec2::DeleteVolume(const std::string& volume_id) {
  return Call(client_, ops::kEc2DeleteVolume, FormParams().Add("VolumeId", volume_id));
}

Result<std::vector<NetworkInterface>> Ec2::DescribeNetworkInterfaces(const DescribeQuery& query) {
  std::vector<NetworkInterface> out;
  TECTONIC_RETURN_IF_ERROR(
      Paged(client_, ops::kEc2DescribeNetworkInterfaces, IdsAndFilters(query, "NetworkInterfaceId"),
            [&](pugi::xml_node result) {
              for (pugi::xml_node n : xml::Items(result, "networkInterfaceSet", "item")) {
                NetworkInterface e;
                e.id = xml::Text(n, "networkInterfaceId");
                e.subnet_id = xml::Text(n, "subnetId");
                e.vpc_id = xml::Text(n, "vpcId");
                e.status = xml::Text(n, "status");
                e.description = xml::Text(n, "description");
                e.interface_type = xml::Text(n, "interfaceType");
                e.private_ip = xml::Text(n, "privateIpAddress");
                e.attached_instance_id = xml::Text(n.child("attachment"), "instanceId");
                e.tags = xml::Ec2Tags(n);
                out.push_back(std::move(e));
              }
            }));
  return out;
}

Status Ec2::DeleteNetworkInterface(const std::string& network_interface_id) {
  return Call(client_, ops::kEc2DeleteNetworkInterface,
              FormParams().Add("NetworkInterfaceId", network_interface_id));
}

}  // namespace tectonic::aws
