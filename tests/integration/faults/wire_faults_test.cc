// Faults on the wire: each scenario arms awsim's rules, runs `tectonic create cluster`, and
// expects a converged install or a clean stop (an exit code of ours, a message), then a re-run
// that completes, the same count of every kind as a clean install (no duplicate), and a destroy
// that leaves the account as it was.
#include <gtest/gtest.h>

#include <cstdio>

#include "tests/integration/faults/faults_fixture.h"

namespace tectonic::testing {
namespace {

using nlohmann::json;

class WireFaultsTest : public FaultsTest {
 protected:
  // Returns the first run's exit code.
  int Scenario(const std::string& name, const json& rules,
               const std::map<std::string, std::string>& env = {}) {
    const Reference& clean = Clean();
    StartAwsim();
    json before = CountKinds();
    SetRules(rules);
    auto first = Run("create", env);
    auto state = awsim_->Admin("GET", "faults");
    EXPECT_GE(state["injected"].size(), 1u) << name << ": no fault was injected " << state.dump();
    // A clean stop: one of our exit codes with a message, never a crash.
    EXPECT_LT(first.exit_code, 128) << name << first.err;
    if (first.exit_code != 0) {
      auto result = ResultEvent(first.out);
      EXPECT_FALSE(result.value("ok", true)) << name << first.out;
      EXPECT_FALSE(first.err.empty() && result.dump().size() < 20) << name;
    }
    SetRules(json::array());
    ProcessResult last = first;
    int runs = first.exit_code == 0 ? 0 : RunUntilDone("create", 2, &last, env);
    EXPECT_NE(runs, -1) << name << ": the re-run did not complete: " << last.err << last.out;
    EXPECT_EQ(Diff(clean.installed, CountKinds()), std::vector<std::string>{})
        << name << ": counts differ from a clean install";
    EXPECT_EQ(Judge().value("duplicates", json::array()), json::array()) << name;
    auto destroy = Run("destroy", env);
    EXPECT_EQ(destroy.exit_code, 0) << name << destroy.err;
    EXPECT_EQ(Diff(before, CountKinds()), std::vector<std::string>{}) << name << ": leftovers";
    std::printf("[wire fault] %s: injected %zu, first run exit %d, re-runs %d\n", name.c_str(),
                state["injected"].size(), first.exit_code, runs);
    return first.exit_code;
  }
};

json Rule(const std::string& kind, const std::string& match, int nth = 1, int times = 1,
          int delay_ms = 0) {
  json r = {{"kind", kind}, {"match", match}, {"nth", nth}, {"times", times}};
  if (delay_ms > 0) r["delay_ms"] = delay_ms;
  return r;
}

// The duplicate-create trap: each create is processed, then its connection reset; the client
// must find what it made (by ClientToken, name or tag), never make a second one.
TEST_F(WireFaultsTest, ResetAfterProcessingEveryCreate) {
  json rules = json::array();
  for (const char* op : {"CreateVpc",
                         "CreateSubnet",
                         "CreateInternetGateway",
                         "CreateRouteTable",
                         "CreateSecurityGroup",
                         "AllocateAddress",
                         "CreateNatGateway",
                         "CreateRole",
                         "CreateInstanceProfile",
                         "CreateKey",
                         "CreateAlias",
                         "CreateBucket",
                         "CreateHostedZone",
                         "CreateLoadBalancer",
                         "CreateTargetGroup",
                         "CreateListener",
                         "CreateLaunchTemplate",
                         "CreateAutoScalingGroup",
                         "RunInstances",
                         "ChangeResourceRecordSets",
                         "PutObject"}) {
    rules.push_back(Rule("reset_after", op));
  }
  Scenario("reset_after x21 creates", rules);
}

TEST_F(WireFaultsTest, ResetBeforeProcessing) {
  Scenario("reset_before mutating #5,#25,#45,#65",
           {Rule("reset_before", "mutating", 5), Rule("reset_before", "mutating", 25),
            Rule("reset_before", "mutating", 45), Rule("reset_before", "mutating", 65)});
}

TEST_F(WireFaultsTest, TruncatedAndMalformedBodies) {
  Scenario("truncated mutating #3,#30 + malformed mutating #15,#50 + truncated read #40",
           {Rule("truncated", "mutating", 3), Rule("truncated", "mutating", 30),
            Rule("malformed", "mutating", 15), Rule("malformed", "mutating", 50),
            Rule("truncated", "*", 40)});
}

// An answer that comes after the client's timeout (set short by TECTONIC_AWS_TIMEOUT_SECONDS):
// the call was processed; the retry must find its result.
TEST_F(WireFaultsTest, SlowAnswersPastTheClientTimeout) {
  Scenario("slow CreateVpc + CreateKey + RunInstances (3 s, timeout 1 s)",
           {Rule("slow", "CreateVpc", 1, 1, 3000), Rule("slow", "CreateKey", 1, 1, 3000),
            Rule("slow", "RunInstances", 1, 1, 3000)},
           {{"TECTONIC_AWS_TIMEOUT_SECONDS", "1"}});
}

// The session token expires mid-install: the run stops (AWS failure), saying to refresh the
// credentials; with fresh ones (the rule cleared) the same command resumes to completion.
TEST_F(WireFaultsTest, ExpiredTokenMidInstall) {
  const Reference& clean = Clean();
  ASSERT_GT(clean.create_mutating, 40);
  StartAwsim();
  json before = CountKinds();
  SetRules(json::array({Rule("expired_token", "*", 120, 0)}));
  auto first = Run("create");
  EXPECT_EQ(first.exit_code, 4) << first.err << first.out;
  EXPECT_NE((first.err + first.out).find("refresh your credentials"), std::string::npos)
      << first.err << first.out;
  EXPECT_EQ((first.err + first.out).find("wJalrXUtnFEMI"), std::string::npos);
  SetRules(json::array());
  ProcessResult last;
  EXPECT_EQ(RunUntilDone("create", 1, &last), 1) << last.err << last.out;
  EXPECT_EQ(Diff(clean.installed, CountKinds()), std::vector<std::string>{});
  auto destroy = Run("destroy");
  EXPECT_EQ(destroy.exit_code, 0) << destroy.err;
  EXPECT_EQ(Diff(before, CountKinds()), std::vector<std::string>{});
  std::printf("[wire fault] expired_token from call #120: first run exit %d, re-runs 1\n",
              first.exit_code);
}

}  // namespace
}  // namespace tectonic::testing
