#include "aws/credentials.h"

#include <cstdlib>

#include "aws/assume_role_provider.h"
#include "util/redact.h"

namespace tectonic::aws {

EnvLookup ProcessEnv() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

EnvLookup MapEnv(std::map<std::string, std::string> values) {
  return [values = std::move(values)](const std::string& name) -> std::optional<std::string> {
    auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

StaticCredentialsProvider::StaticCredentialsProvider(Credentials credentials)
    : credentials_(std::move(credentials)) {
  RegisterSecret(credentials_.secret_access_key);
  RegisterSecret(credentials_.session_token);
}

bool EnvCredentialsProvider::Available(const EnvLookup& env) {
  return !env("AWS_ACCESS_KEY_ID").value_or("").empty() &&
         !env("AWS_SECRET_ACCESS_KEY").value_or("").empty();
}

namespace {
Result<Credentials> ReadEnvCredentials(const EnvLookup& env) {
  Credentials c;
  c.access_key_id = env("AWS_ACCESS_KEY_ID").value_or("");
  c.secret_access_key = env("AWS_SECRET_ACCESS_KEY").value_or("");
  c.session_token = env("AWS_SESSION_TOKEN").value_or("");
  // The expiry of temporary keys, as `aws configure export-credentials --format env` prints
  // it (botocore reads the same variable); unknown when absent or unreadable.
  if (!c.session_token.empty()) {
    c.expiration = ParseIso8601(env("AWS_CREDENTIAL_EXPIRATION").value_or(""));
  }
  RegisterSecret(c.secret_access_key);
  RegisterSecret(c.session_token);
  c.source = "environment";
  if (c.access_key_id.empty() && c.secret_access_key.empty()) {
    return Status::PermissionDenied(
        "no AWS credentials in the environment: set AWS_ACCESS_KEY_ID and "
        "AWS_SECRET_ACCESS_KEY");
  }
  if (c.access_key_id.empty() || c.secret_access_key.empty()) {
    return Status::InvalidInput(
        std::string(c.access_key_id.empty() ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY") +
        " is not set while " +
        (c.access_key_id.empty() ? "AWS_SECRET_ACCESS_KEY" : "AWS_ACCESS_KEY_ID") +
        " is: set both");
  }
  return c;
}
}  // namespace

EnvCredentialsProvider::EnvCredentialsProvider(const EnvLookup& env)
    : credentials_(ReadEnvCredentials(env)) {}

Result<Credentials> EnvCredentialsProvider::Get() { return credentials_; }

}  // namespace tectonic::aws
