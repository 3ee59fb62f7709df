// The commented starter cluster.yaml written by `tectonic init` (and offered by the GUI):
// every field of DESIGN.md section 2a with its default and a one-line comment. Pure; no I/O.
#pragma once

#include <string>
#include <vector>

#include "model/cluster_config.h"

namespace tectonic::model {

struct StarterOptions {
  std::string name;
  std::string base_domain;
  std::string region;
  std::string ssh_key_name;
  std::vector<std::string> zones;  // empty: let preflight pick the first 3 available
  std::string admin_email;         // empty: admin@<base_domain>
};

// YAML text that LoadClusterYaml parses back into exactly these values plus defaults.
std::string RenderStarterConfig(const StarterOptions& options);

// The same commented layout for any configuration (the GUI's draft, written as each step is
// checked): LoadClusterYaml parses it back into `config`. Secrets are never in a config, only
// the bcrypt hash of the admin password.
std::string RenderClusterConfig(const ClusterConfig& config);

// Maps a cluster.yaml field to the `init` flag that sets it ("aws.region" -> "--region");
// empty when no flag sets it.
std::string StarterFlagFor(const std::string& field);

}  // namespace tectonic::model
