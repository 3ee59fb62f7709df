// Test helpers for the loader tests: a valid base cluster.yaml with known line numbers, a
// cluster directory holding a license and pull secret, and error matchers.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "model/config_loader.h"
#include "tests/support/process.h"
#include "util/files.h"

namespace tectonic::model::testutil {

// Line numbers are relied upon by the tests: keep them stable.
inline constexpr const char* kBaseYaml = R"(name: demo
baseDomain: example.com
aws:
  region: us-east-1
  zones: [us-east-1a, us-east-1b, us-east-1c]
  sshKeyName: demo-key
  vpc:
    cidr: 10.0.0.0/16
  tags: {team: infra}
networking:
  podCidr: 10.2.0.0/16
  serviceCidr: 10.3.0.0/16
nodes:
  masters: {count: 3, instanceType: m5.large, rootVolumeGiB: 30}
  workers: {count: 3, instanceType: m5.large, rootVolumeGiB: 30}
  etcd: {count: 3, instanceType: m5.large, rootVolumeGiB: 30}
tectonic:
  license: license.txt
  pullSecret: pull-secret.json
  adminEmail: admin@example.com
)";

inline constexpr const char* kLicense =
    "eyJhbGciOiJSUzI1NiJ9.eyJsaWNlbnNlIjoidGVzdCJ9.c2lnbmF0dXJl\n";
// base64("quayuser:SuperSecretPassw0rd")
inline constexpr const char* kPullAuth = "cXVheXVzZXI6U3VwZXJTZWNyZXRQYXNzdzByZA==";

inline std::string PullSecretJson() {
  return std::string(R"({"auths": {"quay.io": {"auth": ")") + kPullAuth +
         R"(", "email": "me@example.com"}}})";
}

// Replaces the first occurrence of from (which must exist) with to.
inline std::string Edit(std::string text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "edit target not found: " << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

class ClusterDirFixture {
 public:
  ClusterDirFixture() {
    WriteFile("license.txt", kLicense);
    WriteFile("pull-secret.json", PullSecretJson());
  }
  const std::string& path() const { return dir_.path(); }
  void WriteFile(const std::string& name, const std::string& content) {
    EXPECT_TRUE(files::WriteAtomic(std::filesystem::path(dir_.path()) / name, content).ok());
  }
  // Loads text as the directory's cluster.yaml (in memory).
  Result<ClusterConfig> Load(const std::string& text, std::vector<ConfigError>* errors) {
    return LoadClusterYaml(text, "cluster.yaml", dir_.path(), LoadOptions{}, errors);
  }

 private:
  testing::TempDir dir_{"tectonic-model-test"};
};

inline std::string Dump(const std::vector<ConfigError>& errors) {
  std::string out;
  for (const auto& e : errors) out += "  " + e.ToString() + "\n";
  return out;
}

// Finds the error for field; checks position and that the message contains text.
inline ::testing::AssertionResult HasError(const std::vector<ConfigError>& errors,
                                           const std::string& field, int line, int column,
                                           const std::string& text) {
  for (const auto& e : errors) {
    if (e.field != field) continue;
    if (e.line == line && e.column == column && e.message.find(text) != std::string::npos &&
        !e.fix.empty()) {
      return ::testing::AssertionSuccess();
    }
  }
  return ::testing::AssertionFailure() << "no error " << field << " at " << line << ":" << column
                                       << " containing '" << text << "' in:\n"
                                       << Dump(errors);
}

}  // namespace tectonic::model::testutil
