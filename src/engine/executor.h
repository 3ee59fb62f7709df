// Executor: applies a resource graph. Every node runs Find (journaled outputs first, else
// tags) -> Create when missing -> journal "created" (committed before anything uses the id)
// -> Wait (polled on the scheduler's timer queue) -> journal "ready"; dependants start as soon
// as their inputs are ready. Re-running with the same journal resumes: what exists is found,
// only what is missing is created. Nodes marked shared are only found (missing = final error).
// Errors, retries, deadlines, pools and cancellation follow scheduler.h.
// Thread safety: one Apply() at a time per Executor; handlers are called from worker threads.
#pragma once

#include "engine/context.h"
#include "engine/graph.h"
#include "engine/journal.h"
#include "engine/resource.h"
#include "engine/scheduler.h"

namespace tectonic::engine {

struct ExecutorOptions {
  ClusterIdentity identity;
  SchedulerOptions scheduler;
};

class Executor {
 public:
  Executor(const HandlerRegistry& handlers, Journal& journal, ExecutorOptions options)
      : handlers_(handlers), journal_(journal), options_(std::move(options)) {}

  // Before anything starts: InvalidInput when the graph is invalid, a kind has no handler, or
  // the journal belongs to another cluster id (nothing is then touched).
  Report Apply(const Graph& graph);

 private:
  const HandlerRegistry& handlers_;
  Journal& journal_;
  ExecutorOptions options_;
};

// Checks every kind in graph has a handler (InvalidInput naming the first missing one).
Status CheckHandlers(const Graph& graph, const HandlerRegistry& handlers);
// Stores the cluster id in the journal's meta table, or checks it matches the stored one.
Status BindJournalToCluster(Journal& journal, const std::string& cluster_id);
// A report for a run that never started: status plus every node "not started".
Report NotStartedReport(const Graph& graph, Status status);
// Emits a phase event (phase_started with total, phase_done, summary with counts).
void EmitPhase(EventSink* sink, Clock& clock, EventType type, const std::string& phase, int total,
               std::string detail);
std::string SummaryText(const Report& report);

}  // namespace tectonic::engine
