// EC2 VPC, subnet, internet gateway and security group operations.
#include "ec2_common.h"

namespace awsim::ec2 {

namespace {

int CountInRegion(const auto& map, const std::string& region) {
  int n = 0;
  for (const auto& [id, r] : map) n += r.region == region;
  return n;
}

void CreateVpc(Context& ctx, XmlWriter& w) {
  std::string cidr = Required(ctx, "CidrBlock");
  Cidr c = ParseCidr(cidr);
  if (!c.ok)
    Fail(
        400, "InvalidParameterValue",
        "Value (" + cidr + ") for parameter cidrBlock is invalid. This is not a valid CIDR block.");
  if (c.bits < 16 || c.bits > 28)
    Fail(400, "InvalidVpc.Range", "The CIDR '" + cidr + "' is invalid.");
  if (CountInRegion(ctx.world.vpcs, ctx.region) >= 5)
    Fail(400, "VpcLimitExceeded", "The maximum number of VPCs has been reached.");
  Tags tags = TagSpecTags(ctx, "vpc");
  Vpc v;
  v.id = ctx.world.NewId("vpc");
  v.region = ctx.region;
  v.cidr = cidr;
  v.created_ms = ctx.now_ms;
  v.tags = tags;
  v.dhcp_options_id = ctx.world.NewId("dopt");
  RouteTable main_rt;
  main_rt.id = ctx.world.NewId("rtb");
  main_rt.region = ctx.region;
  main_rt.vpc_id = v.id;
  main_rt.created_ms = ctx.now_ms;
  main_rt.routes.push_back({cidr, "local", "", "", "CreateRouteTable"});
  main_rt.associations.push_back({ctx.world.NewId("rtbassoc"), "", "", true});
  SecurityGroup sg;
  sg.id = ctx.world.NewId("sg");
  sg.region = ctx.region;
  sg.vpc_id = v.id;
  sg.name = "default";
  sg.description = "default VPC security group";
  sg.created_ms = ctx.now_ms;
  SgRule self_in;
  self_in.id = ctx.world.NewId("sgr");
  self_in.groups.push_back(sg.id);
  SgRule all_out;
  all_out.id = ctx.world.NewId("sgr");
  all_out.egress = true;
  all_out.cidrs.push_back("0.0.0.0/0");
  sg.rules = {self_in, all_out};
  ctx.world.route_tables[main_rt.id] = main_rt;
  ctx.world.security_groups[sg.id] = sg;
  ctx.world.vpcs[v.id] = v;
  ctx.Created(v.id);
  ctx.Created(main_rt.id);
  ctx.Created(sg.id);
  WriteVpc(ctx, w, v, "vpc");
}

void DescribeVpcs(Context& ctx, XmlWriter& w) {
  Pager pager = Ec2Pager(ctx, 5, 1000);
  auto ids = Ids(ctx, "VpcId");
  auto match =
      ParseFilters(ctx, {"vpc-id", "cidr", "cidr-block", "cidr-block-association.cidr-block",
                         "state", "is-default", "owner-id", "dhcp-options-id"});
  std::vector<std::string> found;
  w.Open("vpcSet");
  for (const auto& [id, v] : ctx.world.vpcs) {
    if (v.region != ctx.region || !ctx.Visible(id)) continue;
    if (!ids.empty() && !Contains(ids, id)) continue;
    found.push_back(id);
    Attrs a{{"vpc-id", id},
            {"cidr", v.cidr},
            {"cidr-block", v.cidr},
            {"cidr-block-association.cidr-block", v.cidr},
            {"state", VpcState(ctx, v)},
            {"is-default", v.is_default ? "true" : "false"},
            {"owner-id", kAccountId},
            {"dhcp-options-id", v.dhcp_options_id}};
    AddTagAttrs(a, v.tags);
    if (match(a) && pager.Take(id)) WriteVpc(ctx, w, v, "item");
  }
  w.Close();
  WriteNextToken(w, pager);
  CheckAllFound(ids, found, "InvalidVpcID.NotFound", "vpc ID");
}

void DeleteVpc(Context& ctx, XmlWriter& w) {
  std::string id = Required(ctx, "VpcId");
  FindVpc(ctx, id);
  auto blocked = [&] {
    for (const auto& [sid, s] : ctx.world.subnets)
      if (s.vpc_id == id) return true;
    for (const auto& [gid, g] : ctx.world.igws)
      if (g.vpc_id == id) return true;
    for (const auto& [gid, g] : ctx.world.security_groups)
      if (g.vpc_id == id && g.name != "default") return true;
    for (const auto& [rid, r] : ctx.world.route_tables) {
      bool main = false;
      for (const auto& a : r.associations) main = main || a.main;
      if (r.vpc_id == id && !main) return true;
    }
    for (const auto& [lid, lb] : ctx.world.load_balancers)
      if (lb.vpc_id == id) return true;
    return false;
  };
  if (blocked())
    Fail(400, "DependencyViolation",
         "The vpc '" + id + "' has dependencies and cannot be deleted.");
  for (auto it = ctx.world.route_tables.begin(); it != ctx.world.route_tables.end();) {
    it = it->second.vpc_id == id ? ctx.world.route_tables.erase(it) : std::next(it);
  }
  for (auto it = ctx.world.security_groups.begin(); it != ctx.world.security_groups.end();) {
    it = it->second.vpc_id == id ? ctx.world.security_groups.erase(it) : std::next(it);
  }
  ctx.world.vpcs.erase(id);
  w.Bool("return", true);
}

void ModifyVpcAttribute(Context& ctx, XmlWriter& w) {
  Vpc& v = FindVpc(ctx, Required(ctx, "VpcId"));
  auto p = ctx.req.Params();
  int given = p.Has("EnableDnsHostnames.Value") + p.Has("EnableDnsSupport.Value");
  if (given != 1)
    Fail(400, "InvalidParameterCombination", "Exactly one attribute may be modified per request.");
  if (p.Has("EnableDnsHostnames.Value"))
    v.dns_hostnames = p.Get("EnableDnsHostnames.Value") == "true";
  if (p.Has("EnableDnsSupport.Value")) v.dns_support = p.Get("EnableDnsSupport.Value") == "true";
  w.Bool("return", true);
}

void DescribeVpcAttribute(Context& ctx, XmlWriter& w) {
  Vpc& v = FindVpc(ctx, Required(ctx, "VpcId"));
  std::string attr = Required(ctx, "Attribute");
  w.Leaf("vpcId", v.id);
  if (attr == "enableDnsHostnames")
    w.Open("enableDnsHostnames").Bool("value", v.dns_hostnames).Close();
  else if (attr == "enableDnsSupport")
    w.Open("enableDnsSupport").Bool("value", v.dns_support).Close();
  else
    Fail(400, "InvalidParameterValue", "Value (" + attr + ") for parameter attribute is invalid.");
}

void CreateSubnet(Context& ctx, XmlWriter& w) {
  Vpc& v = FindVpc(ctx, Required(ctx, "VpcId"));
  std::string cidr = Required(ctx, "CidrBlock");
  Cidr c = ParseCidr(cidr);
  if (!c.ok)
    Fail(
        400, "InvalidParameterValue",
        "Value (" + cidr + ") for parameter cidrBlock is invalid. This is not a valid CIDR block.");
  if (!ParseCidr(v.cidr).Contains(c) || c.bits > 28)
    Fail(400, "InvalidSubnet.Range", "The CIDR '" + cidr + "' is invalid.");
  int count = 0;
  for (const auto& [id, s] : ctx.world.subnets) {
    if (s.vpc_id != v.id) continue;
    ++count;
    if (ParseCidr(s.cidr).Overlaps(c))
      Fail(400, "InvalidSubnet.Conflict", "The CIDR '" + cidr + "' conflicts with another subnet");
  }
  if (count >= 200)
    Fail(400, "SubnetLimitExceeded", "The maximum number of subnets has been reached.");
  std::string az = ctx.req.Params().Get("AvailabilityZone");
  const auto& zones = ctx.world.regions.at(ctx.region);
  if (az.empty()) az = ctx.region + zones[ctx.world.rng() % zones.size()];
  bool valid = az.size() == ctx.region.size() + 1 && az.rfind(ctx.region, 0) == 0 &&
               Contains(zones, az.substr(ctx.region.size()));
  if (!valid)
    Fail(400, "InvalidParameterValue",
         "Value (" + az +
             ") for parameter availabilityZone is invalid. Subnets can currently only be created "
             "in the following availability zones: " +
             ctx.region + "a.");
  Subnet s;
  s.id = ctx.world.NewId("subnet");
  s.region = ctx.region;
  s.vpc_id = v.id;
  s.cidr = cidr;
  s.az = az;
  s.created_ms = ctx.now_ms;
  s.tags = TagSpecTags(ctx, "subnet");
  ctx.world.subnets[s.id] = s;
  ctx.Created(s.id);
  WriteSubnet(ctx, w, s, "subnet");
}

void DescribeSubnets(Context& ctx, XmlWriter& w) {
  Pager pager = Ec2Pager(ctx, 5, 1000);
  auto ids = Ids(ctx, "SubnetId");
  auto match = ParseFilters(
      ctx, {"subnet-id", "vpc-id", "cidr", "cidr-block", "cidrBlock", "availability-zone",
            "availabilityZone", "state", "default-for-az", "map-public-ip-on-launch", "owner-id"});
  std::vector<std::string> found;
  w.Open("subnetSet");
  for (const auto& [id, s] : ctx.world.subnets) {
    if (s.region != ctx.region || !ctx.Visible(id)) continue;
    if (!ids.empty() && !Contains(ids, id)) continue;
    found.push_back(id);
    Attrs a{{"subnet-id", id},
            {"vpc-id", s.vpc_id},
            {"cidr", s.cidr},
            {"cidr-block", s.cidr},
            {"cidrBlock", s.cidr},
            {"availability-zone", s.az},
            {"availabilityZone", s.az},
            {"state", "available"},
            {"default-for-az", "false"},
            {"map-public-ip-on-launch", s.map_public_ip ? "true" : "false"},
            {"owner-id", kAccountId}};
    AddTagAttrs(a, s.tags);
    if (match(a) && pager.Take(id)) WriteSubnet(ctx, w, s, "item");
  }
  w.Close();
  WriteNextToken(w, pager);
  CheckAllFound(ids, found, "InvalidSubnetID.NotFound", "subnet ID");
}

void DeleteSubnet(Context& ctx, XmlWriter& w) {
  std::string id = Required(ctx, "SubnetId");
  FindSubnet(ctx, id);
  bool used = false;
  for (const auto& [iid, i] : ctx.world.instances)
    used = used || (i.subnet_id == id && InstanceState(ctx, i).second != "terminated");
  for (const auto& [nid, n] : ctx.world.nats)
    used = used || (n.subnet_id == id && NatState(ctx, n) != "deleted");
  for (const auto& [lid, lb] : ctx.world.load_balancers) used = used || Contains(lb.subnets, id);
  if (used)
    Fail(400, "DependencyViolation",
         "The subnet '" + id + "' has dependencies and cannot be deleted.");
  for (auto& [rid, r] : ctx.world.route_tables) {
    std::erase_if(r.associations, [&](const RouteAssociation& a) { return a.subnet_id == id; });
  }
  ctx.world.subnets.erase(id);
  w.Bool("return", true);
}

void ModifySubnetAttribute(Context& ctx, XmlWriter& w) {
  Subnet& s = FindSubnet(ctx, Required(ctx, "SubnetId"));
  if (ctx.req.Params().Has("MapPublicIpOnLaunch.Value"))
    s.map_public_ip = ctx.req.Params().Get("MapPublicIpOnLaunch.Value") == "true";
  w.Bool("return", true);
}

InternetGateway& FindIgw(Context& ctx, const std::string& id) {
  auto it = ctx.world.igws.find(id);
  if (it == ctx.world.igws.end() || it->second.region != ctx.region || !ctx.Visible(id))
    Fail(400, "InvalidInternetGatewayID.NotFound",
         "The internetGateway ID '" + id + "' does not exist");
  return it->second;
}

void WriteIgw(XmlWriter& w, const InternetGateway& g, const std::string& element) {
  w.Open(element).Leaf("internetGatewayId", g.id).Leaf("ownerId", kAccountId).Open("attachmentSet");
  if (!g.vpc_id.empty()) w.Open("item").Leaf("vpcId", g.vpc_id).Leaf("state", "available").Close();
  w.Close();
  WriteTags(w, g.tags);
  w.Close();
}

void CreateInternetGateway(Context& ctx, XmlWriter& w) {
  if (CountInRegion(ctx.world.igws, ctx.region) >= 5)
    Fail(400, "InternetGatewayLimitExceeded",
         "The maximum number of internet gateways has been reached.");
  InternetGateway g;
  g.id = ctx.world.NewId("igw");
  g.region = ctx.region;
  g.created_ms = ctx.now_ms;
  g.tags = TagSpecTags(ctx, "internet-gateway");
  ctx.world.igws[g.id] = g;
  ctx.Created(g.id);
  WriteIgw(w, g, "internetGateway");
}

void DescribeInternetGateways(Context& ctx, XmlWriter& w) {
  Pager pager = Ec2Pager(ctx, 5, 1000);
  auto ids = Ids(ctx, "InternetGatewayId");
  auto match = ParseFilters(
      ctx, {"internet-gateway-id", "attachment.vpc-id", "attachment.state", "owner-id"});
  std::vector<std::string> found;
  w.Open("internetGatewaySet");
  for (const auto& [id, g] : ctx.world.igws) {
    if (g.region != ctx.region || !ctx.Visible(id) || (!ids.empty() && !Contains(ids, id)))
      continue;
    found.push_back(id);
    Attrs a{{"internet-gateway-id", id}, {"owner-id", kAccountId}};
    if (!g.vpc_id.empty()) {
      a.emplace("attachment.vpc-id", g.vpc_id);
      a.emplace("attachment.state", "available");
    }
    AddTagAttrs(a, g.tags);
    if (match(a) && pager.Take(id)) WriteIgw(w, g, "item");
  }
  w.Close();
  WriteNextToken(w, pager);
  CheckAllFound(ids, found, "InvalidInternetGatewayID.NotFound", "internetGateway ID");
}

void AttachInternetGateway(Context& ctx, XmlWriter& w) {
  InternetGateway& g = FindIgw(ctx, Required(ctx, "InternetGatewayId"));
  Vpc& v = FindVpc(ctx, Required(ctx, "VpcId"));
  if (!g.vpc_id.empty())
    Fail(400, "Resource.AlreadyAssociated",
         "resource " + g.id + " is already attached to network " + g.vpc_id);
  for (const auto& [id, other] : ctx.world.igws) {
    if (other.vpc_id == v.id)
      Fail(400, "InvalidParameterValue",
           "Network " + v.id + " already has an internet gateway attached");
  }
  g.vpc_id = v.id;
  w.Bool("return", true);
}

void DetachInternetGateway(Context& ctx, XmlWriter& w) {
  InternetGateway& g = FindIgw(ctx, Required(ctx, "InternetGatewayId"));
  std::string vpc = Required(ctx, "VpcId");
  if (g.vpc_id != vpc)
    Fail(400, "Gateway.NotAttached", "resource " + g.id + " is not attached to network " + vpc);
  for (const auto& [id, a] : ctx.world.addresses) {
    std::string mapped_vpc;
    if (!a.instance_id.empty() && ctx.world.instances.count(a.instance_id))
      mapped_vpc = ctx.world.instances.at(a.instance_id).vpc_id;
    if (!a.nat_id.empty() && ctx.world.nats.count(a.nat_id) &&
        NatState(ctx, ctx.world.nats.at(a.nat_id)) != "deleted")
      mapped_vpc = ctx.world.nats.at(a.nat_id).vpc_id;
    if (mapped_vpc == vpc)
      Fail(400, "DependencyViolation",
           "Network " + vpc +
               " has some mapped public address(es). Please unmap those public address(es) before "
               "detaching the gateway.");
  }
  g.vpc_id.clear();
  w.Bool("return", true);
}

void DeleteInternetGateway(Context& ctx, XmlWriter& w) {
  InternetGateway& g = FindIgw(ctx, Required(ctx, "InternetGatewayId"));
  if (!g.vpc_id.empty())
    Fail(400, "DependencyViolation",
         "The internetGateway '" + g.id + "' has dependencies and cannot be deleted.");
  ctx.world.igws.erase(g.id);
  w.Bool("return", true);
}

void WriteRule(XmlWriter& w, const SgRule& r) {
  w.Open("item").Leaf("ipProtocol", r.protocol);
  if (r.protocol != "-1") w.Leaf("fromPort", r.from).Leaf("toPort", r.to);
  w.Open("groups");
  for (const auto& g : r.groups)
    w.Open("item").Leaf("userId", kAccountId).Leaf("groupId", g).Close();
  w.Close().Open("ipRanges");
  for (const auto& c : r.cidrs)
    w.Open("item").Leaf("cidrIp", c).Opt("description", r.description).Close();
  w.Close().Open("ipv6Ranges").Close().Open("prefixListIds").Close().Close();
}

void WriteGroup(XmlWriter& w, const SecurityGroup& g, const Context& ctx) {
  w.Open("item").Leaf("ownerId", kAccountId).Leaf("groupId", g.id).Leaf("groupName", g.name);
  w.Leaf("groupDescription", g.description).Leaf("vpcId", g.vpc_id);
  w.Leaf("securityGroupArn", ctx.Arn("ec2", "security-group/" + g.id));
  w.Open("ipPermissions");
  for (const auto& r : g.rules)
    if (!r.egress) WriteRule(w, r);
  w.Close().Open("ipPermissionsEgress");
  for (const auto& r : g.rules)
    if (r.egress) WriteRule(w, r);
  w.Close();
  WriteTags(w, g.tags);
  w.Close();
}

void CreateSecurityGroup(Context& ctx, XmlWriter& w) {
  std::string name = Required(ctx, "GroupName");
  std::string desc = Required(ctx, "GroupDescription");
  Vpc& v = FindVpc(ctx, Required(ctx, "VpcId"));
  if (name.rfind("sg-", 0) == 0)
    Fail(400, "InvalidParameterValue", "Group names may not be in the format sg-*.");
  for (const auto& [id, g] : ctx.world.security_groups) {
    if (g.vpc_id == v.id && g.name == name)
      Fail(400, "InvalidGroup.Duplicate",
           "The security group '" + name + "' already exists for VPC '" + v.id + "'");
  }
  if (CountInRegion(ctx.world.security_groups, ctx.region) >= 2500)
    Fail(400, "SecurityGroupLimitExceeded",
         "The maximum number of security groups has been reached.");
  SecurityGroup g;
  g.id = ctx.world.NewId("sg");
  g.region = ctx.region;
  g.vpc_id = v.id;
  g.name = name;
  g.description = desc;
  g.created_ms = ctx.now_ms;
  g.tags = TagSpecTags(ctx, "security-group");
  SgRule out;
  out.id = ctx.world.NewId("sgr");
  out.egress = true;
  out.cidrs.push_back("0.0.0.0/0");
  g.rules.push_back(out);
  ctx.world.security_groups[g.id] = g;
  ctx.Created(g.id);
  w.Leaf("groupId", g.id).Leaf("securityGroupArn", ctx.Arn("ec2", "security-group/" + g.id));
  WriteTags(w, g.tags);
}

void DescribeSecurityGroups(Context& ctx, XmlWriter& w) {
  Pager pager = Ec2Pager(ctx, 5, 1000);
  auto ids = Ids(ctx, "GroupId");
  auto names = Ids(ctx, "GroupName");
  auto match = ParseFilters(ctx, {"group-id", "group-name", "vpc-id", "description", "owner-id"});
  std::vector<std::string> found;
  w.Open("securityGroupInfo");
  for (const auto& [id, g] : ctx.world.security_groups) {
    if (g.region != ctx.region || !ctx.Visible(id) || (!ids.empty() && !Contains(ids, id)))
      continue;
    if (!names.empty() && !Contains(names, g.name)) continue;
    found.push_back(id);
    Attrs a{{"group-id", id},
            {"group-name", g.name},
            {"vpc-id", g.vpc_id},
            {"description", g.description},
            {"owner-id", kAccountId}};
    AddTagAttrs(a, g.tags);
    if (match(a) && pager.Take(id)) WriteGroup(w, g, ctx);
  }
  w.Close();
  WriteNextToken(w, pager);
  CheckAllFound(ids, found, "InvalidGroup.NotFound", "security group");
}

void DeleteSecurityGroup(Context& ctx, XmlWriter& w) {
  SecurityGroup& g = FindGroup(ctx, Required(ctx, "GroupId"));
  if (g.name == "default")
    Fail(400, "CannotDelete",
         "the specified group: \"" + g.id + "\" name: \"default\" cannot be deleted by a user");
  for (const auto& [id, other] : ctx.world.security_groups) {
    if (id == g.id) continue;
    for (const auto& r : other.rules) {
      if (Contains(r.groups, g.id))
        Fail(400, "DependencyViolation", "resource " + g.id + " has a dependent object");
    }
  }
  for (const auto& [id, i] : ctx.world.instances) {
    if (Contains(i.security_groups, g.id) && InstanceState(ctx, i).second != "terminated")
      Fail(400, "DependencyViolation", "resource " + g.id + " has a dependent object");
  }
  for (const auto& [id, lb] : ctx.world.load_balancers) {
    if (Contains(lb.security_groups, g.id))
      Fail(400, "DependencyViolation", "resource " + g.id + " has a dependent object");
  }
  ctx.world.security_groups.erase(g.id);
  w.Bool("return", true);
}

std::vector<SgRule> ParsePermissions(Context& ctx, bool egress) {
  std::vector<SgRule> out;
  for (const auto& p : ctx.req.Params().Items("IpPermissions")) {
    SgRule r;
    r.egress = egress;
    r.protocol = p.Get("IpProtocol", "-1");
    if (r.protocol == "all") r.protocol = "-1";
    if (r.protocol != "-1") {
      r.from = std::stoi(p.Get("FromPort", "-1"));
      r.to = std::stoi(p.Get("ToPort", "-1"));
    }
    for (const auto& range : p.Items("IpRanges")) {
      Cidr c = ParseCidr(range.Get("CidrIp"));
      if (!c.ok)
        Fail(400, "InvalidParameterValue", "CIDR block " + range.Get("CidrIp") + " is malformed");
      r.cidrs.push_back(range.Get("CidrIp"));
      r.description = range.Get("Description");
    }
    for (const auto& group : p.Items("Groups")) {
      FindGroup(ctx, group.Get("GroupId"));
      r.groups.push_back(group.Get("GroupId"));
    }
    out.push_back(r);
  }
  return out;
}

bool SameRule(const SgRule& a, const SgRule& b) {
  return a.egress == b.egress && a.protocol == b.protocol && a.from == b.from && a.to == b.to &&
         a.cidrs == b.cidrs && a.groups == b.groups;
}

void Authorize(Context& ctx, XmlWriter& w) {
  SecurityGroup& g = FindGroup(ctx, Required(ctx, "GroupId"));
  bool egress = ctx.operation.find("Egress") != std::string::npos;
  bool revoke = ctx.operation.rfind("Revoke", 0) == 0;
  auto rules = ParsePermissions(ctx, egress);
  if (rules.empty()) Fail(400, "MissingParameter", "No permissions were given.");
  w.Bool("return", true).Open("securityGroupRuleSet");
  for (auto& r : rules) {
    auto it = std::find_if(g.rules.begin(), g.rules.end(),
                           [&](const SgRule& e) { return SameRule(e, r); });
    if (revoke) {
      if (it == g.rules.end())
        Fail(400, "InvalidPermission.NotFound",
             "The specified rule does not exist in this security group.");
      g.rules.erase(it);
      continue;
    }
    if (it != g.rules.end())
      Fail(400, "InvalidPermission.Duplicate",
           "the specified rule \"peer: " +
               (r.cidrs.empty() ? (r.groups.empty() ? "" : r.groups[0]) : r.cidrs[0]) + ", " +
               r.protocol + "\" already exists");
    int count = 0;
    for (const auto& e : g.rules) count += e.egress == egress;
    if (count >= 60)
      Fail(400, "RulesPerSecurityGroupLimitExceeded",
           "The maximum number of rules per security group has been reached.");
    r.id = ctx.world.NewId("sgr");
    g.rules.push_back(r);
    w.Open("item")
        .Leaf("securityGroupRuleId", r.id)
        .Leaf("groupId", g.id)
        .Leaf("groupOwnerId", kAccountId);
    w.Bool("isEgress", egress)
        .Leaf("ipProtocol", r.protocol)
        .Leaf("fromPort", r.from)
        .Leaf("toPort", r.to);
    if (!r.cidrs.empty()) w.Leaf("cidrIpv4", r.cidrs[0]);
    w.Close();
  }
  w.Close();
}

}  // namespace

void RegisterNetwork(OpTable& ops) {
  ops["CreateVpc"] = CreateVpc;
  ops["DescribeVpcs"] = DescribeVpcs;
  ops["DeleteVpc"] = DeleteVpc;
  ops["ModifyVpcAttribute"] = ModifyVpcAttribute;
  ops["DescribeVpcAttribute"] = DescribeVpcAttribute;
  ops["CreateSubnet"] = CreateSubnet;
  ops["DescribeSubnets"] = DescribeSubnets;
  ops["DeleteSubnet"] = DeleteSubnet;
  ops["ModifySubnetAttribute"] = ModifySubnetAttribute;
  ops["CreateInternetGateway"] = CreateInternetGateway;
  ops["DescribeInternetGateways"] = DescribeInternetGateways;
  ops["AttachInternetGateway"] = AttachInternetGateway;
  ops["DetachInternetGateway"] = DetachInternetGateway;
  ops["DeleteInternetGateway"] = DeleteInternetGateway;
  ops["CreateSecurityGroup"] = CreateSecurityGroup;
  ops["DescribeSecurityGroups"] = DescribeSecurityGroups;
  ops["DeleteSecurityGroup"] = DeleteSecurityGroup;
  ops["AuthorizeSecurityGroupIngress"] = Authorize;
  ops["AuthorizeSecurityGroupEgress"] = Authorize;
  ops["RevokeSecurityGroupIngress"] = Authorize;
  ops["RevokeSecurityGroupEgress"] = Authorize;
}

}  // namespace awsim::ec2
