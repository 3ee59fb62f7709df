// --wait-timeout / --timeout values and the JSON form of a wait outcome.
#include "cli/wait_output.h"

#include <gtest/gtest.h>

namespace tectonic::cli {
namespace {

TEST(ParseWaitTimeoutTest, UnitsAndCombinations) {
  EXPECT_EQ(ParseWaitTimeout("--timeout", "30m").value(), std::chrono::seconds(1800));
  EXPECT_EQ(ParseWaitTimeout("--timeout", "90s").value(), std::chrono::seconds(90));
  EXPECT_EQ(ParseWaitTimeout("--timeout", "1h30m").value(), std::chrono::seconds(5400));
}

TEST(ParseWaitTimeoutTest, RejectsWhatIsNotADurationAndSaysHowToWriteIt) {
  for (const char* bad : {"", "30", "m", "5x", "-5m", "0s", "1h30"}) {
    auto parsed = ParseWaitTimeout("--wait-timeout", bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidInput);
    EXPECT_NE(parsed.status().message().find("--wait-timeout"), std::string::npos);
    EXPECT_NE(parsed.status().message().find("30m"), std::string::npos);
  }
}

TEST(WaitJsonTest, CarriesTargetsInstancesAndTheDiagnosis) {
  installer::WaitOutcome wait;
  wait.stage = installer::Stage::kNotReady;
  wait.status = Status::Failed("not ready");
  wait.targets.push_back({"nlb/api-ext/tg", "i-1", 443, "unhealthy", "Target.FailedHealthChecks",
                          "Health checks failed"});
  wait.instances.push_back(
      {"i-1", "asg/master", "running", "us-east-1a", "10.0.0.5", true, "login:\n"});
  wait.diagnosis = "The cluster did not become ready";
  auto j = WaitJson(wait);
  EXPECT_FALSE(j["ok"].get<bool>());
  EXPECT_EQ(j["targets"][0]["reason"], "Target.FailedHealthChecks");
  EXPECT_EQ(j["instances"][0]["consoleTail"], "login:\n");
  EXPECT_EQ(j["diagnosis"], "The cluster did not become ready");
  EXPECT_FALSE(j.contains("readyNodes"));  // not checked
}

}  // namespace
}  // namespace tectonic::cli
