// A damaged journal on a real cluster: create, status and destroy --dir stop with a clear error
// (what, where, how to fix), change nothing on AWS or on disk, and `destroy --cluster-id`
// still removes everything by tag, as boto3 sees it.
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/integration/awsim_cluster/awsim_cluster_fixture.h"

namespace tectonic::testing {
namespace {

using nlohmann::json;

class DamagedJournalTest : public AwsimClusterTest {
 protected:
  std::string Journal() { return cluster_dir_ + "/state.db"; }
  std::string Bytes() {
    std::ifstream in(Journal(), std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }
  void Write(const std::string& bytes) {
    std::ofstream(Journal(), std::ios::binary | std::ios::trunc) << bytes;
  }
  // Every command that reads the journal stops with exit 2 and the way out, and changes
  // nothing: no mutating call, the damaged file as it was.
  void ExpectClearStop(const std::string& damage) {
    std::string before = Bytes();
    int mark = CallCount();
    for (std::vector<std::string> args : {std::vector<std::string>{"status", "--dir", cluster_dir_},
                                          {"create", "cluster", "--dir", cluster_dir_},
                                          {"destroy", "cluster", "--dir", cluster_dir_}}) {
      auto r = Tectonic(args);
      std::string what = damage + ": " + args[0] + " " + args[1];
      EXPECT_EQ(r.exit_code, 2) << what << "\n" << r.err;
      EXPECT_NE(r.err.find("the journal " + Journal() + " is damaged"), std::string::npos)
          << what << "\n"
          << r.err;
      EXPECT_NE(r.err.find("tectonic destroy cluster --cluster-id " + ClusterId() +
                           " --region us-east-1"),
                std::string::npos)
          << what << "\n"
          << r.err;
      EXPECT_NE(r.err.find("aside"), std::string::npos) << what << "\n" << r.err;
    }
    EXPECT_EQ(Judge(mark).value("mutating", json()), json::array()) << damage;
    EXPECT_EQ(Bytes(), before) << damage << ": the damaged journal was changed";
  }
};

TEST_F(DamagedJournalTest, ClearStopThenDestroyByClusterIdRemovesEverything) {
  ASSERT_NO_FATAL_FAILURE(Start({}));
  auto create = Tectonic({"create", "cluster", "--dir", cluster_dir_, "--output", "json"});
  ASSERT_EQ(create.exit_code, 0) << create.err;
  ASSERT_FALSE(ClusterId().empty());
  std::string sound = Bytes();
  ASSERT_GT(sound.size(), 4096u * 4);

  Write(sound.substr(0, sound.size() / 2));
  ExpectClearStop("cut in half");

  std::string noise(sound.size(), '\0');
  std::uint32_t x = 88172645u;
  for (char& c : noise) {
    x ^= x << 13, x ^= x >> 17, x ^= x << 5;
    c = static_cast<char>(x);
  }
  Write(noise);
  ExpectClearStop("random bytes");
  json before = Judge();
  EXPECT_GE(before.value("keys", json::object()).size(), 40u) << "the cluster is still there";

  // The documented way out: destroy by the cluster's tag, without the directory.
  auto destroy = Tectonic({"destroy", "cluster", "--cluster-id", ClusterId(), "--region",
                           "us-east-1", "--output", "json"});
  EXPECT_EQ(destroy.exit_code, 0) << destroy.err << destroy.out;
  EXPECT_TRUE(ResultEvent(destroy.out).value("ok", false)) << destroy.out;
  json after = Judge();
  EXPECT_EQ(after.value("leftovers", json()), json::array()) << after.dump(1);
}

}  // namespace
}  // namespace tectonic::testing
