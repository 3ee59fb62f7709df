// `tectonic version`: the same as `tectonic --version`; `--output json` gives one JSON object.
#include <iostream>

#include "cli/command.h"
#include "cli/version_info.h"

namespace tectonic::cli {

void AddVersionCommand(CLI::App& parent, const GlobalOptions& globals, int* exit_code) {
  auto* cmd = parent.add_subcommand(
      "version", "print the version, the git commit and the Kubernetes version it installs");
  cmd->callback([&globals, exit_code] {
    VersionInfo info = BuildVersion();
    std::cout << (globals.json() ? VersionJson(info) : VersionText(info)) << "\n";
    *exit_code = kExitOk;
  });
}

}  // namespace tectonic::cli
