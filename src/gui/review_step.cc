// Step 9, review: the whole preflight (as `tectonic preflight`) on the cluster directory as
// written, and the plan (as `tectonic plan`): resource counts by kind, the critical path under
// the realistic latency table and its length.
#include <fmt/format.h>

#include "engine/journal.h"
#include "engine/plan.h"
#include "gui/checks.h"
#include "installer/topology_inputs.h"
#include "model/cluster_dir.h"
#include "model/config_loader.h"
#include "preflight/preflight.h"
#include "topology/latency.h"
#include "topology/topology.h"
#include "util/redact.h"

namespace tectonic::gui {
namespace {

Json PlanJson(const model::ClusterConfig& config, const model::ClusterDir& dir,
              const preflight::PreflightFacts& facts) {
  std::vector<std::string> notes;
  topology::TopologyInputs inputs = installer::OfflineTopologyInputs(config, dir, &notes);
  if (!facts.zones.empty()) inputs.zones = facts.zones;
  if (!facts.ami_id.empty()) inputs.ami_id = facts.ami_id;
  if (!facts.hosted_zone_id.empty()) inputs.public_zone_id = facts.hosted_zone_id;
  if (facts.existing_vpc) {
    inputs.existing_vpc.cidr = facts.existing_vpc->cidr;
    inputs.existing_vpc.internet_gateway_id = facts.existing_vpc->internet_gateway_id;
    for (const auto& [id, subnet] : facts.existing_vpc->subnets) {
      inputs.existing_vpc.subnets[id] = {subnet.cidr, subnet.zone};
    }
  }
  auto graph = topology::BuildGraph(config, inputs);
  if (!graph.ok()) return {{"error", Redact(graph.status().message())}};
  std::vector<engine::JournalEntry> journal;
  std::error_code ec;
  if (std::filesystem::exists(dir.Journal(), ec)) {
    auto opened = engine::Journal::Open(dir.Journal());
    if (opened.ok()) {
      auto entries = (*opened)->LoadAll();
      if (entries.ok()) journal = std::move(*entries);
    }
  }
  auto plan = engine::Plan(*graph, journal, topology::RealisticLatencyTable(), nullptr,
                           topology::kApiCallSeconds);
  if (!plan.ok()) return {{"error", Redact(plan.status().message())}};
  Json counts = Json::object();
  for (const auto& node : plan->nodes) {
    if (node.action == engine::PlanAction::kDelete) continue;
    counts[node.kind] = counts.value(node.kind, 0) + 1;
  }
  Json path = Json::array();
  for (const auto& key : plan->critical_path.keys) {
    const engine::NodeSpec* node = graph->Find(key);
    std::string kind = node ? node->kind : "";
    path.push_back({{"key", key}, {"kind", kind}, {"seconds", topology::RealisticSeconds(kind)}});
  }
  return {{"counts", counts},
          {"total", plan->nodes.size()},
          {"criticalPath", path},
          {"expectedSeconds", plan->critical_path.seconds},
          {"notes", notes}};
}

}  // namespace

Json ReviewStep(WizardSession& session) {
  model::ClusterDir dir{session.dir()};
  Json checks = Json::array();
  std::vector<model::ConfigError> errors;
  auto loaded = model::LoadClusterDir(session.dir(), &errors);
  if (!loaded.ok()) {
    // What `tectonic validate` would say, as failed checks with their fixes.
    for (const auto& e : errors) {
      checks.push_back({{"id", "config"},
                        {"status", "fail"},
                        {"message", Redact(e.field + ": " + e.message)},
                        {"fix", Redact(e.fix)}});
    }
    if (errors.empty()) {
      checks.push_back({{"id", "config"},
                        {"status", "fail"},
                        {"message", Redact(loaded.status().message())},
                        {"fix", "complete the earlier steps"}});
    }
    return {{"ok", false}, {"preflight", checks}, {"plan", nullptr}};
  }
  auto aws = session.OpenAws(loaded->config.aws.region);
  if (!aws.ok()) {
    throw RequestError{aws.status().code() == StatusCode::kPreconditionFailed ? 409 : 502,
                       aws.status().message()};
  }
  preflight::PreflightReport report =
      preflight::RunPreflight(*loaded, *aws->client, preflight::PreflightOptions{});
  for (const auto& r : report.results) {
    std::string status(preflight::CheckStateName(r.state));
    if (status == "waived") status = "warn";
    checks.push_back({{"id", r.id},
                      {"title", r.title},
                      {"status", status},
                      {"message", Redact(r.summary)},
                      {"fix", Redact(r.fix)}});
  }
  Json plan = PlanJson(loaded->config, dir, report.facts);
  bool ok = report.ok() && !plan.contains("error");
  if (ok) session.MarkStep("review", true);
  return {{"ok", ok}, {"preflight", checks}, {"plan", plan}};
}

}  // namespace tectonic::gui
