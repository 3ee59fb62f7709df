// kms (the given key is enabled and usable, or CreateKey is allowed) and hosted-zone (one public
// Route 53 zone for baseDomain, or the one aws.hostedZoneId names).
#include <fmt/format.h>

#include <algorithm>

#include "aws/xml_util.h"
#include "preflight/checks.h"

namespace tectonic::preflight {
namespace {

// A string member of a JSON object; fallback when absent or not a string (moto sends nulls).
std::string Str(const nlohmann::json& object, const char* key, const std::string& fallback = "") {
  if (!object.is_object() || !object.contains(key) || !object[key].is_string()) return fallback;
  return object[key].get<std::string>();
}

struct Zone {
  std::string id;  // without "/hostedzone/"
  std::string name;
  bool is_private = false;
};

std::string StripZonePrefix(std::string id) {
  constexpr std::string_view kPrefix = "/hostedzone/";
  if (id.rfind(kPrefix, 0) == 0) id.erase(0, kPrefix.size());
  return id;
}

std::string WithDot(std::string name) {
  if (name.empty() || name.back() != '.') name += '.';
  return name;
}

Zone ReadZone(pugi::xml_node z) {
  return {StripZonePrefix(aws::xml::Text(z, "Id")), aws::xml::Text(z, "Name"),
          aws::xml::Bool(z.child("Config"), "PrivateZone")};
}

// Zones named exactly `domain` (ListHostedZonesByName starts at the name, in DNS order).
Result<std::vector<Zone>> ZonesNamed(aws::AwsClient& client, const std::string& domain) {
  std::vector<Zone> zones;
  std::string dns_name = WithDot(domain);
  std::string zone_id;
  for (;;) {
    aws::RestRequest request;
    request.method = "GET";
    request.path = "/2013-04-01/hostedzonesbyname";
    request.query = {{"dnsname", dns_name}, {"maxitems", "100"}};
    if (!zone_id.empty()) request.query.push_back({"hostedzoneid", zone_id});
    TECTONIC_ASSIGN_OR_RETURN(auto response,
                              client.Rest(aws::ops::kRoute53ListHostedZonesByName, request));
    TECTONIC_ASSIGN_OR_RETURN(auto xml, response.Xml());
    pugi::xml_node root = xml.result();
    bool past = false;
    for (pugi::xml_node z : aws::xml::Items(root, "HostedZones", "HostedZone")) {
      Zone zone = ReadZone(z);
      if (WithDot(zone.name) == WithDot(domain)) {
        zones.push_back(zone);
      } else {
        past = true;  // sorted: no more zones of this name
      }
    }
    if (past || !aws::xml::Bool(root, "IsTruncated")) break;
    dns_name = aws::xml::Text(root, "NextDNSName");
    zone_id = aws::xml::Text(root, "NextHostedZoneId");
    if (WithDot(dns_name) != WithDot(domain)) break;
  }
  return zones;
}

std::string ZoneList(const std::vector<Zone>& zones) {
  std::string out;
  for (const auto& z : zones) {
    out += fmt::format("{}{} ({})", out.empty() ? "" : ", ", z.id,
                       z.is_private ? "private" : "public");
  }
  return out;
}

}  // namespace

CheckResult CheckHostedZone(CheckContext& ctx) {
  const auto& config = ctx.config();
  const std::string& domain = config.base_domain;
  const std::string& given = config.aws.hosted_zone_id;
  const std::string create_fix = fmt::format(
      "create a public hosted zone: aws route53 create-hosted-zone --name {} "
      "--caller-reference $(date +%s), and delegate {} to its name servers at your registrar",
      domain, domain);
  if (!given.empty()) {
    aws::RestRequest request;
    request.method = "GET";
    request.path = "/2013-04-01/hostedzone/" + StripZonePrefix(given);
    auto response = ctx.client().Rest(aws::ops::kRoute53GetHostedZone, request);
    if (!response.ok()) {
      if (response.status().aws_code() == "NoSuchHostedZone" ||
          response.status().code() == StatusCode::kNotFound) {
        return CheckResult::Fail("aws.hostedZoneId " + given + " does not exist",
                                 "set aws.hostedZoneId to the id of the public zone for " + domain +
                                     " (aws route53 list-hosted-zones-by-name)");
      }
      return AwsFailure("route53:GetHostedZone", response.status());
    }
    auto xml = response->Xml();
    if (!xml.ok()) return AwsFailure("route53:GetHostedZone", xml.status());
    Zone zone = ReadZone(xml->result().child("HostedZone"));
    if (WithDot(zone.name) != WithDot(domain)) {
      return CheckResult::Fail(
          fmt::format("aws.hostedZoneId {} is the zone of '{}', not of baseDomain '{}'", given,
                      zone.name, domain),
          "set aws.hostedZoneId to a zone named " + domain + ", or change baseDomain");
    }
    if (zone.is_private) {
      return CheckResult::Fail(
          fmt::format("aws.hostedZoneId {} is a private zone: the API and console names would "
                      "not resolve publicly",
                      given),
          "use a public hosted zone for " + domain);
    }
    ctx.UpdateFacts([&](PreflightFacts& f) { f.hosted_zone_id = zone.id; });
    return CheckResult::Pass("public zone " + zone.id + " for " + domain + " (aws.hostedZoneId)");
  }
  auto zones = ZonesNamed(ctx.client(), domain);
  if (!zones.ok()) return AwsFailure("route53:ListHostedZonesByName", zones.status());
  std::vector<Zone> public_zones;
  std::copy_if(zones->begin(), zones->end(), std::back_inserter(public_zones),
               [](const Zone& z) { return !z.is_private; });
  if (zones->empty()) {
    return CheckResult::Fail("no Route 53 hosted zone named " + domain, create_fix);
  }
  if (public_zones.empty()) {
    return CheckResult::Fail(
        fmt::format("only a private hosted zone exists for {} ({}): the API and console names "
                    "would not resolve publicly",
                    domain, ZoneList(*zones)),
        create_fix);
  }
  if (public_zones.size() > 1) {
    return CheckResult::Fail(
        fmt::format("{} public hosted zones are named {}: {}", public_zones.size(), domain,
                    ZoneList(public_zones)),
        "set aws.hostedZoneId in cluster.yaml to the one delegated from your registrar "
        "(compare aws route53 get-hosted-zone --id <id> name servers with whois/dig NS " +
            domain + ")");
  }
  ctx.UpdateFacts([&](PreflightFacts& f) { f.hosted_zone_id = public_zones.front().id; });
  return CheckResult::Pass("public zone " + public_zones.front().id + " for " + domain);
}

CheckResult CheckKms(CheckContext& ctx) {
  const auto& config = ctx.config();
  const std::string& key = config.aws.kms_key_arn;
  if (key.empty()) {
    SimulationOutcome sim = ctx.Simulation();
    ctx.UpdateFacts([](PreflightFacts& f) { f.kms_key_arn = "create"; });
    std::string alias = "alias/tectonic/" + config.name;
    if (!sim.available) {
      return CheckResult::Warn(
          "no key given: tectonic will create " + alias +
              ", but whether kms:CreateKey is allowed could not be verified (" +
              sim.why_unavailable + ")",
          "make sure the identity may call kms:CreateKey, kms:CreateAlias and kms:TagResource, "
          "or set aws.kmsKeyArn to an existing key");
    }
    std::vector<std::string> denied;
    for (const char* a : {"kms:CreateKey", "kms:CreateAlias", "kms:TagResource"}) {
      if (sim.denied.count(a)) denied.push_back(a);
    }
    if (!denied.empty()) {
      std::string list;
      for (const auto& d : denied) list += (list.empty() ? "" : ", ") + d;
      return CheckResult::Fail("no key given and " + list + " denied: tectonic cannot create one",
                               "allow them (see `tectonic policy`), or set aws.kmsKeyArn to an "
                               "existing enabled key");
    }
    return CheckResult::Pass("no key given: tectonic will create " + alias +
                             " (kms:CreateKey allowed)");
  }
  auto described = ctx.client().Json(aws::ops::kKmsDescribeKey, {{"KeyId", key}});
  if (!described.ok()) {
    const std::string& code = described.status().aws_code();
    if (code == "NotFoundException" || code == "InvalidArnException" ||
        described.status().code() == StatusCode::kNotFound) {
      return CheckResult::Fail(
          "KMS key " + key + " does not exist in " + ctx.client().endpoints().region(),
          "set aws.kmsKeyArn to a key of this region (aws kms list-keys), or leave it empty to "
          "let tectonic create one");
    }
    return AwsFailure("kms:DescribeKey", described.status());
  }
  const auto& meta = (*described)["KeyMetadata"];
  std::string state = Str(meta, "KeyState");
  std::string arn = Str(meta, "Arn", key);
  if (state == "PendingDeletion" || state == "PendingReplicaDeletion") {
    std::string when;
    if (meta.contains("DeletionDate") && meta["DeletionDate"].is_number()) {
      auto t = static_cast<time_t>(meta["DeletionDate"].get<double>());
      char buf[32];
      std::tm tm{};
      gmtime_r(&t, &tm);
      std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
      when = std::string(" (deletion on ") + buf + ")";
    }
    return CheckResult::Fail("KMS key " + arn + " is " + state + when,
                             "cancel the deletion (aws kms cancel-key-deletion --key-id " + arn +
                                 ", then aws kms enable-key), or use another key");
  }
  if (state != "Enabled") {
    return CheckResult::Fail(
        "KMS key " + arn + " is " + (state.empty() ? std::string("not enabled") : state),
        state == "Disabled" ? "enable it: aws kms enable-key --key-id " + arn
                            : "use an enabled key, or leave aws.kmsKeyArn empty");
  }
  if (Str(meta, "KeyUsage", "ENCRYPT_DECRYPT") != "ENCRYPT_DECRYPT") {
    return CheckResult::Fail(
        "KMS key " + arn + " is for " + Str(meta, "KeyUsage") + ", not ENCRYPT_DECRYPT",
        "use a symmetric encryption key");
  }
  // Usable: encrypt a small, non-secret plaintext ("tectonic-preflight", base64).
  auto encrypted = ctx.client().Json(aws::ops::kKmsEncrypt,
                                     {{"KeyId", arn}, {"Plaintext", "dGVjdG9uaWMtcHJlZmxpZ2h0"}});
  if (!encrypted.ok()) {
    CheckResult r = AwsFailure("kms:Encrypt with " + arn, encrypted.status());
    r.fix =
        "allow kms:Encrypt and kms:GenerateDataKey on the key to this identity (key policy "
        "and IAM policy)";
    return r;
  }
  ctx.UpdateFacts([&](PreflightFacts& f) { f.kms_key_arn = arn; });
  return CheckResult::Pass("KMS key " + arn + " is enabled and encrypts");
}

}  // namespace tectonic::preflight
