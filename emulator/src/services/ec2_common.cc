#include "ec2_common.h"

#include <sstream>

#include "iam_eval.h"

namespace awsim::ec2 {

void WriteTags(XmlWriter& w, const Tags& tags, const std::string& name) {
  w.Open(name);
  for (const auto& [k, v] : tags) w.Open("item").Leaf("key", k).Leaf("value", v).Close();
  w.Close();
}

Tags TagSpecTags(const Context& ctx, const std::string& type) {
  Tags out;
  for (const auto& spec : ctx.req.Params().Items("TagSpecification")) {
    std::string t = spec.Get("ResourceType");
    if (t != type) {
      Fail(400, "InvalidParameterValue",
           "'" + t + "' is not a valid taggable resource type for this operation.");
    }
    for (const auto& tag : spec.Items("Tag")) {
      std::string key = tag.Get("Key");
      if (key.rfind("aws:", 0) == 0)
        Fail(400, "InvalidParameterValue",
             "Tag keys starting with 'aws:' are reserved for internal use");
      out[key] = tag.Get("Value");
    }
  }
  return out;
}

void AddTagAttrs(Attrs& attrs, const Tags& tags) {
  for (const auto& [k, v] : tags) {
    attrs.emplace("tag:" + k, v);
    attrs.emplace("tag-key", k);
    attrs.emplace("tag-value", v);
  }
}

std::function<bool(const Attrs&)> ParseFilters(const Context& ctx,
                                               const std::vector<std::string>& allowed) {
  std::vector<std::pair<std::string, std::vector<std::string>>> filters;
  for (const auto& f : ctx.req.Params().Items("Filter")) {
    std::string name = f.Get("Name");
    bool known = name.rfind("tag:", 0) == 0 || name == "tag-key" || name == "tag-value" ||
                 Contains(allowed, name);
    if (!known) Fail(400, "InvalidParameterValue", "The filter '" + name + "' is invalid");
    filters.emplace_back(name, f.List("Value"));
  }
  return [filters](const Attrs& attrs) {
    for (const auto& [name, values] : filters) {
      bool hit = false;
      auto range = attrs.equal_range(name);
      for (auto it = range.first; it != range.second && !hit; ++it) {
        for (const auto& v : values) hit = hit || WildcardMatch(v, it->second, false);
      }
      if (!hit) return false;
    }
    return true;
  };
}

std::vector<std::string> Ids(const Context& ctx, const std::string& param) {
  return ctx.req.Params().List(param);
}

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  for (const auto& e : v) {
    if (e == s) return true;
  }
  return false;
}

void CheckAllFound(const std::vector<std::string>& wanted, const std::vector<std::string>& found,
                   const std::string& code, const std::string& noun) {
  for (const auto& id : wanted) {
    if (!Contains(found, id)) Fail(400, code, "The " + noun + " '" + id + "' does not exist");
  }
}

Pager Ec2Pager(const Context& ctx, long long min, long long max) {
  PageRules rules;
  rules.min = min;
  rules.max = max;
  return ReadPager(ctx.operation, ctx.req.Params().Find("NextToken"),
                   ctx.req.Params().Find("MaxResults"), rules);
}

void WriteNextToken(XmlWriter& w, const Pager& pager) {
  if (pager.Truncated()) w.Leaf("nextToken", pager.NextToken());
}

std::string Required(const Context& ctx, const std::string& name) {
  auto v = ctx.req.Params().Find(name);
  if (!v || v->empty())
    Fail(400, "MissingParameter", "The request must contain the parameter " + name);
  return *v;
}

bool Replay(Context& ctx, Response* out) {
  std::string token = ctx.req.Params().Get("ClientToken");
  if (token.empty()) return false;
  auto it = ctx.world.idempotency.find(ctx.operation + "/" + token);
  if (it == ctx.world.idempotency.end()) return false;
  std::string fp = ctx.region + "\n" + ctx.req.Params().Fingerprint({"ClientToken"});
  if (it->second.fingerprint != fp) {
    Fail(400, "IdempotentParameterMismatch",
         "Arguments on this idempotent request are inconsistent with arguments used in previous "
         "request(s).");
  }
  *out = it->second.response;
  return true;
}

void Remember(Context& ctx, const Response& response) {
  std::string token = ctx.req.Params().Get("ClientToken");
  if (token.empty()) return;
  std::string fp = ctx.region + "\n" + ctx.req.Params().Fingerprint({"ClientToken"});
  ctx.world.idempotency[ctx.operation + "/" + token] = {fp, response};
}

Cidr ParseCidr(const std::string& s) {
  Cidr c;
  unsigned a, b, d, e;
  int bits;
  char tail;
  if (std::sscanf(s.c_str(), "%u.%u.%u.%u/%d%c", &a, &b, &d, &e, &bits, &tail) != 5) return c;
  if (a > 255 || b > 255 || d > 255 || e > 255 || bits < 0 || bits > 32) return c;
  c.base = (a << 24) | (b << 16) | (d << 8) | e;
  c.bits = bits;
  uint32_t mask = bits == 0 ? 0 : ~0u << (32 - bits);
  if ((c.base & mask) != c.base) return c;  // host bits set
  c.ok = true;
  return c;
}

bool Cidr::Contains(const Cidr& o) const {
  if (o.bits < bits) return false;
  uint32_t mask = bits == 0 ? 0 : ~0u << (32 - bits);
  return (o.base & mask) == base;
}

bool Cidr::Overlaps(const Cidr& o) const { return Contains(o) || o.Contains(*this); }

std::string IpString(uint32_t ip) {
  return std::to_string(ip >> 24) + "." + std::to_string((ip >> 16) & 255) + "." +
         std::to_string((ip >> 8) & 255) + "." + std::to_string(ip & 255);
}

Vpc& FindVpc(Context& ctx, const std::string& id) {
  auto it = ctx.world.vpcs.find(id);
  if (it == ctx.world.vpcs.end() || it->second.region != ctx.region || !ctx.Visible(id))
    Fail(400, "InvalidVpcID.NotFound", "The vpc ID '" + id + "' does not exist");
  return it->second;
}

Subnet& FindSubnet(Context& ctx, const std::string& id) {
  auto it = ctx.world.subnets.find(id);
  if (it == ctx.world.subnets.end() || it->second.region != ctx.region || !ctx.Visible(id))
    Fail(400, "InvalidSubnetID.NotFound", "The subnet ID '" + id + "' does not exist");
  return it->second;
}

SecurityGroup& FindGroup(Context& ctx, const std::string& id) {
  auto it = ctx.world.security_groups.find(id);
  if (it == ctx.world.security_groups.end() || it->second.region != ctx.region || !ctx.Visible(id))
    Fail(400, "InvalidGroup.NotFound", "The security group '" + id + "' does not exist");
  return it->second;
}

std::string VpcState(const Context& ctx, const Vpc& v) {
  return ctx.now_ms >= v.created_ms + ctx.Duration("vpc_available") ? "available" : "pending";
}

std::string NatState(const Context& ctx, const NatGateway& n) {
  if (n.delete_ms) {
    return ctx.now_ms >= n.delete_ms + ctx.Duration("nat_deleted") ? "deleted" : "deleting";
  }
  bool done = ctx.now_ms >= n.created_ms + ctx.Duration("nat_available");
  if (!n.failure_code.empty()) return done ? "failed" : "pending";
  return done ? "available" : "pending";
}

std::pair<int, std::string> InstanceState(const Context& ctx, const Instance& i) {
  if (i.terminate_ms) {
    if (ctx.now_ms >= i.terminate_ms + ctx.Duration("instance_terminated"))
      return {48, "terminated"};
    return {32, "shutting-down"};
  }
  if (ctx.now_ms >= i.created_ms + ctx.Duration("instance_running")) return {16, "running"};
  return {0, "pending"};
}

void WriteVpc(const Context& ctx, XmlWriter& w, const Vpc& v, const std::string& element) {
  w.Open(element);
  w.Leaf("vpcId", v.id).Leaf("ownerId", kAccountId).Leaf("state", VpcState(ctx, v));
  w.Leaf("cidrBlock", v.cidr);
  w.Open("cidrBlockAssociationSet").Open("item");
  w.Leaf("cidrBlock", v.cidr).Leaf("associationId", "vpc-cidr-assoc-" + v.id.substr(4));
  w.Open("cidrBlockState").Leaf("state", "associated").Close().Close().Close();
  w.Open("ipv6CidrBlockAssociationSet").Close();
  w.Leaf("dhcpOptionsId", v.dhcp_options_id).Leaf("instanceTenancy", "default");
  w.Bool("isDefault", v.is_default);
  WriteTags(w, v.tags);
  w.Close();
}

void WriteSubnet(const Context& ctx, XmlWriter& w, const Subnet& s, const std::string& element) {
  Cidr c = ParseCidr(s.cidr);
  int used = 0;
  for (const auto& [id, i] : ctx.world.instances) used += i.subnet_id == s.id && !i.terminate_ms;
  for (const auto& [id, n] : ctx.world.nats) used += n.subnet_id == s.id && !n.delete_ms;
  w.Open(element);
  w.Leaf("subnetId", s.id).Leaf("subnetArn", ctx.Arn("ec2", "subnet/" + s.id));
  w.Leaf("state", "available").Leaf("vpcId", s.vpc_id).Leaf("ownerId", kAccountId);
  w.Leaf("cidrBlock", s.cidr);
  w.Leaf("availableIpAddressCount", static_cast<long long>(c.Size()) - 5 - used);
  w.Leaf("availabilityZone", s.az);
  std::string letter = s.az.substr(s.az.size() - 1);
  w.Leaf("availabilityZoneId", "use1-az" + std::to_string(letter[0] - 'a' + 1));
  w.Bool("defaultForAz", false).Bool("mapPublicIpOnLaunch", s.map_public_ip);
  w.Bool("assignIpv6AddressOnCreation", false);
  w.Open("ipv6CidrBlockAssociationSet").Close();
  w.Bool("ipv6Native", false);
  w.Open("privateDnsNameOptionsOnLaunch").Leaf("hostnameType", "ip-name");
  w.Bool("enableResourceNameDnsARecord", false).Bool("enableResourceNameDnsAAAARecord", false);
  w.Close();
  WriteTags(w, s.tags);
  w.Close();
}

namespace {

void DescribeRegions(Context& ctx, XmlWriter& w) {
  auto names = Ids(ctx, "RegionName");
  w.Open("regionInfo");
  for (const auto& [name, zones] : ctx.world.regions) {
    if (!names.empty() && !Contains(names, name)) continue;
    w.Open("item")
        .Leaf("regionName", name)
        .Leaf("regionEndpoint", "ec2." + name + ".amazonaws.com");
    w.Leaf("optInStatus", "opt-in-not-required").Close();
  }
  w.Close();
}

void DescribeAvailabilityZones(Context& ctx, XmlWriter& w) {
  auto names = Ids(ctx, "ZoneName");
  auto match = ParseFilters(ctx, {"zone-name", "region-name", "state", "zone-type", "zone-id"});
  const auto& zones = ctx.world.regions.at(ctx.region);
  w.Open("availabilityZoneInfo");
  for (size_t i = 0; i < zones.size(); ++i) {
    std::string zone = ctx.region + zones[i];
    std::string zone_id = ctx.region.substr(0, 2) + ctx.region.substr(ctx.region.find('-') + 1, 1) +
                          ctx.region.substr(ctx.region.size() - 1) + "-az" + std::to_string(i + 1);
    Attrs attrs{{"zone-name", zone},
                {"region-name", ctx.region},
                {"state", "available"},
                {"zone-type", "availability-zone"},
                {"zone-id", zone_id}};
    if ((!names.empty() && !Contains(names, zone)) || !match(attrs)) continue;
    w.Open("item").Leaf("zoneName", zone).Leaf("zoneId", zone_id).Leaf("zoneState", "available");
    w.Leaf("regionName", ctx.region).Leaf("zoneType", "availability-zone");
    w.Leaf("optInStatus", "opt-in-not-required").Leaf("groupName", ctx.region);
    w.Leaf("networkBorderGroup", ctx.region).Open("messageSet").Close().Close();
  }
  w.Close();
}

// Every taggable EC2 resource's tags by id, in the caller's region.
Tags* TagsOf(Context& ctx, const std::string& id) {
  auto find = [&](auto& map) -> Tags* {
    auto it = map.find(id);
    if (it == map.end() || it->second.region != ctx.region || !ctx.Visible(id)) return nullptr;
    return &it->second.tags;
  };
  for (Tags* t :
       {find(ctx.world.vpcs), find(ctx.world.subnets), find(ctx.world.igws),
        find(ctx.world.addresses), find(ctx.world.nats), find(ctx.world.route_tables),
        find(ctx.world.security_groups), find(ctx.world.instances), find(ctx.world.key_pairs),
        find(ctx.world.images), find(ctx.world.launch_templates)}) {
    if (t) return t;
  }
  return nullptr;
}

void CreateTags(Context& ctx, XmlWriter& w) {
  auto ids = Ids(ctx, "ResourceId");
  if (ids.empty())
    Fail(400, "MissingParameter", "The request must contain the parameter resourceIdSet");
  for (const auto& id : ids) {
    Tags* tags = TagsOf(ctx, id);
    if (!tags) {
      std::string prefix = id.substr(0, id.find('-'));
      std::map<std::string, std::string> codes = {{"vpc", "InvalidVpcID.NotFound"},
                                                  {"subnet", "InvalidSubnetID.NotFound"},
                                                  {"igw", "InvalidInternetGatewayID.NotFound"},
                                                  {"sg", "InvalidGroup.NotFound"},
                                                  {"i", "InvalidInstanceID.NotFound"},
                                                  {"rtb", "InvalidRouteTableID.NotFound"},
                                                  {"nat", "InvalidNatGatewayID.NotFound"},
                                                  {"eipalloc", "InvalidAllocationID.NotFound"}};
      auto code = codes.find(prefix);
      Fail(400, code == codes.end() ? "InvalidID" : code->second,
           "The ID '" + id + "' does not exist");
    }
    if (ctx.operation == "CreateTags") {
      for (const auto& tag : ctx.req.Params().Items("Tag"))
        (*tags)[tag.Get("Key")] = tag.Get("Value");
    } else {
      auto items = ctx.req.Params().Items("Tag");
      if (items.empty()) tags->clear();
      for (const auto& tag : items) {
        auto it = tags->find(tag.Get("Key"));
        if (it != tags->end() && (!tag.Has("Value") || tag.Get("Value") == it->second))
          tags->erase(it);
      }
    }
  }
  w.Bool("return", true);
}

}  // namespace

}  // namespace awsim::ec2

namespace awsim {

Response HandleEc2(Context& ctx) {
  static const ec2::OpTable kOps = [] {
    ec2::OpTable ops = {{"DescribeRegions", ec2::DescribeRegions},
                        {"DescribeAvailabilityZones", ec2::DescribeAvailabilityZones},
                        {"CreateTags", ec2::CreateTags},
                        {"DeleteTags", ec2::CreateTags}};
    ec2::RegisterNetwork(ops);
    ec2::RegisterRouting(ops);
    ec2::RegisterCompute(ops);
    return ops;
  }();
  auto it = kOps.find(ctx.operation);
  if (it == kOps.end()) {
    Fail(400, "InvalidAction",
         "The action " + ctx.operation + " is not valid for this web service.");
  }
  Response replay;
  if (ec2::Replay(ctx, &replay)) return replay;
  if (ctx.req.Params().Get("DryRun") == "true") {
    Fail(412, "DryRunOperation", "Request would have succeeded, but DryRun flag is set.");
  }
  XmlWriter w = Ec2Begin(ctx);
  it->second(ctx, w);
  Response r = XmlResponse(w);
  ec2::Remember(ctx, r);
  return r;
}

}  // namespace awsim
