// The installer against awsim under each of its hostile conditions: every scenario creates,
// re-runs with no mutating call, destroys, and is judged by boto3 and awsim's call log
// (no duplicate graph key, nothing left), and shows that the condition was really met.
#include <nlohmann/json.hpp>

#include "tests/integration/awsim_cluster/awsim_cluster_fixture.h"

namespace tectonic::testing {
namespace {

using nlohmann::json;

int Count(const json& codes, std::initializer_list<const char*> names) {
  int n = 0;
  for (const char* name : names) n += codes.value(name, 0);
  return n;
}

TEST_F(AwsimClusterTest, RealisticLatencyCompressed) {
  ASSERT_NO_FATAL_FAILURE(Start({"--latency", "realistic", "--time-scale", "100"}));
  auto latency = awsim_->Admin("GET", "latency");
  ASSERT_EQ(latency.value("mode", ""), "realistic") << latency.dump();
  // A slow IAM propagation (500 s of AWS time, 5 s here): EC2 and Auto Scaling refuse the new
  // instance profiles for a while. The installer does not wait for IAM itself; RunInstances
  // and CreateAutoScalingGroup retry the refusal.
  auto config = awsim_->Admin("POST", "config", {{"latency_seconds", {{"iam_propagation", 500}}}});
  ASSERT_FALSE(config.contains("error")) << config.dump();
  auto report = CreateRerunDestroy();
  EXPECT_GT(Count(report["codes"], {"InvalidParameterValue", "ValidationError"}), 0)
      << "no consumer met IAM propagation: " << report["codes"].dump();
}

TEST_F(AwsimClusterTest, Throttled) {
  // Buckets refill on the emulator clock; a time scale below 1 slows the refill, so the
  // installer's bursts really run into the limits.
  ASSERT_NO_FATAL_FAILURE(Start({"--throttle", "--time-scale", "0.25"}));
  auto report = CreateRerunDestroy();
  EXPECT_GT(Count(report["codes"], {"RequestLimitExceeded", "Throttling", "ThrottlingException"}),
            0)
      << report["codes"].dump();
}

TEST_F(AwsimClusterTest, ServerErrors) {
  ASSERT_NO_FATAL_FAILURE(Start({"--error-rate", "0.05", "--seed", "7"}));
  auto report = CreateRerunDestroy();
  EXPECT_GT(Count(report["codes"], {"InternalError", "ServiceUnavailable", "Unavailable"}), 0)
      << report["codes"].dump();
}

TEST_F(AwsimClusterTest, EventualConsistency) {
  ASSERT_NO_FATAL_FAILURE(Start({"--consistency-ms", "1500"}));
  auto report = CreateRerunDestroy();
  int not_found = 0;
  for (const auto& [code, n] : report["codes"].items())
    if (code.find("NotFound") != std::string::npos) not_found += n.get<int>();
  EXPECT_GT(not_found, 0) << "no call met the consistency window: " << report["codes"].dump();
}

}  // namespace
}  // namespace tectonic::testing
