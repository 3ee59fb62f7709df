// `tectonic plan --dir D`: the resource graph of the cluster and what an apply would do with
// each node (create / exists / shared / delete, from the journal when state.db exists), plus
// the critical path under the realistic latency table (src/topology/latency.h).
// Offline: facts only preflight can resolve (zones, AMI, hosted zone, existing-VPC ids,
// ignition digests) are filled with placeholders and listed as notes.
// Text: a table KEY KIND ACTION DEPS then the critical path. --output json: the engine's plan
// JSON ({"nodes":[{key,kind,action,deps}],"critical_path":{keys,seconds},"summary"}) plus
// "notes" and "cluster_id", on one line. Exit 0, or kExitBadInput for an invalid config.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/run_options.h"
#include "engine/journal.h"
#include "engine/plan.h"
#include "installer/topology_inputs.h"
#include "model/cluster_dir.h"
#include "model/cluster_metadata.h"
#include "model/config_loader.h"
#include "topology/latency.h"
#include "topology/topology.h"
#include "util/redact.h"

namespace tectonic::cli {
namespace {

std::string RenderText(const engine::PlanResult& plan, const engine::Graph& graph,
                       const std::vector<std::string>& notes) {
  size_t key_width = 3, kind_width = 4;
  for (const auto& n : plan.nodes) {
    key_width = std::max(key_width, n.key.size());
    kind_width = std::max(kind_width, n.kind.size());
  }
  std::string out = fmt::format("{:<{}}  {:<{}}  {:<7}  {}\n", "KEY", key_width, "KIND", kind_width,
                                "ACTION", "DEPS");
  for (const auto& n : plan.nodes) {
    out += fmt::format("{:<{}}  {:<{}}  {:<7}  {}\n", n.key, key_width, n.kind, kind_width,
                       engine::PlanActionName(n.action), n.deps.size());
  }
  std::string summary;
  for (const auto& [action, count] : plan.summary) {
    summary += fmt::format("{}{} {}", summary.empty() ? "" : ", ", count, action);
  }
  out += fmt::format("\n{} nodes: {}\n", plan.nodes.size(), summary.empty() ? "none" : summary);
  const auto& path = plan.critical_path;
  if (!path.keys.empty()) {
    out += fmt::format("\nCritical path: {:.1f} s lower bound (realistic AWS latencies)\n",
                       path.seconds);
    for (const auto& key : path.keys) {
      const engine::NodeSpec* node = graph.Find(key);
      const std::string kind = node ? node->kind : "";
      out += fmt::format("  {:<{}}  {:<{}}  {:>6.1f} s\n", key, key_width, kind, kind_width,
                         topology::RealisticSeconds(kind));
    }
  }
  for (const auto& note : notes) out += "note: " + note + "\n";
  return out;
}

int RunPlan(const std::string& dir_arg, const GlobalOptions& globals) {
  auto loaded = LoadConfigOrPrintErrors(dir_arg);
  if (!loaded) return kExitBadInput;
  const model::ClusterConfig& config = loaded->config;
  const model::ClusterDir dir{loaded->dir};
  std::vector<std::string> notes;
  const topology::TopologyInputs inputs = installer::OfflineTopologyInputs(config, dir, &notes);
  auto graph = topology::BuildGraph(config, inputs);
  if (!graph.ok()) {
    std::cerr << "tectonic plan: " << Redact(graph.status().message()) << "\n";
    return kExitBadInput;
  }
  std::vector<engine::JournalEntry> journal;
  if (std::filesystem::exists(dir.Journal())) {
    auto opened = engine::Journal::Open(dir.Journal());
    if (!opened.ok()) {
      std::cerr << "tectonic plan: " << opened.status().ToString() << "\n";
      return kExitFailure;
    }
    auto entries = (*opened)->LoadAll();
    if (!entries.ok()) {
      std::cerr << "tectonic plan: " << entries.status().ToString() << "\n";
      return kExitFailure;
    }
    journal = std::move(*entries);
  } else {
    notes.push_back("no journal (state.db): every owned node is planned as create");
  }
  // The wait is not a graph node, so the critical path leaves it out; say what it adds.
  notes.push_back(
      "create then waits for the cluster (not in the critical path): load balancer targets "
      "turn healthy about 90 s after the last master runs, then the API and the nodes answer "
      "(docs/wait.md; --no-wait skips it)");
  auto plan = engine::Plan(*graph, journal, topology::RealisticLatencyTable(), nullptr,
                           topology::kApiCallSeconds);
  if (!plan.ok()) {
    std::cerr << "tectonic plan: " << plan.status().ToString() << "\n";
    return kExitFailure;
  }
  if (globals.json()) {
    nlohmann::json out = engine::RenderPlanJson(*plan);
    out["cluster_id"] = inputs.cluster_id;
    out["notes"] = notes;
    std::cout << out.dump() << "\n";
  } else {
    std::cout << RenderText(*plan, *graph, notes);
  }
  return kExitOk;
}

}  // namespace

void AddPlanCommand(CLI::App& parent, const GlobalOptions& globals, int* exit_code) {
  auto* cmd = parent.add_subcommand("plan", "what create would do, and its critical path");
  auto dir = std::make_shared<std::string>();
  cmd->add_option("--dir", *dir, "the cluster directory (holds cluster.yaml)")->required();
  cmd->callback([dir, &globals, exit_code] { *exit_code = RunPlan(*dir, globals); });
}

}  // namespace tectonic::cli
