#include "engine/events.h"

#include <fcntl.h>
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <unistd.h>

#include "util/redact.h"

namespace tectonic::engine {

std::string_view EventTypeName(EventType type) {
  switch (type) {
    case EventType::kPhaseStarted:
      return "phase_started";
    case EventType::kPhaseDone:
      return "phase_done";
    case EventType::kNodeStarted:
      return "node_started";
    case EventType::kNodeCreated:
      return "node_created";
    case EventType::kNodeFound:
      return "node_found";
    case EventType::kNodeWaiting:
      return "node_waiting";
    case EventType::kNodeDone:
      return "node_done";
    case EventType::kNodeFailed:
      return "node_failed";
    case EventType::kNodeRetrying:
      return "node_retrying";
    case EventType::kNodeDeleting:
      return "node_deleting";
    case EventType::kNodeDeleted:
      return "node_deleted";
    case EventType::kSummary:
      return "summary";
  }
  return "unknown";
}

namespace {

std::string IsoTime(std::chrono::system_clock::time_point time) {
  auto since_epoch =
      std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
  std::time_t seconds = static_cast<std::time_t>(since_epoch / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03}Z", tm, since_epoch % 1000);
}

std::string ShortDuration(long long ms) {
  if (ms < 1000) return fmt::format("{}ms", ms);
  if (ms < 60000) return fmt::format("{:.1f}s", ms / 1000.0);
  return fmt::format("{}m{:02}s", ms / 60000, (ms / 1000) % 60);
}

}  // namespace

nlohmann::json EventToJson(const Event& event) {
  nlohmann::json j;
  j["time"] = IsoTime(event.time);
  j["type"] = std::string(EventTypeName(event.type));
  if (!event.key.empty()) j["key"] = Redact(event.key);
  if (!event.kind.empty()) j["kind"] = event.kind;
  if (!event.detail.empty()) j["detail"] = Redact(event.detail);
  if (event.attempt > 0) j["attempt"] = event.attempt;
  if (event.elapsed_ms > 0) j["elapsed_ms"] = event.elapsed_ms;
  if (event.total > 0) j["total"] = event.total;
  return j;
}

std::string FormatEventLine(const Event& event) {
  std::time_t t = std::chrono::system_clock::to_time_t(event.time);
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::string line = fmt::format("{:%H:%M:%S} ", tm);
  switch (event.type) {
    case EventType::kPhaseStarted:
      line += fmt::format("== {} started", event.key);
      if (event.total > 0) line += fmt::format(" ({} resources)", event.total);
      break;
    case EventType::kPhaseDone:
      line += fmt::format("== {} done", event.key);
      break;
    case EventType::kSummary:
      line += "summary";
      break;
    default: {
      std::string_view name = EventTypeName(event.type);
      name.remove_prefix(5);  // "node_"
      line += fmt::format("{:<9} {} ({})", name, event.key, event.kind);
      if (event.attempt > 0) line += fmt::format(" attempt {}", event.attempt);
      break;
    }
  }
  if (!event.detail.empty()) line += " " + event.detail;
  if (event.elapsed_ms > 0) line += fmt::format(" [{}]", ShortDuration(event.elapsed_ms));
  return Redact(line);
}

void NdjsonSink::Emit(const Event& event) {
  std::string line = EventToJson(event).dump();
  std::lock_guard lock(mu_);
  out_ << line << '\n';
  out_.flush();
}

bool WaitingLineFilter::ShouldPrint(const Event& event) {
  if (event.type != EventType::kNodeWaiting) {
    shown_.erase(event.key);  // done, failed, retrying...: the next wait starts afresh
    return true;
  }
  auto it = shown_.find(event.key);
  if (it != shown_.end() && it->second.detail == event.detail &&
      event.elapsed_ms - it->second.elapsed_ms < 10000) {
    return false;
  }
  shown_[event.key] = {event.detail, event.elapsed_ms};
  return true;
}

void PlainSink::Emit(const Event& event) {
  std::string line = FormatEventLine(event);
  std::lock_guard lock(mu_);
  if (!waiting_.ShouldPrint(event)) return;
  out_ << line << '\n';
  out_.flush();
}

std::unique_ptr<FileSink> FileSink::Open(const std::filesystem::path& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) return nullptr;
  std::FILE* file = ::fdopen(fd, "a");
  if (!file) {
    ::close(fd);
    return nullptr;
  }
  return std::unique_ptr<FileSink>(new FileSink(file));
}

FileSink::~FileSink() { std::fclose(file_); }

void FileSink::Emit(const Event& event) {
  std::string line = FormatEventLine(event);
  std::lock_guard lock(mu_);
  std::fprintf(file_, "%s\n", line.c_str());
  std::fflush(file_);
}

void FanoutSink::Add(EventSink* sink) {
  std::lock_guard lock(mu_);
  sinks_.push_back(sink);
}

void FanoutSink::Emit(const Event& event) {
  std::vector<EventSink*> sinks;
  {
    std::lock_guard lock(mu_);
    sinks = sinks_;
  }
  for (EventSink* sink : sinks) sink->Emit(event);
}

void MemorySink::Emit(const Event& event) {
  std::lock_guard lock(mu_);
  events_.push_back(event);
}

std::vector<Event> MemorySink::events() const {
  std::lock_guard lock(mu_);
  return events_;
}

bool IsTerminal(int fd) { return ::isatty(fd) == 1; }

}  // namespace tectonic::engine
