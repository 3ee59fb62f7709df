#include "aws/servicequotas.h"

#include "aws/json_util.h"

namespace tectonic::aws {

Result<ServiceQuota> ServiceQuotas::GetServiceQuota(const std::string& service_code,
                                                    const std::string& quota_code) {
  using nlohmann::json;
  TECTONIC_ASSIGN_OR_RETURN(
      json r, client_.Json(ops::kServiceQuotasGetServiceQuota,
                           {{"ServiceCode", service_code}, {"QuotaCode", quota_code}}));
  const json& q = json_read::Object(r, "Quota");
  if (!q.contains("Value") || !q["Value"].is_number()) {
    return Status::Internal("GetServiceQuota " + service_code + "/" + quota_code +
                            ": the answer has no Value");
  }
  return ServiceQuota{json_read::Str(q, "ServiceCode", service_code),
                      json_read::Str(q, "QuotaCode", quota_code), json_read::Str(q, "QuotaName"),
                      q["Value"].get<double>(), json_read::Bool(q, "Adjustable")};
}

}  // namespace tectonic::aws
