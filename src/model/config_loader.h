// Loading cluster.yaml: parse (yaml-cpp), apply defaults, validate everything that can be
// checked offline. Every problem found is reported at once, each with file:line:col, the
// offending value and how to fix it. Nothing is written.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "model/cluster_config.h"
#include "util/result.h"

namespace tectonic::model {

struct ConfigError {
  std::string file;              // path as given
  int line = 0;                  // 1-based; 0 when the error is not tied to a place
  int column = 0;                // 1-based
  std::string field;             // dotted path: "aws.vpc.cidr"
  std::string message;           // what is wrong, with the offending value
  std::string fix;               // how to fix it
  std::string ToString() const;  // "cluster.yaml:12:9: aws.vpc.cidr: ... (fix: ...)"
};

struct LoadedConfig {
  ClusterConfig config;
  std::filesystem::path dir;   // the cluster directory
  std::filesystem::path file;  // its cluster.yaml
};

struct LoadOptions {
  // Check the license and pull secret files (init turns it off: they do not exist yet).
  bool check_files = true;
};

// Loads <dir>/cluster.yaml. On failure, errors holds every problem (and the Result's Status
// is InvalidInput with a one-line summary).
Result<LoadedConfig> LoadClusterDir(const std::filesystem::path& dir,
                                    std::vector<ConfigError>* errors);

// The same checks on YAML text held in memory (the GUI's editor, `init`): errors name
// file_label; relative file paths are resolved against dir. Errors are sorted by position.
Result<ClusterConfig> LoadClusterYaml(std::string_view yaml, const std::string& file_label,
                                      const std::filesystem::path& dir, const LoadOptions& options,
                                      std::vector<ConfigError>* errors);

}  // namespace tectonic::model
