// Route53: typed Route 53 calls (hosted zones, record sets, changes, tags).
// Ids are bare: "/hostedzone/" and "/change/" prefixes are stripped from every answer and
// from every id a caller passes in. Names are as Route 53 returns them (trailing dot).
// List calls follow IsTruncated to the end. Thread safety: as safe as the AwsClient.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "aws/client.h"
#include "aws/types.h"
#include "util/result.h"

namespace tectonic::aws {

struct HostedZoneVpc {
  std::string vpc_id;
  std::string region;
};

struct HostedZone {
  std::string id;    // Z..., without "/hostedzone/"
  std::string name;  // "example.com."
  std::string caller_reference;
  std::string comment;
  bool private_zone = false;
  int64_t record_count = 0;
  std::vector<std::string> name_servers;  // GetHostedZone / CreateHostedZone (public zones)
  std::vector<HostedZoneVpc> vpcs;        // GetHostedZone / CreateHostedZone (private zones)
};

struct ChangeInfo {
  std::string id;      // C..., without "/change/"
  std::string status;  // PENDING | INSYNC
  std::string submitted_at;
};

struct CreateHostedZoneInput {
  std::string name;
  std::string caller_reference;  // unique per request; reuse -> HostedZoneAlreadyExists
  std::string comment;
  bool private_zone = false;
  std::string vpc_id;  // required for a private zone
  std::string vpc_region;
};

struct CreatedHostedZone {
  HostedZone zone;
  ChangeInfo change;
};

struct AliasTarget {
  std::string hosted_zone_id;  // the load balancer's CanonicalHostedZoneId
  std::string dns_name;
  bool evaluate_target_health = false;
};

// A plain record (ttl + values) or an alias (alias set, ttl and values ignored).
struct RecordSet {
  std::string name;
  std::string type;  // A | AAAA | CNAME | TXT | NS | SOA | ...
  int64_t ttl = 0;
  std::vector<std::string> values;  // TXT values include their quotes: "\"v=spf1 ...\""
  std::optional<AliasTarget> alias;
};

struct RecordChange {
  std::string action;  // CREATE | UPSERT | DELETE
  RecordSet record;
};

// A DNS name as Route 53 and ELB compare it: lower case, no trailing dot, and without the
// "dualstack." prefix that names the same load balancer ("Foo.Example.com." -> "foo.example.com").
std::string NormalDnsName(std::string name);

class Route53 {
 public:
  explicit Route53(AwsClient& client) : client_(client) {}

  // The zones named exactly dns_name (with or without trailing dot), public and private.
  Result<std::vector<HostedZone>> ListHostedZonesByName(const std::string& dns_name);
  Result<std::vector<HostedZone>> ListHostedZones();
  Result<HostedZone> GetHostedZone(const std::string& id);
  Result<CreatedHostedZone> CreateHostedZone(const CreateHostedZoneInput& input);
  Result<ChangeInfo> DeleteHostedZone(const std::string& id);

  Result<ChangeInfo> ChangeResourceRecordSets(const std::string& zone_id,
                                              const std::vector<RecordChange>& changes,
                                              const std::string& comment = "");
  Result<std::vector<RecordSet>> ListResourceRecordSets(const std::string& zone_id);
  Result<ChangeInfo> GetChange(const std::string& change_id);

  // resource_type: "hostedzone" (or "healthcheck").
  Status ChangeTagsForResource(const std::string& resource_type, const std::string& id,
                               const Tags& add, const std::vector<std::string>& remove_keys = {});
  Result<Tags> ListTagsForResource(const std::string& resource_type, const std::string& id);

  // Exposed for tests and callers: the XML body of a ChangeResourceRecordSets request.
  static std::string ChangeBatchXml(const std::vector<RecordChange>& changes,
                                    const std::string& comment);
  // "/hostedzone/Z1" -> "Z1", "/change/C1" -> "C1", "Z1" -> "Z1".
  static std::string BareId(const std::string& id);

 private:
  AwsClient& client_;
};

}  // namespace tectonic::aws
