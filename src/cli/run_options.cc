#include "cli/run_options.h"

#include <fmt/format.h>
#include <unistd.h>

#include <ctime>
#include <iostream>
#include <nlohmann/json.hpp>

#include "util/files.h"
#include "util/redact.h"

namespace tectonic::cli {

void AddAwsFlags(CLI::App* cmd, AwsFlags* flags, bool with_dir, bool dir_required) {
  if (with_dir) {
    auto* opt = cmd->add_option("--dir", flags->dir, "the cluster directory (holds cluster.yaml)");
    if (dir_required) opt->required();
  }
  cmd->add_option("--profile", flags->profile, "AWS profile from ~/.aws (default: AWS_PROFILE)");
  cmd->add_option("--region", flags->region, "override the region of cluster.yaml");
  cmd->add_option("--endpoint-url", flags->endpoint_url,
                  "send every AWS call here (an emulator); AWS_ENDPOINT_URL also works");
  // Diagnostic, hidden from help: which operations (and so IAM actions) a run needed.
  cmd->add_option("--record-calls", flags->record_calls,
                  "append one line per AWS call (service:Operation, IAM actions, outcome)")
      ->group("");
}

void FillCommonOptions(const AwsFlags& flags, installer::CommonOptions* options) {
  options->dir = flags.dir;
  options->aws.profile = flags.profile;
  options->aws.region = flags.region;
  options->aws.endpoint_url = flags.endpoint_url;
  options->record_calls = flags.record_calls;
}

EventOutput::EventOutput(const GlobalOptions& globals, const std::string& dir,
                         const std::string& command) {
  if (globals.json()) {
    console_ = std::make_unique<engine::NdjsonSink>(std::cout);
  } else if (engine::IsTerminal(STDOUT_FILENO)) {
    auto progress = std::make_unique<engine::ProgressSink>(std::cout, true);
    progress_ = progress.get();
    console_ = std::move(progress);
  } else {
    console_ = std::make_unique<engine::PlainSink>(std::cout);
  }
  fanout_.Add(console_.get());
  if (!dir.empty() && std::filesystem::exists(dir)) {
    std::filesystem::path logs = std::filesystem::path(dir) / "logs";
    if (files::EnsureDir(logs).ok()) {
      std::time_t now = std::time(nullptr);
      char stamp[32];
      std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", std::gmtime(&now));
      log_path_ = (logs / fmt::format("{}-{}.log", command, stamp)).string();
      file_ = engine::FileSink::Open(log_path_);
      if (file_) fanout_.Add(file_.get());
    }
  }
  if (progress_) {
    // The progress line shows elapsed time of long poles even when no event arrives.
    ticker_ = std::thread([this] {
      while (!stop_.load()) {
        std::this_thread::sleep_for(std::chrono::seconds(1));
        progress_->Tick(std::chrono::system_clock::now());
      }
    });
  }
}

EventOutput::~EventOutput() {
  stop_ = true;
  if (ticker_.joinable()) ticker_.join();
  if (progress_) std::cout << "\n";
}

std::optional<model::LoadedConfig> LoadConfigOrPrintErrors(const std::string& dir) {
  std::vector<model::ConfigError> errors;
  auto loaded = model::LoadClusterDir(dir, &errors);
  if (loaded.ok()) return std::move(*loaded);
  for (const auto& e : errors) std::cerr << Redact(e.ToString()) << "\n";
  if (errors.empty()) std::cerr << Redact(loaded.status().ToString()) << "\n";
  return std::nullopt;
}

void PrintConfigErrors(const GlobalOptions& globals,
                       const std::vector<model::ConfigError>& errors) {
  if (globals.json()) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& e : errors) {
      list.push_back({{"file", e.file},
                      {"line", e.line},
                      {"column", e.column},
                      {"field", e.field},
                      {"message", e.message},
                      {"fix", e.fix}});
    }
    std::cout << nlohmann::json{{"valid", false}, {"errors", list}}.dump() << "\n";
    return;
  }
  for (const auto& e : errors) std::cerr << e.ToString() << "\n";
}

void PrintAccessDenied(const installer::CallCounts& calls) {
  if (!calls.first_denied) return;
  const installer::DeniedCall& d = *calls.first_denied;
  std::string needs = d.action;
  if (!d.extra.empty()) needs += " (AWS may also check " + d.extra + ")";
  std::cerr << fmt::format(
      "  access denied: AWS refused {} ({}): these credentials lack the IAM permission {}.\n"
      "  fix: attach the policy printed by 'tectonic policy' (every action install and destroy "
      "need; docs/iam.md) to this identity, then re-run the same command.\n",
      d.operation, d.aws_code, needs);
}

int ExitCodeFor(installer::Stage stage, const Status& status) {
  if (status.code() == StatusCode::kCancelled) return kExitInterrupted;
  switch (stage) {
    case installer::Stage::kDone:
      return kExitOk;
    case installer::Stage::kConfig:
      return kExitBadInput;
    case installer::Stage::kAwsSession:
      return status.code() == StatusCode::kInvalidInput ? kExitBadInput : kExitAwsFailed;
    case installer::Stage::kPreflight:
      return kExitPreflightFailed;
    case installer::Stage::kAssets:
      return kExitFailure;
    case installer::Stage::kGraph:
      return kExitBadInput;
    case installer::Stage::kApply:
      return kExitAwsFailed;
    case installer::Stage::kSweep:
      return kExitLeftovers;
    case installer::Stage::kLocked:
      return kExitBusy;
    case installer::Stage::kWait:
      return status.code() == StatusCode::kInvalidInput ? kExitBadInput : kExitAwsFailed;
    case installer::Stage::kNotReady:
      return kExitClusterNotReady;
  }
  return kExitFailure;
}

}  // namespace tectonic::cli
