// Kill points (a CI sample; bench/killpoints runs them all): awsim's gate holds every call
// once the k-th mutating call is answered, tectonic is SIGKILLed there, and a re-run must
// converge to a clean install's counts (no duplicate of any kind); a destroy killed the same
// way and re-run must leave the account as it was.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

#include "tests/integration/faults/faults_fixture.h"

namespace tectonic::testing {
namespace {

class KillPointsTest : public FaultsTest {};

// KILL_POINTS_CREATE / KILL_POINTS_DESTROY override the sample size (bench/killpoints sets
// "all").
int SampleSize(const char* env, int fallback) {
  const char* v = std::getenv(env);
  return v && *v ? std::atoi(v) : fallback;
}

// n points spread over 1..total (first and last included).
std::vector<int> Spread(int total, int n) {
  std::vector<int> points;
  if (n <= 0 || n >= total) {
    for (int k = 1; k <= total; ++k) points.push_back(k);
    return points;
  }
  for (int i = 0; i < n; ++i) points.push_back(1 + (n == 1 ? 0 : i * (total - 1) / (n - 1)));
  return points;
}

TEST_F(KillPointsTest, CreateAndDestroyKilledAfterTheKthMutatingCall) {
  const Reference& clean = Clean();
  ASSERT_GT(clean.create_mutating, 40);
  ASSERT_GT(clean.destroy_mutating, 10);
  auto create_points = Spread(clean.create_mutating, SampleSize("KILL_POINTS_CREATE", 8));
  auto destroy_points = Spread(clean.destroy_mutating, SampleSize("KILL_POINTS_DESTROY", 4));
  int tried = 0, duplicates = 0, leftovers = 0;
  for (size_t i = 0; i < create_points.size(); ++i) {
    int k = create_points[i];
    StartAwsim();
    nlohmann::json before = CountKinds();
    bool killed = KillAfterMutating("create", k);
    EXPECT_TRUE(killed) << "create ended before mutating call " << k;
    ProcessResult rerun;
    EXPECT_EQ(RunUntilDone("create", 1, &rerun), 1)
        << "re-run after a kill at create call " << k << ": " << rerun.err << rerun.out;
    auto diff = Diff(clean.installed, CountKinds());
    EXPECT_EQ(diff, std::vector<std::string>{}) << "kill at create call " << k;
    duplicates += static_cast<int>(!diff.empty());
    ++tried;
    // Destroy points ride on the converged clusters (one per create point until enough).
    if (i < destroy_points.size()) {
      int d = destroy_points[i];
      EXPECT_TRUE(KillAfterMutating("destroy", d)) << "destroy ended before call " << d;
      ProcessResult again;
      EXPECT_EQ(RunUntilDone("destroy", 1, &again), 1)
          << "re-run after a kill at destroy call " << d << ": " << again.err << again.out;
      auto left = Diff(before, CountKinds());
      EXPECT_EQ(left, std::vector<std::string>{}) << "kill at destroy call " << d;
      leftovers += static_cast<int>(!left.empty());
      ++tried;
    }
  }
  // More destroy points than create points (bench/killpoints with "all"): one cluster each.
  for (size_t i = create_points.size(); i < destroy_points.size(); ++i) {
    int d = destroy_points[i];
    StartAwsim();
    nlohmann::json before = CountKinds();
    ProcessResult create;
    ASSERT_EQ(RunUntilDone("create", 1, &create), 1) << create.err;
    EXPECT_TRUE(KillAfterMutating("destroy", d)) << "destroy ended before call " << d;
    ProcessResult again;
    EXPECT_EQ(RunUntilDone("destroy", 1, &again), 1) << again.err << again.out;
    auto left = Diff(before, CountKinds());
    EXPECT_EQ(left, std::vector<std::string>{}) << "kill at destroy call " << d;
    leftovers += static_cast<int>(!left.empty());
    ++tried;
  }
  std::printf(
      "[kill points] create calls %d, destroy calls %d; points tried %d (create %zu, destroy "
      "%zu); runs with duplicates %d; runs with leftovers %d\n",
      clean.create_mutating, clean.destroy_mutating, tried, create_points.size(),
      destroy_points.size(), duplicates, leftovers);
}

}  // namespace
}  // namespace tectonic::testing
