// `tectonic status --dir D`: the journal and AWS side by side, and anything AWS holds in the
// cluster's name that the journal does not know.
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/run_options.h"
#include "installer/call_log.h"
#include "installer/installer.h"

namespace tectonic::cli {

namespace {

// --via cloudformation: the stack and its resources (null on the direct path).
nlohmann::json StackJson(const installer::StatusOutcome& out) {
  if (out.stack_name.empty()) return nullptr;
  nlohmann::json resources = nlohmann::json::array();
  for (const auto& r : out.stack_resources) {
    resources.push_back({{"logicalId", r.logical_id},
                         {"type", r.type},
                         {"status", r.status},
                         {"physicalId", r.physical_id},
                         {"reason", r.reason}});
  }
  return {{"name", out.stack_name}, {"status", out.stack_status}, {"resources", resources}};
}

}  // namespace

void AddStatusCommand(CLI::App& parent, const GlobalOptions& globals, int* exit_code) {
  auto flags = std::make_shared<AwsFlags>();
  auto* cmd = parent.add_subcommand("status", "what the journal and AWS say now");
  AddAwsFlags(cmd, flags.get());
  cmd->callback([flags, &globals, exit_code] {
    installer::CommonOptions options;
    FillCommonOptions(*flags, &options);
    installer::StatusOutcome out = installer::ClusterStatus(options);
    *exit_code = ExitCodeFor(out.stage, out.status);
    if (!out.status.ok()) {
      std::cerr << "tectonic status: " << out.status.ToString() << "\n";
      return;
    }
    int present = 0, missing = 0;
    for (const auto& n : out.nodes) (n.aws_state == "present" ? present : missing) += 1;
    if (globals.json()) {
      nlohmann::json nodes = nlohmann::json::array();
      for (const auto& n : out.nodes) {
        nodes.push_back({{"key", n.key},
                         {"kind", n.kind},
                         {"journal", n.journal_state},
                         {"id", n.id},
                         {"aws", n.aws_state}});
      }
      nlohmann::json untracked = nlohmann::json::array();
      for (const auto& l : out.untracked) untracked.push_back({{"kind", l.kind}, {"id", l.id}});
      std::cout << nlohmann::json{{"clusterID", out.cluster_id},
                                  {"name", out.name},
                                  {"region", out.region},
                                  {"nodes", nodes},
                                  {"untracked", untracked},
                                  {"calls", installer::CallsJson(out.calls)},
                                  {"stack", StackJson(out)}}
                       .dump()
                << "\n";
      return;
    }
    std::cout << fmt::format(
        "Cluster {} ({}) in {}: {} resources in the journal, {} present, "
        "{} missing or unknown, {} untracked in AWS\n",
        out.name, out.cluster_id, out.region, out.nodes.size(), present, missing,
        out.untracked.size());
    std::cout << fmt::format("{:<34} {:<28} {:<9} {:<24} {}\n", "KEY", "KIND", "JOURNAL", "ID",
                             "AWS");
    for (const auto& n : out.nodes) {
      std::cout << fmt::format("{:<34} {:<28} {:<9} {:<24} {}\n", n.key, n.kind, n.journal_state,
                               n.id.size() > 24 ? n.id.substr(0, 21) + "..." : n.id, n.aws_state);
    }
    for (const auto& l : out.untracked) {
      std::cout << fmt::format("untracked: {} {}\n", l.kind, l.id);
    }
    if (!out.stack_name.empty()) {
      std::cout << fmt::format("stack {}: {}, {} resources\n", out.stack_name, out.stack_status,
                               out.stack_resources.size());
      for (const auto& r : out.stack_resources) {
        std::cout << fmt::format("  {:<32} {:<44} {:<20} {}{}\n", r.logical_id, r.type, r.status,
                                 r.physical_id, r.reason.empty() ? "" : " (" + r.reason + ")");
      }
    }
  });
}

}  // namespace tectonic::cli
