// Auto Scaling (Query protocol, 2011-01-01): groups backed by an EC2 launch template. The
// group launches DesiredCapacity instances round robin over its subnets, registers them with
// its target groups, and records one scaling activity per launch or termination (failed
// launches become Failed activities, as on AWS). Quota: 500 groups per region.
#include <algorithm>
#include <cstdio>

#include "ec2_common.h"
#include "paging.h"
#include "pass_role.h"
#include "server.h"

namespace awsim {

namespace {

std::string Arg(const Context& ctx, const std::string& name) {
  auto v = ctx.req.Params().Find(name);
  if (!v || v->empty())
    Fail(400, "ValidationError",
         "1 validation error detected: Value null at '" + name +
             "' failed to satisfy constraint: Member must not be null");
  return *v;
}

AutoScalingGroup& FindGroup(Context& ctx, const std::string& name) {
  auto it = ctx.world.asgs.find(name);
  if (it == ctx.world.asgs.end() || it->second.region != ctx.region)
    Fail(400, "ValidationError",
         "AutoScalingGroup name not found - AutoScalingGroup " + name + " not found");
  return it->second;
}

LaunchTemplate& FindTemplate(Context& ctx, const std::string& id, const std::string& name) {
  for (auto& [tid, t] : ctx.world.launch_templates) {
    if (t.region != ctx.region) continue;
    if ((!id.empty() && tid == id) || (id.empty() && t.name == name)) return t;
  }
  Fail(400, "ValidationError",
       "The specified launch template, with template " +
           (id.empty() ? "name " + name : "ID " + id) + ", does not exist.");
}

// AWS checks the template's instance profile when the group is created, not only at launch:
// one IAM has not propagated to EC2 yet is refused with this ValidationError (callers retry).
void CheckTemplateProfile(Context& ctx, const AutoScalingGroup& g) {
  LaunchTemplate& lt = FindTemplate(ctx, g.lt_id, "");
  if (lt.versions.empty()) return;
  size_t version = lt.versions.size();
  if (g.lt_version == "$Default") version = static_cast<size_t>(lt.default_version);
  if (version < 1 || version > lt.versions.size()) return;  // Reconcile reports it
  const nlohmann::json& spec = lt.versions[version - 1];
  std::string name = spec.value("ProfileName", "");
  std::string arn = spec.value("ProfileArn", "");
  if (name.empty() && arn.empty()) return;
  std::string shown = name.empty() ? arn : name;
  if (name.empty()) name = arn.substr(arn.rfind('/') + 1);
  auto p = ctx.world.instance_profiles.find(name);
  bool ok = p != ctx.world.instance_profiles.end() && (arn.empty() || p->second.arn == arn) &&
            ctx.now_ms >= std::max(p->second.created_ms, p->second.changed_ms) +
                              ctx.Duration("iam_propagation");
  if (!ok)
    Fail(400, "ValidationError",
         "You must use a valid fully-formed launch template. Value (" + shown +
             ") for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile "
             "name");
  // The group launches with its creator's permissions: AWS checks that the caller may pass the
  // template's role (iam:PassRole) when the group is created or updated, and refuses the
  // template as a whole.
  if (!CheckPassRole(ctx, name).role_arn.empty())
    Fail(403, "AccessDenied", "You are not authorized to use launch template: " + lt.id);
}

void Activity(Context& ctx, AutoScalingGroup& g, const std::string& description,
              const std::string& cause, const std::string& status, const std::string& message) {
  g.activities.push_back({{"id", ctx.world.Uuid()},
                          {"description", description},
                          {"cause", cause},
                          {"status", status},
                          {"message", message},
                          {"start_ms", ctx.now_ms}});
}

std::vector<Instance*> Live(Context& ctx, const AutoScalingGroup& g) {
  std::vector<Instance*> out;
  for (const auto& id : g.instances) {
    auto it = ctx.world.instances.find(id);
    if (it != ctx.world.instances.end() && !it->second.terminate_ms) out.push_back(&it->second);
  }
  return out;
}

// Launches or terminates instances until the group holds `desired` live ones.
void Reconcile(Context& ctx, AutoScalingGroup& g) {
  auto live = Live(ctx, g);
  std::string now = IsoTime(ctx.now_ms);
  int missing = g.desired - static_cast<int>(live.size());
  for (int n = 0; n < missing; ++n) {
    LaunchTemplate& lt = FindTemplate(ctx, g.lt_id, "");
    size_t version = lt.versions.size();
    if (g.lt_version == "$Default")
      version = static_cast<size_t>(lt.default_version);
    else if (g.lt_version != "$Latest")
      version = std::strtoul(g.lt_version.c_str(), nullptr, 10);
    if (version < 1 || version > lt.versions.size())
      Fail(400, "ValidationError", "The launch template version " + g.lt_version + " is invalid.");
    nlohmann::json spec = lt.versions[version - 1];
    Tags tags = spec.value("Tags", Tags{});
    for (const auto& [k, v] : g.tags)
      if (g.propagate[k]) tags[k] = v;
    tags["aws:autoscaling:groupName"] = g.id;
    spec["Tags"] = tags;
    spec["AsgName"] = g.id;
    spec.erase("PrivateIpAddress");
    std::string subnet = g.subnets[(live.size() + n) % g.subnets.size()];
    std::string cause = "At " + now +
                        " an instance was started in response to a difference "
                        "between desired and actual capacity, increasing the capacity from " +
                        std::to_string(live.size() + n) + " to " + std::to_string(g.desired) + ".";
    try {
      Instance& i = ec2::LaunchInstance(ctx, spec, subnet, ctx.world.NewId("r"));
      g.instances.push_back(i.id);
      for (const auto& arn : g.target_groups) {
        auto tg = ctx.world.target_groups.find(arn);
        if (tg == ctx.world.target_groups.end()) continue;
        tg->second.targets.emplace_back(i.id, tg->second.port);
        tg->second.registered_ms[i.id] = ctx.now_ms;
      }
      Activity(ctx, g, "Launching a new EC2 instance: " + i.id, cause, "Successful", "");
    } catch (const ApiError& e) {
      Activity(ctx, g, "Launching a new EC2 instance.  Status Reason: " + e.message, cause,
               "Failed", e.message);
      break;
    }
  }
  for (int n = static_cast<int>(live.size()) - g.desired; n > 0; --n) {
    Instance* victim = live[live.size() - static_cast<size_t>(n)];
    ec2::TerminateInstance(ctx, *victim);
    Activity(ctx, g, "Terminating EC2 instance: " + victim->id,
             "At " + now +
                 " an instance was taken out of service in response to a difference "
                 "between desired and actual capacity.",
             "Successful", "");
  }
}

void ReadSizes(Context& ctx, AutoScalingGroup& g, bool create) {
  auto p = ctx.req.Params();
  if (create || p.Has("MinSize")) g.min = std::atoi(Arg(ctx, "MinSize").c_str());
  if (create || p.Has("MaxSize")) g.max = std::atoi(Arg(ctx, "MaxSize").c_str());
  if (p.Has("DesiredCapacity"))
    g.desired = std::atoi(p.Get("DesiredCapacity").c_str());
  else if (create)
    g.desired = g.min;
  else
    g.desired = std::clamp(g.desired, g.min, std::max(g.min, g.max));
  if (g.min > g.max)
    Fail(400, "ValidationError",
         "Max bound, " + std::to_string(g.max) + ", must be greater than or equal to min bound, " +
             std::to_string(g.min));
  if (g.desired < g.min || g.desired > g.max)
    Fail(400, "ValidationError",
         "Desired capacity:" + std::to_string(g.desired) +
             " must be between the specified min size:" + std::to_string(g.min) +
             " and max size:" + std::to_string(g.max));
}

void ReadTemplate(Context& ctx, AutoScalingGroup& g) {
  auto p = ctx.req.Params();
  if (!p.Has("LaunchTemplate.LaunchTemplateId") && !p.Has("LaunchTemplate.LaunchTemplateName"))
    return;
  LaunchTemplate& lt = FindTemplate(ctx, p.Get("LaunchTemplate.LaunchTemplateId"),
                                    p.Get("LaunchTemplate.LaunchTemplateName"));
  g.lt_id = lt.id;
  g.lt_version = p.Get("LaunchTemplate.Version", "$Default");
}

void ReadSubnets(Context& ctx, AutoScalingGroup& g) {
  std::string list = ctx.req.Params().Get("VPCZoneIdentifier");
  if (list.empty()) return;
  g.subnets.clear();
  size_t start = 0;
  while (start <= list.size()) {
    size_t end = list.find(',', start);
    if (end == std::string::npos) end = list.size();
    std::string id = list.substr(start, end - start);
    auto s = ctx.world.subnets.find(id);
    if (s == ctx.world.subnets.end() || s->second.region != ctx.region)
      Fail(400, "ValidationError", "The subnet ID '" + id + "' does not exist");
    g.subnets.push_back(id);
    start = end + 1;
  }
}

void CreateAutoScalingGroup(Context& ctx, XmlWriter&) {
  auto p = ctx.req.Params();
  std::string name = Arg(ctx, "AutoScalingGroupName");
  if (ctx.world.asgs.count(name))
    Fail(400, "AlreadyExists",
         "AutoScalingGroup by this name already exists - A group with the name " + name +
             " already exists");
  int count = 0;
  for (const auto& [n, g] : ctx.world.asgs) count += g.region == ctx.region;
  if (count >= 500)
    Fail(400, "LimitExceeded", "You have reached your quota of 500 Auto Scaling groups.");
  AutoScalingGroup g;
  g.id = name;
  g.region = ctx.region;
  g.created_ms = ctx.now_ms;
  g.arn = ctx.Arn("autoscaling",
                  "autoScalingGroup:" + ctx.world.Uuid() + ":autoScalingGroupName/" + name);
  ReadTemplate(ctx, g);
  if (g.lt_id.empty())
    Fail(400, "ValidationError",
         "Valid requests must contain either LaunchTemplate, LaunchConfigurationName, "
         "InstanceId or MixedInstancesPolicy parameter.");
  ReadSubnets(ctx, g);
  if (g.subnets.empty())
    Fail(400, "ValidationError", "At least one Availability Zone or VPC Subnet is required.");
  ReadSizes(ctx, g, true);
  CheckTemplateProfile(ctx, g);
  g.health_check_type = p.Get("HealthCheckType", "EC2");
  g.grace = std::atoi(p.Get("HealthCheckGracePeriod", "0").c_str());
  for (const auto& arn : p.List("TargetGroupARNs.member")) {
    if (!ctx.world.target_groups.count(arn))
      Fail(400, "ValidationError",
           "Provided Target Groups may not be valid. Please ensure they "
           "exist and try again.");
    g.target_groups.push_back(arn);
  }
  for (const auto& t : p.Items("Tags.member")) {
    g.tags[t.Get("Key")] = t.Get("Value");
    g.propagate[t.Get("Key")] = t.Get("PropagateAtLaunch") == "true";
  }
  AutoScalingGroup& stored = ctx.world.asgs[name] = g;
  Reconcile(ctx, stored);
}

void WriteGroup(Context& ctx, XmlWriter& w, const AutoScalingGroup& g) {
  w.Open("member").Leaf("AutoScalingGroupName", g.id).Leaf("AutoScalingGroupARN", g.arn);
  auto lt = ctx.world.launch_templates.find(g.lt_id);
  w.Open("LaunchTemplate").Leaf("LaunchTemplateId", g.lt_id);
  w.Leaf("LaunchTemplateName", lt == ctx.world.launch_templates.end() ? "" : lt->second.name);
  w.Leaf("Version", g.lt_version).Close();
  w.Leaf("MinSize", g.min).Leaf("MaxSize", g.max).Leaf("DesiredCapacity", g.desired);
  w.Leaf("DefaultCooldown", 300).Open("AvailabilityZones");
  std::set<std::string> azs;
  for (const auto& s : g.subnets)
    if (ctx.world.subnets.count(s)) azs.insert(ctx.world.subnets.at(s).az);
  for (const auto& az : azs) w.Leaf("member", az);
  w.Close().Open("LoadBalancerNames").Close().Open("TargetGroupARNs");
  for (const auto& t : g.target_groups) w.Leaf("member", t);
  w.Close().Leaf("HealthCheckType", g.health_check_type);
  w.Leaf("HealthCheckGracePeriod", g.grace).Open("Instances");
  for (const auto& id : g.instances) {
    auto it = ctx.world.instances.find(id);
    if (it == ctx.world.instances.end()) continue;
    const Instance& i = it->second;
    std::string state = ec2::InstanceState(ctx, i).second, lifecycle = "Pending";
    if (state == "terminated") continue;
    if (i.terminate_ms)
      lifecycle = "Terminating";
    else if (state == "running" && ctx.now_ms >= i.created_ms + ctx.Duration("instance_running") +
                                                     ctx.Duration("asg_inservice"))
      lifecycle = "InService";
    w.Open("member").Leaf("InstanceId", id).Leaf("InstanceType", i.instance_type);
    w.Leaf("AvailabilityZone", i.az).Leaf("LifecycleState", lifecycle);
    w.Leaf("HealthStatus", "Healthy").Open("LaunchTemplate").Leaf("LaunchTemplateId", g.lt_id);
    w.Leaf("LaunchTemplateName", lt == ctx.world.launch_templates.end() ? "" : lt->second.name);
    w.Leaf("Version", "1").Close().Bool("ProtectedFromScaleIn", false).Close();
  }
  w.Close().Leaf("CreatedTime", IsoTime(g.created_ms)).Open("SuspendedProcesses").Close();
  std::string zones;
  for (const auto& s : g.subnets) zones += (zones.empty() ? "" : ",") + s;
  w.Leaf("VPCZoneIdentifier", zones).Open("EnabledMetrics").Close().Open("Tags");
  for (const auto& [k, v] : g.tags) {
    w.Open("member").Leaf("ResourceId", g.id).Leaf("ResourceType", "auto-scaling-group");
    w.Leaf("Key", k)
        .Leaf("Value", v)
        .Bool("PropagateAtLaunch", g.propagate.count(k) && g.propagate.at(k));
    w.Close();
  }
  w.Close().Open("TerminationPolicies").Leaf("member", "Default").Close();
  w.Bool("NewInstancesProtectedFromScaleIn", false);
  w.Leaf("ServiceLinkedRoleARN", std::string("arn:aws:iam::") + kAccountId +
                                     ":role/aws-service-role/autoscaling.amazonaws.com/"
                                     "AWSServiceRoleForAutoScaling");
  w.Bool("CapacityRebalance", false).Open("TrafficSources");
  for (const auto& t : g.target_groups)
    w.Open("member").Leaf("Identifier", t).Leaf("Type", "elbv2").Close();
  w.Close().Close();
}

// NextToken / MaxRecords (1-100, default 50) in, NextToken out.
Pager AsgPager(const Context& ctx) {
  PageRules rules;
  rules.max = 100;
  rules.default_size = 50;
  rules.size_param = "MaxRecords";
  rules.size_code = "ValidationError";
  rules.token_code = "InvalidNextToken";
  return ReadPager(ctx.operation, ctx.req.Params().Find("NextToken"),
                   ctx.req.Params().Find("MaxRecords"), rules);
}

void WriteNextToken(XmlWriter& w, const Pager& pager) {
  if (pager.Truncated()) w.Leaf("NextToken", pager.NextToken());
}

void DescribeAutoScalingGroups(Context& ctx, XmlWriter& w) {
  auto names = ctx.req.Params().List("AutoScalingGroupNames.member");
  Pager pager = AsgPager(ctx);
  w.Open("AutoScalingGroups");
  for (const auto& [name, g] : ctx.world.asgs) {
    if (g.region != ctx.region) continue;
    if (!names.empty() && std::find(names.begin(), names.end(), name) == names.end()) continue;
    if (pager.Take(name)) WriteGroup(ctx, w, g);
  }
  w.Close();
  WriteNextToken(w, pager);
}

void UpdateAutoScalingGroup(Context& ctx, XmlWriter&) {
  AutoScalingGroup& g = FindGroup(ctx, Arg(ctx, "AutoScalingGroupName"));
  AutoScalingGroup copy = g;
  ReadTemplate(ctx, copy);
  ReadSubnets(ctx, copy);
  ReadSizes(ctx, copy, false);
  auto p = ctx.req.Params();
  if (p.Has("HealthCheckType")) copy.health_check_type = p.Get("HealthCheckType");
  if (p.Has("HealthCheckGracePeriod"))
    copy.grace = std::atoi(p.Get("HealthCheckGracePeriod").c_str());
  g = copy;
  Reconcile(ctx, g);
}

void DeleteAutoScalingGroup(Context& ctx, XmlWriter&) {
  AutoScalingGroup& g = FindGroup(ctx, Arg(ctx, "AutoScalingGroupName"));
  auto live = Live(ctx, g);
  if (!live.empty() && ctx.req.Params().Get("ForceDelete") != "true")
    Fail(400, "ResourceInUse",
         "You cannot delete an AutoScalingGroup while there are instances or pending Spot "
         "instance request(s) still in the group.");
  for (Instance* i : live) ec2::TerminateInstance(ctx, *i);
  ctx.world.asgs.erase(g.id);
}

void DescribeScalingActivities(Context& ctx, XmlWriter& w) {
  std::string name = ctx.req.Params().Get("AutoScalingGroupName");
  if (!name.empty()) FindGroup(ctx, name);
  Pager pager = AsgPager(ctx);
  w.Open("Activities");
  for (const auto& [n, g] : ctx.world.asgs) {
    if (g.region != ctx.region || (!name.empty() && n != name)) continue;
    size_t position = 0;
    for (auto it = g.activities.rbegin(); it != g.activities.rend(); ++it) {
      // Newest first within a group; the key orders (group, position) ascending.
      char key[16];
      std::snprintf(key, sizeof(key), "\x01%08zu", position++);
      if (!pager.Take(n + key)) continue;
      const auto& a = *it;
      int64_t start = a["start_ms"].get<int64_t>();
      w.Open("member").Leaf("ActivityId", a["id"].get<std::string>());
      w.Leaf("AutoScalingGroupName", n).Leaf("Description", a["description"].get<std::string>());
      w.Leaf("Cause", a["cause"].get<std::string>()).Leaf("StartTime", IsoTime(start));
      w.Leaf("EndTime", IsoTime(start)).Leaf("StatusCode", a["status"].get<std::string>());
      w.Opt("StatusMessage", a["message"].get<std::string>());
      w.Leaf("Progress", 100).Leaf("Details", "{}").Leaf("AutoScalingGroupARN", g.arn).Close();
    }
  }
  w.Close();
  WriteNextToken(w, pager);
}

}  // namespace

Response HandleAutoScaling(Context& ctx) {
  using Op = void (*)(Context&, XmlWriter&);
  static const std::map<std::string, Op> kOps = {
      {"CreateAutoScalingGroup", CreateAutoScalingGroup},
      {"DescribeAutoScalingGroups", DescribeAutoScalingGroups},
      {"UpdateAutoScalingGroup", UpdateAutoScalingGroup},
      {"DeleteAutoScalingGroup", DeleteAutoScalingGroup},
      {"DescribeScalingActivities", DescribeScalingActivities}};
  auto it = kOps.find(ctx.operation);
  if (it == kOps.end())
    Fail(400, "InvalidAction",
         "The action " + ctx.operation + " is not valid for this web service.");
  XmlWriter w = QueryBegin(ctx);
  it->second(ctx, w);
  if (ctx.operation == "CreateAutoScalingGroup" || ctx.operation == "UpdateAutoScalingGroup" ||
      ctx.operation == "DeleteAutoScalingGroup") {
    // These answer with an empty body: <OpResponse><ResponseMetadata/></OpResponse>.
    XmlWriter empty;
    empty.Open(ctx.operation + "Response", "xmlns=\"" + NamespaceOf(ctx.service) + "\"");
    empty.Open("ResponseMetadata").Leaf("RequestId", ctx.request_id).Close();
    Response r = XmlResponse(empty);
    r.headers.emplace_back("x-amzn-RequestId", ctx.request_id);
    return r;
  }
  return QueryEnd(ctx, w);
}

}  // namespace awsim
