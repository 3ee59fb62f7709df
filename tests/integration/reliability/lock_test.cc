// Two real `tectonic` processes on one cluster directory against awsim: the second is refused
// naming the first (pid, command), or with --wait-lock waits for it and then runs; the lock of
// a SIGKILLed run is taken over. Synchronised on the processes' own output, never on sleeps.
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "tests/integration/awsim_cluster/awsim_cluster_fixture.h"

namespace tectonic::testing {
namespace {

using nlohmann::json;

class LockTest : public AwsimClusterTest {
 protected:
  std::vector<std::string> Argv(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {TECTONIC_BINARY_DIR "/bin/tectonic", "--yes"};
    argv.insert(argv.end(), args.begin(), args.end());
    return argv;
  }
  ProcessOptions Env() {
    ProcessOptions options;
    options.env_set = env_;
    return options;
  }
  // The pid recorded in the directory's lock file (0 when empty).
  int LockPid() {
    std::ifstream in(cluster_dir_ + "/.lock");
    std::string line;
    while (std::getline(in, line)) {
      if (line.rfind("pid=", 0) == 0) return std::atoi(line.c_str() + 4);
    }
    return 0;
  }
  static bool IsEvent(const json& e, const char* type, const char* key) {
    return e.is_object() && e.value("type", "") == type && e.value("key", "") == key;
  }
};

// A process that has exited (a zombie not yet reaped counts) or is gone.
bool HasExited(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat;
  if (!std::getline(in, stat)) return true;
  auto paren = stat.rfind(')');
  return paren != std::string::npos && stat.size() > paren + 2 && stat[paren + 2] == 'Z';
}

TEST_F(LockTest, SecondRunIsRefusedAndAWaitingRunFollowsTheFirst) {
  ASSERT_NO_FATAL_FAILURE(Start({}));
  int holder_pid = 0;
  ProcessResult refused;
  std::promise<json> destroy_waiting;
  StreamResult destroy;
  bool destroy_started_after_create = false;
  std::thread destroy_thread;

  auto on_create_line = [&](const std::string& line) {
    json e = json::parse(line, nullptr, false);
    // Preflight starts after the lock is taken: the run now holds the directory.
    if (!IsEvent(e, "phase_started", "preflight") || holder_pid != 0) return false;
    holder_pid = LockPid();
    refused = RunProcess(Argv({"create", "cluster", "--dir", cluster_dir_}), Env());
    // A destroy that waits for this create, then runs.
    destroy_thread = std::thread([&] {
      bool waiting = false;
      destroy = RunStreaming(
          Argv({"destroy", "cluster", "--dir", cluster_dir_, "--wait-lock", "--output", "json"}),
          Env(), work_->path() + "/destroy.err",
          [&](const std::string& l) {
            json d = json::parse(l, nullptr, false);
            if (IsEvent(d, "phase_started", "lock") && !waiting) {
              waiting = true;
              destroy_waiting.set_value(d);
            } else if (IsEvent(d, "phase_done", "lock")) {
              destroy_started_after_create = HasExited(holder_pid);
            }
            return false;
          },
          std::chrono::seconds(600));
      if (!waiting) destroy_waiting.set_value(json());
    });
    // Let the create go on only once the destroy is known to be waiting for it.
    auto waiting = destroy_waiting.get_future();
    EXPECT_EQ(waiting.wait_for(std::chrono::seconds(120)), std::future_status::ready);
    json event = waiting.get();
    EXPECT_NE(event.value("detail", "").find("pid " + std::to_string(holder_pid)),
              std::string::npos)
        << event.dump();
    return false;
  };
  StreamResult create =
      RunStreaming(Argv({"create", "cluster", "--dir", cluster_dir_, "--output", "json"}), Env(),
                   work_->path() + "/create.err", on_create_line, std::chrono::seconds(600));
  if (destroy_thread.joinable()) destroy_thread.join();

  // The refused run: exit 7, the holder named (pid, command), the way out given.
  ASSERT_GT(holder_pid, 0) << "the create never reached preflight";
  EXPECT_EQ(refused.exit_code, 7) << refused.err;
  EXPECT_NE(refused.err.find("pid " + std::to_string(holder_pid) + " ("), std::string::npos)
      << refused.err;
  EXPECT_NE(refused.err.find("create cluster --dir " + cluster_dir_), std::string::npos)
      << refused.err;
  EXPECT_NE(refused.err.find("--wait-lock"), std::string::npos) << refused.err;

  // The first create was undisturbed.
  EXPECT_EQ(create.exit_code, 0);
  std::string create_out;
  for (const auto& l : create.lines) create_out += l + "\n";
  json result = ResultEvent(create_out);
  EXPECT_TRUE(result.value("ok", false)) << result.dump();
  EXPECT_GT(result.value("created", 0), 40) << result.dump();

  // The waiting destroy took the lock only after the create had exited, then removed it all.
  EXPECT_TRUE(destroy_started_after_create);
  EXPECT_EQ(destroy.exit_code, 0);
  std::string destroy_out;
  for (const auto& l : destroy.lines) destroy_out += l + "\n";
  EXPECT_TRUE(ResultEvent(destroy_out).value("ok", false)) << destroy_out;
  json after = Judge();
  EXPECT_EQ(after.value("leftovers", json()), json::array()) << after.dump(1);
  EXPECT_EQ(LockPid(), 0);  // released: the record is emptied
}

TEST_F(LockTest, LockOfAKilledRunIsTakenOver) {
  ASSERT_NO_FATAL_FAILURE(Start({}));
  int killed_pid = 0;
  StreamResult killed = RunStreaming(
      Argv({"create", "cluster", "--dir", cluster_dir_, "--output", "json"}), Env(),
      work_->path() + "/killed.err",
      [&](const std::string& line) {
        json e = json::parse(line, nullptr, false);
        if (!IsEvent(e, "phase_started", "apply")) return false;
        killed_pid = LockPid();
        return true;  // SIGKILL while it holds the lock, mid-apply
      },
      std::chrono::seconds(600));
  ASSERT_TRUE(killed.killed);
  ASSERT_GT(killed_pid, 0);
  EXPECT_EQ(LockPid(), killed_pid);  // its record outlives it; the kernel freed the lock

  auto resumed = Tectonic({"create", "cluster", "--dir", cluster_dir_, "--output", "json"});
  EXPECT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_TRUE(ResultEvent(resumed.out).value("ok", false)) << resumed.out;
  EXPECT_NE(resumed.out.find("took over the lock left by pid " + std::to_string(killed_pid)),
            std::string::npos)
      << resumed.out;

  auto destroy = Tectonic({"destroy", "cluster", "--dir", cluster_dir_, "--output", "json"});
  EXPECT_EQ(destroy.exit_code, 0) << destroy.err;
  json after = Judge();
  EXPECT_EQ(after.value("leftovers", json()), json::array()) << after.dump(1);
  EXPECT_EQ(after.value("duplicates", json::array()), json::array()) << after.dump(1);
}

}  // namespace
}  // namespace tectonic::testing
