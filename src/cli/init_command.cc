// `tectonic init`: writes a commented starter cluster.yaml into a new (0700) cluster
// directory after checking the flags with the same rules as `validate`. Never overwrites.
#include <iostream>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "model/cluster_dir.h"
#include "model/config_loader.h"
#include "model/starter_config.h"
#include "util/files.h"

namespace tectonic::cli {
namespace {

struct InitFlags {
  std::string dir;
  std::string zones;  // comma-separated
  model::StarterOptions starter;
};

std::vector<std::string> SplitZones(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

void Report(const GlobalOptions& globals, const std::vector<model::ConfigError>& errors) {
  if (globals.json()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& e : errors) {
      out.push_back({{"flag", model::StarterFlagFor(e.field)},
                     {"field", e.field},
                     {"message", e.message},
                     {"fix", e.fix}});
    }
    std::cout << out.dump() << "\n";
    return;
  }
  for (const auto& e : errors) {
    std::string flag = model::StarterFlagFor(e.field);
    std::cerr << fmt::format("tectonic init: {}: {} (fix: {})\n", flag.empty() ? e.field : flag,
                             e.message, e.fix);
  }
}

int RunInit(InitFlags& flags, const GlobalOptions& globals) {
  model::ClusterDir dir{flags.dir};
  flags.starter.zones = SplitZones(flags.zones);
  std::error_code ec;
  if (std::filesystem::exists(dir.ConfigFile(), ec)) {
    std::cerr << fmt::format(
        "tectonic init: {} already exists; nothing was changed (fix: edit it, or choose "
        "another --dir)\n",
        dir.ConfigFile().string());
    return kExitBadInput;
  }
  std::string text = model::RenderStarterConfig(flags.starter);
  std::vector<model::ConfigError> errors;
  auto checked = model::LoadClusterYaml(text, dir.ConfigFile().string(), dir.root,
                                        model::LoadOptions{.check_files = false}, &errors);
  if (!checked.ok()) {
    Report(globals, errors);
    return kExitBadInput;
  }
  if (auto s = files::EnsureDir(dir.root, files::kPrivateDirMode); !s.ok()) {
    std::cerr << "tectonic init: " << s.message() << "\n";
    return kExitFailure;
  }
  if (auto s = files::WriteAtomic(dir.ConfigFile(), text, files::kSecretMode); !s.ok()) {
    std::cerr << "tectonic init: " << s.message() << "\n";
    return kExitFailure;
  }
  if (globals.json()) {
    std::cout << nlohmann::json{{"written", dir.ConfigFile().string()}}.dump() << "\n";
  } else {
    std::cout << fmt::format(
        "wrote {}\nnext: put your license ({}) and pull secret ({}) in {}, then run "
        "'tectonic validate --dir {}'\n",
        dir.ConfigFile().string(), "license.txt", "pull-secret.json", flags.dir, flags.dir);
  }
  return kExitOk;
}

}  // namespace

void AddInitCommand(CLI::App& parent, const GlobalOptions& globals, int* exit_code) {
  auto* cmd = parent.add_subcommand("init", "write a starter cluster.yaml");
  auto flags = std::make_shared<InitFlags>();
  cmd->add_option("--dir", flags->dir, "the new cluster directory")->required();
  cmd->add_option("--name", flags->starter.name, "cluster name (lower-case DNS label)")->required();
  cmd->add_option("--base-domain", flags->starter.base_domain, "public Route53 zone name")
      ->required();
  cmd->add_option("--region", flags->starter.region, "AWS region, e.g. us-east-1")->required();
  cmd->add_option("--ssh-key", flags->starter.ssh_key_name, "EC2 key pair name in the region")
      ->required();
  cmd->add_option("--zones", flags->zones, "comma-separated zones (default: first 3 available)");
  cmd->add_option("--admin-email", flags->starter.admin_email,
                  "console admin email (default: admin@<base-domain>)");
  cmd->callback([flags, &globals, exit_code] { *exit_code = RunInit(*flags, globals); });
}

}  // namespace tectonic::cli
