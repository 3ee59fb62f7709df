#include "tests/integration/faults/faults_fixture.h"

#include <signal.h>

#include <memory>

namespace tectonic::testing {
namespace {

const std::string kCountKinds = TECTONIC_SOURCE_DIR "/tests/integration/faults/count_kinds.py";

std::vector<std::string> TectonicArgv(const std::string& verb, const std::string& dir) {
  return {TectonicBinary(), "--yes", verb, "cluster", "--dir", dir, "--output", "json"};
}

}  // namespace

nlohmann::json FaultsTest::CountKinds() {
  ProcessOptions options;
  options.env_set = env_;
  auto r = RunProcess({"python3", kCountKinds}, options);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto out = nlohmann::json::parse(r.out, nullptr, false);
  return out.is_object() ? out : nlohmann::json::object();
}

void FaultsTest::SetRules(const nlohmann::json& rules) {
  auto state = awsim_->Admin("POST", "faults", {{"rules", rules}});
  ASSERT_TRUE(state.contains("rules")) << state.dump();
}

ProcessResult FaultsTest::Run(const std::string& verb,
                              const std::map<std::string, std::string>& env) {
  auto argv = TectonicArgv(verb, cluster_dir_);
  return Tectonic(std::vector<std::string>(argv.begin() + 2, argv.end()), env);
}

const FaultsTest::Reference& FaultsTest::Clean() {
  static std::unique_ptr<Reference> reference;
  if (reference) return *reference;
  auto ref = std::make_unique<Reference>();
  StartAwsim();
  ref->before = CountKinds();
  awsim_->Admin("POST", "faults", {{"stall_after_mutating", 0}});  // restarts the counter
  auto create = Run("create");
  EXPECT_EQ(create.exit_code, 0) << create.err;
  ref->create_mutating = awsim_->Admin("GET", "faults")["gate"].value("mutating_calls", 0);
  ref->installed = CountKinds();
  awsim_->Admin("POST", "faults", {{"stall_after_mutating", 0}});
  auto destroy = Run("destroy");
  EXPECT_EQ(destroy.exit_code, 0) << destroy.err;
  ref->destroy_mutating = awsim_->Admin("GET", "faults")["gate"].value("mutating_calls", 0);
  EXPECT_EQ(Diff(ref->before, CountKinds()), std::vector<std::string>{});
  reference = std::move(ref);
  return *reference;
}

bool FaultsTest::KillAfterMutating(const std::string& verb, int k) {
  awsim_->Admin("POST", "faults", {{"stall_after_mutating", k}});
  ProcessOptions options;
  options.env_set = env_;
  BackgroundProcess run(TectonicArgv(verb, cluster_dir_), options,
                        work_->path() + "/kill-" + verb + "-" + std::to_string(k) + ".log");
  bool held = false;
  // The admin call blocks until the gate holds; the loop only notices a run that ended first.
  while (true) {
    auto state = awsim_->Admin("POST", "faults/wait", {{"timeout_ms", 1000}});
    if (state.value("stalled_now", false)) {
      held = true;
      break;
    }
    if (!run.Running()) break;
  }
  if (held) run.Signal(SIGKILL);
  run.Wait();
  awsim_->Admin("POST", "faults", {{"release", true}});
  return held;
}

int FaultsTest::RunUntilDone(const std::string& verb, int runs, ProcessResult* last,
                             const std::map<std::string, std::string>& env) {
  for (int i = 1; i <= runs; ++i) {
    *last = Run(verb, env);
    if (last->exit_code == 0) return i;
  }
  return -1;
}

std::vector<std::string> FaultsTest::Diff(const nlohmann::json& a, const nlohmann::json& b) {
  std::vector<std::string> out;
  for (auto it = a.begin(); it != a.end(); ++it) {
    int before = it.value().get<int>();
    int after = b.value(it.key(), -1);
    if (before != after)
      out.push_back(it.key() + " " + std::to_string(before) + "->" + std::to_string(after));
  }
  return out;
}

}  // namespace tectonic::testing
