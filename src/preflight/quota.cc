#include "preflight/quota.h"

#include <fmt/format.h>

namespace tectonic::preflight {

int VpcsNeeded(const model::ClusterConfig& config) { return config.UsesExistingVpc() ? 0 : 1; }

std::map<std::string, int> NatGatewaysNeeded(const model::ClusterConfig& config,
                                             const std::vector<std::string>& zones) {
  std::map<std::string, int> need;
  if (zones.empty()) return need;
  if (config.aws.vpc.nat_gateways == model::NatMode::kSingle) {
    need[zones.front()] = 1;
  } else {
    for (const auto& z : zones) need[z] = 1;
  }
  return need;
}

int EipsNeeded(const model::ClusterConfig& config, const std::vector<std::string>& zones) {
  int n = 0;
  for (const auto& [zone, count] : NatGatewaysNeeded(config, zones)) n += count;
  return n;
}

CheckResult EvaluateQuota(const QuotaSpec& spec, const QuotaLimit& limit, int usage, int need,
                          const std::string& scope) {
  std::string where = scope.empty() ? "" : " in " + scope;
  std::string source = limit.from_service_quotas
                           ? fmt::format("Service Quotas {}/{}", spec.service_code, spec.quota_code)
                           : "the AWS default (Service Quotas unavailable)";
  std::string text = fmt::format("{}{}: {} in use + {} needed, limit {} ({})", spec.what, where,
                                 usage, need, limit.value, source);
  if (usage + need <= limit.value) return CheckResult::Pass(text);
  return CheckResult::Fail(
      text + fmt::format(": {} short", usage + need - limit.value),
      fmt::format("delete unused resources, or request a quota increase: aws service-quotas "
                  "request-service-quota-increase --service-code {} --quota-code {} "
                  "--desired-value {}",
                  spec.service_code, spec.quota_code, usage + need));
}

}  // namespace tectonic::preflight
