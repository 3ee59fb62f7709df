// Fuzz target: ~/.aws/config and ~/.aws/credentials as the credentials chain reads them. The
// input is split at its first NUL byte into the config file and the credentials file; the
// chain then resolves AWS_PROFILE=dev (source_profile / role_arn chains included: AssumeRole
// answers from a fake transport).
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "aws/fake_transport.h"
#include "aws/profile_files.h"
#include "aws/session.h"

namespace {

const std::filesystem::path& Dir() {
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() /
             ("tectonic-fuzz-profiles-" + std::to_string(getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tectonic::aws;  // NOLINT: a fuzz entry point, one function
  std::string input(reinterpret_cast<const char*>(data), size);
  size_t nul = input.find('\0');
  std::string config = input.substr(0, nul);
  std::string credentials = nul == std::string::npos ? "" : input.substr(nul + 1);
  (void)ParseIni(config);
  std::string config_path = (Dir() / "config").string();
  std::string credentials_path = (Dir() / "credentials").string();
  std::ofstream(config_path, std::ios::trunc | std::ios::binary) << config;
  std::ofstream(credentials_path, std::ios::trunc | std::ios::binary) << credentials;
  EnvLookup env = MapEnv({{"HOME", Dir().string()},
                          {"AWS_CONFIG_FILE", config_path},
                          {"AWS_SHARED_CREDENTIALS_FILE", credentials_path},
                          {"AWS_PROFILE", "dev"},
                          {"AWS_REGION", "us-east-1"}});
  auto transport = std::make_shared<FakeTransport>();
  transport->Then(200,
                  "<AssumeRoleResponse><AssumeRoleResult><Credentials>"
                  "<AccessKeyId>ASIAFUZZ</AccessKeyId><SecretAccessKey>fuzz-secret-key</"
                  "SecretAccessKey><SessionToken>fuzz-session-token</SessionToken>"
                  "<Expiration>2030-01-01T00:00:00Z</Expiration></Credentials>"
                  "<AssumedRoleUser><Arn>arn:aws:sts::1:assumed-role/r/s</Arn>"
                  "</AssumedRoleUser></AssumeRoleResult></AssumeRoleResponse>");
  tectonic::FakeClock clock(std::chrono::system_clock::from_time_t(1700000000));
  SessionOptions options;
  options.transport = transport;
  options.clock = &clock;
  options.retry.max_attempts = 1;
  auto session = OpenSession(ExplicitAwsSettings{}, env, options);
  if (session.ok()) (void)session->client->credentials().Get();
  return 0;
}
