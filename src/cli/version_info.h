// What this binary is: the release version (CMake's project VERSION), the git commit it was
// built from ("unknown" outside a git checkout, "-dirty" with uncommitted changes) and the
// Kubernetes version the clusters it creates run.
// Thread safety: pure functions over constants.
#pragma once

#include <string>

namespace tectonic::cli {

// Defined in the build directory's git_commit.cc, written at build time (cmake/git_commit.cmake).
extern const char* const kGitCommit;

struct VersionInfo {
  std::string version;     // "0.1.0"
  std::string commit;      // "61f81af3c2d1", "61f81af3c2d1-dirty" or "unknown"
  std::string kubernetes;  // "v1.29.4"
};

VersionInfo BuildVersion();

// "tectonic 0.1.0\ncommit: ...\nkubernetes: v1.29.4" (no trailing newline).
std::string VersionText(const VersionInfo& info);

// {"version": ..., "commit": ..., "kubernetes": ...} on one line.
std::string VersionJson(const VersionInfo& info);

}  // namespace tectonic::cli
