#include "cli/version_info.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

// The Kubernetes version lives with the node content that installs it.
#include "assets/manifests.h"
#include "version.h"

namespace tectonic::cli {

VersionInfo BuildVersion() {
  return VersionInfo{kTectonicVersion, kGitCommit, assets::kKubernetesVersion};
}

std::string VersionText(const VersionInfo& info) {
  return fmt::format("tectonic {}\ncommit: {}\nkubernetes: {}", info.version, info.commit,
                     info.kubernetes);
}

std::string VersionJson(const VersionInfo& info) {
  nlohmann::json out = {
      {"version", info.version}, {"commit", info.commit}, {"kubernetes", info.kubernetes}};
  return out.dump();
}

}  // namespace tectonic::cli
