// The private zone and the records as CloudFormation.
#include <gtest/gtest.h>

#include "cloudformation/test_util.h"

namespace tectonic::cloudformation {
namespace {

using namespace testing;  // NOLINT: test helpers

TEST(DnsTest, PrivateZoneIsOnTheVpc) {
  const Template tmpl = Build(DefaultGraph());
  const Json& zone = Props(tmpl, "zone/private");
  EXPECT_EQ(zone["Name"], "demo.example.com");
  EXPECT_EQ(zone["VPCs"][0]["VPCId"], Ref("vpc"));
  EXPECT_EQ(zone["VPCs"][0]["VPCRegion"], "us-east-1");
  EXPECT_EQ(TagMap(zone["HostedZoneTags"])["tectonic.io/resource"], "zone/private");
}

TEST(DnsTest, AliasRecordsReadTheBalancersNameAndZone) {
  const Template tmpl = Build(DefaultGraph());
  const Json& api = Props(tmpl, "dns/api");
  EXPECT_EQ(api["HostedZoneId"], "Z0123456789ABCDEFGHIJ");
  EXPECT_EQ(api["Name"], "demo-api.example.com");
  EXPECT_EQ(api["Type"], "A");
  EXPECT_EQ(api["AliasTarget"]["DNSName"], Att("nlb/api-ext", "DNSName"));
  EXPECT_EQ(api["AliasTarget"]["HostedZoneId"], Att("nlb/api-ext", "CanonicalHostedZoneID"));
  EXPECT_EQ(Props(tmpl, "dns/api-int")["HostedZoneId"], Ref("zone/private"));
}

TEST(DnsTest, EtcdRecordsPointAtTheInstancesPrivateAddress) {
  const Template tmpl = Build(DefaultGraph());
  const Json& record = Props(tmpl, "dns/etcd/2");
  EXPECT_EQ(record["ResourceRecords"], Json::array({Att("etcd/2", "PrivateIp")}));
  EXPECT_EQ(record["TTL"], "60");
  EXPECT_EQ(record["HostedZoneId"], Ref("zone/private"));
}

}  // namespace
}  // namespace tectonic::cloudformation
