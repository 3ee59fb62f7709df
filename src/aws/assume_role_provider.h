// AssumeRoleProvider: temporary credentials from STS AssumeRole, called through an AwsClient
// that signs with the source credentials. Cached, and refreshed 5 minutes before Expiration.
// Thread safety: Get() may be called from many threads; one refresh runs at a time.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "aws/client.h"
#include "aws/credentials.h"

namespace tectonic::aws {

struct AssumeRoleParams {
  std::string role_arn;
  std::string role_session_name;  // empty = "tectonic-<epoch seconds>"
  std::string external_id;
  int duration_seconds = 3600;
  std::string source;  // for messages: "profile dev (role ... from profile base)"
};

class AssumeRoleProvider : public CredentialsProvider {
 public:
  static constexpr std::chrono::minutes kRefreshBefore{5};

  // sts: a client whose credentials are the source credentials.
  AssumeRoleProvider(std::shared_ptr<AwsClient> sts, AssumeRoleParams params);
  Result<Credentials> Get() override;

 private:
  Result<Credentials> Fetch();
  std::shared_ptr<AwsClient> sts_;
  AssumeRoleParams params_;
  std::mutex mu_;
  std::optional<Credentials> cached_;
};

// "2024-01-01T00:00:00Z" or with fractional seconds -> time point.
std::optional<std::chrono::system_clock::time_point> ParseIso8601(const std::string& text);

}  // namespace tectonic::aws
