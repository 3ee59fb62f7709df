// Flags shared by the commands that reach AWS (--dir, --profile, --region, --endpoint-url;
// never a secret: credentials come from the environment or profile files) and the choice of
// progress output: NDJSON with --output json, a redrawn progress line on a TTY, plain lines
// otherwise; always a log file in the cluster's logs/ directory.
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <optional>
#include <string>

#include "cli/command.h"
#include "engine/events.h"
#include "installer/installer.h"

namespace tectonic::cli {

struct AwsFlags {
  std::string dir;
  std::string profile;
  std::string region;
  std::string endpoint_url;
  std::string record_calls;  // hidden diagnostic flag: append every AWS call to this file
};

// Adds --profile, --region, --endpoint-url, the hidden --record-calls FILE (and --dir when
// with_dir) to cmd.
void AddAwsFlags(CLI::App* cmd, AwsFlags* flags, bool with_dir = true, bool dir_required = true);

// Fills the common installer options from flags.
void FillCommonOptions(const AwsFlags& flags, installer::CommonOptions* options);

// The event sinks of one command run: keep it alive for the whole run.
class EventOutput {
 public:
  // command: "create-cluster", "destroy-cluster": names the log file in <dir>/logs/.
  EventOutput(const GlobalOptions& globals, const std::string& dir, const std::string& command);
  ~EventOutput();
  engine::EventSink* sink() { return &fanout_; }
  const std::string& log_path() const { return log_path_; }

 private:
  engine::FanoutSink fanout_;
  std::unique_ptr<engine::EventSink> console_;
  std::unique_ptr<engine::FileSink> file_;
  engine::ProgressSink* progress_ = nullptr;
  std::string log_path_;
  std::atomic<bool> stop_{false};
  std::thread ticker_;
};

// The cluster directory's config for an offline command (plan, export); on failure every config
// error (or the reason none could be read) is printed to stderr, redacted, and nullopt returned.
std::optional<model::LoadedConfig> LoadConfigOrPrintErrors(const std::string& dir);

// Prints config errors as `tectonic validate` does (stderr, or JSON on stdout).
void PrintConfigErrors(const GlobalOptions& globals, const std::vector<model::ConfigError>& errors);

// When AWS refused a call for lack of an IAM permission: which call, the action(s) it needs,
// and the fix (`tectonic policy`), on stderr.
void PrintAccessDenied(const installer::CallCounts& calls);

// Maps where an installer operation stopped to the process exit code.
int ExitCodeFor(installer::Stage stage, const Status& status);

}  // namespace tectonic::cli
