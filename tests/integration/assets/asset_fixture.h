// Shared by the assets integration tests: a cluster directory with generated assets, and
// small wrappers around the real tools that judge them.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "assets/assets.h"
#include "assets/test_config.h"
#include "tests/support/process.h"
#include "util/files.h"

namespace tectonic::assets {

inline constexpr const char* kTestLicense = "TECTONIC-LICENSE-v2-7f3a9c1e5b2d4f60";
inline constexpr const char* kTestPullSecret =
    R"({"auths":{"quay.io":{"auth":"cHVsbHVzZXI6cHVsbHNlY3JldDk4NzY1"}}})";

// Writes the license and pull secret the config names.
inline void WriteSecretInputs(const std::filesystem::path& dir) {
  ASSERT_TRUE(files::WriteAtomic(dir / "license.txt", std::string(kTestLicense) + "\n").ok());
  ASSERT_TRUE(files::WriteAtomic(dir / "pull-secret.json", kTestPullSecret).ok());
}

class AssetDirTest : public ::testing::Test {
 protected:
  void Generate(const AssetOptions& options = {}) {
    WriteSecretInputs(dir_);
    auto set = GenerateAssets(config_, dir_, options);
    ASSERT_TRUE(set.ok()) << set.status().ToString();
    set_ = *set;
  }
  std::string Tls(const std::string& name) const { return (dir_ / "tls" / name).string(); }

  testing::TempDir tmp_{"tectonic-assets"};
  std::filesystem::path dir_ = tmp_.path();
  model::ClusterConfig config_ = TestClusterConfig();
  AssetSet set_;
};

inline testing::ProcessResult Exec(const std::vector<std::string>& argv,
                                   const testing::ProcessOptions& options = {}) {
  return testing::RunProcess(argv, options);
}

}  // namespace tectonic::assets
