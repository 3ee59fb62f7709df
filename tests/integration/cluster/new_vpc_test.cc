// Scenario 1: the default cluster (new VPC, 3 zones) against moto. Create builds the documented
// topology (judged by boto3); a second create makes no mutating call; status sees every node;
// destroy leaves nothing of the cluster and touches nothing else (decoys, the default VPC).
#include <string>
#include <vector>

#include "tests/integration/cluster/cluster_fixture.h"
#include "tests/integration/cluster/topology_checks.h"

namespace tectonic::testing {
namespace {

TEST_F(ClusterTest, NewVpcCreateRerunStatusDestroy) {
  auto seed = Seed({"--decoys"});
  ASSERT_TRUE(seed.is_object());
  InitCluster(seed["ami_id"]);
  const auto& decoys = seed["decoys"];
  std::vector<std::string> untouched = {"default-vpc:",
                                        "vpc:" + decoys["vpc"].get<std::string>(),
                                        "igw:" + decoys["igw"].get<std::string>(),
                                        "subnet:" + decoys["subnet"].get<std::string>(),
                                        "nat:" + decoys["nat"].get<std::string>(),
                                        "sg:" + decoys["sg"].get<std::string>(),
                                        "role:" + decoys["role"].get<std::string>()};

  auto first = CreateCluster();
  EXPECT_EQ(first.value("created", -1), 81) << first.dump();
  EXPECT_EQ(first.value("found", -1), 0);
  ExpectedCluster want;
  want.cluster_id = ClusterId();
  want.ami_id = seed["ami_id"];
  ASSERT_FALSE(want.cluster_id.empty());
  auto built = Inspect(untouched);
  ExpectFullCluster(built, want);
  ExpectNoDuplicates(built, want);
  ExpectUntouched(built, untouched, want.cluster_id);

  auto second = CreateCluster();
  EXPECT_EQ(second.value("created", -1), 0) << "a second run changes nothing";
  EXPECT_EQ(second.value("found", -1), 81);
  EXPECT_EQ(second.value("mutatingCalls", -1), 0) << second.dump();
  // The result counts the calls by operation; they add up, and the re-run only read.
  for (const auto* run : {&first, &second}) {
    const auto& calls = (*run)["calls"];
    int sum = 0;
    for (const auto& [operation, n] : calls["byOperation"].items()) sum += n.get<int>();
    EXPECT_EQ(sum, calls.value("total", -1)) << calls.dump();
    EXPECT_EQ(calls.value("total", -1), run->value("awsCalls", -2)) << calls.dump();
  }
  for (const auto& [operation, n] : second["calls"]["byOperation"].items()) {
    std::string name = operation.substr(operation.find(':') + 1);
    bool read = false;
    for (const char* prefix : {"Describe", "List", "Get", "Head", "Simulate"}) {
      read = read || name.rfind(prefix, 0) == 0;
    }
    EXPECT_TRUE(read) << operation << " in a re-run that changes nothing";
  }
  // No IAM propagation poll: one GetInstanceProfile per profile (its Find), not one per second.
  EXPECT_LE(first["calls"]["byOperation"].value("iam:GetInstanceProfile", 0), 3)
      << first["calls"].dump();

  StatusAllPresent(81);

  DestroyCluster({"--dir", dir()});
  auto after = Inspect(untouched);
  ExpectNothingLeft(after);
  ExpectUntouched(after, untouched, want.cluster_id);
}

}  // namespace
}  // namespace tectonic::testing
