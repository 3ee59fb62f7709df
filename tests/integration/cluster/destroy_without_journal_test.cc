// Scenario 4: destroy when the journal is lost. state.db is deleted after create; destroy by
// `--cluster-id ID --region R` (no directory) must remove everything through the tag sweep,
// and so must `--dir` for a second install whose journal is gone too.
#include <filesystem>
#include <string>

#include "tests/integration/cluster/cluster_fixture.h"
#include "tests/integration/cluster/topology_checks.h"

namespace tectonic::testing {
namespace {

void DeleteJournal(const std::string& dir) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::filesystem::remove(dir + "/state.db" + suffix);
  }
  ASSERT_FALSE(std::filesystem::exists(dir + "/state.db"));
}

TEST_F(ClusterTest, DestroyWithoutJournalSweepsByTag) {
  auto seed = Seed({"--decoys"});
  ASSERT_TRUE(seed.is_object());
  InitCluster(seed["ami_id"]);
  std::vector<std::string> untouched = {
      "default-vpc:", "vpc:" + seed["decoys"]["vpc"].get<std::string>(),
      "nat:" + seed["decoys"]["nat"].get<std::string>(),
      "sg:" + seed["decoys"]["sg"].get<std::string>(),
      "role:" + seed["decoys"]["role"].get<std::string>()};

  CreateCluster();
  std::string id = ClusterId();
  ASSERT_FALSE(id.empty());
  DeleteJournal(dir());
  auto by_id = DestroyCluster({"--cluster-id", id, "--region", "us-east-1"});
  EXPECT_GT(by_id.value("swept", nlohmann::json::array()).size(), 40u)
      << "the sweep found the cluster by its tags";
  auto after = Inspect(untouched);
  ExpectNothingLeft(after);
  ExpectUntouched(after, untouched, id);

  // Again through the directory: a fresh install in it, journal deleted, destroy --dir.
  auto second = CreateCluster();
  EXPECT_EQ(second.value("created", -1), 81) << "nothing was left to find";
  DeleteJournal(dir());
  auto by_dir = DestroyCluster({"--dir", dir()});
  EXPECT_GT(by_dir.value("swept", nlohmann::json::array()).size(), 40u);
  after = Inspect(untouched);
  ExpectNothingLeft(after);
  ExpectUntouched(after, untouched, id);
}

}  // namespace
}  // namespace tectonic::testing
