// Events: what the engine reports while it works (phases, node steps, retries, a summary).
// One stream feeds every consumer: the TTY progress line, plain lines for logs and pipes,
// NDJSON for --output json and the GUI, and the log file. All text passes through Redact().
// Thread safety: every sink below may be called from several threads at once.
#pragma once

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace tectonic::engine {

enum class EventType {
  kPhaseStarted,
  kPhaseDone,
  kNodeStarted,
  kNodeCreated,
  kNodeFound,
  kNodeWaiting,
  kNodeDone,
  kNodeFailed,
  kNodeRetrying,
  kNodeDeleting,
  kNodeDeleted,
  kSummary,
};

std::string_view EventTypeName(EventType type);  // "node_started", ...

struct Event {
  std::chrono::system_clock::time_point time;
  EventType type = EventType::kSummary;
  std::string key;           // graph key (node events) or phase name (phase events)
  std::string kind;          // resource kind (node events)
  std::string detail;        // human detail: an id, a poll state, an error
  int attempt = 0;           // retries: which attempt failed (1-based)
  long long elapsed_ms = 0;  // since the node (or phase) started
  int total = 0;             // phase_started: number of nodes in the phase
};

// {"time":"2024-..Z","type":"node_done","key":..,"kind":..,"detail":..,"attempt":..,
//  "elapsed_ms":..} with empty fields omitted; text fields redacted.
nlohmann::json EventToJson(const Event& event);
// "12:03:04 created  vpc (ec2.vpc) vpc-123 [1.2s]"; redacted.
std::string FormatEventLine(const Event& event);

class EventSink {
 public:
  virtual ~EventSink() = default;
  virtual void Emit(const Event& event) = 0;
};

// One JSON object per line.
class NdjsonSink : public EventSink {
 public:
  explicit NdjsonSink(std::ostream& out) : out_(out) {}
  void Emit(const Event& event) override;

 private:
  std::mutex mu_;
  std::ostream& out_;
};

// Which "waiting" events a person should read: a node's poll is printed when its state
// changes, or every 10 s while it stays the same (a poll every half second would otherwise
// fill the screen). Every other event passes. Not thread safe; the sink holds its lock.
class WaitingLineFilter {
 public:
  bool ShouldPrint(const Event& event);

 private:
  struct Shown {
    std::string detail;
    long long elapsed_ms = 0;
  };
  std::map<std::string, Shown> shown_;  // by node key
};

// One human line per event (polls thinned by WaitingLineFilter).
class PlainSink : public EventSink {
 public:
  explicit PlainSink(std::ostream& out) : out_(out) {}
  void Emit(const Event& event) override;

 private:
  std::mutex mu_;
  std::ostream& out_;
  WaitingLineFilter waiting_;
};

// A status line redrawn in place: "[12/40] 2 failed · nat/us-east-1a 1m32s · nlb/api 45s".
// Notable events (created, found, failed, retrying, deleted, phases) print as lines above it.
// When tty is false it behaves as PlainSink.
class ProgressSink : public EventSink {
 public:
  ProgressSink(std::ostream& out, bool tty) : out_(out), tty_(tty) {}
  void Emit(const Event& event) override;
  // Redraws the status line with elapsed times as of now (call it once a second on a TTY).
  void Tick(std::chrono::system_clock::time_point now);
  // The status line as it would be drawn now (without escapes), for tests.
  std::string StatusLine() const;

 private:
  std::string StatusLineLocked() const;

  mutable std::mutex mu_;
  std::ostream& out_;
  bool tty_;
  int total_ = 0;
  int done_ = 0;
  int failed_ = 0;
  std::chrono::system_clock::time_point now_;
  // Running nodes and when they started, for the long poles.
  std::map<std::string, std::chrono::system_clock::time_point> running_;
  WaitingLineFilter waiting_;  // without a tty, polls are thinned as in PlainSink
};

// Appends plain lines to a file created 0600 (logs/<phase>.log).
class FileSink : public EventSink {
 public:
  // nullptr when the file cannot be opened.
  static std::unique_ptr<FileSink> Open(const std::filesystem::path& path);
  ~FileSink() override;
  void Emit(const Event& event) override;

 private:
  explicit FileSink(std::FILE* file) : file_(file) {}

  std::mutex mu_;
  std::FILE* file_;
};

// Sends every event to each of its sinks (not owned).
class FanoutSink : public EventSink {
 public:
  FanoutSink() = default;
  explicit FanoutSink(std::vector<EventSink*> sinks) : sinks_(std::move(sinks)) {}
  void Add(EventSink* sink);
  void Emit(const Event& event) override;

 private:
  std::mutex mu_;
  std::vector<EventSink*> sinks_;
};

// Keeps every event, for tests and the GUI's replay.
class MemorySink : public EventSink {
 public:
  void Emit(const Event& event) override;
  std::vector<Event> events() const;

 private:
  mutable std::mutex mu_;
  std::vector<Event> events_;
};

// True when fd is a terminal.
bool IsTerminal(int fd);

}  // namespace tectonic::engine
