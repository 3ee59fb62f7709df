#include "installer/run_support.h"

#include <fmt/format.h>

namespace tectonic::installer {

Phase::Phase(EventSink* sink, Clock& clock, std::string name, int total)
    : sink_(sink), clock_(clock), name_(std::move(name)), start_(clock.Steady()) {
  if (!sink_) return;
  engine::Event event;
  event.time = clock_.Now();
  event.type = engine::EventType::kPhaseStarted;
  event.key = name_;
  event.total = total;
  sink_->Emit(event);
}

void Phase::Done(std::string detail) {
  if (!sink_) return;
  engine::Event event;
  event.time = clock_.Now();
  event.type = engine::EventType::kPhaseDone;
  event.key = name_;
  event.detail = std::move(detail);
  event.elapsed_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(clock_.Steady() - start_).count();
  sink_->Emit(event);
}

std::string FailedChecksSummary(const preflight::PreflightReport& report) {
  std::string ids;
  int failed = 0;
  for (const auto& result : report.results) {
    if (result.state != preflight::CheckState::kFail) continue;
    ids += (failed++ ? ", " : "") + result.id;
  }
  return fmt::format("{} preflight check{} failed: {}", failed, failed == 1 ? "" : "s", ids);
}

}  // namespace tectonic::installer
