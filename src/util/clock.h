// Clock: the one source of time, behind an interface so tests can pin it and never sleep.
// RealClock uses the system clocks; FakeClock only moves when a test advances it.
// Thread safety: both implementations are safe from any thread.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

namespace tectonic {

class Clock {
 public:
  using Duration = std::chrono::milliseconds;
  virtual ~Clock() = default;
  // Wall-clock time, for signatures and expiries.
  virtual std::chrono::system_clock::time_point Now() const = 0;
  // Monotonic time, for deadlines and backoff.
  virtual std::chrono::steady_clock::time_point Steady() const = 0;
  // Blocks for d (a fake clock advances itself instead of blocking).
  virtual void SleepFor(Duration d) = 0;
};

class RealClock : public Clock {
 public:
  std::chrono::system_clock::time_point Now() const override;
  std::chrono::steady_clock::time_point Steady() const override;
  void SleepFor(Duration d) override;
  static RealClock& Instance();
};

class FakeClock : public Clock {
 public:
  explicit FakeClock(std::chrono::system_clock::time_point start);
  std::chrono::system_clock::time_point Now() const override;
  std::chrono::steady_clock::time_point Steady() const override;
  void SleepFor(Duration d) override { Advance(d); }
  void Advance(Duration d);
  Duration TotalSlept() const { return Duration(slept_ms_.load()); }

 private:
  std::chrono::system_clock::time_point start_;
  std::atomic<long long> offset_ms_{0};
  std::atomic<long long> slept_ms_{0};
};

}  // namespace tectonic
