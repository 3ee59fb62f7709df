// Field rules of cluster.yaml: names, DNS, region and zones, AWS ids, tags, nodes, admin.
#include <algorithm>
#include <cctype>
#include <regex>
#include <set>

#include <fmt/format.h>

#include "model/config_validate.h"
#include "util/did_you_mean.h"
#include "util/redact.h"

namespace tectonic::model {
namespace {

bool Matches(const std::string& text, const char* pattern) {
  return std::regex_match(text, std::regex(pattern));
}

bool IsPrintableAscii(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c < 0x7f; });
}

// Characters of a UTF-8 string (continuation bytes do not count).
size_t CharCount(const std::string& text) {
  return std::count_if(text.begin(), text.end(),
                       [](char c) { return (static_cast<unsigned char>(c) & 0xc0) != 0x80; });
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// AWS tag keys and values: Unicode letters, digits, spaces and + - = . _ : / @.
bool IsTagText(const std::string& text) {
  static const std::string kPunctuation = " +-=._:/@";
  return std::all_of(text.begin(), text.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u >= 0x80 || std::isalnum(u) || kPunctuation.find(c) != std::string::npos;
  });
}

// A valid cluster name close to a bad one: lower case, other characters turned into '-'.
std::string SuggestName(const std::string& name) {
  std::string out;
  for (char c : Lower(name)) {
    bool ok = std::isalnum(static_cast<unsigned char>(c)) && static_cast<unsigned char>(c) < 0x80;
    if (out.empty() && !std::isalpha(static_cast<unsigned char>(c))) continue;
    out += ok ? c : '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "demo" : out;
}

// Reports a required field that is missing or empty; returns true when it has a value.
bool Required(const ParsedConfig& p, const std::string& field, const std::string& value,
              const std::string& example, std::vector<ConfigError>* errors) {
  if (!value.empty()) return true;
  p.Error(errors, field,
          p.Given(field) ? fmt::format("{} is empty", field) : fmt::format("{} is required", field),
          fmt::format("set it, for example '{}'", example));
  return false;
}

void CheckName(const ParsedConfig& p, std::vector<ConfigError>* errors) {
  const ClusterConfig& c = p.config;
  if (p.Bad("name") || !Required(p, "name", c.name, "name: demo", errors)) return;
  if (c.name.size() > kMaxClusterNameLength) {
    p.Error(errors, "name",
            fmt::format("'{}' is {} characters; at most {} are allowed", c.name, c.name.size(),
                        kMaxClusterNameLength),
            "choose a shorter name");
    return;
  }
  if (!IsClusterName(c.name)) {
    std::string why =
        "it must be a lower-case DNS label: start with a letter, then letters, "
        "digits or '-', and not end with '-'";
    if (c.name != Lower(c.name)) why = "it must be lower case";
    p.Error(errors, "name", fmt::format("'{}' is not a valid cluster name: {}", c.name, why),
            fmt::format("use something like '{}'", SuggestName(c.name)));
    return;
  }
  for (auto role : kLoadBalancerRoles) {
    std::string lb = c.LoadBalancerName(role);
    if (lb.size() > kMaxLoadBalancerNameLength) {
      p.Error(errors, "name",
              fmt::format("'{}' makes the load balancer name '{}' {} characters long; AWS "
                          "allows {}",
                          c.name, lb, lb.size(), kMaxLoadBalancerNameLength),
              fmt::format("shorten the name to at most {} characters",
                          kMaxLoadBalancerNameLength - (lb.size() - c.name.size())));
      return;
    }
  }
  for (auto role : kNodeRoles) {
    std::string iam = c.IamRoleName(role);
    if (iam.size() > kMaxIamRoleNameLength) {
      p.Error(errors, "name",
              fmt::format("'{}' makes the IAM role name '{}' longer than {} characters", c.name,
                          iam, kMaxIamRoleNameLength),
              "shorten the name");
      return;
    }
  }
  // The bucket name is topology::BucketName (<name>-tectonic-<12 hex>, at most 50 characters
  // for a valid name), checked against S3's limit by preflight's `names` check.
}

void CheckBaseDomain(ParsedConfig* p, std::vector<ConfigError>* errors) {
  std::string& domain = p->config.base_domain;
  if (p->Bad("baseDomain") ||
      !Required(*p, "baseDomain", domain, "baseDomain: example.com", errors))
    return;
  std::string original = domain;
  std::string normal = Lower(domain);
  if (normal.size() > 1 && normal.back() == '.') normal.pop_back();  // the DNS root is implied
  if (!IsDomainName(normal) || normal.find('.') == std::string::npos) {
    p->Error(errors, "baseDomain",
             fmt::format("'{}' is not a domain name: it needs two or more labels of letters, "
                         "digits and '-' (1-63 each) separated by dots",
                         original),
             "use the name of your public Route53 hosted zone, like example.com");
    return;
  }
  std::string longest = p->config.name + "-api." + normal;
  if (longest.size() > 253) {
    p->Error(errors, "baseDomain",
             fmt::format("'{}' makes the API host name {} characters long; DNS allows 253",
                         original, longest.size()),
             "use a shorter base domain or cluster name");
    return;
  }
  domain = normal;
}

void CheckRegionAndZones(ParsedConfig* p, std::vector<ConfigError>* errors) {
  const AwsConfig& aws = p->config.aws;
  bool region_ok = false;
  if (!p->Bad("aws.region") &&
      Required(*p, "aws.region", aws.region, "region: us-east-1", errors)) {
    region_ok = IsRegionName(aws.region);
    if (!region_ok) {
      p->Error(errors, "aws.region", fmt::format("'{}' is not an AWS region name", aws.region),
               "use a region code like us-east-1, eu-west-3 or ap-southeast-2");
    }
  }
  if (p->Bad("aws.zones")) return;
  std::set<std::string> seen;
  for (size_t i = 0; i < aws.zones.size(); ++i) {
    const std::string& zone = aws.zones[i];
    std::string field = fmt::format("aws.zones[{}]", i);
    if (p->Bad(field)) continue;
    bool syntax = zone.size() >= 2 && std::islower(static_cast<unsigned char>(zone.back())) &&
                  IsRegionName(zone.substr(0, zone.size() - 1));
    if (!syntax) {
      p->Error(errors, field,
               fmt::format("'{}' is not an availability zone name (region + letter)", zone),
               fmt::format("use a zone like {}a", region_ok ? aws.region : "us-east-1"));
    } else if (region_ok && zone.substr(0, zone.size() - 1) != aws.region) {
      p->Error(
          errors, field, fmt::format("zone '{}' is not in region {}", zone, aws.region),
          fmt::format("use zones of {} (like {}a), or change aws.region", aws.region, aws.region));
    }
    if (!seen.insert(zone).second) {
      p->Error(errors, field, fmt::format("zone '{}' is listed twice", zone),
               "list each zone once");
    }
  }
}

void CheckIds(ParsedConfig* p, std::vector<ConfigError>* errors) {
  AwsConfig& aws = p->config.aws;
  if (!p->Bad("aws.sshKeyName") &&
      Required(*p, "aws.sshKeyName", aws.ssh_key_name, "sshKeyName: my-key", errors)) {
    if (aws.ssh_key_name.size() > 255 || !IsPrintableAscii(aws.ssh_key_name)) {
      p->Error(errors, "aws.sshKeyName",
               fmt::format("'{}' is not an EC2 key pair name: at most 255 printable ASCII "
                           "characters",
                           aws.ssh_key_name),
               "use the name shown in the EC2 console under Key Pairs");
    }
  }
  if (!aws.kms_key_arn.empty() && !p->Bad("aws.kmsKeyArn")) {
    std::smatch m;
    static const std::regex kArn(
        R"(^arn:aws(-[a-z]+)*:kms:([a-z0-9-]+):(\d{12}):key/([A-Za-z0-9-]+)$)");
    if (!std::regex_match(aws.kms_key_arn, m, kArn)) {
      p->Error(errors, "aws.kmsKeyArn", fmt::format("'{}' is not a KMS key ARN", aws.kms_key_arn),
               "use arn:aws:kms:<region>:<12-digit account>:key/<key id>, or leave it empty to "
               "create a key");
    } else if (IsRegionName(aws.region) && m[2].str() != aws.region) {
      p->Error(errors, "aws.kmsKeyArn",
               fmt::format("the KMS key '{}' is in region {}, the cluster in {}", aws.kms_key_arn,
                           m[2].str(), aws.region),
               "use a key of the cluster's region, or leave it empty to create one");
    }
  }
  if (!aws.ami_id.empty() && !p->Bad("aws.amiId") && !Matches(aws.ami_id, "^ami-[0-9a-f]{8,17}$")) {
    p->Error(errors, "aws.amiId", fmt::format("'{}' is not an AMI id", aws.ami_id),
             "use an id like ami-0123456789abcdef0, or leave it empty for the newest Flatcar");
  }
  if (!aws.hosted_zone_id.empty() && !p->Bad("aws.hostedZoneId")) {
    std::string id = aws.hosted_zone_id;
    if (id.rfind("/hostedzone/", 0) == 0) id = id.substr(12);
    if (!Matches(id, "^Z[A-Z0-9]{1,31}$")) {
      p->Error(errors, "aws.hostedZoneId",
               fmt::format("'{}' is not a Route53 hosted zone id", aws.hosted_zone_id),
               "use an id like Z0123456789ABCDEFGHIJ, or leave it empty to find the zone by name");
    } else {
      aws.hosted_zone_id = id;
    }
  }
}

void CheckTags(const ParsedConfig& p, std::vector<ConfigError>* errors) {
  const auto& tags = p.config.aws.tags;
  if (p.Bad("aws.tags")) return;
  if (tags.size() > 40) {
    p.Error(errors, "aws.tags",
            fmt::format("{} tags given; at most 40 are allowed (AWS allows 50 per resource and "
                        "the installer adds its own)",
                        tags.size()),
            "remove some tags");
  }
  for (const auto& [key, value] : tags) {
    std::string field = "aws.tags." + key;
    if (p.Bad(field)) continue;
    std::string lower = Lower(key);
    std::string problem;
    if (key.empty()) {
      problem = "a tag key is empty";
    } else if (CharCount(key) > 128) {
      problem = fmt::format("tag key '{}' is {} characters; at most 128", key, CharCount(key));
    } else if (lower.rfind("aws:", 0) == 0) {
      problem = fmt::format("tag key '{}' starts with 'aws:', which AWS reserves", key);
    } else if (key == "Name") {
      problem = "tag key 'Name' is set by the installer on every resource";
    } else if (key.rfind("kubernetes.io/cluster/", 0) == 0 || key == "tectonicClusterID" ||
               key == "tectonic.io/resource") {
      problem = fmt::format(
          "tag key '{}' is reserved: the installer uses it to find what it "
          "owns",
          key);
    } else if (!IsTagText(key)) {
      problem = fmt::format("tag key '{}' has characters AWS does not allow", key);
    } else if (CharCount(value) > 256) {
      problem =
          fmt::format("the value of tag '{}' is {} characters; at most 256", key, CharCount(value));
    } else if (!IsTagText(value)) {
      problem = fmt::format("the value of tag '{}' has characters AWS does not allow", key);
    }
    if (!problem.empty()) {
      p.Error(errors, field, problem,
              "use letters, digits, spaces and + - = . _ : / @; keys up to 128 and values up "
              "to 256 characters, not starting with aws:");
    }
  }
}

void CheckPool(const ParsedConfig& p, const std::string& field, const NodePool& pool,
               std::vector<ConfigError>* errors) {
  std::string count = field + ".count";
  if (!p.Bad(count)) {
    if (field == "nodes.etcd" && (pool.count < 1 || pool.count > 9 || pool.count % 2 == 0)) {
      p.Error(errors, count,
              fmt::format("{} etcd members; etcd needs an odd number from 1 to 9", pool.count),
              "use 3 (or 5 to survive two failures)");
    } else if (field == "nodes.masters" && pool.count < 1) {
      p.Error(errors, count, fmt::format("{} masters; at least 1 is needed", pool.count),
              "use 3 for a highly available control plane");
    } else if (pool.count < 0) {
      p.Error(errors, count, fmt::format("{} workers; the count cannot be negative", pool.count),
              "use 0 or more");
    }
  }
  std::string type = field + ".instanceType";
  if (!p.Bad(type) && !IsInstanceType(pool.instance_type)) {
    p.Error(errors, type,
            fmt::format("'{}' is not an EC2 instance type (family.size)", pool.instance_type),
            "use a type like m5.large or c6gn.16xlarge");
  }
  std::string size = field + ".rootVolumeGiB";
  if (!p.Bad(size) && (pool.root_volume_gib < 8 || pool.root_volume_gib > 16384)) {
    p.Error(errors, size, fmt::format("{} GiB is outside 8..16384 GiB", pool.root_volume_gib),
            "use at least 30 GiB");
  }
}

template <typename Enum>
void CheckEnum(const ParsedConfig& p, const std::string& field,
               const std::vector<std::pair<std::string, Enum>>& choices, Enum* out,
               std::vector<ConfigError>* errors) {
  auto it = p.enum_values.find(field);
  if (it == p.enum_values.end() || p.Bad(field)) return;
  std::vector<std::string> names;
  for (const auto& [name, value] : choices) {
    names.push_back(name);
    if (name == it->second) {
      *out = value;
      return;
    }
  }
  auto close = DidYouMean(it->second, names);
  p.Error(errors, field, fmt::format("'{}' is not one of {}", it->second, fmt::join(names, ", ")),
          close.empty() ? fmt::format("use {}", fmt::join(names, " or "))
                        : fmt::format("did you mean '{}'?", close.front()));
}

void CheckAdmin(const ParsedConfig& p, std::vector<ConfigError>* errors) {
  const TectonicConfig& t = p.config.tectonic;
  if (!p.Bad("tectonic.adminEmail") &&
      Required(p, "tectonic.adminEmail", t.admin_email, "adminEmail: admin@example.com", errors) &&
      !IsEmailAddress(t.admin_email)) {
    p.Error(errors, "tectonic.adminEmail",
            fmt::format("'{}' is not an email address", t.admin_email),
            "use an address like admin@example.com");
  }
  if (!t.admin_password_hash.empty() && !p.Bad("tectonic.adminPasswordHash")) {
    RegisterSecret(t.admin_password_hash);
    if (!IsBcryptHash(t.admin_password_hash)) {
      p.Error(errors, "tectonic.adminPasswordHash",
              fmt::format("the value ({} characters, not shown) is not a bcrypt hash",
                          t.admin_password_hash.size()),
              "paste a bcrypt hash ($2a$, $2b$ or $2y$, a cost 04-31, then 53 characters), or "
              "leave it empty and set TECTONIC_ADMIN_PASSWORD when you run create");
    }
  }
}

}  // namespace

bool IsClusterName(const std::string& name) {
  return Matches(name, "^[a-z]([-a-z0-9]*[a-z0-9])?$");
}

bool IsDomainName(const std::string& domain) {
  if (domain.empty() || domain.size() > 253) return false;
  static const std::regex kLabel("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$");
  size_t start = 0;
  std::string last;
  while (true) {
    size_t dot = domain.find('.', start);
    last = domain.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (!std::regex_match(last, kLabel)) return false;
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return !std::all_of(last.begin(), last.end(), [](char c) { return std::isdigit(c); });
}

bool IsRegionName(const std::string& region) {
  return Matches(region,
                 "^[a-z]{2}(-gov|-iso[a-z]?)?-(central|north|south|east|west|northeast|"
                 "northwest|southeast|southwest)-[1-9][0-9]?$");
}

bool IsInstanceType(const std::string& type) {
  return Matches(type,
                 "^[a-z][a-z0-9-]*[0-9][a-z0-9-]*\\.([0-9]*xlarge|nano|micro|small|medium|large|"
                 "metal(-[0-9]+xl)?)$");
}

bool IsBcryptHash(const std::string& hash) {
  return Matches(hash, R"(^\$2[aby]\$(0[4-9]|[12][0-9]|3[01])\$[./A-Za-z0-9]{53}$)");
}

bool IsEmailAddress(const std::string& email) {
  size_t at = email.rfind('@');
  if (at == std::string::npos || at == 0 || email.size() > 254) return false;
  std::string local = email.substr(0, at);
  if (local.find('@') != std::string::npos) return false;
  if (std::any_of(local.begin(), local.end(),
                  [](char c) { return std::isspace(static_cast<unsigned char>(c)) || c < 0x20; }))
    return false;
  std::string domain = Lower(email.substr(at + 1));
  return IsDomainName(domain) && domain.find('.') != std::string::npos;
}

void ValidateFields(ParsedConfig* p, std::vector<ConfigError>* errors) {
  CheckName(*p, errors);
  CheckBaseDomain(p, errors);
  CheckRegionAndZones(p, errors);
  CheckIds(p, errors);
  CheckTags(*p, errors);
  CheckPool(*p, "nodes.masters", p->config.nodes.masters, errors);
  CheckPool(*p, "nodes.workers", p->config.nodes.workers, errors);
  CheckPool(*p, "nodes.etcd", p->config.nodes.etcd, errors);
  CheckEnum<NatMode>(*p, "aws.vpc.natGateways",
                     {{"perZone", NatMode::kPerZone}, {"single", NatMode::kSingle}},
                     &p->config.aws.vpc.nat_gateways, errors);
  CheckEnum<ApiAccess>(*p, "networking.apiAccess",
                       {{"public", ApiAccess::kPublic}, {"internal", ApiAccess::kInternal}},
                       &p->config.networking.api_access, errors);
  CheckAdmin(*p, errors);
}

}  // namespace tectonic::model
