// The emulator's virtual clock and its latency table. Virtual time = wall time + an offset
// that the admin API can advance. Lifecycle states are computed lazily: a resource created at
// t is "ready" once VirtualNowMs() >= t + Duration(kind). Thread safe (atomics / const table).
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <string>

namespace awsim {

class VirtualClock {
 public:
  int64_t NowMs() const;  // virtual epoch milliseconds
  void AdvanceMs(int64_t ms) { offset_ms_ += ms; }
  void Reset() { offset_ms_ = 0; }

 private:
  std::atomic<int64_t> offset_ms_{0};
};

// Real (unscaled) seconds per transition; Duration() applies --time-scale.
// Keys: vpc_available, nat_available, nat_deleted, nlb_active, target_healthy,
// instance_running, instance_terminated, route53_insync, iam_propagation, asg_inservice.
class LatencyTable {
 public:
  static LatencyTable Fast();
  static LatencyTable Realistic();
  int64_t DurationMs(const std::string& key) const;
  double Seconds(const std::string& key) const;
  void Set(const std::string& key, double seconds) { seconds_[key] = seconds; }
  void SetTimeScale(double scale) { time_scale_ = scale > 0 ? scale : 1; }
  double time_scale() const { return time_scale_; }
  const std::map<std::string, double>& seconds() const { return seconds_; }
  std::string mode;

 private:
  std::map<std::string, double> seconds_;
  double time_scale_ = 1;
};

// ISO 8601 with milliseconds, UTC ("2024-01-01T00:00:00.000Z").
std::string IsoTime(int64_t epoch_ms);
// Seconds since the epoch as a JSON-friendly double.
double EpochSeconds(int64_t epoch_ms);

}  // namespace awsim
