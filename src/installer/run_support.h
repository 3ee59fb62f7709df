// Small helpers shared by the installer's operations: phase events and failure summaries.
#pragma once

#include <string>

#include "engine/events.h"
#include "preflight/check.h"
#include "util/clock.h"

namespace tectonic::installer {

using engine::EventSink;

// Emits phase_started on construction and phase_done on Done() (with the phase's duration).
class Phase {
 public:
  Phase(EventSink* sink, Clock& clock, std::string name, int total);
  void Done(std::string detail);

 private:
  EventSink* sink_;
  Clock& clock_;
  std::string name_;
  std::chrono::steady_clock::time_point start_;
};

// "3 preflight checks failed: ssh-key, hosted-zone, kms".
std::string FailedChecksSummary(const preflight::PreflightReport& report);

}  // namespace tectonic::installer
