#include "preflight/check.h"

#include <algorithm>
#include <utility>

namespace tectonic::preflight {
namespace {

struct CheckInfo {
  std::string_view id;
  std::string_view title;
};

constexpr CheckInfo kChecks[] = {
    {"credentials", "AWS credentials are valid and last the install"},
    {"region", "the region exists and is enabled"},
    {"zones", "the availability zones are available"},
    {"instance-types", "instance types are offered in every zone"},
    {"license", "Tectonic license is present"},
    {"pull-secret", "pull secret is docker config JSON with auths"},
    {"ssh-key", "SSH key pair exists in the region"},
    {"kms", "KMS key is enabled and usable, or may be created"},
    {"hosted-zone", "one public Route 53 zone for the base domain"},
    {"dns-names", "the API and console names are free or already this cluster's"},
    {"iam-permissions", "the caller holds every action of `tectonic policy`"},
    {"quota-vpcs", "VPC quota leaves room"},
    {"quota-eips", "Elastic IP quota leaves room"},
    {"quota-nat", "NAT gateway quota per zone leaves room"},
    {"quota-nlbs", "Network Load Balancer quota leaves room"},
    {"existing-vpc", "the existing VPC is usable"},
    {"names", "generated names fit AWS limits"},
    {"ami", "Flatcar AMI found in the region"},
};

}  // namespace

std::string_view CheckStateName(CheckState state) {
  switch (state) {
    case CheckState::kPass:
      return "pass";
    case CheckState::kFail:
      return "fail";
    case CheckState::kWarn:
      return "warn";
    case CheckState::kSkip:
      return "skip";
    case CheckState::kWaived:
      return "waived";
  }
  return "unknown";
}

CheckResult CheckResult::Pass(std::string summary, std::string details) {
  CheckResult r;
  r.state = CheckState::kPass;
  r.summary = std::move(summary);
  r.details = std::move(details);
  return r;
}

CheckResult CheckResult::Fail(std::string summary, std::string fix, std::string details) {
  CheckResult r;
  r.state = CheckState::kFail;
  r.summary = std::move(summary);
  r.fix = std::move(fix);
  r.details = std::move(details);
  return r;
}

CheckResult CheckResult::Warn(std::string summary, std::string fix, std::string details) {
  CheckResult r = Fail(std::move(summary), std::move(fix), std::move(details));
  r.state = CheckState::kWarn;
  return r;
}

CheckResult CheckResult::Skip(std::string summary) {
  CheckResult r;
  r.state = CheckState::kSkip;
  r.summary = std::move(summary);
  return r;
}

const std::vector<std::string_view>& CheckIds() {
  static const std::vector<std::string_view> kIds = [] {
    std::vector<std::string_view> ids;
    for (const auto& c : kChecks) ids.push_back(c.id);
    return ids;
  }();
  return kIds;
}

std::string_view CheckTitle(std::string_view id) {
  for (const auto& c : kChecks) {
    if (c.id == id) return c.title;
  }
  return "";
}

bool PreflightReport::ok() const {
  return std::none_of(results.begin(), results.end(),
                      [](const CheckResult& r) { return r.state == CheckState::kFail; });
}

const CheckResult* PreflightReport::Find(std::string_view id) const {
  for (const auto& r : results) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

int PreflightReport::Count(CheckState state) const {
  return static_cast<int>(std::count_if(
      results.begin(), results.end(), [state](const CheckResult& r) { return r.state == state; }));
}

nlohmann::json FactsJson(const PreflightFacts& facts) {
  nlohmann::json j = {
      {"accountId", facts.account_id},  {"callerArn", facts.caller_arn},
      {"region", facts.region},         {"zones", facts.zones},
      {"amiId", facts.ami_id},          {"hostedZoneId", facts.hosted_zone_id},
      {"kmsKeyArn", facts.kms_key_arn}, {"existingVpc", nullptr},
  };
  if (facts.existing_vpc) {
    const auto& v = *facts.existing_vpc;
    nlohmann::json subnets = nlohmann::json::object();
    for (const auto& [id, s] : v.subnets) subnets[id] = {{"cidr", s.cidr}, {"zone", s.zone}};
    j["existingVpc"] = {{"id", v.id},
                        {"cidr", v.cidr},
                        {"internetGatewayId", v.internet_gateway_id},
                        {"subnets", subnets}};
  }
  return j;
}

nlohmann::json ReportJson(const PreflightReport& report) {
  nlohmann::json checks = nlohmann::json::array();
  for (const auto& r : report.results) {
    checks.push_back({{"id", r.id},
                      {"title", r.title},
                      {"state", std::string(CheckStateName(r.state))},
                      {"summary", r.summary},
                      {"details", r.details},
                      {"fix", r.fix}});
  }
  return {{"ok", report.ok()}, {"checks", checks}, {"facts", FactsJson(report.facts)}};
}

}  // namespace tectonic::preflight
