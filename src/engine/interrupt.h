// Ctrl-C for long commands: the first SIGINT (or SIGTERM) sets a flag the executor polls, so
// in-flight calls finish and the journal stays consistent; the handler then resets to the
// default action, so a second Ctrl-C kills at once (a re-run still resumes from the journal).
// Thread safety: install from the main thread before starting work; the flag is lock-free.
#pragma once

#include <atomic>

namespace tectonic::engine {

// Installs the handlers (idempotent) and returns the process-wide flag, cleared.
std::atomic<bool>* InstallInterruptHandler();
// The flag without installing anything (tests, the GUI's cancel button).
std::atomic<bool>* InterruptFlag();

}  // namespace tectonic::engine
