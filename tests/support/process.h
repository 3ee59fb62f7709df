// Test support: run a program to completion, or keep one running (an emulator) until the
// owning object dies. Used by integration tests to drive real binaries.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tectonic::testing {

struct ProcessResult {
  int exit_code = -1;  // 128+signal when killed by a signal
  std::string out;
  std::string err;
};

struct ProcessOptions {
  std::map<std::string, std::string> env_set;  // added or replaced
  std::vector<std::string> env_unset;          // removed from the inherited environment
  std::string cwd;
  std::string stdin_data;
};

// Runs argv[0] (searched in PATH) and waits for it; captures stdout and stderr.
ProcessResult RunProcess(const std::vector<std::string>& argv, const ProcessOptions& options = {});

struct StreamResult {
  int exit_code = -1;   // 128+signal when killed
  bool killed = false;  // the callback asked for SIGKILL
  bool timed_out = false;
  std::vector<std::string> lines;  // every stdout line read, in order
};

// Runs argv with stdout on a pipe (stderr appended to stderr_path) and calls on_line for each
// complete line as it arrives; when on_line returns true the child gets SIGKILL at once, so a
// crash test can kill at an exact point of its event stream. A run still going at the
// deadline is killed too (timed_out).
StreamResult RunStreaming(const std::vector<std::string>& argv, const ProcessOptions& options,
                          const std::string& stderr_path,
                          const std::function<bool(const std::string&)>& on_line,
                          std::chrono::seconds deadline);

// A background child process whose stdout/stderr go to a log file; killed (SIGTERM, then
// SIGKILL) when destroyed.
class BackgroundProcess {
 public:
  BackgroundProcess(const std::vector<std::string>& argv, const ProcessOptions& options,
                    const std::string& log_path);
  ~BackgroundProcess();
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;
  pid_t pid() const { return pid_; }
  bool Running();
  // Sends a signal to the process (e.g. SIGKILL for crash tests).
  void Signal(int sig);
  // Waits for exit; returns the exit code (128+signal when killed).
  int Wait();

 private:
  pid_t pid_ = -1;
  std::optional<int> exit_code_;
};

// A loopback TCP port that was free a moment ago.
int FreeLoopbackPort();

// A fresh empty directory under the system temp dir, removed by the destructor.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "tectonic-test");
  ~TempDir();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace tectonic::testing
