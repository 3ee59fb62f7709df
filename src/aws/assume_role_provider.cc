#include "aws/assume_role_provider.h"

#include <ctime>

#include "util/redact.h"

namespace tectonic::aws {

std::optional<std::chrono::system_clock::time_point> ParseIso8601(const std::string& text) {
  std::tm tm{};
  const char* end = strptime(text.c_str(), "%Y-%m-%dT%H:%M:%S", &tm);
  if (end == nullptr) return std::nullopt;
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}

AssumeRoleProvider::AssumeRoleProvider(std::shared_ptr<AwsClient> sts, AssumeRoleParams params)
    : sts_(std::move(sts)), params_(std::move(params)) {}

Result<Credentials> AssumeRoleProvider::Get() {
  std::lock_guard lock(mu_);
  auto now = sts_->clock().Now();
  if (cached_ && (!cached_->expiration || *cached_->expiration - kRefreshBefore > now)) {
    return *cached_;
  }
  TECTONIC_ASSIGN_OR_RETURN(Credentials fresh, Fetch());
  cached_ = fresh;
  return fresh;
}

Result<Credentials> AssumeRoleProvider::Fetch() {
  std::string session = params_.role_session_name;
  if (session.empty()) {
    session = "tectonic-" + std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                                               sts_->clock().Now().time_since_epoch())
                                               .count());
  }
  FormParams form;
  form.Add("RoleArn", params_.role_arn).Add("RoleSessionName", session);
  form.Add("DurationSeconds", std::to_string(params_.duration_seconds));
  if (!params_.external_id.empty()) form.Add("ExternalId", params_.external_id);
  auto response = sts_->Query(ops::kStsAssumeRole, form);
  if (!response.ok()) {
    Status status = response.status();
    status.Prepend("assuming role " + params_.role_arn + " for " + params_.source);
    return status;
  }
  pugi::xml_node c = response->result().child("Credentials");
  Credentials out;
  out.access_key_id = c.child("AccessKeyId").text().as_string();
  out.secret_access_key = c.child("SecretAccessKey").text().as_string();
  out.session_token = c.child("SessionToken").text().as_string();
  RegisterSecret(out.secret_access_key);
  RegisterSecret(out.session_token);
  out.expiration = ParseIso8601(c.child("Expiration").text().as_string());
  out.source = params_.source;
  if (out.access_key_id.empty() || out.secret_access_key.empty()) {
    return Status::Internal("assuming role " + params_.role_arn +
                            ": STS answered without credentials");
  }
  return out;
}

}  // namespace tectonic::aws
