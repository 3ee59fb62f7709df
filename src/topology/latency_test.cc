#include "topology/latency.h"

#include <gtest/gtest.h>

#include <set>

namespace tectonic::topology {
namespace {

TEST(LatencyTest, LongPolesDominate) {
  EXPECT_DOUBLE_EQ(RealisticSeconds("ec2.nat_gateway"), 90.0);
  EXPECT_DOUBLE_EQ(RealisticSeconds("elbv2.load_balancer"), 180.0);
  EXPECT_DOUBLE_EQ(RealisticSeconds("ec2.instance"), 30.0);
  EXPECT_DOUBLE_EQ(RealisticSeconds("route53.record"), 45.0);
  EXPECT_DOUBLE_EQ(RealisticSeconds("iam.instance_profile"), 10.0);
  EXPECT_DOUBLE_EQ(RealisticSeconds("ec2.route"), kApiCallSeconds);
  EXPECT_DOUBLE_EQ(RealisticSeconds("no.such_kind"), kApiCallSeconds);
}

TEST(LatencyTest, TableIsCompleteAndConsistent) {
  std::set<std::string_view> kinds;
  for (const auto& entry : LatencyTable()) {
    EXPECT_TRUE(kinds.insert(entry.kind).second) << entry.kind;
    EXPECT_GT(entry.seconds, 0) << entry.kind;
    EXPECT_FALSE(entry.basis.empty()) << entry.kind;
  }
  EXPECT_EQ(kinds.size(), 27u);  // every kind of KINDS.md
  auto table = RealisticLatencyTable();
  EXPECT_EQ(table.size(), kinds.size());
  EXPECT_DOUBLE_EQ(table.at("elbv2.load_balancer"), 180.0);
}

}  // namespace
}  // namespace tectonic::topology
