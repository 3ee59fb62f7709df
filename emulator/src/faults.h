// Fault injection, deterministic under a seed: token buckets per (service, category),
// a random 500/503 error rate, and the eventual-consistency window. Thread safe (own mutex).
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <string>

#include "common.h"

namespace awsim {

struct FaultConfig {
  bool throttle = false;
  double error_rate = 0;       // probability of a 500/503 per call
  int64_t consistency_ms = 0;  // new ids invisible to other calls for this long
  uint64_t seed = 1;
};

class Faults {
 public:
  explicit Faults(FaultConfig config);
  void Configure(const FaultConfig& config);
  FaultConfig config() const;
  // Throws the service's throttling error when its bucket for `operation` is empty, or an
  // injected 500/503. `service` is the SigV4 service name. Buckets refill on the emulator's
  // clock: `now_ms` is virtual time and `time_scale` compresses it like every other duration,
  // so a bucket refills time_scale times faster per wall second (and on POST clock).
  void BeforeCall(const std::string& service, const std::string& operation, int64_t now_ms,
                  double time_scale);

 private:
  struct Bucket {
    double capacity = 0, refill = 0, tokens = 0;
    int64_t last_ms = -1;
  };
  static std::pair<std::string, std::pair<double, double>> Category(const std::string& service,
                                                                    const std::string& op);
  mutable std::mutex mu_;
  FaultConfig config_;
  std::mt19937_64 rng_;
  std::map<std::string, Bucket> buckets_;
};

}  // namespace awsim
