#include "clock.h"

#include <chrono>
#include <ctime>

namespace awsim {

int64_t VirtualClock::NowMs() const {
  auto now = std::chrono::system_clock::now().time_since_epoch();
  return std::chrono::duration_cast<std::chrono::milliseconds>(now).count() + offset_ms_.load();
}

LatencyTable LatencyTable::Fast() {
  LatencyTable t;
  t.mode = "fast";
  for (const char* key : {"vpc_available", "nat_available", "nat_deleted", "nlb_active",
                          "target_healthy", "instance_running", "instance_terminated",
                          "route53_insync", "iam_propagation", "asg_inservice"}) {
    t.seconds_[key] = 0;
  }
  return t;
}

LatencyTable LatencyTable::Realistic() {
  // Typical figures of aws-wire.md 7.1.
  LatencyTable t;
  t.mode = "realistic";
  t.seconds_ = {{"vpc_available", 2},        {"nat_available", 90},  {"nat_deleted", 60},
                {"nlb_active", 150},         {"target_healthy", 90}, {"instance_running", 30},
                {"instance_terminated", 45}, {"route53_insync", 40}, {"iam_propagation", 8},
                {"asg_inservice", 60}};
  return t;
}

double LatencyTable::Seconds(const std::string& key) const {
  auto it = seconds_.find(key);
  return it == seconds_.end() ? 0 : it->second;
}

int64_t LatencyTable::DurationMs(const std::string& key) const {
  return static_cast<int64_t>(Seconds(key) * 1000.0 / time_scale_);
}

std::string IsoTime(int64_t epoch_ms) {
  std::time_t secs = static_cast<std::time_t>(epoch_ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[40];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
  char out[48];
  std::snprintf(out, sizeof(out), "%s.%03dZ", buf, static_cast<int>(epoch_ms % 1000));
  return out;
}

double EpochSeconds(int64_t epoch_ms) { return static_cast<double>(epoch_ms) / 1000.0; }

}  // namespace awsim
