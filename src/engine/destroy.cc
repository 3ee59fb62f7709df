#include "engine/destroy.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <unordered_map>

namespace tectonic::engine {
namespace {

struct DestroyNode {
  NodeSpec spec;  // props: resolved when known
  std::optional<JournalEntry> entry;
};

class DestroyProgram : public NodeProgram {
 public:
  DestroyProgram(std::vector<DestroyNode>& nodes, const HandlerRegistry& handlers, Journal& journal,
                 const ExecutorOptions& options)
      : nodes_(nodes), handlers_(handlers), journal_(journal), options_(options) {
    phase_.assign(nodes.size(), Phase::kLocate);
    outputs_.resize(nodes.size());
  }

  StepResult Step(size_t i, NodeRun& run) override {
    const NodeSpec& spec = nodes_[i].spec;
    ResourceHandler& handler = *handlers_.at(spec.kind);
    NodeContext ctx = MakeNodeContext(options_.identity, spec.key, spec.kind, spec.shared);
    switch (phase_[i]) {
      case Phase::kLocate:
        return Locate(i, ctx, handler, run);
      case Phase::kDelete: {
        if (run.attempt <= 1) Emit(EventType::kNodeDeleting, i, IdOf(outputs_[i]));
        Status recorded = journal_.Record(spec.key, spec.kind, NodeState::kDeleting, outputs_[i]);
        if (!recorded.ok()) return StepResult::Error(recorded);
        Status deleted = handler.Delete(ctx, spec.props, outputs_[i]);
        if (!deleted.ok()) return StepResult::Error(deleted.Prepend("deleting " + spec.key));
        phase_[i] = Phase::kWaitDeleted;
        return StepResult::Continue();
      }
      case Phase::kWaitDeleted: {
        auto poll = handler.WaitDeleted(ctx, spec.props, outputs_[i]);
        if (!poll.ok()) {
          return StepResult::Error(
              Status(poll.status()).Prepend("waiting for deletion of " + spec.key));
        }
        if (!poll->done) return StepResult::Poll(poll->again_after, poll->detail);
        Status recorded = journal_.Record(spec.key, spec.kind, NodeState::kDeleted, outputs_[i]);
        if (recorded.ok()) recorded = journal_.Remove(spec.key);
        if (!recorded.ok()) return StepResult::Error(recorded);
        run.outcome = Outcome::kDeleted;
        Emit(EventType::kNodeDeleted, i, IdOf(outputs_[i]));
        return StepResult::Done();
      }
    }
    return StepResult::Error(Status::Internal("unknown phase"));
  }

 private:
  enum class Phase { kLocate, kDelete, kWaitDeleted };

  static std::string IdOf(const Outputs& outputs) {
    if (outputs.is_object() && outputs.contains("id") && outputs["id"].is_string()) {
      return outputs["id"].get<std::string>();
    }
    return "";
  }

  void Emit(EventType type, size_t i, std::string detail) {
    EventSink* sink = options_.scheduler.events;
    if (!sink) return;
    Clock& clock = options_.scheduler.clock ? *options_.scheduler.clock : RealClock::Instance();
    Event event;
    event.time = clock.Now();
    event.type = type;
    event.key = nodes_[i].spec.key;
    event.kind = nodes_[i].spec.kind;
    event.detail = std::move(detail);
    sink->Emit(event);
  }

  StepResult Absent(size_t i, NodeRun& run) {
    if (nodes_[i].entry) {
      Status removed = journal_.Remove(nodes_[i].spec.key);
      if (!removed.ok()) return StepResult::Error(removed);
    }
    run.outcome = Outcome::kAbsent;
    Emit(EventType::kNodeDone, i, "already gone");
    return StepResult::Done();
  }

  StepResult Locate(size_t i, const NodeContext& ctx, ResourceHandler& handler, NodeRun& run) {
    const DestroyNode& node = nodes_[i];
    if (node.spec.shared) {
      run.outcome = Outcome::kKept;
      Emit(EventType::kNodeDone, i, "shared: kept");
      return StepResult::Done();
    }
    if (node.entry && node.entry->state == NodeState::kDeleted) return Absent(i, run);
    if (node.entry && node.entry->outputs.is_object() && !node.entry->outputs.empty()) {
      outputs_[i] = node.entry->outputs;
    } else {
      // Never journaled (or died mid-create): the tags are the truth.
      auto found = handler.Find(ctx, node.spec.props, std::nullopt);
      if (!found.ok())
        return StepResult::Error(Status(found.status()).Prepend("finding " + node.spec.key));
      if (!found->has_value()) return Absent(i, run);
      outputs_[i] = std::move(**found);
    }
    phase_[i] = Phase::kDelete;
    return StepResult::Continue();
  }

  std::vector<DestroyNode>& nodes_;
  const HandlerRegistry& handlers_;
  Journal& journal_;
  const ExecutorOptions& options_;
  std::vector<Phase> phase_;
  std::vector<Outputs> outputs_;
};

}  // namespace

Graph GraphFromJournal(const std::vector<JournalEntry>& entries) {
  std::set<std::string> keys;
  for (const auto& e : entries) keys.insert(e.key);
  Graph graph;
  for (const auto& e : entries) {
    NodeSpec spec;
    spec.key = e.key;
    spec.kind = e.kind;
    spec.props = e.props.is_object() ? e.props : nlohmann::json::object();
    spec.shared = e.shared;
    for (const auto& dep : e.deps) {
      if (keys.count(dep)) spec.deps.push_back(dep);
    }
    graph.nodes.push_back(std::move(spec));
  }
  return graph;
}

Report Destroy(const Graph* graph, Journal& journal, const HandlerRegistry& handlers,
               const ExecutorOptions& options) {
  auto loaded = journal.LoadAll();
  if (!loaded.ok()) return NotStartedReport(graph ? *graph : Graph{}, loaded.status());
  std::vector<JournalEntry> entries = std::move(loaded).value();
  if (graph) {
    Status valid = ValidateGraph(*graph);
    if (!valid.ok()) return NotStartedReport(*graph, valid);
  }

  // Merge: graph nodes first (their props resolved from journaled outputs when possible),
  // then whatever only the journal remembers.
  std::map<std::string, nlohmann::json> journal_outputs;
  std::unordered_map<std::string, const JournalEntry*> by_key;
  for (const auto& e : entries) {
    journal_outputs[e.key] = e.outputs;
    by_key[e.key] = &e;
  }
  std::vector<DestroyNode> nodes;
  std::unordered_map<std::string, size_t> index;
  std::vector<std::vector<std::string>> deps;
  if (graph) {
    for (const auto& spec : graph->nodes) {
      DestroyNode node{spec, std::nullopt};
      std::vector<std::string> node_deps = Graph::AllDeps(spec);
      auto it = by_key.find(spec.key);
      if (it != by_key.end()) {
        node.entry = *it->second;
        node_deps.insert(node_deps.end(), it->second->deps.begin(), it->second->deps.end());
      }
      if (node.entry && node.entry->props.is_object() && !node.entry->props.empty()) {
        node.spec.props = node.entry->props;
      } else {
        auto resolved = ResolveProps(spec.props, journal_outputs);
        if (resolved.ok()) node.spec.props = std::move(resolved).value();
      }
      index[spec.key] = nodes.size();
      nodes.push_back(std::move(node));
      deps.push_back(std::move(node_deps));
    }
  }
  Graph remembered = GraphFromJournal(entries);
  for (const auto& spec : remembered.nodes) {
    if (index.count(spec.key)) continue;
    index[spec.key] = nodes.size();
    nodes.push_back(DestroyNode{spec, *by_key.at(spec.key)});
    deps.push_back(spec.deps);
  }

  Graph all;
  for (const auto& node : nodes) all.nodes.push_back(node.spec);
  Status handlers_ok = CheckHandlers(all, handlers);
  if (!handlers_ok.ok()) return NotStartedReport(all, handlers_ok);

  // Reverse the edges: a node waits for every node that depends on it.
  std::vector<SchedNode> sched;
  for (const auto& node : nodes) sched.push_back(SchedNode{node.spec.key, node.spec.kind, {}});
  for (size_t i = 0; i < nodes.size(); ++i) {
    std::sort(deps[i].begin(), deps[i].end());
    deps[i].erase(std::unique(deps[i].begin(), deps[i].end()), deps[i].end());
    for (const auto& dep : deps[i]) {
      auto it = index.find(dep);
      if (it != index.end() && it->second != i) sched[it->second].preds.push_back(i);
    }
  }

  Clock& clock = options.scheduler.clock ? *options.scheduler.clock : RealClock::Instance();
  EventSink* sink = options.scheduler.events;
  EmitPhase(sink, clock, EventType::kPhaseStarted, "destroy", static_cast<int>(nodes.size()), "");
  DestroyProgram program(nodes, handlers, journal, options);
  for (const auto& [kind, handler] : handlers) {
    if (handler) handler->BeginRun();
  }
  Report report = RunScheduler(sched, program, options.scheduler);
  EmitPhase(sink, clock, EventType::kPhaseDone, "destroy", 0,
            report.status.ok() ? "" : report.status.ToString());
  EmitPhase(sink, clock, EventType::kSummary, "destroy", 0, SummaryText(report));
  return report;
}

}  // namespace tectonic::engine
