// Destroy: deletes what the journal (and the graph) says this cluster owns, in reverse
// dependency order: a node is deleted only after every node that depends on it is gone.
// Outputs come from the journal; a graph node without a journal entry is looked up with Find.
// Delete then WaitDeleted (polled on the timer queue); Status::Dependency (DependencyViolation)
// is retried with backoff until the node's deadline. Shared nodes are never deleted. Each
// deleted node is marked "deleted" in the journal, then its entry is removed.
// Works from the journal alone (GraphFromJournal) when the config changed or is gone.
// The tag sweep that follows (what no journal knows) lives with the AWS code, not here.
// Thread safety: as Executor.
#pragma once

#include <vector>

#include "engine/executor.h"

namespace tectonic::engine {

// The graph the journal remembers: keys, kinds, resolved props, recorded deps, shared flags.
// Dependencies on keys the journal no longer holds are dropped.
Graph GraphFromJournal(const std::vector<JournalEntry>& entries);

// Deletes the union of graph (may be null) and the journal's entries. For destroy,
// options.scheduler.keep_going = true is usually wanted: delete all that can be, then report.
Report Destroy(const Graph* graph, Journal& journal, const HandlerRegistry& handlers,
               const ExecutorOptions& options);

}  // namespace tectonic::engine
