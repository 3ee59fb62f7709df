// `tectonic create cluster --dir D`: validate, preflight, assets, apply, wait for the cluster
// (unless --no-wait), print the endpoints.
// A re-run resumes: what exists is found, only what is missing is created.
#include <fmt/format.h>
#include <unistd.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/run_options.h"
#include "cli/wait_output.h"
#include "engine/interrupt.h"
#include "installer/call_log.h"
#include "installer/installer.h"
#include "preflight/report_text.h"

namespace tectonic::cli {
namespace {

struct CreateFlags {
  AwsFlags aws;
  std::vector<std::string> waive;
  int expected_minutes = 45;
  bool wait_lock = false;
  bool no_wait = false;
  std::string wait_timeout = "30m";
  std::string via = "api";              // api | cloudformation
  std::string on_failure = "rollback";  // --via cloudformation: rollback | delete | keep
  std::string role_arn;                 // --via cloudformation: the stack's service role
};

void PrintOutcome(const GlobalOptions& globals, const installer::CreateOutcome& out,
                  const std::string& dir, const std::string& log_path) {
  const auto& counts = out.report.counts;
  auto count = [&counts](const char* name) {
    auto it = counts.find(name);
    return it == counts.end() ? 0 : it->second;
  };
  if (globals.json()) {
    nlohmann::json summary = {{"type", "result"},
                              {"ok", out.status.ok()},
                              {"clusterID", out.cluster_id},
                              {"created", count("created")},
                              {"found", count("found")},
                              {"awsCalls", out.calls.calls},
                              {"mutatingCalls", out.calls.mutating},
                              {"calls", installer::CallsJson(out.calls)}};
    if (out.status.ok()) {
      summary["apiURL"] = out.api_url;
      summary["consoleURL"] = out.console_url;
      summary["kubeconfig"] = out.kubeconfig.string();
    } else {
      summary["error"] = out.status.ToString();
      if (out.calls.first_denied) {
        summary["accessDenied"] = {{"operation", out.calls.first_denied->operation},
                                   {"action", out.calls.first_denied->action}};
      }
    }
    if (out.preflight) summary["preflight"] = preflight::ReportJson(*out.preflight);
    if (out.wait) summary["wait"] = WaitJson(*out.wait);
    std::cout << summary.dump() << "\n";
    return;
  }
  if (out.preflight && (out.stage == installer::Stage::kPreflight ||
                        out.preflight->Count(preflight::CheckState::kWaived) > 0)) {
    preflight::TextStyle style;
    style.unicode = engine::IsTerminal(STDOUT_FILENO);
    std::cout << preflight::ReportText(*out.preflight, style);
  }
  if (out.wait && out.wait->stage != installer::Stage::kDone) {
    PrintWaitText(*out.wait, "create cluster", dir);
    PrintAccessDenied(out.calls);
    if (!log_path.empty()) std::cerr << "  log: " << log_path << "\n";
    return;
  }
  if (!out.status.ok()) {
    std::cerr << "tectonic create cluster: " << out.status.ToString() << "\n";
    if (!out.report.first_failure_key.empty()) {
      std::cerr << "  failed resource: " << out.report.first_failure_key << "\n";
    }
    PrintAccessDenied(out.calls);
    if (out.stage == installer::Stage::kApply) {
      std::cerr << "  Nothing is lost: re-run the same command to resume, or "
                   "'tectonic destroy cluster --dir <dir>' to remove what was created.\n";
    }
    if (!log_path.empty()) std::cerr << "  log: " << log_path << "\n";
    return;
  }
  std::cout << fmt::format(
      "Cluster {} is ready ({} created, {} already there; {} AWS calls, {} mutating).\n"
      "  API:        {}\n  Console:    {}\n  Kubeconfig: {}\n"
      "  Destroy:    tectonic destroy cluster --dir <dir>  (or --cluster-id {} --region <r>)\n",
      out.cluster_id, count("created"), count("found"), out.calls.calls, out.calls.mutating,
      out.api_url, out.console_url, out.kubeconfig.string(), out.cluster_id);
  if (!log_path.empty()) std::cout << "  Log:        " << log_path << "\n";
  if (out.wait) {
    PrintWaitText(*out.wait, "create cluster", dir);
  } else {
    std::cout << "  Not waited for (--no-wait): 'tectonic wait --dir <dir>' checks that the "
                 "cluster answers.\n";
  }
}

}  // namespace

void AddCreateClusterCommand(CLI::App& create, const GlobalOptions& globals, int* exit_code) {
  auto flags = std::make_shared<CreateFlags>();
  auto* cmd = create.add_subcommand(
      "cluster", "preflight, assets, build the cluster on AWS, print the endpoints");
  AddAwsFlags(cmd, &flags->aws);
  cmd->add_option("--waive", flags->waive,
                  "accept a failing preflight check by id (repeatable; printed in the report)");
  cmd->add_option("--expected-install-minutes", flags->expected_minutes,
                  "temporary credentials must stay valid this long (default 45)");
  cmd->add_flag("--wait-lock", flags->wait_lock,
                "when another create or destroy runs on this directory, wait for it to end");
  cmd->add_flag("--no-wait", flags->no_wait,
                "end when the AWS resources exist, without waiting for the cluster to answer");
  cmd->add_option("--wait-timeout", flags->wait_timeout,
                  "how long to wait for the cluster before diagnosing it (default 30m; exit 6)");
  cmd->add_option("--via", flags->via,
                  "api (default: tectonic calls AWS) or cloudformation (one stack; "
                  "docs/cloudformation.md)")
      ->check(CLI::IsMember({"api", "cloudformation"}));
  cmd->add_option("--on-failure", flags->on_failure,
                  "--via cloudformation: what a failed stack does (rollback, delete, keep)")
      ->check(CLI::IsMember({"rollback", "delete", "keep"}));
  cmd->add_option("--role-arn", flags->role_arn,
                  "--via cloudformation: the service role CloudFormation acts as");
  cmd->callback([flags, &globals, exit_code] {
    auto wait_timeout = ParseWaitTimeout("--wait-timeout", flags->wait_timeout);
    if (!wait_timeout.ok()) {
      std::cerr << "tectonic create cluster: " << wait_timeout.status().message() << "\n";
      *exit_code = kExitBadInput;
      return;
    }
    installer::CreateOptions options;
    options.wait = !flags->no_wait;
    options.wait_settings.timeout = *wait_timeout;
    FillCommonOptions(flags->aws, &options);
    options.waived = flags->waive;
    options.wait_lock = flags->wait_lock;
    options.via_cloudformation = flags->via == "cloudformation";
    options.stack_on_failure = flags->on_failure;
    options.stack_role_arn = flags->role_arn;
    options.replace_failed_stack = globals.yes;
    options.expected_install = std::chrono::minutes(flags->expected_minutes);
    options.cancel = engine::InstallInterruptHandler();
    EventOutput output(globals, flags->aws.dir, "create-cluster");
    options.events = output.sink();
    installer::CreateOutcome out = installer::CreateCluster(options);
    if (out.stage == installer::Stage::kConfig && !out.config_errors.empty()) {
      PrintConfigErrors(globals, out.config_errors);
    }
    PrintOutcome(globals, out, flags->aws.dir, output.log_path());
    if (out.status.code() == StatusCode::kCancelled) {
      std::cerr << "Interrupted: the journal is consistent. Re-run the same command to resume.\n";
    }
    *exit_code = ExitCodeFor(out.stage, out.status);
  });
}

}  // namespace tectonic::cli
