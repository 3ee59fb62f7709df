// `tectonic create assets|cluster`: the parent command; each subcommand has its own file.
#include "cli/command.h"

namespace tectonic::cli {

void AddCreateCommands(CLI::App& parent, const GlobalOptions& globals, int* exit_code) {
  auto* create = parent.add_subcommand("create", "create assets (offline) or a cluster (AWS)");
  create->require_subcommand(1);
  AddCreateAssetsCommand(*create, globals, exit_code);
  AddCreateClusterCommand(*create, globals, exit_code);
}

}  // namespace tectonic::cli
