// `tectonic destroy cluster --dir D` (or --cluster-id ID --region R): delete from the journal,
// sweep by tag, and prove nothing the cluster owns is left (exit 5 with the list otherwise).
#include <fmt/format.h>
#include <unistd.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/run_options.h"
#include "engine/interrupt.h"
#include "installer/call_log.h"
#include "installer/installer.h"

namespace tectonic::cli {
namespace {

struct DestroyFlags {
  AwsFlags aws;
  std::string cluster_id;
  bool wait_lock = false;
};

bool Confirm(const std::string& what) {
  if (!isatty(STDIN_FILENO)) return false;
  std::cout << "Destroy " << what << " and everything it owns on AWS? Type 'yes': " << std::flush;
  std::string answer;
  std::getline(std::cin, answer);
  return answer == "yes";
}

nlohmann::json LeftoversJson(const std::vector<resources::Leftover>& list) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& l : list) out.push_back({{"kind", l.kind}, {"id", l.id}, {"detail", l.detail}});
  return out;
}

}  // namespace

void AddDestroyCommands(CLI::App& parent, const GlobalOptions& globals, int* exit_code) {
  auto* destroy = parent.add_subcommand("destroy", "destroy a cluster and prove nothing is left");
  destroy->require_subcommand(1);
  auto flags = std::make_shared<DestroyFlags>();
  auto* cmd = destroy->add_subcommand("cluster", "delete every resource the cluster owns");
  AddAwsFlags(cmd, &flags->aws, /*with_dir=*/true, /*dir_required=*/false);
  cmd->add_option("--cluster-id", flags->cluster_id,
                  "the tectonicClusterID tag value (without --dir; needs --region)");
  cmd->add_flag("--wait-lock", flags->wait_lock,
                "when another create or destroy runs on this directory, wait for it to end");
  cmd->callback([flags, &globals, exit_code] {
    if (flags->aws.dir.empty() && (flags->cluster_id.empty() || flags->aws.region.empty())) {
      std::cerr << "tectonic destroy cluster: pass --dir D, or --cluster-id ID --region R\n";
      *exit_code = kExitBadInput;
      return;
    }
    std::string what = flags->aws.dir.empty() ? "cluster " + flags->cluster_id
                                              : "the cluster in " + flags->aws.dir;
    if (!globals.yes && !Confirm(what)) {
      std::cerr << "tectonic destroy cluster: not confirmed; pass --yes to skip the question\n";
      *exit_code = kExitBadInput;
      return;
    }
    installer::DestroyOptions options;
    FillCommonOptions(flags->aws, &options);
    options.cluster_id = flags->cluster_id;
    options.wait_lock = flags->wait_lock;
    options.cancel = engine::InstallInterruptHandler();
    EventOutput output(globals, flags->aws.dir, "destroy-cluster");
    options.events = output.sink();
    installer::DestroyOutcome out = installer::DestroyCluster(options);
    *exit_code = ExitCodeFor(out.stage, out.status);
    if (globals.json()) {
      std::cout << nlohmann::json{{"type", "result"},
                                  {"ok", out.status.ok()},
                                  {"clusterID", out.cluster_id},
                                  {"swept", LeftoversJson(out.swept)},
                                  {"remaining", LeftoversJson(out.remaining)},
                                  {"calls", installer::CallsJson(out.calls)},
                                  {"retired", out.retired},
                                  {"nothingToDestroy", out.nothing_to_destroy},
                                  {"error", out.status.ok() ? "" : out.status.ToString()}}
                       .dump()
                << "\n";
      return;
    }
    if (!out.status.ok()) {
      std::cerr << "tectonic destroy cluster: " << out.status.ToString() << "\n";
      PrintAccessDenied(out.calls);
    }
    if (!out.remaining.empty()) {
      std::cerr << "Still owned by the cluster on AWS:\n";
      for (const auto& l : out.remaining) {
        std::cerr << fmt::format("  {:<24} {}  {}\n", l.kind, l.id, l.detail);
      }
      std::cerr << "Re-run the command to retry; each is tagged tectonicClusterID="
                << out.cluster_id << ".\n";
      return;
    }
    if (!out.nothing_to_destroy.empty()) {
      std::cout << "Nothing to destroy: " << out.nothing_to_destroy << ".\n";
      return;
    }
    if (out.status.ok()) {
      std::cout << fmt::format(
          "Cluster {} destroyed: nothing tagged with it is left ({} swept by tag, {} AWS calls).\n",
          out.cluster_id, out.swept.size(), out.calls.calls);
    }
    if (out.retired) {
      std::cout << fmt::format(
          "Its id is retired in {}/metadata.json; 'tectonic create cluster --dir {}' installs a "
          "new cluster there.\n",
          flags->aws.dir, flags->aws.dir);
    }
  });
}

}  // namespace tectonic::cli
