#include "aws/route53.h"

#include <algorithm>
#include <cctype>

#include <sstream>

#include "aws/xml_util.h"

namespace tectonic::aws {

namespace {

constexpr const char* kNs = "https://route53.amazonaws.com/doc/2013-04-01/";
constexpr const char* kApi = "/2013-04-01";

std::string Serialize(const pugi::xml_document& doc) {
  std::ostringstream out;
  doc.save(out, "", pugi::format_raw);
  return out.str();
}

std::string WithDot(std::string name) {
  if (!name.empty() && name.back() != '.') name.push_back('.');
  return name;
}

void AddText(pugi::xml_node parent, const char* name, const std::string& text) {
  parent.append_child(name).text().set(text.c_str());
}

HostedZone ParseZone(pugi::xml_node n) {
  HostedZone z;
  z.id = Route53::BareId(xml::Text(n, "Id"));
  z.name = xml::Text(n, "Name");
  z.caller_reference = xml::Text(n, "CallerReference");
  z.comment = xml::Text(n.child("Config"), "Comment");
  z.private_zone = xml::Bool(n.child("Config"), "PrivateZone");
  z.record_count = xml::Int(n, "ResourceRecordSetCount");
  return z;
}

ChangeInfo ParseChange(pugi::xml_node n) {
  return ChangeInfo{Route53::BareId(xml::Text(n, "Id")), xml::Text(n, "Status"),
                    xml::Text(n, "SubmittedAt")};
}

void ParseZoneDetails(pugi::xml_node root, HostedZone* zone) {
  zone->name_servers = xml::Texts(root.child("DelegationSet"), "NameServers", "NameServer");
  for (pugi::xml_node v : root.child("VPCs").children("VPC")) {
    zone->vpcs.push_back({xml::Text(v, "VPCId"), xml::Text(v, "VPCRegion")});
  }
  if (pugi::xml_node v = root.child("VPC")) {
    zone->vpcs.push_back({xml::Text(v, "VPCId"), xml::Text(v, "VPCRegion")});
  }
}

}  // namespace

std::string Route53::BareId(const std::string& id) {
  size_t slash = id.rfind('/');
  return slash == std::string::npos ? id : id.substr(slash + 1);
}

std::string Route53::ChangeBatchXml(const std::vector<RecordChange>& changes,
                                    const std::string& comment) {
  pugi::xml_document doc;
  pugi::xml_node root = doc.append_child("ChangeResourceRecordSetsRequest");
  root.append_attribute("xmlns").set_value(kNs);
  pugi::xml_node batch = root.append_child("ChangeBatch");
  if (!comment.empty()) AddText(batch, "Comment", comment);
  pugi::xml_node list = batch.append_child("Changes");
  for (const RecordChange& change : changes) {
    pugi::xml_node c = list.append_child("Change");
    AddText(c, "Action", change.action);
    pugi::xml_node set = c.append_child("ResourceRecordSet");
    AddText(set, "Name", change.record.name);
    AddText(set, "Type", change.record.type);
    if (change.record.alias) {
      pugi::xml_node alias = set.append_child("AliasTarget");
      AddText(alias, "HostedZoneId", change.record.alias->hosted_zone_id);
      AddText(alias, "DNSName", change.record.alias->dns_name);
      AddText(alias, "EvaluateTargetHealth",
              change.record.alias->evaluate_target_health ? "true" : "false");
    } else {
      AddText(set, "TTL", std::to_string(change.record.ttl));
      pugi::xml_node records = set.append_child("ResourceRecords");
      for (const std::string& value : change.record.values) {
        AddText(records.append_child("ResourceRecord"), "Value", value);
      }
    }
  }
  return Serialize(doc);
}

Result<std::vector<HostedZone>> Route53::ListHostedZonesByName(const std::string& dns_name) {
  const std::string want = WithDot(dns_name);
  std::vector<HostedZone> out;
  std::string next_name = dns_name;
  std::string next_id;
  while (true) {
    RestRequest req;
    req.method = "GET";
    req.path = std::string(kApi) + "/hostedzonesbyname";
    req.query = {{"dnsname", next_name}};
    if (!next_id.empty()) req.query.emplace_back("hostedzoneid", next_id);
    TECTONIC_ASSIGN_OR_RETURN(RestResponse resp,
                              client_.Rest(ops::kRoute53ListHostedZonesByName, std::move(req)));
    TECTONIC_ASSIGN_OR_RETURN(XmlResponse x, resp.Xml());
    pugi::xml_node root = x.doc->document_element();
    bool past = false;  // zones are sorted by name: stop at the first other name
    for (pugi::xml_node n : root.child("HostedZones").children("HostedZone")) {
      HostedZone z = ParseZone(n);
      if (WithDot(z.name) == want) {
        out.push_back(std::move(z));
      } else if (!out.empty() || WithDot(z.name) > want) {
        past = true;
      }
    }
    if (past || !xml::Bool(root, "IsTruncated")) return out;
    std::string name = xml::Text(root, "NextDNSName");
    std::string id = xml::Text(root, "NextHostedZoneId");
    if (WithDot(name) != want || (name == next_name && id == next_id)) return out;
    next_name = name;
    next_id = id;
  }
}

Result<std::vector<HostedZone>> Route53::ListHostedZones() {
  std::vector<HostedZone> out;
  std::string marker;
  while (true) {
    RestRequest req;
    req.method = "GET";
    req.path = std::string(kApi) + "/hostedzone";
    if (!marker.empty()) req.query = {{"marker", marker}};
    TECTONIC_ASSIGN_OR_RETURN(RestResponse resp,
                              client_.Rest(ops::kRoute53ListHostedZones, std::move(req)));
    TECTONIC_ASSIGN_OR_RETURN(XmlResponse x, resp.Xml());
    pugi::xml_node root = x.doc->document_element();
    for (pugi::xml_node n : root.child("HostedZones").children("HostedZone")) {
      out.push_back(ParseZone(n));
    }
    std::string next = xml::Text(root, "NextMarker");
    if (!xml::Bool(root, "IsTruncated") || next.empty() || next == marker) return out;
    marker = std::move(next);
  }
}

Result<HostedZone> Route53::GetHostedZone(const std::string& id) {
  RestRequest req;
  req.method = "GET";
  req.path = std::string(kApi) + "/hostedzone/" + encoding::PercentEncode(BareId(id), false);
  TECTONIC_ASSIGN_OR_RETURN(RestResponse resp,
                            client_.Rest(ops::kRoute53GetHostedZone, std::move(req)));
  TECTONIC_ASSIGN_OR_RETURN(XmlResponse x, resp.Xml());
  pugi::xml_node root = x.doc->document_element();
  HostedZone zone = ParseZone(root.child("HostedZone"));
  ParseZoneDetails(root, &zone);
  return zone;
}

Result<CreatedHostedZone> Route53::CreateHostedZone(const CreateHostedZoneInput& input) {
  pugi::xml_document doc;
  pugi::xml_node root = doc.append_child("CreateHostedZoneRequest");
  root.append_attribute("xmlns").set_value(kNs);
  AddText(root, "Name", input.name);
  if (input.private_zone || !input.vpc_id.empty()) {
    pugi::xml_node vpc = root.append_child("VPC");
    AddText(vpc, "VPCRegion", input.vpc_region);
    AddText(vpc, "VPCId", input.vpc_id);
  }
  AddText(root, "CallerReference", input.caller_reference);
  pugi::xml_node config = root.append_child("HostedZoneConfig");
  if (!input.comment.empty()) AddText(config, "Comment", input.comment);
  AddText(config, "PrivateZone", input.private_zone ? "true" : "false");

  RestRequest req;
  req.method = "POST";
  req.path = std::string(kApi) + "/hostedzone";
  req.body = Serialize(doc);
  req.headers.emplace_back("Content-Type", "application/xml");
  TECTONIC_ASSIGN_OR_RETURN(RestResponse resp,
                            client_.Rest(ops::kRoute53CreateHostedZone, std::move(req)));
  TECTONIC_ASSIGN_OR_RETURN(XmlResponse x, resp.Xml());
  pugi::xml_node answer = x.doc->document_element();
  CreatedHostedZone out;
  out.zone = ParseZone(answer.child("HostedZone"));
  ParseZoneDetails(answer, &out.zone);
  out.change = ParseChange(answer.child("ChangeInfo"));
  if (out.zone.id.empty()) return Status::Internal("CreateHostedZone: the answer has no zone id");
  return out;
}

Result<ChangeInfo> Route53::DeleteHostedZone(const std::string& id) {
  RestRequest req;
  req.method = "DELETE";
  req.path = std::string(kApi) + "/hostedzone/" + encoding::PercentEncode(BareId(id), false);
  TECTONIC_ASSIGN_OR_RETURN(RestResponse resp,
                            client_.Rest(ops::kRoute53DeleteHostedZone, std::move(req)));
  TECTONIC_ASSIGN_OR_RETURN(XmlResponse x, resp.Xml());
  return ParseChange(x.doc->document_element().child("ChangeInfo"));
}

Result<ChangeInfo> Route53::ChangeResourceRecordSets(const std::string& zone_id,
                                                     const std::vector<RecordChange>& changes,
                                                     const std::string& comment) {
  RestRequest req;
  req.method = "POST";
  req.path = std::string(kApi) + "/hostedzone/" + encoding::PercentEncode(BareId(zone_id), false) +
             "/rrset/";
  req.body = ChangeBatchXml(changes, comment);
  req.headers.emplace_back("Content-Type", "application/xml");
  TECTONIC_ASSIGN_OR_RETURN(RestResponse resp,
                            client_.Rest(ops::kRoute53ChangeResourceRecordSets, std::move(req)));
  TECTONIC_ASSIGN_OR_RETURN(XmlResponse x, resp.Xml());
  return ParseChange(x.doc->document_element().child("ChangeInfo"));
}

std::string NormalDnsName(std::string name) {
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (!name.empty() && name.back() == '.') name.pop_back();
  if (name.rfind("dualstack.", 0) == 0) name = name.substr(10);
  return name;
}

Result<std::vector<RecordSet>> Route53::ListResourceRecordSets(const std::string& zone_id) {
  std::vector<RecordSet> out;
  std::vector<std::pair<std::string, std::string>> start;
  while (true) {
    RestRequest req;
    req.method = "GET";
    req.path = std::string(kApi) + "/hostedzone/" +
               encoding::PercentEncode(BareId(zone_id), false) + "/rrset";
    req.query = start;
    TECTONIC_ASSIGN_OR_RETURN(RestResponse resp,
                              client_.Rest(ops::kRoute53ListResourceRecordSets, std::move(req)));
    TECTONIC_ASSIGN_OR_RETURN(XmlResponse x, resp.Xml());
    pugi::xml_node root = x.doc->document_element();
    for (pugi::xml_node n : root.child("ResourceRecordSets").children("ResourceRecordSet")) {
      RecordSet r;
      r.name = xml::Text(n, "Name");
      r.type = xml::Text(n, "Type");
      r.ttl = xml::Int(n, "TTL");
      for (pugi::xml_node v : n.child("ResourceRecords").children("ResourceRecord")) {
        r.values.push_back(xml::Text(v, "Value"));
      }
      if (pugi::xml_node a = n.child("AliasTarget")) {
        r.alias = AliasTarget{xml::Text(a, "HostedZoneId"), xml::Text(a, "DNSName"),
                              xml::Bool(a, "EvaluateTargetHealth")};
      }
      out.push_back(std::move(r));
    }
    if (!xml::Bool(root, "IsTruncated")) return out;
    std::vector<std::pair<std::string, std::string>> next = {
        {"name", xml::Text(root, "NextRecordName")}};
    if (root.child("NextRecordType")) next.emplace_back("type", xml::Text(root, "NextRecordType"));
    if (root.child("NextRecordIdentifier")) {
      next.emplace_back("identifier", xml::Text(root, "NextRecordIdentifier"));
    }
    if (next == start || next[0].second.empty()) return out;
    start = std::move(next);
  }
}

Result<ChangeInfo> Route53::GetChange(const std::string& change_id) {
  RestRequest req;
  req.method = "GET";
  req.path = std::string(kApi) + "/change/" + encoding::PercentEncode(BareId(change_id), false);
  TECTONIC_ASSIGN_OR_RETURN(RestResponse resp,
                            client_.Rest(ops::kRoute53GetChange, std::move(req)));
  TECTONIC_ASSIGN_OR_RETURN(XmlResponse x, resp.Xml());
  return ParseChange(x.doc->document_element().child("ChangeInfo"));
}

Status Route53::ChangeTagsForResource(const std::string& resource_type, const std::string& id,
                                      const Tags& add,
                                      const std::vector<std::string>& remove_keys) {
  pugi::xml_document doc;
  pugi::xml_node root = doc.append_child("ChangeTagsForResourceRequest");
  root.append_attribute("xmlns").set_value(kNs);
  if (!add.empty()) {
    pugi::xml_node tags = root.append_child("AddTags");
    for (const auto& [key, value] : add) {
      pugi::xml_node tag = tags.append_child("Tag");
      AddText(tag, "Key", key);
      AddText(tag, "Value", value);
    }
  }
  if (!remove_keys.empty()) {
    pugi::xml_node keys = root.append_child("RemoveTagKeys");
    for (const std::string& key : remove_keys) AddText(keys, "Key", key);
  }
  RestRequest req;
  req.method = "POST";
  req.path = std::string(kApi) + "/tags/" + encoding::PercentEncode(resource_type, false) + "/" +
             encoding::PercentEncode(BareId(id), false);
  req.body = Serialize(doc);
  req.headers.emplace_back("Content-Type", "application/xml");
  return client_.Rest(ops::kRoute53ChangeTagsForResource, std::move(req)).status();
}

Result<Tags> Route53::ListTagsForResource(const std::string& resource_type, const std::string& id) {
  RestRequest req;
  req.method = "GET";
  req.path = std::string(kApi) + "/tags/" + encoding::PercentEncode(resource_type, false) + "/" +
             encoding::PercentEncode(BareId(id), false);
  TECTONIC_ASSIGN_OR_RETURN(RestResponse resp,
                            client_.Rest(ops::kRoute53ListTagsForResource, std::move(req)));
  TECTONIC_ASSIGN_OR_RETURN(XmlResponse x, resp.Xml());
  Tags tags;
  pugi::xml_node set = x.doc->document_element().child("ResourceTagSet");
  for (pugi::xml_node t : set.child("Tags").children("Tag")) {
    tags[xml::Text(t, "Key")] = xml::Text(t, "Value");
  }
  return tags;
}

}  // namespace tectonic::aws
