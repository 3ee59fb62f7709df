// Elastic Load Balancing v2 (Query protocol, 2015-12-01): network load balancers
// (provisioning -> active on the virtual clock), target groups, listeners, tags, and the health
// of registered instance targets (initial -> healthy `target_healthy` after the instance runs).
// Quotas: 50 NLBs per region, 3000 target groups, 50 listeners per load balancer.
#include <algorithm>

#include "ec2_common.h"
#include "paging.h"
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

std::string ZoneIdOf(const std::string& region) {
  static const std::map<std::string, std::string> kNlbZones = {
      {"us-east-1", "Z26RNL4JYFTOTI"},     {"us-east-2", "ZLMOA37VPKANP"},
      {"us-west-1", "Z24FKFUX50B4VW"},     {"us-west-2", "Z18D5FSROUN65G"},
      {"eu-west-1", "Z2IFOLAFXWLO4F"},     {"eu-west-2", "ZD4D7Y8KGAS4G"},
      {"eu-west-3", "Z1CMS0P5QUZ6D5"},     {"eu-central-1", "Z3F0SRJ5LGBH90"},
      {"eu-north-1", "Z1UDT6IFJ4EJM"},     {"ap-northeast-1", "Z31USIVHYNEOWT"},
      {"ap-northeast-2", "ZIBE1TIR4HY56"}, {"ap-southeast-1", "ZKVM4W9LS7TM"},
      {"ap-southeast-2", "ZCT6FZBF4DROD"}, {"ap-south-1", "ZVDDRBQ08TROA"},
      {"ca-central-1", "Z2EPGBW3API2WT"},  {"sa-east-1", "ZTK26PT1VY4CU"}};
  auto it = kNlbZones.find(region);
  return it == kNlbZones.end() ? "Z26RNL4JYFTOTI" : it->second;
}

std::string LbState(const Context& ctx, const LoadBalancer& lb) {
  return ctx.now_ms >= lb.created_ms + ctx.Duration("nlb_active") ? "active" : "provisioning";
}

void CheckName(const std::string& name, const std::string& what) {
  bool ok = !name.empty() && name.size() <= 32 && name.front() != '-' && name.back() != '-' &&
            name.rfind("internal-", 0) != 0;
  for (char c : name) ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '-');
  if (!ok)
    Fail(400, "ValidationError",
         "The " + what + " name '" + name +
             "' can have a maximum of 32 characters, contain only alphanumeric characters or "
             "hyphens, and must not begin or end with a hyphen");
}

Tags ReadTags(const Context& ctx) {
  Tags tags;
  for (const auto& t : ctx.req.Params().Items("Tags.member")) tags[t.Get("Key")] = t.Get("Value");
  return tags;
}

LoadBalancer& FindLb(Context& ctx, const std::string& arn) {
  auto it = ctx.world.load_balancers.find(arn);
  if (it == ctx.world.load_balancers.end() || it->second.region != ctx.region || !ctx.Visible(arn))
    Fail(400, "LoadBalancerNotFound", "One or more load balancers not found");
  return it->second;
}

TargetGroup& FindTg(Context& ctx, const std::string& arn) {
  auto it = ctx.world.target_groups.find(arn);
  if (it == ctx.world.target_groups.end() || it->second.region != ctx.region || !ctx.Visible(arn))
    Fail(400, "TargetGroupNotFound", "One or more target groups not found");
  return it->second;
}

void WriteLb(const Context& ctx, XmlWriter& w, const LoadBalancer& lb) {
  w.Open("member").Leaf("LoadBalancerArn", lb.id).Leaf("DNSName", lb.dns_name);
  w.Leaf("CanonicalHostedZoneId", ZoneIdOf(lb.region)).Leaf("CreatedTime", IsoTime(lb.created_ms));
  w.Leaf("LoadBalancerName", lb.name).Leaf("Scheme", lb.scheme).Leaf("VpcId", lb.vpc_id);
  w.Open("State").Leaf("Code", LbState(ctx, lb)).Close();
  w.Leaf("Type", lb.type).Open("AvailabilityZones");
  for (size_t i = 0; i < lb.subnets.size(); ++i) {
    auto s = ctx.world.subnets.find(lb.subnets[i]);
    w.Open("member").Leaf("ZoneName", s == ctx.world.subnets.end() ? "" : s->second.az);
    w.Leaf("SubnetId", lb.subnets[i]).Open("LoadBalancerAddresses");
    if (i < lb.allocation_ids.size() && !lb.allocation_ids[i].empty()) {
      auto a = ctx.world.addresses.find(lb.allocation_ids[i]);
      w.Open("member").Leaf("AllocationId", lb.allocation_ids[i]);
      w.Leaf("IpAddress", a == ctx.world.addresses.end() ? "" : a->second.public_ip).Close();
    }
    w.Close().Close();
  }
  w.Close();
  if (!lb.security_groups.empty()) {
    w.Open("SecurityGroups");
    for (const auto& g : lb.security_groups) w.Leaf("member", g);
    w.Close();
  }
  w.Leaf("IpAddressType", lb.ip_type).Close();
}

void WriteTg(const Context& ctx, XmlWriter& w, const TargetGroup& tg) {
  w.Open("member").Leaf("TargetGroupArn", tg.id).Leaf("TargetGroupName", tg.name);
  w.Leaf("Protocol", tg.protocol).Leaf("Port", tg.port).Leaf("VpcId", tg.vpc_id);
  w.Leaf("HealthCheckProtocol", tg.hc_protocol).Leaf("HealthCheckPort", tg.hc_port);
  w.Bool("HealthCheckEnabled", true).Leaf("HealthCheckIntervalSeconds", tg.hc_interval);
  w.Leaf("HealthCheckTimeoutSeconds", 10).Leaf("HealthyThresholdCount", tg.healthy);
  w.Leaf("UnhealthyThresholdCount", tg.unhealthy).Opt("HealthCheckPath", tg.hc_path);
  if (tg.hc_protocol != "TCP") w.Open("Matcher").Leaf("HttpCode", "200-399").Close();
  w.Open("LoadBalancerArns");
  std::set<std::string> lbs;
  for (const auto& [arn, l] : ctx.world.listeners)
    if (l.target_group_arn == tg.id) lbs.insert(l.lb_arn);
  for (const auto& arn : lbs) w.Leaf("member", arn);
  w.Close().Leaf("TargetType", tg.target_type).Leaf("IpAddressType", "ipv4").Close();
}

void WriteListener(XmlWriter& w, const Listener& l) {
  w.Open("member").Leaf("ListenerArn", l.id).Leaf("LoadBalancerArn", l.lb_arn);
  w.Leaf("Port", l.port).Leaf("Protocol", l.protocol).Open("DefaultActions").Open("member");
  w.Leaf("Type", "forward").Leaf("TargetGroupArn", l.target_group_arn).Open("ForwardConfig");
  w.Open("TargetGroups").Open("member").Leaf("TargetGroupArn", l.target_group_arn);
  w.Leaf("Weight", 1).Close().Close();
  w.Open("TargetGroupStickinessConfig").Bool("Enabled", false).Close();
  w.Close().Close().Close().Close();
}

void CreateLoadBalancer(Context& ctx, XmlWriter& w) {
  auto p = ctx.req.Params();
  std::string name = Arg(ctx, "Name");
  CheckName(name, "load balancer");
  std::string type = p.Get("Type", "application"), scheme = p.Get("Scheme", "internet-facing");
  if (type != "network")
    Fail(400, "ValidationError", "awsim models only network load balancers (Type=network)");
  if (scheme != "internet-facing" && scheme != "internal")
    Fail(400, "ValidationError", "Scheme must be internet-facing or internal");
  std::vector<std::string> subnets = p.List("Subnets.member"), allocations;
  for (const auto& m : p.Items("SubnetMappings.member")) {
    subnets.push_back(m.Get("SubnetId"));
    allocations.push_back(m.Get("AllocationId"));
  }
  if (subnets.empty()) Fail(400, "ValidationError", "At least one subnet must be specified");
  std::string vpc;
  std::set<std::string> azs;
  for (const auto& id : subnets) {
    auto s = ctx.world.subnets.find(id);
    if (s == ctx.world.subnets.end() || s->second.region != ctx.region || !ctx.Visible(id))
      Fail(400, "SubnetNotFound", "The subnet ID '" + id + "' is not valid");
    if (!vpc.empty() && vpc != s->second.vpc_id)
      Fail(400, "InvalidConfigurationRequest", "Subnets must all be in the same VPC");
    vpc = s->second.vpc_id;
    if (!azs.insert(s->second.az).second)
      Fail(400, "InvalidConfigurationRequest",
           "A load balancer cannot be attached to multiple subnets in the same Availability Zone");
  }
  for (const auto& a : allocations) {
    if (!a.empty() && !ctx.world.addresses.count(a))
      Fail(400, "AllocationIdNotFound", "The allocation ID '" + a + "' does not exist");
  }
  auto groups = p.List("SecurityGroups.member");
  for (const auto& g : groups) {
    auto it = ctx.world.security_groups.find(g);
    if (it == ctx.world.security_groups.end() || it->second.vpc_id != vpc)
      Fail(400, "InvalidSecurityGroup", "Security group '" + g + "' does not exist");
  }
  Tags tags = ReadTags(ctx);
  int count = 0;
  for (auto& [arn, lb] : ctx.world.load_balancers) {
    if (lb.region != ctx.region) continue;
    ++count;
    if (lb.name == name) {
      // Same name and settings: idempotent; otherwise a duplicate.
      if (lb.subnets != subnets || lb.scheme != scheme || lb.type != type)
        Fail(400, "DuplicateLoadBalancerName",
             "A load balancer with the same name '" + name +
                 "' exists, but with different settings");
      w.Open("LoadBalancers");
      WriteLb(ctx, w, lb);
      w.Close();
      return;
    }
  }
  if (count >= 50)
    Fail(400, "TooManyLoadBalancers",
         "The quota for the number of load balancers has been reached");
  LoadBalancer lb;
  std::string suffix = ctx.world.Hex(16);
  lb.id = ctx.Arn("elasticloadbalancing", "loadbalancer/net/" + name + "/" + suffix);
  lb.region = ctx.region;
  lb.created_ms = ctx.now_ms;
  lb.tags = tags;
  lb.name = name;
  lb.type = type;
  lb.scheme = scheme;
  lb.vpc_id = vpc;
  lb.dns_name = name + "-" + suffix + ".elb." + ctx.region + ".amazonaws.com";
  lb.subnets = subnets;
  lb.security_groups = groups;
  lb.allocation_ids = allocations;
  ctx.world.load_balancers[lb.id] = lb;
  ctx.Created(lb.id);
  w.Open("LoadBalancers");
  WriteLb(ctx, w, lb);
  w.Close();
}

// Marker / PageSize (1-400) in, NextMarker out.
Pager ElbPager(const Context& ctx) {
  PageRules rules;
  rules.max = 400;
  rules.default_size = 400;
  rules.size_param = "PageSize";
  rules.token_param = "Marker";
  rules.size_code = rules.token_code = "ValidationError";
  return ReadPager(ctx.operation, ctx.req.Params().Find("Marker"),
                   ctx.req.Params().Find("PageSize"), rules);
}

void WriteNextMarker(XmlWriter& w, const Pager& pager) {
  if (pager.Truncated()) w.Leaf("NextMarker", pager.NextToken());
}

void DescribeLoadBalancers(Context& ctx, XmlWriter& w) {
  auto p = ctx.req.Params();
  auto names = p.List("Names.member"), arns = p.List("LoadBalancerArns.member");
  Pager pager = ElbPager(ctx);
  std::vector<const LoadBalancer*> out;
  std::set<std::string> found;
  for (const auto& [arn, lb] : ctx.world.load_balancers) {
    if (lb.region != ctx.region || !ctx.Visible(arn)) continue;
    if (!names.empty() && std::find(names.begin(), names.end(), lb.name) == names.end()) continue;
    if (!arns.empty() && std::find(arns.begin(), arns.end(), arn) == arns.end()) continue;
    found.insert(lb.name);
    found.insert(arn);
    if (pager.Take(arn)) out.push_back(&lb);
  }
  for (const auto& n : names)
    if (!found.count(n))
      Fail(400, "LoadBalancerNotFound", "Load balancers '[" + n + "]' not found");
  for (const auto& a : arns)
    if (!found.count(a)) Fail(400, "LoadBalancerNotFound", "One or more load balancers not found");
  w.Open("LoadBalancers");
  for (const auto* lb : out) WriteLb(ctx, w, *lb);
  w.Close();
  WriteNextMarker(w, pager);
}

void DeleteLoadBalancer(Context& ctx, XmlWriter&) {
  std::string arn = Arg(ctx, "LoadBalancerArn");
  auto it = ctx.world.load_balancers.find(arn);
  if (it == ctx.world.load_balancers.end()) return;  // idempotent, as on AWS
  std::erase_if(ctx.world.listeners, [&](const auto& l) { return l.second.lb_arn == arn; });
  ctx.world.load_balancers.erase(it);
}

void ModifyLoadBalancerAttributes(Context& ctx, XmlWriter& w) {
  FindLb(ctx, Arg(ctx, "LoadBalancerArn"));
  static const std::set<std::string> kKnown = {"load_balancing.cross_zone.enabled",
                                               "deletion_protection.enabled",
                                               "access_logs.s3.enabled",
                                               "access_logs.s3.bucket",
                                               "access_logs.s3.prefix",
                                               "ipv6.deny_all_igw_traffic",
                                               "dns_record.client_routing_policy"};
  auto attrs = ctx.req.Params().Items("Attributes.member");
  if (attrs.empty()) Fail(400, "ValidationError", "Attributes must not be empty");
  w.Open("Attributes");
  for (const auto& a : attrs) {
    std::string key = a.Get("Key");
    if (!kKnown.count(key))
      Fail(400, "InvalidConfigurationRequest",
           "Key " + key + " not valid for load balancer type network");
    w.Open("member").Leaf("Key", key).Leaf("Value", a.Get("Value")).Close();
  }
  w.Close();
}

void CreateTargetGroup(Context& ctx, XmlWriter& w) {
  auto p = ctx.req.Params();
  std::string name = Arg(ctx, "Name");
  CheckName(name, "target group");
  std::string protocol = Arg(ctx, "Protocol");
  static const std::set<std::string> kProtocols = {"TCP", "UDP", "TLS", "TCP_UDP", "HTTP", "HTTPS"};
  if (!kProtocols.count(protocol))
    Fail(400, "ValidationError", "Value '" + protocol + "' at 'protocol' failed to satisfy enum");
  int port = std::atoi(Arg(ctx, "Port").c_str());
  if (port < 1 || port > 65535) Fail(400, "ValidationError", "Port must be between 1 and 65535");
  std::string vpc = Arg(ctx, "VpcId");
  auto v = ctx.world.vpcs.find(vpc);
  if (v == ctx.world.vpcs.end() || v->second.region != ctx.region)
    Fail(400, "ValidationError", "The VPC ID '" + vpc + "' is not found");
  TargetGroup tg;
  tg.name = name;
  tg.protocol = protocol;
  tg.port = port;
  tg.vpc_id = vpc;
  tg.target_type = p.Get("TargetType", "instance");
  tg.hc_protocol =
      p.Get("HealthCheckProtocol", protocol == "HTTP" || protocol == "HTTPS" ? protocol : "TCP");
  tg.hc_port = p.Get("HealthCheckPort", "traffic-port");
  tg.hc_path = p.Get("HealthCheckPath", tg.hc_protocol == "TCP" ? "" : "/");
  if (tg.hc_protocol == "TCP" && p.Has("HealthCheckPath"))
    Fail(400, "ValidationError", "Health check path cannot be set with the TCP protocol");
  tg.hc_interval = std::atoi(p.Get("HealthCheckIntervalSeconds", "30").c_str());
  tg.healthy = std::atoi(p.Get("HealthyThresholdCount", "5").c_str());
  tg.unhealthy = std::atoi(p.Get("UnhealthyThresholdCount", "2").c_str());
  int count = 0;
  for (const auto& [arn, g] : ctx.world.target_groups) {
    if (g.region != ctx.region) continue;
    ++count;
    if (g.name == name) {
      if (g.protocol != tg.protocol || g.port != tg.port || g.vpc_id != tg.vpc_id)
        Fail(
            400, "DuplicateTargetGroupName",
            "A target group with the same name '" + name + "' exists, but with different settings");
      w.Open("TargetGroups");
      WriteTg(ctx, w, g);
      w.Close();
      return;
    }
  }
  if (count >= 3000)
    Fail(400, "TooManyTargetGroups", "The quota for the number of target groups has been reached");
  tg.id = ctx.Arn("elasticloadbalancing", "targetgroup/" + name + "/" + ctx.world.Hex(16));
  tg.region = ctx.region;
  tg.created_ms = ctx.now_ms;
  tg.tags = ReadTags(ctx);
  ctx.world.target_groups[tg.id] = tg;
  ctx.Created(tg.id);
  w.Open("TargetGroups");
  WriteTg(ctx, w, tg);
  w.Close();
}

void DescribeTargetGroups(Context& ctx, XmlWriter& w) {
  auto p = ctx.req.Params();
  auto names = p.List("Names.member"), arns = p.List("TargetGroupArns.member");
  std::string lb = p.Get("LoadBalancerArn");
  if (!lb.empty()) FindLb(ctx, lb);
  Pager pager = ElbPager(ctx);
  std::set<std::string> found;
  w.Open("TargetGroups");
  for (const auto& [arn, tg] : ctx.world.target_groups) {
    if (tg.region != ctx.region || !ctx.Visible(arn)) continue;
    if (!names.empty() && std::find(names.begin(), names.end(), tg.name) == names.end()) continue;
    if (!arns.empty() && std::find(arns.begin(), arns.end(), arn) == arns.end()) continue;
    if (!lb.empty()) {
      bool used = false;
      for (const auto& [la, l] : ctx.world.listeners)
        used = used || (l.lb_arn == lb && l.target_group_arn == arn);
      if (!used) continue;
    }
    found.insert(tg.name);
    found.insert(arn);
    if (pager.Take(arn)) WriteTg(ctx, w, tg);
  }
  w.Close();
  WriteNextMarker(w, pager);
  for (const auto& n : names)
    if (!found.count(n)) Fail(400, "TargetGroupNotFound", "Target groups '[" + n + "]' not found");
  for (const auto& a : arns)
    if (!found.count(a)) Fail(400, "TargetGroupNotFound", "One or more target groups not found");
}

void DeleteTargetGroup(Context& ctx, XmlWriter&) {
  std::string arn = Arg(ctx, "TargetGroupArn");
  if (!ctx.world.target_groups.count(arn)) return;
  for (const auto& [la, l] : ctx.world.listeners) {
    if (l.target_group_arn == arn)
      Fail(400, "ResourceInUse",
           "Target group '" + arn + "' is currently in use by a listener or a rule");
  }
  ctx.world.target_groups.erase(arn);
}

void CreateListener(Context& ctx, XmlWriter& w) {
  auto p = ctx.req.Params();
  LoadBalancer& lb = FindLb(ctx, Arg(ctx, "LoadBalancerArn"));
  std::string protocol = Arg(ctx, "Protocol");
  int port = std::atoi(Arg(ctx, "Port").c_str());
  if (port < 1 || port > 65535) Fail(400, "ValidationError", "Port must be between 1 and 65535");
  auto actions = p.Items("DefaultActions.member");
  if (actions.size() != 1 || actions[0].Get("Type") != "forward")
    Fail(400, "ValidationError", "awsim models exactly one forward default action");
  std::string tg_arn = actions[0].Get("TargetGroupArn");
  TargetGroup& tg = FindTg(ctx, tg_arn);
  if (tg.vpc_id != lb.vpc_id)
    Fail(400, "ValidationError", "The target group and the load balancer are in different VPCs");
  for (const auto& [la, l] : ctx.world.listeners) {
    if (l.target_group_arn == tg_arn && l.lb_arn != lb.id)
      Fail(400, "TargetGroupAssociationLimit",
           "The following target groups cannot be associated with more than one load balancer: " +
               tg_arn);
  }
  int count = 0;
  for (const auto& [la, l] : ctx.world.listeners) {
    if (l.lb_arn != lb.id) continue;
    ++count;
    if (l.port == port) {
      if (l.protocol == protocol && l.target_group_arn == tg_arn) {
        w.Open("Listeners");
        WriteListener(w, l);
        w.Close();
        return;
      }
      Fail(400, "DuplicateListener",
           "A listener already exists on this port for this load balancer");
    }
  }
  if (count >= 50) Fail(400, "TooManyListeners", "The quota for listeners has been reached");
  Listener l;
  std::string lb_tail = lb.id.substr(lb.id.find("loadbalancer/") + 13);
  l.id = ctx.Arn("elasticloadbalancing", "listener/" + lb_tail + "/" + ctx.world.Hex(16));
  l.region = ctx.region;
  l.created_ms = ctx.now_ms;
  l.lb_arn = lb.id;
  l.protocol = protocol;
  l.port = port;
  l.target_group_arn = tg_arn;
  l.tags = ReadTags(ctx);
  ctx.world.listeners[l.id] = l;
  ctx.Created(l.id);
  w.Open("Listeners");
  WriteListener(w, l);
  w.Close();
}

void DescribeListeners(Context& ctx, XmlWriter& w) {
  auto p = ctx.req.Params();
  std::string lb = p.Get("LoadBalancerArn");
  auto arns = p.List("ListenerArns.member");
  if (lb.empty() && arns.empty())
    Fail(400, "ValidationError", "You must specify either listener ARNs or a load balancer ARN");
  if (!lb.empty()) FindLb(ctx, lb);
  Pager pager = ElbPager(ctx);
  std::set<std::string> found;
  w.Open("Listeners");
  for (const auto& [arn, l] : ctx.world.listeners) {
    if (l.region != ctx.region || !ctx.Visible(arn)) continue;
    if (!lb.empty() && l.lb_arn != lb) continue;
    if (!arns.empty() && std::find(arns.begin(), arns.end(), arn) == arns.end()) continue;
    found.insert(arn);
    if (pager.Take(arn)) WriteListener(w, l);
  }
  w.Close();
  WriteNextMarker(w, pager);
  for (const auto& a : arns)
    if (!found.count(a)) Fail(400, "ListenerNotFound", "One or more listeners not found");
}

void DeleteListener(Context& ctx, XmlWriter&) {
  std::string arn = Arg(ctx, "ListenerArn");
  if (!ctx.world.listeners.erase(arn))
    Fail(400, "ListenerNotFound", "One or more listeners not found");
}

struct Health {
  std::string state, reason, description;
};

// The health of one registered instance target, derived from the clock and the instance:
// unused while no listener forwards to the group or the instance's zone is not enabled on the
// load balancer; initial while the instance boots or the load balancer provisions, and for
// `target_healthy` after the latest of instance running, registration and load balancer
// active; unhealthy while the admin hook fails its checks.
Health TargetHealthOf(const Context& ctx, const TargetGroup& tg, const std::string& id) {
  auto registered = tg.registered_ms.find(id);
  auto it = ctx.world.instances.find(id);
  if (registered == tg.registered_ms.end() || it == ctx.world.instances.end())
    return {"unused", "Target.NotRegistered", "Target is not registered to the target group"};
  const Instance& i = it->second;
  std::string state = ec2::InstanceState(ctx, i).second;
  if (state != "pending" && state != "running")
    return {"unused", "Target.InvalidState",
            "Target is in the " + std::string(state == "terminated" ? "terminated" : "stopped") +
                " state"};
  const LoadBalancer* lb = nullptr;
  for (const auto& [la, l] : ctx.world.listeners) {
    auto found = ctx.world.load_balancers.find(l.lb_arn);
    if (l.target_group_arn == tg.id && found != ctx.world.load_balancers.end()) lb = &found->second;
  }
  if (!lb)
    return {"unused", "Target.NotInUse",
            "Target group is not configured to receive traffic from the load balancer"};
  bool zone_enabled = false;
  for (const auto& subnet : lb->subnets) {
    auto s = ctx.world.subnets.find(subnet);
    zone_enabled = zone_enabled || (s != ctx.world.subnets.end() && s->second.az == i.az);
  }
  if (!zone_enabled)
    return {"unused", "Target.NotInUse",
            "Target is in an Availability Zone that is not enabled for the load balancer"};
  // Health checks start once the instance runs and the load balancer is active.
  int64_t lb_active_ms = lb->created_ms + ctx.Duration("nlb_active");
  if (state == "pending" || ctx.now_ms < lb_active_ms)
    return {"initial", "Elb.RegistrationInProgress", "Target registration is in progress"};
  if (i.health_failing) return {"unhealthy", "Target.FailedHealthChecks", "Health checks failed"};
  int64_t running_ms = i.created_ms + ctx.Duration("instance_running");
  int64_t checked_from_ms = std::max({running_ms, registered->second, lb_active_ms});
  if (ctx.now_ms < checked_from_ms + ctx.Duration("target_healthy"))
    return {"initial", "Elb.InitialHealthChecking", "Initial health checks in progress"};
  return {"healthy", "", ""};
}

// Every registered target, or the listed ones (Targets.member.N.Id; an unregistered instance
// answers unused/Target.NotRegistered, an unknown one InvalidTarget). Not paginated.
void DescribeTargetHealth(Context& ctx, XmlWriter& w) {
  const TargetGroup& tg = FindTg(ctx, Arg(ctx, "TargetGroupArn"));
  std::vector<std::pair<std::string, int>> targets = tg.targets;
  auto asked = ctx.req.Params().Items("Targets.member");
  if (!asked.empty()) {
    targets.clear();
    for (const auto& t : asked) {
      std::string id = t.Get("Id");
      if (!ctx.world.instances.count(id) || ctx.world.instances.at(id).region != ctx.region)
        Fail(400, "InvalidTarget", "The following targets are not valid instances: '" + id + "'");
      int port = std::atoi(t.Get("Port", std::to_string(tg.port)).c_str());
      targets.emplace_back(id, port);
    }
  }
  w.Open("TargetHealthDescriptions");
  for (const auto& [id, port] : targets) {
    Health h = TargetHealthOf(ctx, tg, id);
    w.Open("member").Open("Target").Leaf("Id", id).Leaf("Port", port).Close();
    w.Leaf("HealthCheckPort", tg.hc_port == "traffic-port" ? std::to_string(port) : tg.hc_port);
    w.Open("TargetHealth").Leaf("State", h.state).Opt("Reason", h.reason);
    w.Opt("Description", h.description).Close().Close();
  }
  w.Close();
}

Tags* TagsOf(Context& ctx, const std::string& arn) {
  if (auto it = ctx.world.load_balancers.find(arn); it != ctx.world.load_balancers.end())
    return &it->second.tags;
  if (auto it = ctx.world.target_groups.find(arn); it != ctx.world.target_groups.end())
    return &it->second.tags;
  if (auto it = ctx.world.listeners.find(arn); it != ctx.world.listeners.end())
    return &it->second.tags;
  if (arn.find(":targetgroup/") != std::string::npos)
    Fail(400, "TargetGroupNotFound", "Target groups '" + arn + "' not found");
  if (arn.find(":listener/") != std::string::npos)
    Fail(400, "ListenerNotFound", "One or more listeners not found");
  Fail(400, "LoadBalancerNotFound", "Load balancers '" + arn + "' not found");
}

void DescribeTags(Context& ctx, XmlWriter& w) {
  auto arns = ctx.req.Params().List("ResourceArns.member");
  if (arns.empty()) Fail(400, "ValidationError", "ResourceArns must not be empty");
  w.Open("TagDescriptions");
  for (const auto& arn : arns) {
    Tags* tags = TagsOf(ctx, arn);
    w.Open("member").Leaf("ResourceArn", arn).Open("Tags");
    for (const auto& [k, v] : *tags) w.Open("member").Leaf("Key", k).Leaf("Value", v).Close();
    w.Close().Close();
  }
  w.Close();
}

void AddTags(Context& ctx, XmlWriter&) {
  auto arns = ctx.req.Params().List("ResourceArns.member");
  Tags add = ReadTags(ctx);
  if (arns.empty() || add.empty())
    Fail(400, "ValidationError", "ResourceArns and Tags are required");
  for (const auto& arn : arns) {
    Tags* tags = TagsOf(ctx, arn);
    Tags merged = *tags;
    for (const auto& [k, v] : add) merged[k] = v;
    if (merged.size() > 50)
      Fail(400, "TooManyTags", "The quota for the number of tags has been reached");
    *tags = merged;
  }
}

void RemoveTags(Context& ctx, XmlWriter&) {
  auto arns = ctx.req.Params().List("ResourceArns.member");
  auto keys = ctx.req.Params().List("TagKeys.member");
  for (const auto& arn : arns) {
    Tags* tags = TagsOf(ctx, arn);
    for (const auto& k : keys) tags->erase(k);
  }
}

}  // namespace

Response HandleElbv2(Context& ctx) {
  using Op = void (*)(Context&, XmlWriter&);
  static const std::map<std::string, Op> kOps = {
      {"CreateLoadBalancer", CreateLoadBalancer},
      {"DescribeLoadBalancers", DescribeLoadBalancers},
      {"DeleteLoadBalancer", DeleteLoadBalancer},
      {"ModifyLoadBalancerAttributes", ModifyLoadBalancerAttributes},
      {"CreateTargetGroup", CreateTargetGroup},
      {"DescribeTargetGroups", DescribeTargetGroups},
      {"DeleteTargetGroup", DeleteTargetGroup},
      {"CreateListener", CreateListener},
      {"DescribeListeners", DescribeListeners},
      {"DeleteListener", DeleteListener},
      {"DescribeTargetHealth", DescribeTargetHealth},
      {"DescribeTags", DescribeTags},
      {"AddTags", AddTags},
      {"RemoveTags", RemoveTags}};
  auto it = kOps.find(ctx.operation);
  if (it == kOps.end())
    Fail(400, "InvalidAction",
         "The action " + ctx.operation + " is not valid for this web service.");
  XmlWriter w = QueryBegin(ctx);
  it->second(ctx, w);
  return QueryEnd(ctx, w);
}

}  // namespace awsim
