// EC2 instances (RunInstances / DescribeInstances / TerminateInstances and the shared
// LaunchInstance used by Auto Scaling), launch templates, and the volumes and network
// interfaces that instances imply (one root volume and one primary ENI each).
#include <algorithm>
#include <cstdio>

#include "codec.h"
#include "ec2_common.h"
#include "pass_role.h"

namespace awsim::ec2 {

namespace {

// A terminated instance stays visible this long, as on AWS (about an hour).
constexpr int64_t kTerminatedVisibleMs = 60LL * 60 * 1000;

std::string Suffix(const std::string& id) { return id.substr(id.find('-') + 1); }
std::string VolumeOf(const Instance& i) { return "vol-" + Suffix(i.id); }

// Tags of TagSpecification.N (under `prefix`) for `type`; other listed types are accepted.
Tags SpecTags(const ParamView& p, const std::string& type, const std::vector<std::string>& ok) {
  Tags out;
  for (const auto& spec : p.Items("TagSpecification")) {
    std::string t = spec.Get("ResourceType");
    if (!Contains(ok, t))
      Fail(400, "InvalidParameterValue",
           "'" + t + "' is not a valid taggable resource type for this operation.");
    if (t != type) continue;
    for (const auto& tag : spec.Items("Tag")) {
      if (tag.Get("Key").rfind("aws:", 0) == 0)
        Fail(400, "InvalidParameterValue",
             "Tag keys starting with 'aws:' are reserved for internal use");
      out[tag.Get("Key")] = tag.Get("Value");
    }
  }
  return out;
}

// The launch parameters under `p` (RunInstances top level or LaunchTemplateData).
nlohmann::json SpecFrom(const ParamView& p) {
  nlohmann::json spec = nlohmann::json::object();
  for (const char* k : {"ImageId", "InstanceType", "KeyName", "UserData", "PrivateIpAddress"})
    if (p.Has(k)) spec[k] = p.Get(k);
  spec["SecurityGroupIds"] = p.List("SecurityGroupId");
  if (p.Has("IamInstanceProfile.Name")) spec["ProfileName"] = p.Get("IamInstanceProfile.Name");
  if (p.Has("IamInstanceProfile.Arn")) spec["ProfileArn"] = p.Get("IamInstanceProfile.Arn");
  Tags tags = SpecTags(p, "instance", {"instance", "volume", "network-interface"});
  spec["Tags"] = tags;
  return spec;
}

std::string Str(const nlohmann::json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

bool Listed(const Context& ctx, const Instance& i) {
  if (i.region != ctx.region || !ctx.Visible(i.id)) return false;
  return !i.terminate_ms ||
         ctx.now_ms < i.terminate_ms + ctx.Duration("instance_terminated") + kTerminatedVisibleMs;
}

uint32_t FreeIp(Context& ctx, const Subnet& s, const std::string& wanted) {
  Cidr c = ParseCidr(s.cidr);
  std::set<uint32_t> used;
  auto mark = [&](const std::string& ip) {
    Cidr one = ParseCidr(ip + "/32");
    if (one.ok) used.insert(one.base);
  };
  for (const auto& [id, i] : ctx.world.instances)
    if (i.subnet_id == s.id && !i.terminate_ms) mark(i.private_ip);
  for (const auto& [id, n] : ctx.world.nats)
    if (n.subnet_id == s.id && !n.delete_ms) mark(n.private_ip);
  if (!wanted.empty()) {
    Cidr one = ParseCidr(wanted + "/32");
    if (!one.ok || !c.Contains(one) || one.base < c.base + 4 || one.base >= c.base + c.Size() - 1)
      Fail(400, "InvalidParameterValue",
           "Address " + wanted + " does not fall within the subnet's address range");
    if (used.count(one.base))
      Fail(400, "InvalidIPAddress.InUse", "Address " + wanted + " is in use.");
    return one.base;
  }
  for (uint32_t ip = c.base + 4; ip < c.base + c.Size() - 1; ++ip)
    if (!used.count(ip)) return ip;
  Fail(400, "InsufficientFreeAddressesInSubnet",
       "There are not enough free addresses in subnet '" + s.id + "' to satisfy the request.");
}

}  // namespace

Instance& LaunchInstance(Context& ctx, const nlohmann::json& spec, const std::string& subnet_id,
                         const std::string& reservation_id) {
  std::string image_id = Str(spec, "ImageId");
  if (image_id.empty())
    Fail(400, "MissingParameter", "The request must contain the parameter ImageId");
  auto img = ctx.world.images.find(image_id);
  if (img == ctx.world.images.end() || img->second.region != ctx.region)
    Fail(400, "InvalidAMIID.NotFound", "The image id '[" + image_id + "]' does not exist");
  std::string type = Str(spec, "InstanceType");
  if (type.empty()) type = "m1.small";
  if (!KnownInstanceType(type) && type != "m1.small")
    Fail(400, "InvalidParameterValue", "Invalid value '" + type + "' for InstanceType. ");
  std::string key = Str(spec, "KeyName");
  if (!key.empty()) {
    bool found = false;
    for (const auto& [id, k] : ctx.world.key_pairs)
      found = found || (k.name == key && k.region == ctx.region && ctx.Visible(id));
    if (!found) Fail(400, "InvalidKeyPair.NotFound", "The key pair '" + key + "' does not exist");
  }
  // Instance profile: must exist and be past IAM propagation since its last role change.
  std::string profile_name = Str(spec, "ProfileName");
  std::string profile_arn = Str(spec, "ProfileArn");
  std::string shown = profile_name.empty() ? profile_arn : profile_name;
  if (profile_name.empty() && !profile_arn.empty())
    profile_name = profile_arn.substr(profile_arn.rfind('/') + 1);
  std::string resolved_arn;
  if (!profile_name.empty()) {
    auto p = ctx.world.instance_profiles.find(profile_name);
    bool ok = p != ctx.world.instance_profiles.end() &&
              (profile_arn.empty() || p->second.arn == profile_arn) &&
              ctx.now_ms >= std::max(p->second.created_ms, p->second.changed_ms) +
                                ctx.Duration("iam_propagation");
    if (!ok)
      Fail(400, "InvalidParameterValue",
           "Value (" + shown +
               ") for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile "
               "name");
    resolved_arn = p->second.arn;
  }
  if (subnet_id.empty())
    Fail(400, "VPCIdNotSpecified",
         "No default VPC for this user. GroupName is only supported for "
         "EC2-Classic and default VPC.");
  Subnet& s = FindSubnet(ctx, subnet_id);
  std::vector<std::string> groups;
  if (spec.contains("SecurityGroupIds"))
    groups = spec["SecurityGroupIds"].get<std::vector<std::string>>();
  if (groups.size() > 5)
    Fail(400, "SecurityGroupsPerInstanceLimitExceeded",
         "The maximum number of security groups per interface has been reached.");
  for (const auto& g : groups) {
    if (FindGroup(ctx, g).vpc_id != s.vpc_id)
      Fail(400, "InvalidParameter",
           "Security group " + g + " and subnet " + s.id + " belong to different networks.");
  }
  if (groups.empty()) {
    for (const auto& [id, g] : ctx.world.security_groups)
      if (g.vpc_id == s.vpc_id && g.name == "default") groups.push_back(id);
  }
  Instance i;
  i.id = ctx.world.NewId("i");
  i.region = ctx.region;
  i.created_ms = ctx.now_ms;
  i.reservation_id = reservation_id;
  i.image_id = image_id;
  i.instance_type = type;
  i.subnet_id = s.id;
  i.vpc_id = s.vpc_id;
  i.az = s.az;
  i.private_ip = IpString(FreeIp(ctx, s, Str(spec, "PrivateIpAddress")));
  i.key_name = key;
  i.profile_arn = resolved_arn;
  i.user_data = Str(spec, "UserData");
  i.security_groups = groups;
  i.launch_template_id = Str(spec, "LaunchTemplateId");
  i.asg_name = Str(spec, "AsgName");
  i.eni_id = ctx.world.NewId("eni");
  if (spec.contains("Tags")) i.tags = spec["Tags"].get<Tags>();
  ctx.Created(i.id);
  return ctx.world.instances[i.id] = i;
}

void WriteInstance(const Context& ctx, XmlWriter& w, const Instance& i) {
  auto [code, name] = InstanceState(ctx, i);
  std::string dns =
      "ip-" + i.private_ip +
      (ctx.region == "us-east-1" ? ".ec2.internal" : "." + ctx.region + ".compute.internal");
  for (char& c : dns)
    if (c == '.' && &c < dns.data() + 3 + i.private_ip.size()) c = '-';
  bool gone = name == "terminated";
  w.Open("item").Leaf("instanceId", i.id).Leaf("imageId", i.image_id);
  w.Open("instanceState").Leaf("code", code).Leaf("name", name).Close();
  w.Leaf("privateDnsName", gone ? "" : dns).Leaf("dnsName", "");
  w.Leaf("reason", gone ? "User initiated" : "").Opt("keyName", i.key_name);
  w.Leaf("amiLaunchIndex", 0).Open("productCodes").Close();
  w.Leaf("instanceType", i.instance_type).Leaf("launchTime", IsoTime(i.created_ms));
  w.Open("placement").Leaf("availabilityZone", i.az).Leaf("groupName", "");
  w.Leaf("tenancy", "default").Close();
  w.Open("monitoring").Leaf("state", "disabled").Close();
  if (!gone) {
    w.Leaf("subnetId", i.subnet_id).Leaf("vpcId", i.vpc_id);
    w.Leaf("privateIpAddress", i.private_ip);
  }
  for (const auto& [id, a] : ctx.world.addresses)
    if (a.instance_id == i.id && !gone) w.Leaf("ipAddress", a.public_ip);
  w.Bool("sourceDestCheck", true).Open("groupSet");
  for (const auto& g : i.security_groups) {
    auto it = ctx.world.security_groups.find(g);
    w.Open("item").Leaf("groupId", g);
    w.Leaf("groupName", it == ctx.world.security_groups.end() ? "" : it->second.name).Close();
  }
  w.Close();
  w.Leaf("architecture", "x86_64").Leaf("rootDeviceType", "ebs");
  w.Leaf("rootDeviceName", "/dev/xvda").Open("blockDeviceMapping");
  if (!gone) {
    w.Open("item").Leaf("deviceName", "/dev/xvda").Open("ebs").Leaf("volumeId", VolumeOf(i));
    w.Leaf("status", "attached").Leaf("attachTime", IsoTime(i.created_ms));
    w.Bool("deleteOnTermination", true).Close().Close();
  }
  w.Close();
  w.Leaf("virtualizationType", "hvm").Leaf("clientToken", "");
  WriteTags(w, i.tags);
  w.Leaf("hypervisor", "xen");
  if (!i.profile_arn.empty()) {
    std::string name = i.profile_arn.substr(i.profile_arn.rfind('/') + 1);
    auto p = ctx.world.instance_profiles.find(name);
    w.Open("iamInstanceProfile").Leaf("arn", i.profile_arn);
    w.Leaf("id", p == ctx.world.instance_profiles.end() ? "" : p->second.id).Close();
  }
  w.Open("networkInterfaceSet");
  if (!gone) {
    w.Open("item").Leaf("networkInterfaceId", i.eni_id).Leaf("subnetId", i.subnet_id);
    w.Leaf("vpcId", i.vpc_id).Leaf("ownerId", kAccountId).Leaf("status", "in-use");
    w.Leaf("privateIpAddress", i.private_ip).Bool("sourceDestCheck", true);
    w.Leaf("interfaceType", "interface").Close();
  }
  w.Close();
  w.Bool("ebsOptimized", false).Bool("enaSupport", true);
  w.Open("metadataOptions").Leaf("state", "applied").Leaf("httpTokens", "required");
  w.Leaf("httpPutResponseHopLimit", 2).Leaf("httpEndpoint", "enabled").Close();
  w.Close();
}

namespace {

void WriteReservationHead(XmlWriter& w, const std::string& reservation_id) {
  w.Leaf("reservationId", reservation_id).Leaf("ownerId", kAccountId);
  w.Open("groupSet").Close();
}

void RunInstances(Context& ctx, XmlWriter& w) {
  auto p = ctx.req.Params();
  int min = std::atoi(Required(ctx, "MinCount").c_str());
  int max = std::atoi(Required(ctx, "MaxCount").c_str());
  if (min < 1 || max < min)
    Fail(400, "InvalidParameterValue", "Value for parameter MinCount/MaxCount is invalid.");
  if (max > 20)
    Fail(400, "InstanceLimitExceeded",
         "You have requested more instances (" + std::to_string(max) +
             ") than your current instance limit of 20 allows for the specified instance type.");
  nlohmann::json spec = SpecFrom(p);
  // AWS authorises handing the profile's role to the instances before launching any.
  std::string profile =
      Str(spec, "ProfileArn").empty() ? Str(spec, "ProfileName") : Str(spec, "ProfileArn");
  if (PassRoleDenial denied = CheckPassRole(ctx, profile); !denied.role_arn.empty())
    Fail(403, "UnauthorizedOperation",
         "You are not authorized to perform this operation. " + PassRoleMessage(ctx, denied));
  std::string reservation = ctx.world.NewId("r");
  std::vector<std::string> ids;
  for (int n = 0; n < max; ++n)
    ids.push_back(LaunchInstance(ctx, spec, p.Get("SubnetId"), reservation).id);
  WriteReservationHead(w, reservation);
  w.Open("instancesSet");
  for (const auto& id : ids) WriteInstance(ctx, w, ctx.world.instances.at(id));
  w.Close();
}

void DescribeInstances(Context& ctx, XmlWriter& w) {
  auto ids = Ids(ctx, "InstanceId");
  auto match =
      ParseFilters(ctx, {"instance-id", "instance-state-name", "instance-state-code", "vpc-id",
                         "subnet-id", "image-id", "instance-type", "availability-zone",
                         "private-ip-address", "key-name", "iam-instance-profile.arn",
                         "reservation-id", "instance.group-id", "network-interface.subnet-id"});
  if (!ids.empty() && ctx.req.Params().Has("MaxResults"))
    Fail(400, "InvalidParameterCombination",
         "The parameter instancesSet cannot be used with the parameter maxResults");
  Pager pager = Ec2Pager(ctx, 5, 1000);
  std::vector<std::string> found;
  std::map<std::string, std::vector<const Instance*>> by_reservation;
  std::vector<std::string> order;
  for (const auto& [id, i] : ctx.world.instances) {
    if (!Listed(ctx, i)) continue;
    if (!ids.empty() && !Contains(ids, id)) continue;
    found.push_back(id);
    auto [code, name] = InstanceState(ctx, i);
    Attrs a{{"instance-id", id},
            {"instance-state-name", name},
            {"instance-state-code", std::to_string(code)},
            {"vpc-id", i.vpc_id},
            {"subnet-id", i.subnet_id},
            {"image-id", i.image_id},
            {"instance-type", i.instance_type},
            {"availability-zone", i.az},
            {"private-ip-address", i.private_ip},
            {"key-name", i.key_name},
            {"iam-instance-profile.arn", i.profile_arn},
            {"reservation-id", i.reservation_id},
            {"network-interface.subnet-id", i.subnet_id}};
    for (const auto& g : i.security_groups) a.emplace("instance.group-id", g);
    AddTagAttrs(a, i.tags);
    if (!match(a) || !pager.Take(id)) continue;
    if (!by_reservation.count(i.reservation_id)) order.push_back(i.reservation_id);
    by_reservation[i.reservation_id].push_back(&i);
  }
  CheckAllFound(ids, found, "InvalidInstanceID.NotFound", "instance ID");
  w.Open("reservationSet");
  for (const auto& r : order) {
    w.Open("item");
    WriteReservationHead(w, r);
    w.Open("instancesSet");
    for (const Instance* i : by_reservation[r]) WriteInstance(ctx, w, *i);
    w.Close().Close();
  }
  w.Close();
  WriteNextToken(w, pager);
}

}  // namespace

// Starts termination of `i` (idempotent); deregisters it from target groups.
void TerminateInstance(Context& ctx, Instance& i) {
  if (i.terminate_ms) return;
  i.terminate_ms = ctx.now_ms;
  for (auto& [arn, tg] : ctx.world.target_groups) {
    std::erase_if(tg.targets, [&](const auto& t) { return t.first == i.id; });
    tg.registered_ms.erase(i.id);
  }
  for (auto& [id, a] : ctx.world.addresses) {
    if (a.instance_id == i.id) {
      a.instance_id.clear();
      a.association_id.clear();
    }
  }
}

namespace {

void TerminateInstances(Context& ctx, XmlWriter& w) {
  auto ids = Ids(ctx, "InstanceId");
  if (ids.empty())
    Fail(400, "MissingParameter", "The request must contain the parameter InstanceId");
  for (const auto& id : ids) {
    auto it = ctx.world.instances.find(id);
    if (it == ctx.world.instances.end() || !Listed(ctx, it->second))
      Fail(400, "InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
  }
  w.Open("instancesSet");
  for (const auto& id : ids) {
    Instance& i = ctx.world.instances.at(id);
    auto before = InstanceState(ctx, i);
    TerminateInstance(ctx, i);
    auto after = InstanceState(ctx, i);
    w.Open("item").Leaf("instanceId", id);
    w.Open("currentState").Leaf("code", after.first).Leaf("name", after.second).Close();
    w.Open("previousState").Leaf("code", before.first).Leaf("name", before.second).Close();
    w.Close();
  }
  w.Close();
}

// What a Flatcar node prints on its serial console: kernel, Ignition fetching the config named
// by its user data, systemd starting the kubelet, the login prompt. A node whose health checks
// fail (admin hook) shows its kubelet failing, then the hook's extra lines.
std::string BootLog(const Context& ctx, const Instance& i) {
  std::string host = "ip-" + i.private_ip;
  for (char& c : host) c = c == '.' ? '-' : c;
  int64_t up_s = std::max<int64_t>(0, (ctx.now_ms - i.created_ms) / 1000);
  auto at = [](double s) {
    char buf[24];
    std::snprintf(buf, sizeof(buf), "[%12.6f] ", s);
    return std::string(buf);
  };
  std::string log;
  log += at(0) + "Linux version 6.6.60-flatcar (build@pony-truck.infra.kinvolk.io) #1 SMP\n";
  log += at(0) +
         "Command line: BOOT_IMAGE=/flatcar/vmlinuz-a console=tty0 console=ttyS0,115200n8 "
         "flatcar.first_boot=detected flatcar.oem.id=ec2\n";
  log += at(2.41) + "ignition[612]: Ignition 2.20.0\n";
  log += at(2.52) + "ignition[612]: fetched base config from \"system\"\n";
  log += at(2.89) + "ignition[612]: fetched user config from \"ec2\" (" +
         std::to_string(i.user_data.size()) + " bytes of user data)\n";
  log += at(4.12) + "ignition[612]: files: op(1): [finished] writing file \"/etc/hostname\"\n";
  log += at(6.03) + "systemd[1]: Reached target initrd-switch-root.target.\n";
  log += at(9.77) + "systemd[1]: Started containerd.service - containerd container runtime.\n";
  log += at(10.2) + "systemd[1]: Started kubelet.service - Kubernetes Kubelet.\n";
  log += "\nFlatcar Container Linux by Kinvolk stable 4081.2.0 (Oklo)\n" + host + " login: \n";
  if (i.health_failing) {
    double t = std::max<double>(60, static_cast<double>(up_s));
    log += at(t) +
           "kubelet[1203]: E0101 run.go:72] \"command failed\" err=\"failed to run "
           "Kubelet: unable to load bootstrap kubeconfig\"\n";
    log += at(t + 0.01) +
           "systemd[1]: kubelet.service: Main process exited, code=exited, status=1/FAILURE\n";
    log += at(t + 0.01) + "systemd[1]: kubelet.service: Failed with result 'exit-code'.\n";
  }
  for (const auto& line : i.console_extra) log += line + "\n";
  return log;
}

// The console as EC2 last posted it: nothing while the instance is pending, the boot log once
// it runs (base64, as on AWS). Terminated instances keep their last output.
void GetConsoleOutput(Context& ctx, XmlWriter& w) {
  std::string id = Required(ctx, "InstanceId");
  auto it = ctx.world.instances.find(id);
  if (it == ctx.world.instances.end() || !Listed(ctx, it->second))
    Fail(400, "InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
  const Instance& i = it->second;
  w.Leaf("instanceId", id);
  if (InstanceState(ctx, i).second == "pending") return;
  int64_t posted = i.created_ms + ctx.Duration("instance_running");
  w.Leaf("timestamp", IsoTime(std::max(posted, i.terminate_ms)));
  w.Leaf("output", Base64Encode(BootLog(ctx, i)));
}

void WriteTemplate(XmlWriter& w, const LaunchTemplate& t, const std::string& element) {
  w.Open(element).Leaf("launchTemplateId", t.id).Leaf("launchTemplateName", t.name);
  w.Leaf("createTime", IsoTime(t.created_ms));
  w.Leaf("createdBy", std::string("arn:aws:iam::") + kAccountId + ":user/admin");
  w.Leaf("defaultVersionNumber", t.default_version);
  w.Leaf("latestVersionNumber", static_cast<int>(t.versions.size()));
  WriteTags(w, t.tags);
  w.Close();
}

void CreateLaunchTemplate(Context& ctx, XmlWriter& w) {
  std::string name = Required(ctx, "LaunchTemplateName");
  if (name.size() < 3 || name.size() > 128)
    Fail(400, "InvalidLaunchTemplateName.MalformedException",
         "A launch template name must be between 3 and 128 characters");
  for (const auto& [id, t] : ctx.world.launch_templates)
    if (t.name == name && t.region == ctx.region)
      Fail(400, "InvalidLaunchTemplateName.AlreadyExistsException",
           "Launch template name already in use.");
  ParamView data = ctx.req.Params().Sub("LaunchTemplateData");
  nlohmann::json spec = SpecFrom(data);
  std::string image = Str(spec, "ImageId");
  if (!image.empty() &&
      (!ctx.world.images.count(image) || ctx.world.images.at(image).region != ctx.region))
    Fail(400, "InvalidAMIID.NotFound", "The image id '[" + image + "]' does not exist");
  LaunchTemplate t;
  t.id = "lt-" + ctx.world.Hex(17);
  t.region = ctx.region;
  t.name = name;
  t.created_ms = ctx.now_ms;
  t.tags = TagSpecTags(ctx, "launch-template");
  spec["LaunchTemplateId"] = t.id;
  t.versions.push_back(spec);
  ctx.world.launch_templates[t.id] = t;
  ctx.Created(t.id);
  WriteTemplate(w, t, "launchTemplate");
}

LaunchTemplate& FindTemplate(Context& ctx, const std::string& id, const std::string& name) {
  for (auto& [tid, t] : ctx.world.launch_templates) {
    if (t.region != ctx.region || !ctx.Visible(tid)) continue;
    if ((!id.empty() && tid == id) || (id.empty() && t.name == name)) return t;
  }
  if (!id.empty())
    Fail(400, "InvalidLaunchTemplateId.NotFound",
         "The specified launch template, with template ID " + id + ", does not exist.");
  Fail(400, "InvalidLaunchTemplateName.NotFoundException",
       "The specified launch template, with template name " + name + ", does not exist.");
}

void DescribeLaunchTemplates(Context& ctx, XmlWriter& w) {
  auto ids = Ids(ctx, "LaunchTemplateId");
  auto names = Ids(ctx, "LaunchTemplateName");
  for (const auto& id : ids) FindTemplate(ctx, id, "");
  for (const auto& n : names) FindTemplate(ctx, "", n);
  auto match = ParseFilters(ctx, {"launch-template-name", "create-time"});
  Pager pager = Ec2Pager(ctx, 1, 200);
  w.Open("launchTemplates");
  for (const auto& [id, t] : ctx.world.launch_templates) {
    if (t.region != ctx.region || !ctx.Visible(id)) continue;
    if (!ids.empty() && !Contains(ids, id)) continue;
    if (!names.empty() && !Contains(names, t.name)) continue;
    Attrs a{{"launch-template-name", t.name}, {"create-time", IsoTime(t.created_ms)}};
    AddTagAttrs(a, t.tags);
    if (match(a) && pager.Take(id)) WriteTemplate(w, t, "item");
  }
  w.Close();
  WriteNextToken(w, pager);
}

void DeleteLaunchTemplate(Context& ctx, XmlWriter& w) {
  auto p = ctx.req.Params();
  if (!p.Has("LaunchTemplateId") && !p.Has("LaunchTemplateName"))
    Fail(400, "MissingParameter",
         "The request must contain the parameter launchTemplateName or launchTemplateId");
  LaunchTemplate t = FindTemplate(ctx, p.Get("LaunchTemplateId"), p.Get("LaunchTemplateName"));
  ctx.world.launch_templates.erase(t.id);
  WriteTemplate(w, t, "launchTemplate");
}

void DescribeVolumes(Context& ctx, XmlWriter& w) {
  auto ids = Ids(ctx, "VolumeId");
  auto match = ParseFilters(
      ctx, {"volume-id", "status", "availability-zone", "attachment.instance-id", "volume-type"});
  std::vector<std::string> found;
  w.Open("volumeSet");
  for (const auto& [iid, i] : ctx.world.instances) {
    if (!Listed(ctx, i) || InstanceState(ctx, i).second == "terminated") continue;
    std::string vid = VolumeOf(i);
    if (!ids.empty() && !Contains(ids, vid)) continue;
    found.push_back(vid);
    Attrs a{{"volume-id", vid},
            {"status", "in-use"},
            {"availability-zone", i.az},
            {"attachment.instance-id", iid},
            {"volume-type", "gp3"}};
    AddTagAttrs(a, i.tags);
    if (!match(a)) continue;
    w.Open("item").Leaf("volumeId", vid).Leaf("size", 8).Leaf("snapshotId", "");
    w.Leaf("availabilityZone", i.az).Leaf("status", "in-use");
    w.Leaf("createTime", IsoTime(i.created_ms)).Open("attachmentSet").Open("item");
    w.Leaf("volumeId", vid).Leaf("instanceId", iid).Leaf("device", "/dev/xvda");
    w.Leaf("status", "attached").Leaf("attachTime", IsoTime(i.created_ms));
    w.Bool("deleteOnTermination", true).Close().Close();
    w.Leaf("volumeType", "gp3").Leaf("iops", 3000).Bool("encrypted", false);
    w.Leaf("throughput", 125).Bool("multiAttachEnabled", false);
    WriteTags(w, i.tags);
    w.Close();
  }
  w.Close();
  CheckAllFound(ids, found, "InvalidVolume.NotFound", "volume");
}

void DeleteVolume(Context& ctx, XmlWriter& w) {
  std::string id = Required(ctx, "VolumeId");
  for (const auto& [iid, i] : ctx.world.instances) {
    if (VolumeOf(i) == id && Listed(ctx, i) && InstanceState(ctx, i).second != "terminated")
      Fail(400, "VolumeInUse", "Volume " + id + " is currently attached to " + iid);
  }
  Fail(400, "InvalidVolume.NotFound", "The volume '" + id + "' does not exist.");
  w.Bool("return", true);
}

void DescribeNetworkInterfaces(Context& ctx, XmlWriter& w) {
  auto ids = Ids(ctx, "NetworkInterfaceId");
  auto match = ParseFilters(ctx, {"network-interface-id", "vpc-id", "subnet-id", "status",
                                  "attachment.instance-id", "description", "group-id"});
  std::vector<std::string> found;
  w.Open("networkInterfaceSet");
  for (const auto& [iid, i] : ctx.world.instances) {
    if (!Listed(ctx, i) || InstanceState(ctx, i).second == "terminated") continue;
    if (!ids.empty() && !Contains(ids, i.eni_id)) continue;
    found.push_back(i.eni_id);
    Attrs a{{"network-interface-id", i.eni_id}, {"vpc-id", i.vpc_id},
            {"subnet-id", i.subnet_id},         {"status", "in-use"},
            {"attachment.instance-id", iid},    {"description", ""}};
    for (const auto& g : i.security_groups) a.emplace("group-id", g);
    if (!match(a)) continue;
    w.Open("item").Leaf("networkInterfaceId", i.eni_id).Leaf("subnetId", i.subnet_id);
    w.Leaf("vpcId", i.vpc_id).Leaf("availabilityZone", i.az).Leaf("description", "");
    w.Leaf("ownerId", kAccountId).Leaf("requesterManaged", "false").Leaf("status", "in-use");
    w.Leaf("privateIpAddress", i.private_ip).Bool("sourceDestCheck", true);
    w.Leaf("interfaceType", "interface").Open("groupSet");
    for (const auto& g : i.security_groups) w.Open("item").Leaf("groupId", g).Close();
    w.Close().Open("attachment").Leaf("attachmentId", "eni-attach-" + Suffix(i.eni_id));
    w.Leaf("instanceId", iid).Leaf("deviceIndex", 0).Leaf("status", "attached");
    w.Bool("deleteOnTermination", true).Close();
    w.Open("tagSet").Close().Close();
  }
  w.Close();
  CheckAllFound(ids, found, "InvalidNetworkInterfaceID.NotFound", "networkInterface ID");
}

void DeleteNetworkInterface(Context& ctx, XmlWriter& w) {
  std::string id = Required(ctx, "NetworkInterfaceId");
  for (const auto& [iid, i] : ctx.world.instances) {
    if (i.eni_id == id && Listed(ctx, i) && InstanceState(ctx, i).second != "terminated")
      Fail(400, "InvalidNetworkInterface.InUse",
           "Interface: [" + id + "] in use by instance " + iid + ".");
  }
  Fail(400, "InvalidNetworkInterfaceID.NotFound",
       "The networkInterface ID '" + id + "' does not exist");
  w.Bool("return", true);
}

}  // namespace

void RegisterCompute(OpTable& ops) {
  ops["RunInstances"] = RunInstances;
  ops["DescribeInstances"] = DescribeInstances;
  ops["TerminateInstances"] = TerminateInstances;
  ops["GetConsoleOutput"] = GetConsoleOutput;
  ops["CreateLaunchTemplate"] = CreateLaunchTemplate;
  ops["DescribeLaunchTemplates"] = DescribeLaunchTemplates;
  ops["DeleteLaunchTemplate"] = DeleteLaunchTemplate;
  ops["DescribeVolumes"] = DescribeVolumes;
  ops["DeleteVolume"] = DeleteVolume;
  ops["DescribeNetworkInterfaces"] = DescribeNetworkInterfaces;
  ops["DeleteNetworkInterface"] = DeleteNetworkInterface;
  RegisterCatalog(ops);
}

}  // namespace awsim::ec2
