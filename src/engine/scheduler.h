// Scheduler: the one streaming loop that runs a DAG of node programs (ninja's Builder::Build).
// It starts every ready step up to its pool's concurrency limit, waits for any completion,
// updates, and repeats: no waves, no barriers. A fixed set of worker threads runs the steps
// (handler calls); a step that must poll later ("NAT still pending") is put on a timer queue
// and holds no thread while it waits. Retryable errors are retried with exponential backoff
// and full jitter until the node's deadline; a final error stops new work (unless keep_going),
// lets in-flight calls finish and is reported. The apply executor and destroy are programs
// run by this loop.
// Thread safety: Run() is called from one thread; the program's Step() is called from worker
// threads, never twice at the same time for the same node, with happens-before between a
// node's consecutive steps and between a node's completion and its successors' first step.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "engine/events.h"
#include "util/clock.h"
#include "util/status.h"

namespace tectonic::engine {

// What happened to one node in a run.
enum class Outcome {
  kNotStarted,  // the run stopped before the node could start
  kSkipped,     // a dependency failed (keep_going runs)
  kFailed,
  kCreated,  // apply: created by this run
  kFound,    // apply: already existed
  kDeleted,  // destroy: deleted by this run
  kAbsent,   // destroy: nothing to delete
  kKept,     // destroy: shared, left alone
};
std::string_view OutcomeName(Outcome outcome);

struct NodeReport {
  std::string key;
  std::string kind;
  Outcome outcome = Outcome::kNotStarted;
  bool finished = false;  // every step completed (ready / gone)
  Status status;          // the final error of a failed node
  int attempts = 0;       // handler steps run, retries included
  std::chrono::milliseconds elapsed{0};
};

struct Report {
  Status status;  // ok, the first final failure, or Cancelled
  std::vector<NodeReport> nodes;
  std::map<std::string, int> counts;  // by OutcomeName
  std::chrono::milliseconds makespan{0};
  std::string first_failure_key;  // empty when nothing failed
  Status first_failure;

  const NodeReport* Find(const std::string& key) const;
};

// Concurrency, retry and deadline policy shared by apply and destroy.
struct SchedulerOptions {
  // Pool = the kind's service prefix before '.'; limits count concurrent handler calls.
  std::map<std::string, int> pool_limits = {{"ec2", 10}, {"elbv2", 4}, {"iam", 4}, {"route53", 2}};
  int default_pool_limit = 4;
  int worker_threads = 8;
  // Per node, from its first step: retries stop and the node fails after this long.
  std::map<std::string, std::chrono::milliseconds> deadlines;  // by kind
  std::chrono::milliseconds default_deadline = std::chrono::minutes(10);
  // Retry n (1-based) waits uniform(0, min(base * 2^(n-1), cap)).
  std::chrono::milliseconds backoff_base = std::chrono::seconds(1);
  std::chrono::milliseconds backoff_cap = std::chrono::seconds(20);
  // A waiting node is polled again after min(what its handler asked, max(poll_min, time
  // waited so far * poll_fraction)): a resource ready early is seen early, and one that
  // takes long is asked at most every handler interval. Fixed intervals overshot short
  // waits by up to a whole interval on the critical path.
  std::chrono::milliseconds poll_min = std::chrono::milliseconds(500);
  double poll_fraction = 0.1;
  Clock* clock = nullptr;               // RealClock when null
  std::function<double()> random;       // uniform [0,1); a seeded engine when empty
  std::atomic<bool>* cancel = nullptr;  // set (e.g. by SIGINT) to stop like a final error
  EventSink* events = nullptr;          // may be null
  bool keep_going = false;              // on a final error, continue with unaffected nodes
};

// Pool of a kind: "ec2.vpc" -> "ec2"; a kind without '.' is its own pool.
std::string PoolOf(const std::string& kind);

struct SchedNode {
  std::string key;
  std::string kind;
  std::vector<size_t> preds;  // indices that must finish before this node starts
};

// Per-node state shared between the loop and the program (see thread safety above).
struct NodeRun {
  Outcome outcome = Outcome::kNotStarted;  // the program sets created/found/deleted/...
  int attempt = 0;                         // 1-based attempt of the current step
};

struct StepResult {
  enum class Kind { kContinue, kPoll, kDone, kError };
  Kind kind = Kind::kDone;
  std::chrono::milliseconds after{0};  // kPoll: ask again after this long
  std::string detail;                  // kPoll: the state polled
  Status status;                       // kError

  static StepResult Continue() { return {Kind::kContinue, {}, {}, {}}; }
  static StepResult Done() { return {Kind::kDone, {}, {}, {}}; }
  static StepResult Poll(std::chrono::milliseconds after, std::string detail) {
    return {Kind::kPoll, after, std::move(detail), {}};
  }
  static StepResult Error(Status status) { return {Kind::kError, {}, {}, std::move(status)}; }
};

class NodeProgram {
 public:
  virtual ~NodeProgram() = default;
  // Runs the node's current step once (a retry re-runs the same step).
  virtual StepResult Step(size_t node, NodeRun& run) = 0;
};

// Runs program over nodes (which must form a DAG) and reports. The report's status is
// Internal when preds contain a cycle.
Report RunScheduler(const std::vector<SchedNode>& nodes, NodeProgram& program,
                    const SchedulerOptions& options);

}  // namespace tectonic::engine
