// The VPC layer as CloudFormation.
#include <gtest/gtest.h>

#include "cloudformation/test_util.h"

namespace tectonic::cloudformation {
namespace {

using namespace testing;  // NOLINT: test helpers

TEST(NetworkTest, VpcAndGatewayAttachment) {
  const Template tmpl = Build(DefaultGraph());
  const Json& vpc = Props(tmpl, "vpc");
  EXPECT_EQ(vpc["CidrBlock"], "10.0.0.0/16");
  EXPECT_EQ(vpc["EnableDnsSupport"], true);
  EXPECT_EQ(vpc["EnableDnsHostnames"], true);
  EXPECT_EQ(Props(tmpl, "igw/attach")["InternetGatewayId"], Ref("igw"));
  EXPECT_EQ(Props(tmpl, "igw/attach")["VpcId"], Ref("vpc"));
}

TEST(NetworkTest, SubnetsReadTheirZoneFromTheZonesParameterByPosition) {
  const Template tmpl = Build(DefaultGraph());
  const Json& master_b = Props(tmpl, "subnet/master/us-east-1b");
  EXPECT_EQ(master_b["AvailabilityZone"],
            Json({{"Fn::Select", Json::array({1, {{"Ref", "AvailabilityZones"}}})}}));
  EXPECT_EQ(master_b["MapPublicIpOnLaunch"], true);
  EXPECT_EQ(Props(tmpl, "subnet/worker/us-east-1c")["MapPublicIpOnLaunch"], false);
  EXPECT_EQ(
      TagMap(Props(tmpl, "subnet/worker/us-east-1c")["Tags"])["kubernetes.io/role/internal-elb"],
      "1");
  EXPECT_EQ(TagMap(master_b["Tags"])["kubernetes.io/role/elb"], "1");
}

TEST(NetworkTest, NatUsesTheAllocationIdAndPrivateRoutesUseTheNat) {
  const Template tmpl = Build(DefaultGraph());
  EXPECT_EQ(Props(tmpl, "nat/us-east-1b")["AllocationId"], Att("eip/us-east-1b", "AllocationId"));
  EXPECT_EQ(Props(tmpl, "nat/us-east-1b")["SubnetId"], Ref("subnet/master/us-east-1b"));
  EXPECT_EQ(Props(tmpl, "route/private/us-east-1b")["NatGatewayId"], Ref("nat/us-east-1b"));
  EXPECT_EQ(Props(tmpl, "route/public")["GatewayId"], Ref("igw"));
  EXPECT_EQ(Props(tmpl, "eip/us-east-1a")["Domain"], "vpc");
}

TEST(NetworkTest, SingleNatServesEveryZone) {
  auto config = topology::testing::DefaultConfig();
  config.aws.vpc.nat_gateways = model::NatMode::kSingle;
  const Template tmpl = Build(GraphOf(config, topology::testing::DefaultInputs(config)));
  EXPECT_TRUE(Resource(tmpl, "nat/us-east-1b").is_null());
  EXPECT_EQ(Props(tmpl, "route/private/us-east-1c")["NatGatewayId"], Ref("nat/us-east-1a"));
}

TEST(NetworkTest, OneZoneClusterHasOneOfEach) {
  const Template tmpl = Build(DefaultGraph(1));
  EXPECT_EQ(tmpl.body["Parameters"]["AvailabilityZones"]["Default"], "us-east-1a");
  EXPECT_FALSE(Resource(tmpl, "subnet/master/us-east-1a").is_null());
  EXPECT_TRUE(Resource(tmpl, "subnet/master/us-east-1b").is_null());
}

}  // namespace
}  // namespace tectonic::cloudformation
