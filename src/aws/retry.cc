#include "aws/retry.h"

#include <algorithm>

namespace tectonic::aws {

RetryPolicy::RetryPolicy(RetryOptions options)
    : options_(std::move(options)), quota_(options_.retry_quota), rng_(std::random_device{}()) {
  if (options_.jitter_seed != 0) rng_.seed(options_.jitter_seed);
}

bool RetryPolicy::IsRetryable(const Status& status) {
  return status.code() == StatusCode::kThrottled || status.code() == StatusCode::kTransient;
}

bool RetryPolicy::IsTimeout(const Status& status) {
  if (status.code() != StatusCode::kTransient || !status.aws_code().empty()) return false;
  const std::string& m = status.message();
  return m.find("timed out") != std::string::npos || m.find("Timeout") != std::string::npos;
}

double RetryPolicy::Random() {
  if (options_.jitter) return options_.jitter();
  std::lock_guard lock(mu_);
  return std::uniform_real_distribution<double>(0.0, 1.0)(rng_);
}

std::optional<std::chrono::milliseconds> RetryPolicy::NextDelay(const Status& failure,
                                                                RetryState& state) {
  if (!IsRetryable(failure) || state.attempt >= options_.max_attempts) return std::nullopt;
  int cost = IsTimeout(failure) ? kTimeoutRetryCost : kRetryCost;
  {
    std::lock_guard lock(mu_);
    if (quota_ < cost) return std::nullopt;
    quota_ -= cost;
  }
  state.last_cost = cost;
  // Full jitter: U(0, min(base * 2^(attempt-1), max)).
  double cap = static_cast<double>(options_.base_delay.count()) *
               static_cast<double>(1LL << std::min(state.attempt - 1, 30));
  cap = std::min(cap, static_cast<double>(options_.max_delay.count()));
  ++state.attempt;
  return std::chrono::milliseconds(static_cast<long long>(Random() * cap));
}

void RetryPolicy::OnSuccess(const RetryState& state) {
  std::lock_guard lock(mu_);
  quota_ += state.last_cost == 0 ? kNoRetryRefund : state.last_cost;
  quota_ = std::min(quota_, options_.retry_quota);
}

int RetryPolicy::quota_available() const {
  std::lock_guard lock(mu_);
  return quota_;
}

}  // namespace tectonic::aws
