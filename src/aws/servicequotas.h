// ServiceQuotas: the applied value of one quota (preflight compares it with usage).
// Thread safety: as safe as the AwsClient it wraps.
#pragma once

#include <string>

#include "aws/client.h"
#include "util/result.h"

namespace tectonic::aws {

struct ServiceQuota {
  std::string service_code;  // "vpc", "ec2", "elasticloadbalancing"
  std::string quota_code;    // "L-F678F1CE" (VPCs per region), ...
  std::string quota_name;
  double value = 0;
  bool adjustable = false;
};

class ServiceQuotas {
 public:
  explicit ServiceQuotas(AwsClient& client) : client_(client) {}

  Result<ServiceQuota> GetServiceQuota(const std::string& service_code,
                                       const std::string& quota_code);

 private:
  AwsClient& client_;
};

}  // namespace tectonic::aws
