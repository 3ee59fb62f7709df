// ProgressSink: the TTY view of the event stream (events.h).
#include <fmt/format.h>

#include <algorithm>

#include "engine/events.h"
#include "util/redact.h"

namespace tectonic::engine {
namespace {

constexpr size_t kMaxPolesShown = 3;

std::string Elapsed(std::chrono::system_clock::duration d) {
  long long s = std::chrono::duration_cast<std::chrono::seconds>(d).count();
  if (s < 0) s = 0;
  return s < 60 ? fmt::format("{}s", s) : fmt::format("{}m{:02}s", s / 60, s % 60);
}

bool PrintsLine(EventType type) {
  switch (type) {
    case EventType::kPhaseStarted:
    case EventType::kPhaseDone:
    case EventType::kNodeCreated:
    case EventType::kNodeFound:
    case EventType::kNodeFailed:
    case EventType::kNodeRetrying:
    case EventType::kNodeDeleted:
    case EventType::kSummary:
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string ProgressSink::StatusLine() const {
  std::lock_guard lock(mu_);
  return StatusLineLocked();
}

std::string ProgressSink::StatusLineLocked() const {
  std::string line = fmt::format("[{}/{}]", done_, total_);
  if (failed_ > 0) line += fmt::format(" {} failed", failed_);
  // The long poles: the running nodes that started first.
  std::vector<std::pair<std::chrono::system_clock::time_point, std::string>> poles;
  for (const auto& [key, started] : running_) poles.emplace_back(started, key);
  std::sort(poles.begin(), poles.end());
  for (size_t i = 0; i < poles.size() && i < kMaxPolesShown; ++i) {
    line += fmt::format(" | {} {}", poles[i].second, Elapsed(now_ - poles[i].first));
  }
  if (poles.size() > kMaxPolesShown) {
    line += fmt::format(" | +{} more", poles.size() - kMaxPolesShown);
  }
  return Redact(line);
}

void ProgressSink::Tick(std::chrono::system_clock::time_point now) {
  std::lock_guard lock(mu_);
  if (now > now_) now_ = now;
  if (!tty_ || total_ == 0) return;
  out_ << "\r\x1b[2K" << StatusLineLocked();
  out_.flush();
}

void ProgressSink::Emit(const Event& event) {
  std::lock_guard lock(mu_);
  if (event.time > now_) now_ = event.time;
  switch (event.type) {
    case EventType::kPhaseStarted:
      total_ = event.total;
      done_ = failed_ = 0;
      running_.clear();
      break;
    case EventType::kNodeStarted:
      running_.emplace(event.key, event.time);
      break;
    case EventType::kNodeDone:
    case EventType::kNodeDeleted:
      running_.erase(event.key);
      ++done_;
      break;
    case EventType::kNodeFailed:
      running_.erase(event.key);
      ++failed_;
      break;
    default:
      break;
  }
  if (!tty_) {
    if (!waiting_.ShouldPrint(event)) return;
    out_ << FormatEventLine(event) << '\n';
    out_.flush();
    return;
  }
  // Clear the status line, print a notable event above it, redraw.
  out_ << "\r\x1b[2K";
  if (PrintsLine(event.type)) out_ << FormatEventLine(event) << '\n';
  if (event.type != EventType::kPhaseDone && event.type != EventType::kSummary) {
    out_ << StatusLineLocked();
  }
  out_.flush();
}

}  // namespace tectonic::engine
