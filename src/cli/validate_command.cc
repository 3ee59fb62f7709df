// `tectonic validate --dir D`: every offline check of cluster.yaml, all errors at once.
// Writes nothing. Exit 0 when valid, kExitBadInput otherwise.
#include <iostream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "model/config_loader.h"
#include "util/redact.h"

namespace tectonic::cli {
namespace {

std::string Summary(const model::ClusterConfig& c) {
  std::string zones = c.aws.zones.empty() ? "zones chosen at preflight (first 3 available)"
                                          : fmt::format("{} zones", c.aws.zones.size());
  return fmt::format("cluster.yaml is valid: {} in {}, {}, {} masters / {} workers / {} etcd",
                     c.ConsoleHost(), c.aws.region, zones, c.nodes.masters.count,
                     c.nodes.workers.count, c.nodes.etcd.count);
}

int RunValidate(const std::string& dir, const GlobalOptions& globals) {
  std::vector<model::ConfigError> errors;
  auto loaded = model::LoadClusterDir(dir, &errors);
  if (globals.json()) {
    nlohmann::json out;
    if (loaded.ok()) {
      const auto& c = loaded->config;
      out = {{"valid", true},
             {"name", c.name},
             {"baseDomain", c.base_domain},
             {"region", c.aws.region},
             {"zones", c.aws.zones},
             {"masters", c.nodes.masters.count},
             {"workers", c.nodes.workers.count},
             {"etcd", c.nodes.etcd.count}};
    } else {
      out = nlohmann::json::array();
      for (const auto& e : errors) {
        out.push_back({{"file", e.file},
                       {"line", e.line},
                       {"column", e.column},
                       {"field", e.field},
                       {"message", Redact(e.message)},
                       {"fix", Redact(e.fix)}});
      }
    }
    std::cout << out.dump() << "\n";
    return loaded.ok() ? kExitOk : kExitBadInput;
  }
  if (loaded.ok()) {
    std::cout << Summary(loaded->config) << "\n";
    return kExitOk;
  }
  for (const auto& e : errors) std::cerr << Redact(e.ToString()) << "\n";
  std::cerr << fmt::format("{} error{} found; nothing was changed\n", errors.size(),
                           errors.size() == 1 ? "" : "s");
  return kExitBadInput;
}

}  // namespace

void AddValidateCommand(CLI::App& parent, const GlobalOptions& globals, int* exit_code) {
  auto* cmd = parent.add_subcommand("validate", "check cluster.yaml offline");
  auto dir = std::make_shared<std::string>();
  cmd->add_option("--dir", *dir, "the cluster directory (holds cluster.yaml)")->required();
  cmd->callback([dir, &globals, exit_code] { *exit_code = RunValidate(*dir, globals); });
}

}  // namespace tectonic::cli
