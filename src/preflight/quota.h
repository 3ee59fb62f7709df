// Quota arithmetic for preflight: what this cluster adds (need) against what the account
// already uses (usage) and its limit (from Service Quotas, or the documented default).
// Pure functions; thread-safe.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "model/cluster_config.h"
#include "preflight/check.h"

namespace tectonic::preflight {

// One quota as known to AWS: Service Quotas codes and the documented default (aws-wire.md 7.2).
struct QuotaSpec {
  const char* service_code;  // "vpc"
  const char* quota_code;    // "L-F678F1CE"
  const char* what;          // "VPCs per region"
  double default_value;
};

inline constexpr QuotaSpec kVpcQuota{"vpc", "L-F678F1CE", "VPCs per region", 5};
inline constexpr QuotaSpec kEipQuota{"ec2", "L-0263D0A3", "Elastic IPs per region", 5};
inline constexpr QuotaSpec kNatQuota{"vpc", "L-FE5A380F", "NAT gateways per zone", 5};
inline constexpr QuotaSpec kNlbQuota{"elasticloadbalancing", "L-69A177A2",
                                     "Network Load Balancers per region", 50};

struct QuotaLimit {
  double value = 0;
  bool from_service_quotas = false;  // false: the documented default
};

// What this cluster creates.
int VpcsNeeded(const model::ClusterConfig& config);  // 1 unless an existing VPC is used
// NAT gateways (and their EIPs) per zone: 1 in every zone for perZone, 1 in the first for single.
std::map<std::string, int> NatGatewaysNeeded(const model::ClusterConfig& config,
                                             const std::vector<std::string>& zones);
int EipsNeeded(const model::ClusterConfig& config, const std::vector<std::string>& zones);
inline constexpr int kNlbsNeeded = 3;  // api-ext, api-int, console

// pass when usage + need <= limit, else fail saying by how much, with the quota code to raise.
CheckResult EvaluateQuota(const QuotaSpec& spec, const QuotaLimit& limit, int usage, int need,
                          const std::string& scope = "");

}  // namespace tectonic::preflight
