// Sts: who am I (preflight), and temporary credentials (AssumeRole, for role_arn profiles).
// Secret parts of returned credentials are registered with RegisterSecret() before return.
// Thread safety: as safe as the AwsClient it wraps.
#pragma once

#include <string>

#include "aws/client.h"
#include "util/result.h"

namespace tectonic::aws {

struct CallerIdentity {
  std::string account;
  std::string arn;
  std::string user_id;
};

struct TemporaryCredentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;
  std::string expiration;        // ISO 8601, as AWS sends it
  std::string assumed_role_arn;  // AssumeRole only
  std::string assumed_role_id;   // AssumeRole only
};

struct AssumeRoleInput {
  std::string role_arn;
  std::string session_name;
  int duration_seconds = 0;  // 0: service default (3600)
  std::string external_id;
};

class Sts {
 public:
  explicit Sts(AwsClient& client) : client_(client) {}

  Result<CallerIdentity> GetCallerIdentity();
  Result<TemporaryCredentials> AssumeRole(const AssumeRoleInput& input);

 private:
  AwsClient& client_;
};

}  // namespace tectonic::aws
