// Scenario 3: kill -9 at many points of one install. Each run is SIGKILLed right after its k-th
// "node_created" event (k grows run by run, so the kill points spread over the whole graph,
// with other creates in flight); the next run resumes. When a run completes, boto3 must see
// the complete topology with no duplicate of any graph key; destroy then leaves nothing.
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/integration/cluster/cluster_fixture.h"
#include "tests/integration/cluster/topology_checks.h"
#include "tests/support/process.h"

namespace tectonic::testing {
namespace {

TEST_F(ClusterTest, KilledAtManyPointsResumesWithoutDuplicates) {
  auto seed = Seed({});
  ASSERT_TRUE(seed.is_object());
  InitCluster(seed["ami_id"]);

  std::vector<std::string> argv = {TectonicBinary(), "--yes", "create",   "cluster",
                                   "--dir",          dir(),   "--output", "json"};
  ProcessOptions options;
  options.env_set = env();
  std::vector<int> kill_points;  // cumulative creates when each run was killed
  int created_total = 0;
  bool completed = false;
  // CLUSTER_TEST_KILL_EVERY=N (a soak run by hand): kill after every N fresh creates instead.
  const char* every = std::getenv("CLUSTER_TEST_KILL_EVERY");
  const int fixed_k = every ? std::atoi(every) : 0;
  for (int run = 0; run < (fixed_k > 0 ? 200 : 20) && !completed; ++run) {
    const int k = fixed_k > 0 ? fixed_k : run + 1;  // kill after 1, 2, 3, ... fresh creates
    int created = 0;
    auto result = RunStreaming(
        argv, options, LogPath("create.err"),
        [&](const std::string& line) {
          auto event = nlohmann::json::parse(line, nullptr, false);
          if (event.is_object() && event.value("type", "") == "node_created") ++created;
          return created >= k;
        },
        std::chrono::seconds(180));
    ASSERT_FALSE(result.timed_out) << "run " << run << " hung";
    created_total += created;
    if (result.killed) {
      EXPECT_EQ(result.exit_code, 128 + 9);
      kill_points.push_back(created_total);
      continue;
    }
    std::string out;
    for (const auto& l : result.lines) out += l + "\n";
    ASSERT_EQ(result.exit_code, 0) << "run " << run << " failed: " << out;
    auto summary = ResultEvent(out);
    EXPECT_TRUE(summary.value("ok", false)) << summary.dump();
    // Creates in flight at a kill finish in AWS and are found (by journal or tag) later.
    EXPECT_EQ(summary.value("created", 0) + summary.value("found", 0), 81);
    std::printf("final run: %d created, %d found\n", summary.value("created", 0),
                summary.value("found", 0));
    completed = true;
  }
  ASSERT_TRUE(completed) << "no run completed";
  EXPECT_GE(kill_points.size(), 8u) << "kill points should cover the install";
  std::string points;
  for (int p : kill_points) points += std::to_string(p) + " ";
  RecordProperty("kill_points", points);
  std::printf("killed after cumulative creates: %s(%d runs)\n", points.c_str(),
              static_cast<int>(kill_points.size()) + 1);

  ExpectedCluster want;
  want.cluster_id = ClusterId();
  want.ami_id = seed["ami_id"];
  auto built = Inspect();
  ExpectFullCluster(built, want);
  ExpectNoDuplicates(built, want);

  auto again = CreateCluster();
  EXPECT_EQ(again.value("mutatingCalls", -1), 0) << again.dump();

  DestroyCluster({"--dir", dir()});
  ExpectNothingLeft(Inspect());
}

}  // namespace
}  // namespace tectonic::testing
