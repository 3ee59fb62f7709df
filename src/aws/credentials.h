// AWS credentials and where they come from, in the SDKs' order: explicit values (flags, GUI)
// -> AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN -> AWS_PROFILE in
// ~/.aws/credentials and ~/.aws/config (AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE),
// including role_arn + source_profile profiles (STS AssumeRole, refreshed before expiry).
// The secret key and session token are registered with Redact() as soon as they are loaded.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "util/result.h"

namespace tectonic::aws {

struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // empty for long-term keys
  std::optional<std::chrono::system_clock::time_point> expiration;
  std::string source;  // where they came from, for messages: "environment", "profile dev", ...
};

class CredentialsProvider {
 public:
  virtual ~CredentialsProvider() = default;
  // Current credentials, refreshed when they are about to expire. Thread safe.
  virtual Result<Credentials> Get() = 0;
};

// Reads environment variables; injectable so tests never touch the real environment.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;
EnvLookup ProcessEnv();

// What the user gave explicitly (CLI flags or the GUI); empty fields are not given.
struct ExplicitAwsSettings {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;
  std::string profile;
  std::string region;
  std::string endpoint_url;
};

// Fixed credentials (explicit flags, tests). Registers the secrets with Redact().
class StaticCredentialsProvider : public CredentialsProvider {
 public:
  explicit StaticCredentialsProvider(Credentials credentials);
  Result<Credentials> Get() override { return credentials_; }

 private:
  Credentials credentials_;
};

// AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, read when constructed, and
// AWS_CREDENTIAL_EXPIRATION (ISO 8601) for the expiry of temporary keys when it is set.
// Get() fails with a clear message when the variables are not set.
class EnvCredentialsProvider : public CredentialsProvider {
 public:
  explicit EnvCredentialsProvider(const EnvLookup& env);
  Result<Credentials> Get() override;
  // True when both key variables are set (non-empty).
  static bool Available(const EnvLookup& env);

 private:
  Result<Credentials> credentials_;
};

// An EnvLookup over a fixed map (tests).
EnvLookup MapEnv(std::map<std::string, std::string> values);

}  // namespace tectonic::aws
