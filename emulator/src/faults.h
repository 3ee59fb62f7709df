// Fault injection, deterministic under a seed: token buckets per (service, category),
// a random 500/503 error rate, the eventual-consistency window, faults on the wire chosen by
// rules (which call, what goes wrong), and the kill-point gate (after the Nth mutating call is
// answered every further call is held until released). Thread safe (own mutexes).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common.h"

namespace awsim {

struct FaultConfig {
  bool throttle = false;
  double error_rate = 0;       // probability of a 500/503 per call
  int64_t consistency_ms = 0;  // new ids invisible to other calls for this long
  uint64_t seed = 1;
};

// What a wire fault does to one call.
enum class WireFault {
  kNone,
  kResetBefore,   // the connection is reset before the request is processed
  kResetAfter,    // processed (the resource exists), then the connection is reset
  kTruncated,     // processed; the body stops halfway, the connection closes
  kMalformed,     // processed; 200 with half a document (complete HTTP, unparseable body)
  kSlow,          // processed; the answer is held delay_ms (past the client's timeout)
  kExpiredToken,  // refused: the session token expired (the protocol's ExpiredToken shape)
};

// "reset_before", ... <-> WireFault; nullopt for an unknown name.
std::optional<WireFault> WireFaultNamed(const std::string& name);
const char* WireFaultName(WireFault kind);

// One rule: the `nth` call that matches (1-based; counted per rule) and the `times - 1` matching
// calls after it get `kind` (times 0: every matching call from the nth on, until cleared).
// `match` is "*" (every AWS call), "mutating" (not Describe/List/Get/Head/Simulate/KMS data
// keys), or an operation name, optionally with its service ("CreateVpc", "ec2:CreateVpc").
struct FaultRule {
  WireFault kind = WireFault::kNone;
  std::string match = "mutating";
  int nth = 1;
  int times = 1;
  int64_t delay_ms = 0;  // kSlow
  int seen = 0;          // matching calls so far
  int fired = 0;         // faults injected so far
};

// Parses a rule from JSON ({"kind": "reset_after", "match": "CreateVpc", "nth": 1, "times": 1,
// "delay_ms": 0}) or from the flag form "kind[:match[:nth[:times[:delay_ms]]]]". Throws
// std::invalid_argument naming what is wrong.
FaultRule ParseFaultRule(const nlohmann::json& j);
FaultRule ParseFaultRule(const std::string& spec);

// True for calls that change something (the rule of awsim's "mutating" match and the gate).
bool IsMutating(const std::string& operation);

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

  // Wire fault rules (replace all; clear = empty list).
  void SetRules(std::vector<FaultRule> rules);
  // The fault for this call (counted against every rule, first firing rule wins), logged.
  FaultRule PickWire(const std::string& service, const std::string& operation);
  // Rules with their counters, the faults injected so far and the gate's state.
  nlohmann::json State();

  // The kill-point gate. Arm(n): the nth mutating call is processed and answered, then every
  // call is held at Enter until Release. n = 0 disarms. A held call whose client has gone
  // (peer_closed) is dropped unprocessed when released.
  void Arm(int64_t n);
  void Release();
  // Returns false when the call must be dropped (reset, not processed). *trigger is set for
  // the call that is the nth mutating one: the edge calls Answered() once it has been sent.
  bool Enter(bool mutating, const std::function<bool()>& peer_closed, bool* trigger);
  void Answered();
  // Waits up to timeout_ms for the gate to hold; true when it does.
  bool WaitStalled(int64_t timeout_ms);
  int64_t MutatingCalls();

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
  std::vector<FaultRule> rules_;
  std::vector<nlohmann::json> injected_;

  std::mutex gate_mu_;
  std::condition_variable gate_cv_;
  int64_t arm_at_ = 0;    // 0 = disarmed
  int64_t admitted_ = 0;  // mutating calls let through since armed (or started)
  bool stalled_ = false;  // the nth has been answered: hold everything
  int held_ = 0;
};

}  // namespace awsim
