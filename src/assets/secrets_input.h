// Secret inputs the user puts in the cluster directory (Tectonic license, pull secret): read
// safely (regular file inside the directory, no symlink, bounded size) and registered for
// redaction before anyone else sees them. Errors name the file, never its content.
// Thread safety: pure functions apart from RegisterSecret (itself thread-safe).
#pragma once

#include <filesystem>
#include <string>

#include "model/cluster_config.h"
#include "util/result.h"

namespace tectonic::assets {

inline constexpr size_t kMaxSecretInputBytes = 1 << 20;

struct SecretInputs {
  std::string license;
  std::string pull_secret;  // docker config JSON
};

// Reads <cluster_dir>/<relative> for `what` ("license").
Result<std::string> ReadSecretInput(const std::filesystem::path& cluster_dir,
                                    const std::string& relative, const std::string& what);

Result<SecretInputs> ReadSecretInputs(const model::ClusterConfig& config,
                                      const std::filesystem::path& cluster_dir);

}  // namespace tectonic::assets
