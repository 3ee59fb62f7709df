// Plan: what an apply would do, without doing it. For each node an action (create, exists,
// shared, delete) from the graph and the journal (and optionally a live finder), plus the
// critical path under a latency table: the longest chain of durations through the DAG, a
// lower bound on the makespan of any schedule.
// Thread safety: pure functions (the finder is called from the calling thread only).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/graph.h"
#include "engine/journal.h"
#include "engine/resource.h"

namespace tectonic::engine {

enum class PlanAction {
  kCreate,  // not journaled (or only "creating"): apply will find or create it
  kExists,  // journaled created/ready, or found live by the finder
  kShared,  // the user's resource: found, never created nor deleted
  kDelete,  // journaled, no longer in the graph
};
std::string_view PlanActionName(PlanAction action);

struct PlannedNode {
  std::string key;
  std::string kind;
  PlanAction action = PlanAction::kCreate;
  std::vector<std::string> deps;
};

struct CriticalPath {
  std::vector<std::string> keys;  // first to last
  double seconds = 0;
};

struct PlanResult {
  std::vector<PlannedNode> nodes;  // graph nodes in topological order, then deletions
  CriticalPath critical_path;
  std::map<std::string, int> summary;  // by action name
};

// Asks the cloud whether a node without a usable journal entry exists already.
using PlanFinder = std::function<Result<bool>(const NodeSpec& node)>;

// Seconds per kind; kinds absent from the table take default_seconds.
using LatencyTable = std::map<std::string, double>;

// Longest path through graph where each node weighs seconds(node). Graph must be valid.
Result<CriticalPath> ComputeCriticalPath(const Graph& graph,
                                         const std::function<double(const NodeSpec&)>& seconds);
// Same with a latency table.
Result<CriticalPath> ComputeCriticalPath(const Graph& graph, const LatencyTable& latency,
                                         double default_seconds = 0);

// The critical path counts only work to do: nodes that exist or are shared weigh 0.
Result<PlanResult> Plan(const Graph& graph, const std::vector<JournalEntry>& journal,
                        const LatencyTable& latency, const PlanFinder& finder = nullptr,
                        double default_seconds = 0);

// Fixed-width table: ACTION KEY KIND DEPS, then the summary and the critical path.
std::string RenderPlanText(const PlanResult& plan);
// {"nodes":[{"key","kind","action","deps"}],"critical_path":{"keys","seconds"},"summary":{..}}
nlohmann::json RenderPlanJson(const PlanResult& plan);

}  // namespace tectonic::engine
