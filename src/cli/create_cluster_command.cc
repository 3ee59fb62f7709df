// Placeholder until its issue lands: the command exists in the table and says so.
#include <iostream>

#include "cli/command.h"

namespace tectonic::cli {

void AddCreateClusterCommand(CLI::App& parent, const GlobalOptions& globals, int* exit_code) {
  (void)globals;
  auto* cmd =
      parent.add_subcommand("cluster", "preflight, assets, build the cluster, print endpoints");
  cmd->allow_extras();
  cmd->callback([exit_code] {
    std::cerr << "tectonic create cluster: not available in this build yet\n";
    *exit_code = kExitFailure;
  });
}

}  // namespace tectonic::cli
