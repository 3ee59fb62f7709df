// The wait for the cluster against awsim, one cluster through four scenarios (one awsim, one
// create): create waits while the targets are `initial` and succeeds once awsim's clock makes
// them healthy; a node whose health checks fail ends `tectonic wait` with exit 6 and a
// diagnosis naming the target, AWS's reason, the instance state and its console (redacted);
// `tectonic wait` on the existing cluster; `--no-wait` makes no DescribeTargetHealth call;
// destroy retires the cluster id, and the same directory installs a fresh cluster.
// The API name never resolves here, so the in-cluster checks are skipped and the result says so.
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/integration/awsim_cluster/awsim_cluster_fixture.h"

namespace tectonic::testing {
namespace {

using nlohmann::json;

constexpr const char* kSkipped =
    "API name does not resolve from this machine; skipped the in-cluster checks";

class AwsimWaitTest : public AwsimClusterTest {
 protected:
  // awsim's calls of `operation` from entry `since` on.
  int CallsOf(const std::string& operation, int since) {
    auto calls = awsim_->Admin("GET", "calls");
    int n = 0;
    for (size_t i = static_cast<size_t>(since); i < calls.size(); ++i) {
      n += calls[i].value("operation", "") == operation;
    }
    return n;
  }

  // Every NDJSON event of a run.
  static std::vector<json> Events(const std::string& ndjson) {
    std::vector<json> out;
    std::istringstream in(ndjson);
    std::string line;
    while (std::getline(in, line)) {
      auto event = json::parse(line, nullptr, false);
      if (event.is_object()) out.push_back(event);
    }
    return out;
  }

  // An instance of the master Auto Scaling group (a target of every target group).
  std::string AMaster() {
    auto resources = awsim_->Admin("GET", "resources");
    for (const auto& i : resources.value("instances", json::array())) {
      if (i.value("asg", "").find("master") != std::string::npos && !i.value("terminated", true)) {
        return i.value("id", "");
      }
    }
    return "";
  }
};

TEST_F(AwsimWaitTest, CreateWaitsDiagnosesAndWaitAgain) {
  ASSERT_NO_FATAL_FAILURE(Start({}));
  // Targets stay `initial` for an hour of awsim's clock; the test moves the clock when the
  // wait reports them initial, so nothing depends on how fast the machine is.
  auto config = awsim_->Admin("POST", "config", {{"latency_seconds", {{"target_healthy", 3600}}}});
  ASSERT_FALSE(config.contains("error")) << config.dump();

  // 1. create waits, then succeeds once the targets are healthy.
  bool advanced = false;
  std::vector<std::string> argv = {TECTONIC_BINARY_DIR "/bin/tectonic",
                                   "--yes",
                                   "create",
                                   "cluster",
                                   "--dir",
                                   cluster_dir_,
                                   "--output",
                                   "json"};
  ProcessOptions options;
  options.env_set = env_;
  auto create = RunStreaming(
      argv, options, work_->path() + "/create.err",
      [&](const std::string& line) {
        auto event = json::parse(line, nullptr, false);
        if (!advanced && event.is_object() && event.value("type", "") == "node_waiting" &&
            event.value("key", "") == "wait/targets" &&
            event.value("detail", "").find("initial") != std::string::npos) {
          advanced = true;
          awsim_->Admin("POST", "clock", {{"advance_seconds", 3600}});
        }
        return false;
      },
      std::chrono::seconds(300));
  std::string create_out;
  for (const auto& l : create.lines) create_out += l + "\n";
  ASSERT_EQ(create.exit_code, 0) << create_out;
  EXPECT_TRUE(advanced) << "create never reported initial targets:\n" << create_out;
  json result = ResultEvent(create_out);
  ASSERT_TRUE(result.value("ok", false)) << result.dump();
  const json& wait = result["wait"];
  EXPECT_TRUE(wait.value("ok", false)) << wait.dump();
  EXPECT_EQ(wait.value("targetGroups", 0), 4) << wait.dump();
  EXPECT_EQ(wait.value("healthyTargets", 0), 12) << wait.dump();  // 3 masters x 4 groups
  EXPECT_EQ(wait.value("note", ""), kSkipped);
  EXPECT_GE(wait.value("polls", 0), 2) << wait.dump();
  bool targets_done = false;
  for (const auto& e : Events(create_out)) {
    if (e.value("key", "") == "wait/targets" && e.value("type", "") == "node_done") {
      targets_done = true;
      EXPECT_NE(e.value("detail", "").find("api-ext 3/3"), std::string::npos) << e.dump();
    }
  }
  EXPECT_TRUE(targets_done);

  // 2. A master whose health checks fail: exit 6 and a diagnosis, the license redacted.
  std::string master = AMaster();
  ASSERT_FALSE(master.empty());
  auto hook = awsim_->Admin(
      "POST", "target_health",
      {{"instance_id", master},
       {"failing", true},
       {"console", {"cat /etc/tectonic/license: awsim-cluster-license-0123456789abcdef"}}});
  ASSERT_TRUE(hook.value("failing", false)) << hook.dump();
  int mark = CallCount();
  auto failed = Tectonic({"wait", "--dir", cluster_dir_, "--timeout", "3s", "--output", "json"});
  EXPECT_EQ(failed.exit_code, 6) << failed.out << failed.err;
  json diagnosed = ResultEvent(failed.out);
  EXPECT_FALSE(diagnosed.value("ok", true)) << diagnosed.dump();
  std::string diagnosis = diagnosed.value("diagnosis", "");
  EXPECT_NE(
      diagnosis.find(master + ":443 unhealthy Target.FailedHealthChecks: Health checks failed"),
      std::string::npos)
      << diagnosis;
  EXPECT_NE(diagnosis.find(master + " asg/master running"), std::string::npos) << diagnosis;
  EXPECT_NE(diagnosis.find("Console of " + master), std::string::npos) << diagnosis;
  EXPECT_NE(diagnosis.find("kubelet.service: Main process exited"), std::string::npos) << diagnosis;
  EXPECT_NE(diagnosis.find("cat /etc/tectonic/license: [REDACTED]"), std::string::npos)
      << diagnosis;
  EXPECT_EQ(failed.out.find("awsim-cluster-license-0123456789abcdef"), std::string::npos)
      << "the license reached the output";
  EXPECT_EQ(CallsOf("GetConsoleOutput", mark), 1) << "the console of the failing node only";
  bool failed_event = false;
  for (const auto& e : Events(failed.out)) {
    failed_event |= e.value("type", "") == "node_failed" && e.value("key", "") == "wait/targets";
  }
  EXPECT_TRUE(failed_event) << failed.out;

  // 3. The node recovers: `tectonic wait` on the existing cluster succeeds (text output).
  awsim_->Admin("POST", "target_health", {{"instance_id", master}, {"failing", false}});
  auto waited = Tectonic({"wait", "--dir", cluster_dir_});
  EXPECT_EQ(waited.exit_code, 0) << waited.out << waited.err;
  EXPECT_NE(waited.out.find("12/12 load balancer targets healthy"), std::string::npos)
      << waited.out;
  EXPECT_NE(waited.out.find(kSkipped), std::string::npos) << waited.out;

  // Without the journal the wait finds the target groups by the cluster's tags.
  std::filesystem::rename(cluster_dir_ + "/state.db", cluster_dir_ + "/state.db.away");
  auto by_tags = Tectonic({"wait", "--dir", cluster_dir_, "--output", "json"});
  std::filesystem::rename(cluster_dir_ + "/state.db.away", cluster_dir_ + "/state.db");
  EXPECT_EQ(by_tags.exit_code, 0) << by_tags.out << by_tags.err;
  EXPECT_EQ(ResultEvent(by_tags.out).value("targetGroups", 0), 4) << by_tags.out;

  // 4. --no-wait: the re-run of create asks nothing about target health.
  mark = CallCount();
  auto no_wait = Tectonic({"create", "cluster", "--dir", cluster_dir_, "--no-wait"});
  EXPECT_EQ(no_wait.exit_code, 0) << no_wait.out << no_wait.err;
  EXPECT_EQ(CallsOf("DescribeTargetHealth", mark), 0);
  EXPECT_GT(CallCount(), mark);
  EXPECT_NE(no_wait.out.find("--no-wait"), std::string::npos) << no_wait.out;

  // 5. Destroy, then the same directory installs a fresh cluster: the destroyed id is retired
  // (EC2 remembers client tokens, so reusing it failed with IdempotentParameterMismatch).
  const std::string first = ClusterId();
  auto destroy = Tectonic({"destroy", "cluster", "--dir", cluster_dir_, "--output", "json"});
  ASSERT_EQ(destroy.exit_code, 0) << destroy.out << destroy.err;
  EXPECT_TRUE(ResultEvent(destroy.out).value("retired", false)) << destroy.out;
  EXPECT_EQ(Judge().value("leftovers", json()), json::array());
  EXPECT_FALSE(std::filesystem::exists(cluster_dir_ + "/state.db"));
  std::ifstream in(cluster_dir_ + "/metadata.json");
  json metadata = json::parse(in, nullptr, false);
  EXPECT_FALSE(metadata.contains("clusterID")) << metadata.dump();
  EXPECT_EQ(metadata["destroyed"][0].value("clusterID", ""), first) << metadata.dump();
  // Every reader says so; destroy again has nothing to do and calls nothing.
  auto status = Tectonic({"status", "--dir", cluster_dir_});
  EXPECT_EQ(status.exit_code, 2) << status.out << status.err;
  EXPECT_NE(status.err.find(first + " ('demo' in us-east-1)"), std::string::npos) << status.err;
  EXPECT_NE(status.err.find("was destroyed at"), std::string::npos) << status.err;
  auto wait_gone = Tectonic({"wait", "--dir", cluster_dir_});
  EXPECT_EQ(wait_gone.exit_code, 2) << wait_gone.out << wait_gone.err;
  EXPECT_NE(wait_gone.err.find("was destroyed at"), std::string::npos) << wait_gone.err;
  mark = CallCount();
  auto again = Tectonic({"destroy", "cluster", "--dir", cluster_dir_});
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_NE(again.out.find("Nothing to destroy: cluster " + first), std::string::npos) << again.out;
  EXPECT_EQ(CallCount(), mark);

  auto second =
      Tectonic({"create", "cluster", "--dir", cluster_dir_, "--no-wait", "--output", "json"});
  ASSERT_EQ(second.exit_code, 0) << second.out << second.err;
  EXPECT_TRUE(ResultEvent(second.out).value("ok", false)) << second.out;
  cluster_id_.clear();
  const std::string renewed = ClusterId();
  EXPECT_NE(renewed, first);
  EXPECT_EQ(ResultEvent(second.out).value("clusterID", ""), renewed) << second.out;
  json report = Judge();
  EXPECT_EQ(report.value("duplicates", json::array()), json::array()) << report.dump(1);
  EXPECT_GE(report.value("keys", json::object()).size(), 40u) << report.dump(1);
  // Nothing tagged with the first id. The judge finds IAM roles by name, not by tag, and the
  // new cluster's roles have the same names: leave them out.
  cluster_id_ = first;
  json tagged_first = Judge().value("keys", json::object());
  for (const char* role :
       {"iam:role iam/master/role", "iam:role iam/worker/role", "iam:role iam/etcd/role"}) {
    tagged_first.erase(role);
  }
  EXPECT_EQ(tagged_first, json::object()) << "the first cluster is back";
  cluster_id_ = renewed;
  auto last = Tectonic({"destroy", "cluster", "--dir", cluster_dir_, "--output", "json"});
  EXPECT_EQ(last.exit_code, 0) << last.out << last.err;
  EXPECT_EQ(Judge().value("leftovers", json()), json::array());
}

TEST_F(AwsimWaitTest, WaitOnADirectoryWithoutAClusterIsBadInput) {
  ASSERT_NO_FATAL_FAILURE(Start({}));
  auto r = Tectonic({"wait", "--dir", cluster_dir_});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("tectonic create cluster --dir"), std::string::npos) << r.err;
  auto bad = Tectonic({"wait", "--dir", cluster_dir_, "--timeout", "soon"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("like 30m"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace tectonic::testing
