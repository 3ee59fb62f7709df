// RetryPolicy: the SDK "standard" retry mode (aws-wire.md 4.1). Only throttled and transient
// failures are retried, for at most RetryOptions::max_attempts attempts, with full-jitter
// exponential backoff, and only while the shared retry quota (a token bucket of 500) lasts.
// Whether a non-idempotent call may be retried at all is the caller's business.
// Thread safety: one RetryPolicy is shared by all calls of a client; all methods are safe.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <random>

#include "aws/client.h"

namespace tectonic::aws {

// Per-call bookkeeping, owned by the caller of one AWS call.
struct RetryState {
  int attempt = 1;    // the attempt that just ran, 1-based
  int last_cost = 0;  // quota taken for the latest retry, 0 when none
};

class RetryPolicy {
 public:
  static constexpr int kRetryCost = 5;
  static constexpr int kTimeoutRetryCost = 10;
  static constexpr int kNoRetryRefund = 1;

  explicit RetryPolicy(RetryOptions options);

  // After a failed attempt: the delay before the next one, or nullopt to give up (not
  // retryable, out of attempts or out of quota). Takes quota and advances state.attempt.
  std::optional<std::chrono::milliseconds> NextDelay(const Status& failure, RetryState& state);
  // After a successful attempt: refunds the quota (1, or the last cost after retries).
  void OnSuccess(const RetryState& state);

  static bool IsRetryable(const Status& status);
  // A connect or read timeout (costs more quota).
  static bool IsTimeout(const Status& status);

  int quota_available() const;
  const RetryOptions& options() const { return options_; }

 private:
  double Random();
  RetryOptions options_;
  mutable std::mutex mu_;
  int quota_;
  std::mt19937_64 rng_;
};

}  // namespace tectonic::aws
