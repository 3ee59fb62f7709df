#include "engine/executor.h"

#include <fmt/format.h>

#include <unordered_map>

namespace tectonic::engine {
namespace {

std::string IdOf(const Outputs& outputs) {
  if (outputs.is_object() && outputs.contains("id") && outputs["id"].is_string()) {
    return outputs["id"].get<std::string>();
  }
  return "";
}

// The per-node state machine of apply, run step by step by the scheduler.
class ApplyProgram : public NodeProgram {
 public:
  ApplyProgram(const Graph& graph, const HandlerRegistry& handlers, Journal& journal,
               const ExecutorOptions& options, std::vector<JournalEntry> entries)
      : graph_(graph), handlers_(handlers), journal_(journal), options_(options) {
    const size_t n = graph.nodes.size();
    phase_.assign(n, Phase::kFind);
    props_.resize(n);
    outputs_.resize(n);
    contexts_.resize(n);
    journaled_.resize(n);
    for (size_t i = 0; i < n; ++i) index_[graph.nodes[i].key] = i;
    for (auto& entry : entries) {
      auto it = index_.find(entry.key);
      if (it == index_.end()) continue;
      bool usable = entry.state == NodeState::kCreated || entry.state == NodeState::kReady ||
                    (entry.state == NodeState::kCreating && !entry.outputs.empty());
      if (usable) journaled_[it->second] = entry.outputs;
    }
  }

  StepResult Step(size_t i, NodeRun& run) override {
    const NodeSpec& node = graph_.nodes[i];
    ResourceHandler* handler = handlers_.at(node.kind);
    switch (phase_[i]) {
      case Phase::kFind:
        return Find(i, node, *handler, run);
      case Phase::kCreate:
        return Create(i, node, *handler, run);
      case Phase::kWait:
        return Wait(i, node, *handler);
    }
    return StepResult::Error(Status::Internal("unknown phase"));
  }

 private:
  enum class Phase { kFind, kCreate, kWait };

  Status Record(size_t i, NodeState state) {
    const NodeSpec& node = graph_.nodes[i];
    JournalEntry entry;
    entry.key = node.key;
    entry.kind = node.kind;
    entry.state = state;
    entry.outputs = outputs_[i].is_null() ? nlohmann::json::object() : outputs_[i];
    entry.deps = Graph::AllDeps(node);
    entry.props = props_[i];
    entry.props_hash = PropsHash(node.props);
    entry.shared = node.shared;
    Status status = journal_.Record(entry);
    if (!status.ok())
      status.Prepend(fmt::format("recording {} as {}", node.key, NodeStateName(state)));
    return status;
  }

  void Emit(EventType type, size_t i, std::string detail) {
    EventSink* sink = options_.scheduler.events;
    if (!sink) return;
    Clock& clock = options_.scheduler.clock ? *options_.scheduler.clock : RealClock::Instance();
    Event event;
    event.time = clock.Now();
    event.type = type;
    event.key = graph_.nodes[i].key;
    event.kind = graph_.nodes[i].kind;
    event.detail = std::move(detail);
    sink->Emit(event);
  }

  StepResult Find(size_t i, const NodeSpec& node, ResourceHandler& handler, NodeRun& run) {
    if (contexts_[i].key.empty()) {
      contexts_[i] = MakeNodeContext(options_.identity, node.key, node.kind, node.shared);
      // Dependencies finished before this node started; their outputs are final.
      std::map<std::string, nlohmann::json> dep_outputs;
      for (const auto& dep : Graph::AllDeps(node)) dep_outputs[dep] = outputs_[index_.at(dep)];
      auto resolved = ResolveProps(node.props, dep_outputs);
      if (!resolved.ok()) {
        return StepResult::Error(Status(resolved.status()).Prepend("resolving " + node.key));
      }
      props_[i] = std::move(resolved).value();
    }
    auto found = handler.Find(contexts_[i], props_[i], journaled_[i]);
    if (!found.ok()) {
      return StepResult::Error(Status(found.status()).Prepend("finding " + node.key));
    }
    if (found->has_value()) {
      outputs_[i] = std::move(**found);
      Status recorded = Record(i, NodeState::kCreated);
      if (!recorded.ok()) return StepResult::Error(recorded);
      run.outcome = Outcome::kFound;
      Emit(EventType::kNodeFound, i, IdOf(outputs_[i]));
      phase_[i] = Phase::kWait;
      return StepResult::Continue();
    }
    if (node.shared) {
      return StepResult::Error(Status::NotFound(
          fmt::format("shared resource {} ({}) was not found; tectonic never creates a resource "
                      "it was told to use: check the id in cluster.yaml",
                      node.key, node.kind)));
    }
    phase_[i] = Phase::kCreate;
    return StepResult::Continue();
  }

  StepResult Create(size_t i, const NodeSpec& node, ResourceHandler& handler, NodeRun& run) {
    // "creating" first: should we die mid-call, the next run knows to look for it by tags.
    Status recorded = Record(i, NodeState::kCreating);
    if (!recorded.ok()) return StepResult::Error(recorded);
    auto created = handler.Create(contexts_[i], props_[i]);
    if (!created.ok()) {
      Status status = created.status();
      // A transient failure may hide a create that happened: look again before re-creating.
      if (status.code() == StatusCode::kTransient) phase_[i] = Phase::kFind;
      return StepResult::Error(status.Prepend("creating " + node.key));
    }
    outputs_[i] = std::move(created).value();
    // The id is committed before anything (Wait, a dependant) can use it.
    recorded = Record(i, NodeState::kCreated);
    if (!recorded.ok()) return StepResult::Error(recorded);
    run.outcome = Outcome::kCreated;
    Emit(EventType::kNodeCreated, i, IdOf(outputs_[i]));
    phase_[i] = Phase::kWait;
    return StepResult::Continue();
  }

  StepResult Wait(size_t i, const NodeSpec& node, ResourceHandler& handler) {
    auto poll = handler.Wait(contexts_[i], props_[i], outputs_[i]);
    if (!poll.ok())
      return StepResult::Error(Status(poll.status()).Prepend("waiting for " + node.key));
    if (!poll->done) return StepResult::Poll(poll->again_after, poll->detail);
    if (poll->outputs.is_object() && !poll->outputs.empty()) {
      if (!outputs_[i].is_object()) outputs_[i] = nlohmann::json::object();
      outputs_[i].update(poll->outputs);
    }
    Status recorded = Record(i, NodeState::kReady);
    if (!recorded.ok()) return StepResult::Error(recorded);
    Emit(EventType::kNodeDone, i, IdOf(outputs_[i]));
    return StepResult::Done();
  }

  const Graph& graph_;
  const HandlerRegistry& handlers_;
  Journal& journal_;
  const ExecutorOptions& options_;
  std::unordered_map<std::string, size_t> index_;
  // Per node; each slot is touched only by the worker running that node's step.
  std::vector<Phase> phase_;
  std::vector<nlohmann::json> props_;
  std::vector<Outputs> outputs_;
  std::vector<NodeContext> contexts_;
  std::vector<std::optional<Outputs>> journaled_;
};

}  // namespace

Status CheckHandlers(const Graph& graph, const HandlerRegistry& handlers) {
  for (const auto& node : graph.nodes) {
    auto it = handlers.find(node.kind);
    if (it == handlers.end() || it->second == nullptr) {
      return Status::InvalidInput(
          fmt::format("no handler for resource kind {} (node {})", node.kind, node.key));
    }
  }
  return Status::Ok();
}

Status BindJournalToCluster(Journal& journal, const std::string& cluster_id) {
  TECTONIC_ASSIGN_OR_RETURN(auto stored, journal.GetMeta("cluster_id"));
  if (!stored) return journal.SetMeta("cluster_id", cluster_id);
  if (*stored != cluster_id) {
    return Status::InvalidInput(
        fmt::format("journal {} belongs to cluster id {}, not {}; use that cluster's directory",
                    journal.path().string(), *stored, cluster_id));
  }
  return Status::Ok();
}

Report NotStartedReport(const Graph& graph, Status status) {
  Report report;
  report.status = std::move(status);
  for (const auto& node : graph.nodes) {
    report.nodes.push_back(NodeReport{node.key, node.kind, Outcome::kNotStarted, false, {}, 0, {}});
    ++report.counts[std::string(OutcomeName(Outcome::kNotStarted))];
  }
  return report;
}

void EmitPhase(EventSink* sink, Clock& clock, EventType type, const std::string& phase, int total,
               std::string detail) {
  if (!sink) return;
  Event event;
  event.time = clock.Now();
  event.type = type;
  event.key = phase;
  event.total = total;
  event.detail = std::move(detail);
  sink->Emit(event);
}

std::string SummaryText(const Report& report) {
  std::string text;
  for (const auto& [name, count] : report.counts) {
    if (!text.empty()) text += ", ";
    text += fmt::format("{} {}", count, name);
  }
  text += fmt::format(" in {:.1f}s", report.makespan.count() / 1000.0);
  if (!report.status.ok()) text += "; " + report.status.ToString();
  return text;
}

Report Executor::Apply(const Graph& graph) {
  Status valid = ValidateGraph(graph);
  if (valid.ok()) valid = CheckHandlers(graph, handlers_);
  if (valid.ok()) valid = BindJournalToCluster(journal_, options_.identity.cluster_id);
  if (!valid.ok()) return NotStartedReport(graph, valid);
  auto entries = journal_.LoadAll();
  if (!entries.ok()) return NotStartedReport(graph, entries.status());

  std::unordered_map<std::string, size_t> index;
  for (size_t i = 0; i < graph.nodes.size(); ++i) index[graph.nodes[i].key] = i;
  std::vector<SchedNode> nodes;
  for (const auto& spec : graph.nodes) {
    SchedNode node{spec.key, spec.kind, {}};
    for (const auto& dep : Graph::AllDeps(spec)) node.preds.push_back(index.at(dep));
    nodes.push_back(std::move(node));
  }
  Clock& clock = options_.scheduler.clock ? *options_.scheduler.clock : RealClock::Instance();
  EventSink* sink = options_.scheduler.events;
  EmitPhase(sink, clock, EventType::kPhaseStarted, "apply", static_cast<int>(nodes.size()), "");
  for (const auto& [kind, handler] : handlers_) {
    if (handler) handler->BeginRun();
  }
  ApplyProgram program(graph, handlers_, journal_, options_, std::move(entries).value());
  Report report = RunScheduler(nodes, program, options_.scheduler);
  EmitPhase(sink, clock, EventType::kPhaseDone, "apply", 0,
            report.status.ok() ? "" : report.status.ToString());
  EmitPhase(sink, clock, EventType::kSummary, "apply", 0, SummaryText(report));
  return report;
}

}  // namespace tectonic::engine
