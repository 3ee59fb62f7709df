#include "engine/interrupt.h"

#include <csignal>

namespace tectonic::engine {
namespace {

std::atomic<bool> g_interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the signal handler needs a lock-free flag");

extern "C" void OnInterrupt(int) {
  // Only a lock-free atomic store: async-signal-safe.
  g_interrupted.store(true, std::memory_order_relaxed);
}

}  // namespace

std::atomic<bool>* InterruptFlag() { return &g_interrupted; }

std::atomic<bool>* InstallInterruptHandler() {
  g_interrupted.store(false);
  struct sigaction action = {};
  action.sa_handler = OnInterrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND | SA_RESTART;  // second signal: default action
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  return &g_interrupted;
}

}  // namespace tectonic::engine
