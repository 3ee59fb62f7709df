#include "engine/scheduler.h"

#include <fmt/format.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <queue>
#include <random>
#include <thread>
#include <tuple>

namespace tectonic::engine {
namespace {

using std::chrono::milliseconds;
using SteadyTime = std::chrono::steady_clock::time_point;

// Longest the loop blocks before it looks at the cancel flag and the timers again.
constexpr milliseconds kSlice{50};

class Loop {
 public:
  Loop(const std::vector<SchedNode>& nodes, NodeProgram& program, const SchedulerOptions& options)
      : nodes_(nodes),
        program_(program),
        options_(options),
        clock_(options.clock ? *options.clock : RealClock::Instance()),
        n_(nodes.size()),
        state_(n_, State::kWaiting),
        remaining_(n_, 0),
        succs_(n_),
        runs_(n_),
        started_at_(n_),
        finished_at_(n_),
        waiting_since_(n_),
        attempts_(n_, 0),
        status_(n_),
        pools_(n_) {
    for (size_t i = 0; i < n_; ++i) {
      pools_[i] = PoolOf(nodes[i].kind);
      for (size_t p : nodes[i].preds) {
        succs_[p].push_back(i);
        ++remaining_[i];
      }
    }
    if (options.random) {
      random_ = options.random;
    } else {
      random_ = [rng = std::mt19937_64(std::random_device{}()),
                 dist = std::uniform_real_distribution<double>(0.0, 1.0)]() mutable {
        return dist(rng);
      };
    }
  }

  Report Run();

 private:
  enum class State { kWaiting, kQueued, kRunning, kTimer, kDone, kFailed, kStopped };

  bool HasCycle(std::vector<size_t>* order) const;
  void WorkerMain();
  void Enqueue(size_t i, bool front);
  void Dispatch(SteadyTime now);
  void Complete(size_t i, StepResult result, SteadyTime now);
  milliseconds PollDelay(size_t i, milliseconds asked, SteadyTime now);
  void Fail(size_t i, Status status, SteadyTime now);
  void Stop(Status status);
  milliseconds Backoff(int attempt);
  milliseconds DeadlineFor(const std::string& kind) const;
  void Emit(EventType type, size_t i, std::string detail, int attempt, SteadyTime now);
  int LimitFor(const std::string& pool) const;

  const std::vector<SchedNode>& nodes_;
  NodeProgram& program_;
  const SchedulerOptions& options_;
  Clock& clock_;
  std::function<double()> random_;
  const size_t n_;

  // Shared with the workers, guarded by mu_.
  std::mutex mu_;
  std::condition_variable work_cv_;
  std::condition_variable done_cv_;
  std::deque<size_t> tasks_;
  std::vector<std::pair<size_t, StepResult>> completions_;
  bool shutdown_ = false;

  // Owned by the loop thread.
  std::vector<State> state_;
  std::vector<int> remaining_;
  std::vector<std::vector<size_t>> succs_;
  std::vector<NodeRun> runs_;  // handed to the worker running the node's step
  std::vector<SteadyTime> started_at_;
  std::vector<SteadyTime> finished_at_;
  std::vector<std::optional<SteadyTime>> waiting_since_;  // first poll of the current wait
  std::vector<int> attempts_;
  std::vector<Status> status_;
  std::vector<std::string> pools_;
  std::map<std::string, std::deque<size_t>> ready_;
  std::map<std::string, int> in_flight_;
  int in_flight_total_ = 0;
  std::priority_queue<std::tuple<SteadyTime, uint64_t, size_t>,
                      std::vector<std::tuple<SteadyTime, uint64_t, size_t>>, std::greater<>>
      timers_;
  uint64_t timer_seq_ = 0;
  bool stopping_ = false;
  Status run_status_;
  std::string first_failure_key_;
  Status first_failure_;
};

bool Loop::HasCycle(std::vector<size_t>* order) const {
  std::vector<int> remaining = remaining_;
  std::deque<size_t> ready;
  for (size_t i = 0; i < n_; ++i) {
    if (remaining[i] == 0) ready.push_back(i);
  }
  while (!ready.empty()) {
    size_t i = ready.front();
    ready.pop_front();
    order->push_back(i);
    for (size_t s : succs_[i]) {
      if (--remaining[s] == 0) ready.push_back(s);
    }
  }
  return order->size() != n_;
}

void Loop::WorkerMain() {
  std::unique_lock lock(mu_);
  while (true) {
    work_cv_.wait(lock, [&] { return shutdown_ || !tasks_.empty(); });
    if (tasks_.empty()) return;  // shutdown
    size_t i = tasks_.front();
    tasks_.pop_front();
    lock.unlock();
    StepResult result;
    try {
      result = program_.Step(i, runs_[i]);
    } catch (const std::exception& e) {
      result =
          StepResult::Error(Status::Internal(fmt::format("unexpected exception: {}", e.what())));
    } catch (...) {
      result = StepResult::Error(Status::Internal("unexpected exception"));
    }
    lock.lock();
    completions_.emplace_back(i, std::move(result));
    done_cv_.notify_one();
  }
}

int Loop::LimitFor(const std::string& pool) const {
  auto it = options_.pool_limits.find(pool);
  int limit = it == options_.pool_limits.end() ? options_.default_pool_limit : it->second;
  return std::max(1, limit);
}

milliseconds Loop::DeadlineFor(const std::string& kind) const {
  auto it = options_.deadlines.find(kind);
  return it == options_.deadlines.end() ? options_.default_deadline : it->second;
}

milliseconds Loop::Backoff(int attempt) {
  int exponent = std::clamp(attempt - 1, 0, 30);
  double ceiling = std::min(
      static_cast<double>(options_.backoff_base.count()) * static_cast<double>(1ULL << exponent),
      static_cast<double>(options_.backoff_cap.count()));
  double r = std::clamp(random_(), 0.0, 1.0);
  return milliseconds(static_cast<long long>(r * ceiling));
}

void Loop::Emit(EventType type, size_t i, std::string detail, int attempt, SteadyTime now) {
  if (!options_.events) return;
  Event event;
  event.time = clock_.Now();
  event.type = type;
  event.key = nodes_[i].key;
  event.kind = nodes_[i].kind;
  event.detail = std::move(detail);
  event.attempt = attempt;
  event.elapsed_ms = std::chrono::duration_cast<milliseconds>(now - started_at_[i]).count();
  options_.events->Emit(event);
}

void Loop::Enqueue(size_t i, bool front) {
  state_[i] = State::kQueued;
  auto& queue = ready_[pools_[i]];
  if (front) {
    queue.push_front(i);
  } else {
    queue.push_back(i);
  }
}

void Loop::Dispatch(SteadyTime now) {
  bool any = false;
  std::vector<size_t> started;
  {
    std::lock_guard lock(mu_);
    for (auto& [pool, queue] : ready_) {
      int limit = LimitFor(pool);
      while (in_flight_[pool] < limit && !queue.empty()) {
        size_t i = queue.front();
        queue.pop_front();
        state_[i] = State::kRunning;
        if (attempts_[i] == 0) {
          started_at_[i] = now;
          started.push_back(i);
        }
        ++attempts_[i];
        if (runs_[i].attempt == 0) runs_[i].attempt = 1;
        ++in_flight_[pool];
        ++in_flight_total_;
        tasks_.push_back(i);
        any = true;
      }
    }
  }
  if (any) work_cv_.notify_all();
  for (size_t i : started) Emit(EventType::kNodeStarted, i, "", 0, now);
}

void Loop::Stop(Status status) {
  if (stopping_) return;
  stopping_ = true;
  run_status_ = std::move(status);
}

void Loop::Fail(size_t i, Status status, SteadyTime now) {
  state_[i] = State::kFailed;
  finished_at_[i] = now;
  status_[i] = status;
  Emit(EventType::kNodeFailed, i, status.ToString(), runs_[i].attempt, now);
  if (first_failure_key_.empty()) {
    first_failure_key_ = nodes_[i].key;
    first_failure_ = status;
  }
  if (!options_.keep_going) Stop(status);
}

milliseconds Loop::PollDelay(size_t i, milliseconds asked, SteadyTime now) {
  if (!waiting_since_[i]) waiting_since_[i] = now;
  auto waited = std::chrono::duration_cast<milliseconds>(now - *waiting_since_[i]);
  auto scaled = milliseconds(static_cast<int64_t>(waited.count() * options_.poll_fraction));
  return std::max(milliseconds(0), std::min(asked, std::max(options_.poll_min, scaled)));
}

void Loop::Complete(size_t i, StepResult result, SteadyTime now) {
  --in_flight_[pools_[i]];
  --in_flight_total_;
  switch (result.kind) {
    case StepResult::Kind::kContinue:
      runs_[i].attempt = 0;
      waiting_since_[i].reset();
      if (stopping_) {
        state_[i] = State::kStopped;
      } else {
        Enqueue(i, /*front=*/true);
      }
      return;
    case StepResult::Kind::kPoll:
      runs_[i].attempt = 0;
      if (stopping_) {
        state_[i] = State::kStopped;
        return;
      }
      if (now + result.after > started_at_[i] + DeadlineFor(nodes_[i].kind)) {
        Fail(i,
             Status::Failed(fmt::format(
                 "{} ({}) not ready before its deadline of {}s; last state: {}", nodes_[i].key,
                 nodes_[i].kind, DeadlineFor(nodes_[i].kind).count() / 1000, result.detail)),
             now);
        return;
      }
      Emit(EventType::kNodeWaiting, i, result.detail, 0, now);
      state_[i] = State::kTimer;
      timers_.emplace(now + PollDelay(i, result.after, now), timer_seq_++, i);
      return;
    case StepResult::Kind::kDone:
      state_[i] = State::kDone;
      finished_at_[i] = now;
      for (size_t s : succs_[i]) {
        if (--remaining_[s] == 0 && !stopping_) Enqueue(s, /*front=*/false);
      }
      return;
    case StepResult::Kind::kError:
      break;
  }
  Status status = std::move(result.status);
  if (status.ok()) status = Status::Internal("step failed without a status");
  if (!status.IsRetryable()) {
    Fail(i, std::move(status), now);
    return;
  }
  if (stopping_) {
    state_[i] = State::kStopped;
    status_[i] = std::move(status);
    return;
  }
  int attempt = runs_[i].attempt;
  milliseconds delay = Backoff(attempt);
  milliseconds deadline = DeadlineFor(nodes_[i].kind);
  if (now + delay > started_at_[i] + deadline) {
    Status final(
        StatusCode::kFailed,
        fmt::format("{} ({}): gave up after {} attempts and {}s (deadline {}s): {}", nodes_[i].key,
                    nodes_[i].kind, attempts_[i],
                    std::chrono::duration_cast<std::chrono::seconds>(now - started_at_[i]).count(),
                    deadline.count() / 1000, status.ToString()));
    final.WithAws(status.aws_code(), status.http_status(), status.request_id());
    Fail(i, std::move(final), now);
    return;
  }
  Emit(EventType::kNodeRetrying, i,
       fmt::format("{}; retry in {}ms", status.ToString(), delay.count()), attempt, now);
  runs_[i].attempt = attempt + 1;
  state_[i] = State::kTimer;
  timers_.emplace(now + delay, timer_seq_++, i);
}

Report Loop::Run() {
  Report report;
  const SteadyTime begin = clock_.Steady();
  std::vector<size_t> order;
  if (HasCycle(&order)) {
    report.status = Status::Internal("scheduler: the dependency graph has a cycle");
    return report;
  }
  for (size_t i = 0; i < n_; ++i) {
    if (remaining_[i] == 0) Enqueue(i, /*front=*/false);
  }
  std::vector<std::thread> workers;
  for (int w = 0; w < std::max(1, options_.worker_threads); ++w) {
    workers.emplace_back([this] { WorkerMain(); });
  }

  while (true) {
    if (!stopping_ && options_.cancel && options_.cancel->load()) {
      Stop(Status::Cancelled("interrupted; run the command again to resume"));
    }
    SteadyTime now = clock_.Steady();
    while (!timers_.empty() && std::get<0>(timers_.top()) <= now) {
      size_t i = std::get<2>(timers_.top());
      timers_.pop();
      if (stopping_) {
        state_[i] = State::kStopped;
      } else {
        Enqueue(i, /*front=*/true);
      }
    }
    if (!stopping_) Dispatch(now);
    if (in_flight_total_ == 0) {
      if (stopping_ || timers_.empty()) break;
      // Nothing runs: the next event is a timer. A FakeClock advances here.
      auto wait = std::chrono::duration_cast<milliseconds>(std::get<0>(timers_.top()) - now);
      clock_.SleepFor(std::clamp(wait, milliseconds(1), kSlice * 2));
      continue;
    }
    std::vector<std::pair<size_t, StepResult>> done;
    {
      std::unique_lock lock(mu_);
      done_cv_.wait_for(lock, kSlice, [&] { return !completions_.empty(); });
      done.swap(completions_);
    }
    now = clock_.Steady();
    for (auto& [i, result] : done) Complete(i, std::move(result), now);
  }

  {
    std::lock_guard lock(mu_);
    shutdown_ = true;
  }
  work_cv_.notify_all();
  for (auto& t : workers) t.join();

  const SteadyTime end = clock_.Steady();
  std::vector<Outcome> outcome(n_, Outcome::kNotStarted);
  report.nodes.resize(n_);
  for (size_t i : order) {
    NodeReport& nr = report.nodes[i];
    nr.key = nodes_[i].key;
    nr.kind = nodes_[i].kind;
    nr.attempts = attempts_[i];
    nr.status = status_[i];
    switch (state_[i]) {
      case State::kDone:
        outcome[i] = runs_[i].outcome;
        nr.finished = true;
        break;
      case State::kFailed:
        outcome[i] = Outcome::kFailed;
        break;
      default:
        if (attempts_[i] > 0) {
          outcome[i] = runs_[i].outcome;
        } else {
          for (size_t p : nodes_[i].preds) {
            if (outcome[p] == Outcome::kFailed || outcome[p] == Outcome::kSkipped) {
              outcome[i] = Outcome::kSkipped;
            }
          }
        }
        break;
    }
    nr.outcome = outcome[i];
    if (attempts_[i] > 0) {
      SteadyTime stop =
          (state_[i] == State::kDone || state_[i] == State::kFailed) ? finished_at_[i] : end;
      nr.elapsed = std::chrono::duration_cast<milliseconds>(stop - started_at_[i]);
    }
    ++report.counts[std::string(OutcomeName(nr.outcome))];
  }
  report.makespan = std::chrono::duration_cast<milliseconds>(end - begin);
  report.first_failure_key = first_failure_key_;
  report.first_failure = first_failure_;
  if (stopping_) {
    report.status = run_status_;
  } else if (!first_failure_key_.empty()) {
    report.status = first_failure_;
  }
  return report;
}

}  // namespace

std::string_view OutcomeName(Outcome outcome) {
  switch (outcome) {
    case Outcome::kNotStarted:
      return "not started";
    case Outcome::kSkipped:
      return "skipped";
    case Outcome::kFailed:
      return "failed";
    case Outcome::kCreated:
      return "created";
    case Outcome::kFound:
      return "found";
    case Outcome::kDeleted:
      return "deleted";
    case Outcome::kAbsent:
      return "absent";
    case Outcome::kKept:
      return "kept";
  }
  return "unknown";
}

std::string PoolOf(const std::string& kind) {
  auto dot = kind.find('.');
  return dot == std::string::npos ? kind : kind.substr(0, dot);
}

const NodeReport* Report::Find(const std::string& key) const {
  for (const auto& node : nodes) {
    if (node.key == key) return &node;
  }
  return nullptr;
}

Report RunScheduler(const std::vector<SchedNode>& nodes, NodeProgram& program,
                    const SchedulerOptions& options) {
  Loop loop(nodes, program, options);
  return loop.Run();
}

}  // namespace tectonic::engine
