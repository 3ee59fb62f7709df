// `tectonic preflight --dir D`: loads cluster.yaml, opens the AWS session and runs every check
// (read-only). Prints a checklist or, with --output json, one JSON object. Exit 0 when nothing
// failed (warnings allowed), kExitPreflightFailed otherwise, kExitBadInput for config errors.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "aws/session.h"
#include "cli/command.h"
#include "model/cluster_metadata.h"
#include "model/config_loader.h"
#include "preflight/preflight.h"
#include "preflight/report_text.h"
#include "util/redact.h"

namespace tectonic::cli {
namespace {

struct PreflightFlags {
  std::string dir;
  std::vector<std::string> waive;
  int expected_minutes = 45;
};

// The secret files are preflight requirements too: when they are the only problem of
// cluster.yaml, report them as failed checks (exit 3) rather than as a config error.
bool OnlySecretFileErrors(const std::vector<model::ConfigError>& errors) {
  return !errors.empty() && std::all_of(errors.begin(), errors.end(), [](const auto& e) {
    return e.field == "tectonic.license" || e.field == "tectonic.pullSecret";
  });
}

preflight::PreflightReport SecretFileReport(const std::vector<model::ConfigError>& errors) {
  preflight::PreflightReport report;
  for (auto id : preflight::CheckIds()) {
    std::string field = id == "license"       ? "tectonic.license"
                        : id == "pull-secret" ? "tectonic.pullSecret"
                                              : "";
    preflight::CheckResult r = preflight::CheckResult::Skip(
        "skipped: cluster.yaml names unusable secret files (see license / pull-secret)");
    if (!field.empty()) {
      r = preflight::CheckResult::Pass("present and well-formed");
      for (const auto& e : errors) {
        if (e.field == field) r = preflight::CheckResult::Fail(Redact(e.message), Redact(e.fix));
      }
    }
    r.id = std::string(id);
    r.title = std::string(preflight::CheckTitle(id));
    report.results.push_back(std::move(r));
  }
  return report;
}

void PrintConfigErrors(const std::vector<model::ConfigError>& errors, const GlobalOptions& g) {
  if (g.json()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& e : errors) {
      out.push_back({{"file", e.file},
                     {"line", e.line},
                     {"column", e.column},
                     {"field", e.field},
                     {"message", Redact(e.message)},
                     {"fix", Redact(e.fix)}});
    }
    std::cout << nlohmann::json{{"ok", false}, {"configErrors", out}}.dump() << "\n";
    return;
  }
  for (const auto& e : errors) std::cerr << Redact(e.ToString()) << "\n";
  std::cerr << fmt::format("{} error{} in cluster.yaml; nothing was checked against AWS\n",
                           errors.size(), errors.size() == 1 ? "" : "s");
}

int Report(const preflight::PreflightReport& report, const GlobalOptions& globals) {
  if (globals.json()) {
    std::cout << preflight::ReportJson(report).dump() << "\n";
  } else {
    preflight::TextStyle style;
    style.unicode = isatty(STDOUT_FILENO) != 0;
    std::cout << Redact(preflight::ReportText(report, style));
  }
  return report.ok() ? kExitOk : kExitPreflightFailed;
}

int RunPreflightCommand(const PreflightFlags& flags, const GlobalOptions& globals) {
  Status waivers = preflight::ValidateWaivers(flags.waive);
  if (!waivers.ok()) {
    std::cerr << "tectonic preflight: " << waivers.message() << "\n";
    return kExitBadInput;
  }
  if (flags.expected_minutes <= 0) {
    std::cerr << "tectonic preflight: --expected-install-minutes must be positive\n";
    return kExitBadInput;
  }
  std::vector<model::ConfigError> errors;
  auto loaded = model::LoadClusterDir(flags.dir, &errors);
  if (!loaded.ok()) {
    if (OnlySecretFileErrors(errors)) {
      auto report = SecretFileReport(errors);
      preflight::ApplyWaivers(flags.waive, &report);
      return Report(report, globals);
    }
    PrintConfigErrors(errors, globals);
    return kExitBadInput;
  }
  aws::ExplicitAwsSettings settings;
  auto env = aws::ProcessEnv();
  // cluster.yaml names the region; AWS_REGION / AWS_DEFAULT_REGION override it (the region
  // check warns when they disagree).
  if (env("AWS_REGION").value_or("").empty() && env("AWS_DEFAULT_REGION").value_or("").empty()) {
    settings.region = loaded->config.aws.region;
  }
  auto session = aws::OpenSession(settings, env);
  if (!session.ok()) {
    std::cerr << "tectonic preflight: " << Redact(session.status().message()) << "\n";
    return kExitPreflightFailed;
  }
  preflight::PreflightOptions options;
  options.expected_install_time = std::chrono::minutes(flags.expected_minutes);
  options.waived = flags.waive;
  // An existing cluster's own resources (its records, VPC, addresses) are not in the way.
  if (auto metadata = model::LoadMetadata(model::ClusterDir{flags.dir}); metadata.ok()) {
    options.cluster_id = metadata->cluster_id;
  }
  auto report = preflight::RunPreflight(*loaded, *session->client, options);
  return Report(report, globals);
}

}  // namespace

void AddPreflightCommand(CLI::App& parent, const GlobalOptions& globals, int* exit_code) {
  auto* cmd = parent.add_subcommand("preflight", "check every requirement against AWS, read-only");
  auto flags = std::make_shared<PreflightFlags>();
  cmd->add_option("--dir", flags->dir, "the cluster directory (holds cluster.yaml)")->required();
  cmd->add_option("--waive", flags->waive, "accept the failure of this check id (repeatable)");
  cmd->add_option("--expected-install-minutes", flags->expected_minutes,
                  "temporary credentials must last this long (default 45)");
  cmd->callback(
      [flags, &globals, exit_code] { *exit_code = RunPreflightCommand(*flags, globals); });
}

}  // namespace tectonic::cli
