// NLBs, target groups and listeners as CloudFormation.
#include <gtest/gtest.h>

#include "cloudformation/test_util.h"

namespace tectonic::cloudformation {
namespace {

using namespace testing;  // NOLINT: test helpers

TEST(LoadBalancersTest, NlbKeepsSchemeSubnetsAndAttributes) {
  const Template tmpl = Build(DefaultGraph());
  const Json& nlb = Props(tmpl, "nlb/api-int");
  EXPECT_EQ(nlb["Name"], "demo-api-int");
  EXPECT_EQ(nlb["Type"], "network");
  EXPECT_EQ(nlb["Scheme"], "internal");
  EXPECT_EQ(nlb["Subnets"].size(), 3u);
  EXPECT_EQ(nlb["LoadBalancerAttributes"],
            Json::array({{{"Key", "load_balancing.cross_zone.enabled"}, {"Value", "true"}}}));
  EXPECT_EQ(Props(tmpl, "nlb/api-ext")["Scheme"], "internet-facing");
}

TEST(LoadBalancersTest, TargetGroupHealthCheckAndListenerForward) {
  const Template tmpl = Build(DefaultGraph());
  const Json& tg = Props(tmpl, "nlb/api-ext/tg");
  EXPECT_EQ(tg["Protocol"], "TCP");
  EXPECT_EQ(tg["Port"], 443);
  EXPECT_EQ(tg["HealthCheckProtocol"], "HTTPS");
  EXPECT_EQ(tg["HealthCheckPath"], "/readyz");
  EXPECT_EQ(tg["HealthCheckPort"], "443");
  EXPECT_EQ(tg["VpcId"], Ref("vpc"));
  const Json& listener = Props(tmpl, "nlb/console/listener/80");
  EXPECT_EQ(listener["Port"], 80);
  EXPECT_EQ(listener["LoadBalancerArn"], Ref("nlb/console"));
  EXPECT_EQ(listener["DefaultActions"][0]["TargetGroupArn"], Ref("nlb/console/tg/http"));
}

TEST(LoadBalancersTest, InternalApiHasNoExternalBalancer) {
  auto config = topology::testing::DefaultConfig();
  config.networking.api_access = model::ApiAccess::kInternal;
  const Template tmpl = Build(GraphOf(config, topology::testing::DefaultInputs(config)));
  EXPECT_TRUE(Resource(tmpl, "nlb/api-ext").is_null());
  EXPECT_EQ(Props(tmpl, "dns/api")["AliasTarget"]["DNSName"], Att("nlb/api-int", "DNSName"));
}

}  // namespace
}  // namespace tectonic::cloudformation
