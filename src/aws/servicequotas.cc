#include "aws/servicequotas.h"

namespace tectonic::aws {

Result<ServiceQuota> ServiceQuotas::GetServiceQuota(const std::string& service_code,
                                                    const std::string& quota_code) {
  using nlohmann::json;
  TECTONIC_ASSIGN_OR_RETURN(
      json r, client_.Json(ops::kServiceQuotasGetServiceQuota,
                           {{"ServiceCode", service_code}, {"QuotaCode", quota_code}}));
  json q = r.value("Quota", json::object());
  if (!q.contains("Value") || !q["Value"].is_number()) {
    return Status::Internal("GetServiceQuota " + service_code + "/" + quota_code +
                            ": the answer has no Value");
  }
  return ServiceQuota{q.value("ServiceCode", service_code), q.value("QuotaCode", quota_code),
                      q.value("QuotaName", ""), q["Value"].get<double>(),
                      q.value("Adjustable", false)};
}

}  // namespace tectonic::aws
