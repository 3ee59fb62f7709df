// The wizard's look-ups: what the account offers for a step's pickers (regions, hosted zones,
// key pairs, KMS keys, instance types, VPCs), read as the user.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "aws/ec2.h"
#include "aws/kms.h"
#include "aws/route53.h"
#include "gui/checks.h"

namespace tectonic::gui {
namespace {

aws::AwsSession Open(const WizardSession& session, const std::string& region = "") {
  auto aws = session.OpenAws(region);
  if (!aws.ok()) {
    int status = aws.status().code() == StatusCode::kPreconditionFailed ? 409 : 502;
    throw RequestError{status, aws.status().message()};
  }
  return std::move(aws).value();
}

template <typename T>
T OrThrow(Result<T> result, const std::string& what) {
  if (!result.ok()) throw RequestError{502, what + ": " + result.status().message()};
  return std::move(result).value();
}

// A subnet is public when its route table (its own, else the VPC's main one) sends 0.0.0.0/0
// to an internet gateway.
bool IsPublic(const std::string& subnet_id, const std::vector<aws::RouteTable>& tables) {
  const aws::RouteTable* chosen = nullptr;
  const aws::RouteTable* main = nullptr;
  for (const auto& t : tables) {
    for (const auto& a : t.associations) {
      if (a.subnet_id == subnet_id) chosen = &t;
      if (a.main) main = &t;
    }
  }
  if (chosen == nullptr) chosen = main;
  if (chosen == nullptr) return false;
  for (const auto& r : chosen->routes) {
    if (r.destination_cidr_block == "0.0.0.0/0" && r.gateway_id.rfind("igw-", 0) == 0) {
      return true;
    }
  }
  return false;
}

}  // namespace

Json ListRegions(const WizardSession& session) {
  aws::AwsSession aws = Open(session);
  auto regions = OrThrow(aws::Ec2(*aws.client).DescribeRegions(), "ec2:DescribeRegions");
  std::vector<std::string> names;
  for (const auto& r : regions) names.push_back(r.name);
  std::sort(names.begin(), names.end());
  return {{"regions", names}};
}

Json ListHostedZones(const WizardSession& session) {
  aws::AwsSession aws = Open(session);
  auto zones = OrThrow(aws::Route53(*aws.client).ListHostedZones(), "route53:ListHostedZones");
  Json out = Json::array();
  for (const auto& z : zones) {
    std::string name = z.name;
    if (!name.empty() && name.back() == '.') name.pop_back();
    out.push_back({{"id", aws::Route53::BareId(z.id)},
                   {"name", name},
                   {"private", z.private_zone},
                   {"disabledReason",
                    z.private_zone ? "a private zone: the cluster's API and console names must "
                                     "resolve on the internet; pick a public zone"
                                   : ""}});
  }
  return {{"zones", out}};
}

Json ListKeyPairs(const WizardSession& session) {
  model::ClusterConfig draft = session.Draft();
  aws::AwsSession aws = Open(session);
  auto pairs = OrThrow(aws::Ec2(*aws.client).DescribeKeyPairs(), "ec2:DescribeKeyPairs");
  std::vector<std::string> names;
  for (const auto& p : pairs) names.push_back(p.name);
  std::sort(names.begin(), names.end());
  std::string fix;
  if (names.empty()) {
    fix = fmt::format(
        "{} has no EC2 key pair: import your public key with 'aws ec2 import-key-pair "
        "--region {} --key-name NAME --public-key-material fileb://~/.ssh/id_ed25519.pub' (or "
        "create one in the EC2 console), then refresh",
        aws.region, aws.region);
  }
  return {{"keyPairs", names}, {"fix", fix}};
}

Json ListKmsKeys(const WizardSession& session) {
  aws::AwsSession aws = Open(session);
  aws::Kms kms(*aws.client);
  auto aliases = OrThrow(kms.ListAliases(), "kms:ListAliases");
  Json out = Json::array();
  for (const auto& alias : aliases) {
    // AWS-managed keys (alias/aws/...) cannot carry the cluster's key policy.
    if (alias.target_key_id.empty() || alias.name.rfind("alias/aws/", 0) == 0) continue;
    auto key = kms.DescribeKey(alias.target_key_id);
    if (!key.ok()) continue;
    std::string reason;
    if (!key->enabled || key->key_state != "Enabled") {
      reason = "the key is " + (key->key_state.empty() ? "disabled" : key->key_state) +
               ": enable it (aws kms enable-key) or pick another";
    } else if (key->key_spec != "SYMMETRIC_DEFAULT" || key->key_usage != "ENCRYPT_DECRYPT") {
      reason = "not a symmetric encryption key";
    }
    out.push_back({{"arn", key->arn},
                   {"alias", alias.name},
                   {"enabled", reason.empty()},
                   {"disabledReason", reason}});
  }
  return {{"keys", out}};
}

Json ListInstanceTypes(const WizardSession& session) {
  model::ClusterConfig draft = session.Draft();
  aws::AwsSession aws = Open(session);
  std::vector<aws::Filter> filters;
  if (!draft.aws.zones.empty()) filters.push_back({"location", draft.aws.zones});
  auto offerings =
      OrThrow(aws::Ec2(*aws.client).DescribeInstanceTypeOfferings("availability-zone", filters),
              "ec2:DescribeInstanceTypeOfferings");
  std::map<std::string, std::set<std::string>> zones_of;
  std::set<std::string> seen_zones;
  for (const auto& o : offerings) {
    zones_of[o.instance_type].insert(o.location);
    seen_zones.insert(o.location);
  }
  size_t wanted = draft.aws.zones.empty() ? seen_zones.size() : draft.aws.zones.size();
  std::vector<std::string> types;
  for (const auto& [type, zones] : zones_of) {
    if (zones.size() >= wanted) types.push_back(type);
  }
  return {{"types", types}};
}

Json ListVpcs(const WizardSession& session) {
  aws::AwsSession aws = Open(session);
  aws::Ec2 ec2(*aws.client);
  auto vpcs = OrThrow(ec2.DescribeVpcs(), "ec2:DescribeVpcs");
  auto subnets = OrThrow(ec2.DescribeSubnets(), "ec2:DescribeSubnets");
  auto tables = OrThrow(ec2.DescribeRouteTables(), "ec2:DescribeRouteTables");
  Json out = Json::array();
  for (const auto& vpc : vpcs) {
    std::vector<aws::RouteTable> own;
    for (const auto& t : tables) {
      if (t.vpc_id == vpc.id) own.push_back(t);
    }
    Json list = Json::array();
    for (const auto& s : subnets) {
      if (s.vpc_id != vpc.id) continue;
      list.push_back({{"id", s.id},
                      {"cidr", s.cidr_block},
                      {"zone", s.availability_zone},
                      {"public", IsPublic(s.id, own)}});
    }
    auto name = vpc.tags.find("Name");
    out.push_back({{"id", vpc.id},
                   {"cidr", vpc.cidr_block},
                   {"name", name == vpc.tags.end() ? "" : name->second},
                   {"subnets", list}});
  }
  return {{"vpcs", out}};
}

}  // namespace tectonic::gui
