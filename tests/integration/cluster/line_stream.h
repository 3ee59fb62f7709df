// Runs a program with its stdout on a pipe and hands each complete line to a callback as it
// arrives, so a crash test can SIGKILL the program at an exact point of its event stream.
// stderr goes to a file. Not thread safe; one object per run.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "tests/support/process.h"

namespace tectonic::testing {

struct StreamResult {
  int exit_code = -1;   // 128+signal when killed
  bool killed = false;  // the callback asked for SIGKILL
  bool timed_out = false;
  std::vector<std::string> lines;  // every stdout line read, in order
};

// Calls on_line for each stdout line; when it returns true the child gets SIGKILL at once and
// the run ends. A run still going at the deadline is killed too (timed_out).
StreamResult RunStreaming(const std::vector<std::string>& argv, const ProcessOptions& options,
                          const std::string& stderr_path,
                          const std::function<bool(const std::string&)>& on_line,
                          std::chrono::seconds deadline);

}  // namespace tectonic::testing
