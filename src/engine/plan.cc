#include "engine/plan.h"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

namespace tectonic::engine {

std::string_view PlanActionName(PlanAction action) {
  switch (action) {
    case PlanAction::kCreate:
      return "create";
    case PlanAction::kExists:
      return "exists";
    case PlanAction::kShared:
      return "shared";
    case PlanAction::kDelete:
      return "delete";
  }
  return "unknown";
}

Result<CriticalPath> ComputeCriticalPath(const Graph& graph,
                                         const std::function<double(const NodeSpec&)>& seconds) {
  TECTONIC_ASSIGN_OR_RETURN(auto order, TopologicalOrder(graph));
  std::unordered_map<std::string, double> finish;    // earliest finish time
  std::unordered_map<std::string, std::string> via;  // predecessor on the longest path
  std::string last;
  double best = -1;
  for (const auto& key : order) {
    const NodeSpec* node = graph.Find(key);
    double start = 0;
    std::string from;
    for (const auto& dep : Graph::AllDeps(*node)) {
      if (from.empty() || finish[dep] > start) {
        start = finish[dep];
        from = dep;
      }
    }
    finish[key] = start + std::max(0.0, seconds(*node));
    via[key] = from;
    if (finish[key] > best) {
      best = finish[key];
      last = key;
    }
  }
  CriticalPath path;
  if (last.empty()) return path;
  path.seconds = best;
  for (std::string k = last; !k.empty(); k = via[k]) path.keys.push_back(k);
  std::reverse(path.keys.begin(), path.keys.end());
  return path;
}

Result<CriticalPath> ComputeCriticalPath(const Graph& graph, const LatencyTable& latency,
                                         double default_seconds) {
  return ComputeCriticalPath(graph, [&](const NodeSpec& node) {
    auto it = latency.find(node.kind);
    return it == latency.end() ? default_seconds : it->second;
  });
}

Result<PlanResult> Plan(const Graph& graph, const std::vector<JournalEntry>& journal,
                        const LatencyTable& latency, const PlanFinder& finder,
                        double default_seconds) {
  TECTONIC_ASSIGN_OR_RETURN(auto order, TopologicalOrder(graph));
  std::unordered_map<std::string, const JournalEntry*> entries;
  for (const auto& e : journal) entries[e.key] = &e;

  PlanResult plan;
  std::unordered_map<std::string, PlanAction> actions;
  for (const auto& key : order) {
    const NodeSpec* node = graph.Find(key);
    PlannedNode planned{node->key, node->kind, PlanAction::kCreate, Graph::AllDeps(*node)};
    auto it = entries.find(key);
    if (node->shared) {
      planned.action = PlanAction::kShared;
    } else if (it != entries.end() && (it->second->state == NodeState::kCreated ||
                                       it->second->state == NodeState::kReady)) {
      planned.action = PlanAction::kExists;
    } else if (finder) {
      TECTONIC_ASSIGN_OR_RETURN(bool exists, finder(*node));
      if (exists) planned.action = PlanAction::kExists;
    }
    actions[key] = planned.action;
    plan.nodes.push_back(std::move(planned));
  }
  for (const auto& e : journal) {
    if (graph.Find(e.key) || e.state == NodeState::kDeleted || e.shared) continue;
    plan.nodes.push_back(PlannedNode{e.key, e.kind, PlanAction::kDelete, e.deps});
  }
  for (const auto& node : plan.nodes) ++plan.summary[std::string(PlanActionName(node.action))];

  TECTONIC_ASSIGN_OR_RETURN(plan.critical_path,
                            ComputeCriticalPath(graph, [&](const NodeSpec& node) -> double {
                              if (actions[node.key] != PlanAction::kCreate) return 0;
                              auto it = latency.find(node.kind);
                              return it == latency.end() ? default_seconds : it->second;
                            }));
  return plan;
}

std::string RenderPlanText(const PlanResult& plan) {
  size_t key_width = 3, kind_width = 4;
  for (const auto& n : plan.nodes) {
    key_width = std::max(key_width, n.key.size());
    kind_width = std::max(kind_width, n.kind.size());
  }
  std::string out = fmt::format("{:<8} {:<{}} {:<{}} {}\n", "ACTION", "KEY", key_width, "KIND",
                                kind_width, "DEPENDS ON");
  for (const auto& n : plan.nodes) {
    std::string deps;
    for (const auto& d : n.deps) deps += (deps.empty() ? "" : ", ") + d;
    out += fmt::format("{:<8} {:<{}} {:<{}} {}", PlanActionName(n.action), n.key, key_width, n.kind,
                       kind_width, deps);
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out += '\n';
  }
  std::string summary;
  for (const auto& [action, count] : plan.summary) {
    summary += fmt::format("{}{} {}", summary.empty() ? "" : ", ", count, action);
  }
  out += fmt::format("\nPlan: {}\n", summary.empty() ? "nothing to do" : summary);
  if (!plan.critical_path.keys.empty()) {
    std::string path;
    for (const auto& k : plan.critical_path.keys) path += (path.empty() ? "" : " -> ") + k;
    out +=
        fmt::format("Critical path ({:.0f}s lower bound): {}\n", plan.critical_path.seconds, path);
  }
  return out;
}

nlohmann::json RenderPlanJson(const PlanResult& plan) {
  nlohmann::json nodes = nlohmann::json::array();
  for (const auto& n : plan.nodes) {
    nodes.push_back({{"key", n.key},
                     {"kind", n.kind},
                     {"action", std::string(PlanActionName(n.action))},
                     {"deps", n.deps}});
  }
  nlohmann::json summary = nlohmann::json::object();
  for (const auto& [action, count] : plan.summary) summary[action] = count;
  return {{"nodes", nodes},
          {"critical_path",
           {{"keys", plan.critical_path.keys}, {"seconds", plan.critical_path.seconds}}},
          {"summary", summary}};
}

}  // namespace tectonic::engine
