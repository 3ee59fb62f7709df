#include "util/clock.h"

#include <thread>

namespace tectonic {

std::chrono::system_clock::time_point RealClock::Now() const {
  return std::chrono::system_clock::now();
}
std::chrono::steady_clock::time_point RealClock::Steady() const {
  return std::chrono::steady_clock::now();
}
void RealClock::SleepFor(Duration d) { std::this_thread::sleep_for(d); }
RealClock& RealClock::Instance() {
  static RealClock clock;
  return clock;
}

FakeClock::FakeClock(std::chrono::system_clock::time_point start) : start_(start) {}
std::chrono::system_clock::time_point FakeClock::Now() const {
  return start_ + std::chrono::milliseconds(offset_ms_.load());
}
std::chrono::steady_clock::time_point FakeClock::Steady() const {
  return std::chrono::steady_clock::time_point(std::chrono::milliseconds(offset_ms_.load()));
}
void FakeClock::Advance(Duration d) {
  offset_ms_ += d.count();
  slept_ms_ += d.count();
}

}  // namespace tectonic
