// Scenario 2: existing-VPC mode. The user's VPC with its attached internet gateway is borrowed:
// tagged `shared` while the cluster lives, never created or deleted; destroy removes the
// installer's subnets, NAT gateways, routes and the rest, and exactly the `shared` tag.
#include <string>
#include <vector>

#include "tests/integration/cluster/cluster_fixture.h"
#include "tests/integration/cluster/topology_checks.h"

namespace tectonic::testing {
namespace {

TEST_F(ClusterTest, ExistingVpcCreateRerunDestroy) {
  auto seed = Seed({"--existing-vpc", "10.0.0.0/16"});
  ASSERT_TRUE(seed.is_object());
  std::string vpc = seed["existing_vpc"]["vpc"];
  std::string igw = seed["existing_vpc"]["igw"];
  InitCluster(seed["ami_id"], vpc);

  auto first = CreateCluster();
  int total = first.value("created", 0) + first.value("found", 0);
  EXPECT_EQ(first.value("found", -1), 2) << "the borrowed VPC and gateway are found, not made";
  EXPECT_EQ(total, 82) << "81 nodes - igw/attach + tag/vpc + tag/igw: " << first.dump();
  ExpectedCluster want;
  want.cluster_id = ClusterId();
  want.ami_id = seed["ami_id"];
  want.existing_vpc_id = vpc;
  want.existing_igw_id = igw;
  auto built = Inspect({"vpc:" + vpc, "igw:" + igw});
  ExpectFullCluster(built, want);
  ExpectNoDuplicates(built, want);
  std::string cluster_tag = "kubernetes.io/cluster/" + want.cluster_id;
  EXPECT_EQ(built["probes"]["igw:" + igw]["tags"].value(cluster_tag, ""), "shared");

  auto second = CreateCluster();
  EXPECT_EQ(second.value("created", -1), 0);
  EXPECT_EQ(second.value("mutatingCalls", -1), 0) << second.dump();
  StatusAllPresent(static_cast<size_t>(total));

  DestroyCluster({"--dir", dir()});
  auto after = Inspect({"vpc:" + vpc, "igw:" + igw});
  ExpectNothingLeft(after);
  ExpectUntouched(after, {"vpc:" + vpc, "igw:" + igw}, want.cluster_id);
  EXPECT_EQ(after["probes"]["igw:" + igw]["vpcs"], nlohmann::json::array({vpc}))
      << "the user's gateway stays attached";
  for (const auto& probe : {"vpc:" + vpc, "igw:" + igw}) {
    EXPECT_EQ(after["probes"][probe]["tags"].value("owner", ""), "someone-else")
        << probe << " keeps the user's own tags";
  }
}

}  // namespace
}  // namespace tectonic::testing
