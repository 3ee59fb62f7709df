#include "cli/version_info.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "assets/versions.h"  // the node content's pinned versions: one table
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
