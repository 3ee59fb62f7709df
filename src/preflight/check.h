// Preflight vocabulary: what one check reports (CheckResult), what the whole run returns
// (PreflightReport: results + ok()) and the facts the rest of the install needs
// (PreflightFacts: account, zones, AMI, hosted zone, KMS key, existing VPC).
// Plain values; thread safety of plain structs.
#pragma once

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tectonic::preflight {

// kWaived: the check failed but the user waived it (--waive ID); it does not block.
enum class CheckState { kPass, kFail, kWarn, kSkip, kWaived };
std::string_view CheckStateName(CheckState state);  // "pass", "fail", "warn", "skip", "waived"

struct CheckResult {
  std::string id;     // stable: "credentials", "zones", ... (CheckIds())
  std::string title;  // one line: "SSH key pair exists in the region"
  CheckState state = CheckState::kPass;
  std::string summary;  // what was found, one line
  std::string details;  // more lines (lists of ids, counts), may be empty
  std::string fix;      // how to fix a failure or warning; empty on pass

  static CheckResult Pass(std::string summary, std::string details = "");
  static CheckResult Fail(std::string summary, std::string fix, std::string details = "");
  static CheckResult Warn(std::string summary, std::string fix, std::string details = "");
  static CheckResult Skip(std::string summary);
};

// Every check id, in report order.
const std::vector<std::string_view>& CheckIds();
// The title of a check id ("" for an unknown id).
std::string_view CheckTitle(std::string_view id);

struct ExistingSubnetFacts {
  std::string cidr;
  std::string zone;
};

struct ExistingVpcFacts {
  std::string id;
  std::string cidr;
  std::string internet_gateway_id;
  std::map<std::string, ExistingSubnetFacts> subnets;  // existing subnet id -> cidr, zone
};

struct PreflightFacts {
  std::string account_id;
  std::string caller_arn;
  std::string region;
  std::vector<std::string> zones;  // the given zones, or the first 3 available
  std::string ami_id;
  std::string hosted_zone_id;  // "Z123..." without the /hostedzone/ prefix
  std::string kms_key_arn;     // the given key's ARN, or "create"
  std::optional<ExistingVpcFacts> existing_vpc;
};

struct PreflightReport {
  std::vector<CheckResult> results;  // in CheckIds() order
  PreflightFacts facts;

  // True when no check failed (warnings, skips of unrelated checks and waived ones allowed).
  // A skip caused by a failure is never alone: the failure makes ok() false.
  bool ok() const;
  const CheckResult* Find(std::string_view id) const;
  int Count(CheckState state) const;
};

nlohmann::json FactsJson(const PreflightFacts& facts);
// {"ok":bool,"checks":[{"id","title","state","summary","details","fix"}],"facts":{...}}
nlohmann::json ReportJson(const PreflightReport& report);

}  // namespace tectonic::preflight
