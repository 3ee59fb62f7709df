// Placeholder until its issue lands: the command exists in the table and says so.
#include <iostream>

#include "cli/command.h"

namespace tectonic::cli {

void AddCreateAssetsCommand(CLI::App& parent, const GlobalOptions& globals, int* exit_code) {
  (void)globals;
  auto* cmd = parent.add_subcommand("assets", "write every asset without touching AWS");
  cmd->allow_extras();
  cmd->callback([exit_code] {
    std::cerr << "tectonic create assets: not available in this build yet\n";
    *exit_code = kExitFailure;
  });
}

}  // namespace tectonic::cli
