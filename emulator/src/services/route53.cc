// Route 53 (REST-XML, 2013-04-01): hosted zones (public with SOA+NS and a delegation set,
// private bound to a VPC), transactional ChangeResourceRecordSets with InvalidChangeBatch,
// changes PENDING -> INSYNC on the virtual clock, tags. Ids travel as /hostedzone/Z… and
// /change/C…; paths take the bare id.
#include <pugixml.hpp>

#include <algorithm>

#include "server.h"

namespace awsim {

namespace {

const std::string kPrefix = "/2013-04-01/";
constexpr int kMaxZones = 500;

std::vector<std::string> PathParts(const Request& req) {
  std::vector<std::string> out;
  std::string rest = req.path.substr(std::min(req.path.size(), kPrefix.size()));
  size_t start = 0;
  while (start < rest.size()) {
    size_t end = rest.find('/', start);
    if (end == std::string::npos) end = rest.size();
    if (end > start) out.push_back(UrlDecode(rest.substr(start, end - start), false));
    start = end + 1;
  }
  return out;
}

std::string Fqdn(std::string name) {
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (name.empty() || name.back() != '.') name += '.';
  if (name.rfind("*.", 0) == 0) name = "\\052" + name.substr(1);
  return name;
}

// Sort key: labels reversed, so example.com. sorts before a.example.com.
std::string ReversedLabels(const std::string& name) {
  std::vector<std::string> labels;
  size_t start = 0;
  while (start < name.size()) {
    size_t end = name.find('.', start);
    if (end == std::string::npos) end = name.size();
    labels.push_back(name.substr(start, end - start));
    start = end + 1;
  }
  std::string out;
  for (auto it = labels.rbegin(); it != labels.rend(); ++it) out += *it + ".";
  return out;
}

bool InZone(const std::string& name, const std::string& zone) {
  return name == zone || (name.size() > zone.size() &&
                          name.compare(name.size() - zone.size(), zone.size(), zone) == 0 &&
                          name[name.size() - zone.size() - 1] == '.');
}

pugi::xml_node ParseBody(const Context& ctx, pugi::xml_document& doc) {
  if (!doc.load_string(ctx.req.body.c_str()) || !doc.first_child())
    Fail(400, "InvalidInput", "Invalid XML ; The request body is not well-formed XML.");
  return doc.first_child();
}

HostedZone& FindZone(Context& ctx, const std::string& id) {
  auto it = ctx.world.zones.find(id);
  if (it == ctx.world.zones.end() || !ctx.Visible(id))
    Fail(404, "NoSuchHostedZone", "No hosted zone found with ID: " + id);
  return it->second;
}

std::string NewChange(Context& ctx) {
  std::string id = "C" + ctx.world.Upper(20);
  ctx.world.changes[id] = ctx.now_ms;
  return id;
}

void WriteChange(Context& ctx, XmlWriter& w, const std::string& id) {
  int64_t at = ctx.world.changes.at(id);
  w.Open("ChangeInfo").Leaf("Id", "/change/" + id);
  w.Leaf("Status", ctx.now_ms >= at + ctx.Duration("route53_insync") ? "INSYNC" : "PENDING");
  w.Leaf("SubmittedAt", IsoTime(at)).Close();
}

void WriteZone(XmlWriter& w, const HostedZone& z) {
  w.Open("HostedZone").Leaf("Id", "/hostedzone/" + z.id).Leaf("Name", z.name);
  w.Leaf("CallerReference", z.caller_ref).Open("Config").Opt("Comment", z.comment);
  w.Bool("PrivateZone", z.is_private).Close();
  w.Leaf("ResourceRecordSetCount", static_cast<long long>(z.records.size())).Close();
}

const RecordSet* FindRecord(const HostedZone& z, const std::string& name, const std::string& type) {
  for (const auto& r : z.records)
    if (r.name == name && r.type == type) return &r;
  return nullptr;
}

void WriteDelegation(XmlWriter& w, const HostedZone& z) {
  const RecordSet* ns = FindRecord(z, z.name, "NS");
  w.Open("DelegationSet").Open("NameServers");
  if (ns)
    for (const auto& v : ns->values) w.Leaf("NameServer", v.substr(0, v.size() - 1));
  w.Close().Close();
}

void WriteVpcs(XmlWriter& w, const HostedZone& z) {
  w.Open("VPCs");
  for (const auto& [region, id] : z.vpcs)
    w.Open("VPC").Leaf("VPCRegion", region).Leaf("VPCId", id).Close();
  w.Close();
}

XmlWriter Begin(const std::string& root) {
  XmlWriter w;
  w.Open(root, "xmlns=\"" + NamespaceOf("route53") + "\"");
  return w;
}

Response CreateHostedZone(Context& ctx) {
  pugi::xml_document doc;
  pugi::xml_node in = ParseBody(ctx, doc);
  std::string name = in.child_value("Name"), ref = in.child_value("CallerReference");
  if (name.empty() || ref.empty() || ref.size() > 128)
    Fail(400, "InvalidInput", "Name and CallerReference (1-128 characters) are required.");
  for (const auto& [id, z] : ctx.world.zones)
    if (z.caller_ref == ref)
      Fail(409, "HostedZoneAlreadyExists",
           "A hosted zone has already been created with the specified caller reference.");
  name = Fqdn(name);
  if (name.find("..") != std::string::npos || name == "." || name.size() > 255)
    Fail(400, "InvalidDomainName", name + " is not a valid domain name.");
  if (static_cast<int>(ctx.world.zones.size()) >= kMaxZones)
    Fail(400, "TooManyHostedZones",
         "Limits Exceeded: MAX_HOSTED_ZONES_BY_OWNER - Cannot create more hosted zones.");
  HostedZone z;
  z.id = "Z" + ctx.world.Upper(20);
  z.name = name;
  z.caller_ref = ref;
  z.created_ms = ctx.now_ms;
  pugi::xml_node config = in.child("HostedZoneConfig");
  z.comment = config.child_value("Comment");
  z.is_private = std::string(config.child_value("PrivateZone")) == "true";
  pugi::xml_node vpc = in.child("VPC");
  if (vpc) {
    std::string region = vpc.child_value("VPCRegion"), vpc_id = vpc.child_value("VPCId");
    auto v = ctx.world.vpcs.find(vpc_id);
    if (v == ctx.world.vpcs.end() || v->second.region != region)
      Fail(400, "InvalidVPCId", "The VPC ID '" + vpc_id + "' is not valid in region " + region);
    z.vpcs.emplace_back(region, vpc_id);
    z.is_private = true;
  } else if (z.is_private) {
    Fail(400, "InvalidInput", "A private hosted zone requires a VPC.");
  }
  int n = static_cast<int>(ctx.world.rng() % 2000);
  std::vector<std::string> ns;
  const char* tlds[] = {"com", "net", "org", "co.uk"};
  for (int i = 0; i < 4; ++i)
    ns.push_back("ns-" + std::to_string(n + i * 512) + ".awsdns-" + std::to_string((n + i) % 64) +
                 "." + tlds[i] + ".");
  z.records.push_back({z.name,
                       "SOA",
                       "",
                       "",
                       900,
                       false,
                       {ns[0] + " awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400"}});
  z.records.push_back({z.name, "NS", "", "", 172800, false, ns});
  z.change_id = NewChange(ctx);
  ctx.world.zones[z.id] = z;
  ctx.Created(z.id);
  XmlWriter w = Begin("CreateHostedZoneResponse");
  WriteZone(w, z);
  WriteChange(ctx, w, z.change_id);
  if (z.is_private) {
    w.Open("VPC").Leaf("VPCRegion", z.vpcs[0].first).Leaf("VPCId", z.vpcs[0].second).Close();
  } else {
    WriteDelegation(w, z);
  }
  Response r = XmlResponse(w, 201);
  r.headers.emplace_back("Location", "https://route53.amazonaws.com/2013-04-01/hostedzone/" + z.id);
  return r;
}

Response GetHostedZone(Context& ctx, const std::string& id) {
  HostedZone& z = FindZone(ctx, id);
  XmlWriter w = Begin("GetHostedZoneResponse");
  WriteZone(w, z);
  if (z.is_private)
    WriteVpcs(w, z);
  else
    WriteDelegation(w, z);
  return XmlResponse(w);
}

int MaxItems(const Context& ctx, int fallback) {
  auto it = ctx.req.params.find("maxitems");
  if (it == ctx.req.params.end()) return fallback;
  int n = std::atoi(it->second.c_str());
  if (n < 1) Fail(400, "InvalidInput", "maxitems must be a positive integer");
  return std::min(n, fallback);
}

std::string Query(const Context& ctx, const std::string& key) {
  auto it = ctx.req.params.find(key);
  return it == ctx.req.params.end() ? "" : it->second;
}

std::vector<const HostedZone*> SortedZones(Context& ctx) {
  std::vector<const HostedZone*> zones;
  for (const auto& [id, z] : ctx.world.zones)
    if (ctx.Visible(id)) zones.push_back(&z);
  std::sort(zones.begin(), zones.end(), [](const HostedZone* a, const HostedZone* b) {
    return std::make_pair(ReversedLabels(a->name), a->id) <
           std::make_pair(ReversedLabels(b->name), b->id);
  });
  return zones;
}

Response ListHostedZones(Context& ctx) {
  int max = MaxItems(ctx, 100);
  std::string marker = Query(ctx, "marker");
  auto zones = SortedZones(ctx);
  size_t start = 0;
  if (!marker.empty()) {
    while (start < zones.size() && zones[start]->id != marker) ++start;
    if (start == zones.size()) Fail(400, "InvalidInput", "Invalid marker " + marker);
  }
  XmlWriter w = Begin("ListHostedZonesResponse");
  w.Open("HostedZones");
  size_t end = std::min(zones.size(), start + static_cast<size_t>(max));
  for (size_t i = start; i < end; ++i) WriteZone(w, *zones[i]);
  w.Close();
  if (!marker.empty()) w.Leaf("Marker", marker);
  w.Bool("IsTruncated", end < zones.size());
  if (end < zones.size()) w.Leaf("NextMarker", zones[end]->id);
  w.Leaf("MaxItems", max);
  return XmlResponse(w);
}

Response ListHostedZonesByName(Context& ctx) {
  int max = MaxItems(ctx, 100);
  std::string dns = Query(ctx, "dnsname"), zone_id = Query(ctx, "hostedzoneid");
  if (!zone_id.empty() && dns.empty()) Fail(400, "InvalidInput", "hostedzoneid requires dnsname");
  auto zones = SortedZones(ctx);
  size_t start = 0;
  if (!dns.empty()) {
    std::string key = ReversedLabels(Fqdn(dns));
    while (start < zones.size() && std::make_pair(ReversedLabels(zones[start]->name),
                                                  zones[start]->id) < std::make_pair(key, zone_id))
      ++start;
  }
  XmlWriter w = Begin("ListHostedZonesByNameResponse");
  w.Open("HostedZones");
  size_t end = std::min(zones.size(), start + static_cast<size_t>(max));
  for (size_t i = start; i < end; ++i) WriteZone(w, *zones[i]);
  w.Close();
  if (!dns.empty()) w.Leaf("DNSName", Fqdn(dns));
  if (!zone_id.empty()) w.Leaf("HostedZoneId", zone_id);
  w.Bool("IsTruncated", end < zones.size());
  if (end < zones.size()) {
    w.Leaf("NextDNSName", zones[end]->name).Leaf("NextHostedZoneId", zones[end]->id);
  }
  w.Leaf("MaxItems", max);
  return XmlResponse(w);
}

Response DeleteHostedZone(Context& ctx, const std::string& id) {
  HostedZone& z = FindZone(ctx, id);
  for (const auto& r : z.records) {
    if (!(r.name == z.name && (r.type == "SOA" || r.type == "NS")))
      Fail(400, "HostedZoneNotEmpty",
           "The specified hosted zone contains non-required resource record sets and so cannot "
           "be deleted.");
  }
  ctx.world.zones.erase(id);
  std::string change = NewChange(ctx);
  XmlWriter w = Begin("DeleteHostedZoneResponse");
  WriteChange(ctx, w, change);
  return XmlResponse(w);
}

std::string Describe(const RecordSet& r) {
  return "[name='" + r.name + "', type='" + r.type + "']";
}

RecordSet ReadRecord(pugi::xml_node n, std::vector<std::string>& errors) {
  RecordSet r;
  r.name = Fqdn(n.child_value("Name"));
  r.type = n.child_value("Type");
  static const std::set<std::string> kTypes = {"SOA",   "A",    "TXT",   "NS",   "CNAME", "MX",
                                               "NAPTR", "PTR",  "SRV",   "SPF",  "AAAA",  "CAA",
                                               "DS",    "TLSA", "SSHFP", "SVCB", "HTTPS"};
  if (!kTypes.count(r.type)) errors.push_back("Invalid type " + r.type + " for " + r.name);
  pugi::xml_node alias = n.child("AliasTarget");
  if (alias) {
    r.alias_zone = alias.child_value("HostedZoneId");
    r.alias_dns = Fqdn(alias.child_value("DNSName"));
    r.alias_eval = std::string(alias.child_value("EvaluateTargetHealth")) == "true";
    if (r.alias_zone.empty() || r.alias_dns == ".")
      errors.push_back("Invalid alias target for " + Describe(r));
    if (n.child("TTL") || n.child("ResourceRecords"))
      errors.push_back(
          "Invalid Resource Record Set: An alias record cannot have a TTL or "
          "resource records " +
          Describe(r));
  } else {
    if (!n.child("TTL"))
      errors.push_back("Invalid Resource Record Set: TTL is required " + Describe(r));
    r.ttl = std::atoll(n.child_value("TTL"));
    for (pugi::xml_node v : n.child("ResourceRecords").children("ResourceRecord"))
      r.values.push_back(v.child_value("Value"));
    if (r.values.empty())
      errors.push_back("Invalid Resource Record Set: at least one resource record is required " +
                       Describe(r));
  }
  return r;
}

void CheckAlias(Context& ctx, const RecordSet& r, std::vector<std::string>& errors) {
  if (r.alias_zone.empty()) return;
  bool ok = false;
  for (const auto& [arn, lb] : ctx.world.load_balancers) {
    std::string dns = lb.dns_name + ".";
    ok = ok || (r.alias_dns == dns || r.alias_dns == "dualstack." + dns);
  }
  for (const auto& [id, z] : ctx.world.zones)
    ok = ok || (id == r.alias_zone && InZone(r.alias_dns, z.name));
  if (!ok)
    errors.push_back("Tried to create an alias that targets " + r.alias_dns + ", type " + r.type +
                     " in zone " + r.alias_zone +
                     ", but the alias target name does not lie "
                     "within the target zone");
}

Response ChangeResourceRecordSets(Context& ctx, const std::string& id) {
  HostedZone& z = FindZone(ctx, id);
  pugi::xml_document doc;
  pugi::xml_node in = ParseBody(ctx, doc);
  auto changes = in.child("ChangeBatch").child("Changes").children("Change");
  std::vector<std::string> errors;
  std::vector<RecordSet> records = z.records;
  int count = 0;
  for (pugi::xml_node c : changes) {
    ++count;
    std::string action = c.child_value("Action");
    RecordSet r = ReadRecord(c.child("ResourceRecordSet"), errors);
    if (!InZone(r.name, z.name)) {
      errors.push_back("RRSet with DNS name " + r.name + " is not permitted in zone " + z.name);
      continue;
    }
    auto it = std::find_if(records.begin(), records.end(), [&](const RecordSet& e) {
      return e.name == r.name && e.type == r.type;
    });
    if (action == "DELETE") {
      if (it == records.end()) {
        errors.push_back("Tried to delete resource record set " + Describe(r) +
                         " but it was not found");
      } else if (it->ttl != r.ttl || it->values != r.values || it->alias_dns != r.alias_dns ||
                 it->alias_zone != r.alias_zone) {
        errors.push_back("Tried to delete resource record set " + Describe(r) +
                         " but the values provided do not match the current values");
      } else {
        records.erase(it);
      }
      continue;
    }
    if (action != "CREATE" && action != "UPSERT") {
      errors.push_back("Invalid action " + action);
      continue;
    }
    CheckAlias(ctx, r, errors);
    if (r.type == "CNAME" && r.name == z.name)
      errors.push_back("RRSet of type CNAME with DNS name " + r.name +
                       " is not permitted at apex in zone " + z.name);
    for (const auto& e : records) {
      if (e.name == r.name && e.type != r.type && (e.type == "CNAME" || r.type == "CNAME"))
        errors.push_back("RRSet of type " + r.type + " with DNS name " + r.name +
                         " is not permitted because a conflicting RRSet of type " + e.type +
                         " with the same DNS name already exists in zone " + z.name);
    }
    if (action == "CREATE" && it != records.end()) {
      errors.push_back("Tried to create resource record set " + Describe(r) +
                       " but it already exists");
    } else if (it != records.end()) {
      *it = r;
    } else {
      records.push_back(r);
    }
  }
  if (count == 0) errors.push_back("ChangeBatch must contain at least one change");
  if (count > 1000) errors.push_back("Number of changes exceeds the limit of 1000");
  if (!errors.empty()) {
    ApiError e(400, "InvalidChangeBatch", errors.front());
    e.messages = errors;
    throw e;
  }
  z.records = records;
  std::string change = NewChange(ctx);
  XmlWriter w = Begin("ChangeResourceRecordSetsResponse");
  WriteChange(ctx, w, change);
  return XmlResponse(w);
}

void WriteRecord(XmlWriter& w, const RecordSet& r) {
  w.Open("ResourceRecordSet").Leaf("Name", r.name).Leaf("Type", r.type);
  if (!r.alias_zone.empty()) {
    w.Open("AliasTarget").Leaf("HostedZoneId", r.alias_zone).Leaf("DNSName", r.alias_dns);
    w.Bool("EvaluateTargetHealth", r.alias_eval).Close();
  } else {
    w.Leaf("TTL", static_cast<long long>(r.ttl)).Open("ResourceRecords");
    for (const auto& v : r.values) w.Open("ResourceRecord").Leaf("Value", v).Close();
    w.Close();
  }
  w.Close();
}

Response ListResourceRecordSets(Context& ctx, const std::string& id) {
  HostedZone& z = FindZone(ctx, id);
  int max = MaxItems(ctx, 300);
  std::string name = Query(ctx, "name"), type = Query(ctx, "type");
  if (!type.empty() && name.empty()) Fail(400, "InvalidInput", "type requires name");
  std::vector<const RecordSet*> sorted;
  for (const auto& r : z.records) sorted.push_back(&r);
  std::sort(sorted.begin(), sorted.end(), [](const RecordSet* a, const RecordSet* b) {
    return std::make_pair(ReversedLabels(a->name), a->type) <
           std::make_pair(ReversedLabels(b->name), b->type);
  });
  size_t start = 0;
  if (!name.empty()) {
    auto key = std::make_pair(ReversedLabels(Fqdn(name)), type);
    while (start < sorted.size() &&
           std::make_pair(ReversedLabels(sorted[start]->name), sorted[start]->type) < key)
      ++start;
  }
  size_t end = std::min(sorted.size(), start + static_cast<size_t>(max));
  XmlWriter w = Begin("ListResourceRecordSetsResponse");
  w.Open("ResourceRecordSets");
  for (size_t i = start; i < end; ++i) WriteRecord(w, *sorted[i]);
  w.Close().Bool("IsTruncated", end < sorted.size());
  if (end < sorted.size())
    w.Leaf("NextRecordName", sorted[end]->name).Leaf("NextRecordType", sorted[end]->type);
  w.Leaf("MaxItems", max);
  return XmlResponse(w);
}

Response GetChange(Context& ctx, const std::string& id) {
  if (!ctx.world.changes.count(id))
    Fail(404, "NoSuchChange", "A change with the specified change ID does not exist.");
  XmlWriter w = Begin("GetChangeResponse");
  WriteChange(ctx, w, id);
  return XmlResponse(w);
}

Response ZoneTags(Context& ctx, const std::string& type, const std::string& id) {
  if (type != "hostedzone")
    Fail(400, "InvalidInput", "awsim models tags on hosted zones only (not " + type + ")");
  HostedZone& z = FindZone(ctx, id);
  if (ctx.operation == "ChangeTagsForResource") {
    pugi::xml_document doc;
    pugi::xml_node in = ParseBody(ctx, doc);
    Tags tags = z.tags;
    for (pugi::xml_node t : in.child("AddTags").children("Tag"))
      tags[t.child_value("Key")] = t.child_value("Value");
    for (pugi::xml_node k : in.child("RemoveTagKeys").children("Key")) tags.erase(k.child_value());
    if (tags.size() > 50) Fail(400, "InvalidInput", "A resource can have at most 50 tags.");
    z.tags = tags;
    XmlWriter w = Begin("ChangeTagsForResourceResponse");
    return XmlResponse(w);
  }
  XmlWriter w = Begin("ListTagsForResourceResponse");
  w.Open("ResourceTagSet").Leaf("ResourceType", type).Leaf("ResourceId", id).Open("Tags");
  for (const auto& [k, v] : z.tags) w.Open("Tag").Leaf("Key", k).Leaf("Value", v).Close();
  w.Close().Close();
  return XmlResponse(w);
}

}  // namespace

std::string Route53Operation(const Request& req) {
  if (req.path.rfind(kPrefix, 0) != 0) return "Unknown";
  auto parts = PathParts(req);
  const std::string& m = req.method;
  if (parts.empty()) return "Unknown";
  if (parts[0] == "hostedzone") {
    if (parts.size() == 1) return m == "POST" ? "CreateHostedZone" : "ListHostedZones";
    if (parts.size() == 2)
      return m == "DELETE" ? "DeleteHostedZone" : m == "GET" ? "GetHostedZone" : "Unknown";
    if (parts.size() == 3 && parts[2] == "rrset")
      return m == "POST" ? "ChangeResourceRecordSets" : "ListResourceRecordSets";
  }
  if (parts[0] == "hostedzonesbyname" && parts.size() == 1) return "ListHostedZonesByName";
  if (parts[0] == "change" && parts.size() == 2) return "GetChange";
  if (parts[0] == "tags" && parts.size() == 3)
    return m == "POST" ? "ChangeTagsForResource" : "ListTagsForResource";
  return "Unknown";
}

Response HandleRoute53(Context& ctx) {
  auto parts = PathParts(ctx.req);
  const std::string& op = ctx.operation;
  if (parts.size() >= 2 && parts[1].find('/') != std::string::npos)
    Fail(400, "InvalidInput", "Invalid id: " + parts[1]);
  if (op == "CreateHostedZone") return CreateHostedZone(ctx);
  if (op == "ListHostedZones") return ListHostedZones(ctx);
  if (op == "ListHostedZonesByName") return ListHostedZonesByName(ctx);
  if (op == "GetHostedZone") return GetHostedZone(ctx, parts[1]);
  if (op == "DeleteHostedZone") return DeleteHostedZone(ctx, parts[1]);
  if (op == "ChangeResourceRecordSets") return ChangeResourceRecordSets(ctx, parts[1]);
  if (op == "ListResourceRecordSets") return ListResourceRecordSets(ctx, parts[1]);
  if (op == "GetChange") return GetChange(ctx, parts[1]);
  if (op == "ChangeTagsForResource" || op == "ListTagsForResource")
    return ZoneTags(ctx, parts[1], parts[2]);
  Fail(400, "InvalidAction", "Unknown Route 53 request " + ctx.req.method + " " + ctx.req.path);
}

}  // namespace awsim
