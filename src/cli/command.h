// The subcommand table of the `tectonic` binary. Each command lives in its own file and
// registers a CLI11 subcommand; main.cc owns global flags, "did you mean" and exit codes.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

namespace tectonic::cli {

// Exit codes distinguish why a command failed, so scripts can react.
enum ExitCode : int {
  kExitOk = 0,
  kExitFailure = 1,          // a failure not covered below
  kExitBadInput = 2,         // cluster.yaml, flags or files are wrong; nothing was changed
  kExitPreflightFailed = 3,  // a requirement of the environment is not met
  kExitAwsFailed = 4,        // AWS refused or failed during create/destroy
  kExitLeftovers = 5,        // destroy finished but tagged resources remain
  kExitClusterNotReady = 6,  // the cluster did not answer before the wait's deadline
  kExitBusy = 7,             // another create/destroy holds the cluster directory (--wait-lock)
  kExitInterrupted = 130,    // Ctrl-C; a re-run resumes
};

struct GlobalOptions {
  std::string log_level = "warn";
  std::string output = "text";  // text | json
  bool yes = false;
  bool json() const { return output == "json"; }
};

// A command adds its subcommand to `parent` and stores its exit code in *exit_code when run.
struct CommandEntry {
  const char* path;     // "validate", "create assets"
  const char* summary;  // one line for the help table
  std::function<void(CLI::App& parent, const GlobalOptions& globals, int* exit_code)> add;
};

// Registration functions, one per file.
void AddValidateCommand(CLI::App& parent, const GlobalOptions& globals, int* exit_code);
void AddInitCommand(CLI::App& parent, const GlobalOptions& globals, int* exit_code);
void AddCreateCommands(CLI::App& parent, const GlobalOptions& globals, int* exit_code);
// Subcommands of `create`, each in its own file.
void AddCreateAssetsCommand(CLI::App& create, const GlobalOptions& globals, int* exit_code);
void AddCreateClusterCommand(CLI::App& create, const GlobalOptions& globals, int* exit_code);
void AddPreflightCommand(CLI::App& parent, const GlobalOptions& globals, int* exit_code);
void AddPlanCommand(CLI::App& parent, const GlobalOptions& globals, int* exit_code);
void AddStatusCommand(CLI::App& parent, const GlobalOptions& globals, int* exit_code);
void AddDestroyCommands(CLI::App& parent, const GlobalOptions& globals, int* exit_code);
void AddPolicyCommand(CLI::App& parent, const GlobalOptions& globals, int* exit_code);
void AddWaitCommand(CLI::App& parent, const GlobalOptions& globals, int* exit_code);
// `export cloudformation` (export_command.cc).
void AddExportCommands(CLI::App& parent, const GlobalOptions& globals, int* exit_code);
void AddGuiCommand(CLI::App& parent, const GlobalOptions& globals, int* exit_code);
void AddVersionCommand(CLI::App& parent, const GlobalOptions& globals, int* exit_code);
// `completion` and the hidden `man` describe `parent`, the program's own app, when they run.
void AddCompletionCommand(CLI::App& parent, const GlobalOptions& globals, int* exit_code);
void AddManCommand(CLI::App& parent, const GlobalOptions& globals, int* exit_code);

}  // namespace tectonic::cli
