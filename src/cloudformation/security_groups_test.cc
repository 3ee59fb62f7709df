// Security groups and their rules as CloudFormation.
#include <gtest/gtest.h>

#include "cloudformation/test_util.h"

namespace tectonic::cloudformation {
namespace {

using namespace testing;  // NOLINT: test helpers

TEST(SecurityGroupsTest, OneIngressResourcePerGraphRule) {
  const engine::Graph graph = DefaultGraph();
  const Template tmpl = Build(graph);
  for (const char* role : {"master", "worker", "etcd", "api", "console"}) {
    const std::string key = std::string("sg/") + role + "/rules";
    const auto& ingress = graph.Find(key)->props["ingress"];
    const auto& ids = tmpl.logical_ids.at(key);
    ASSERT_EQ(ids.size(), ingress.size()) << key;  // the allow-all egress adds none
    for (size_t i = 0; i < ids.size(); ++i) {
      const Json& rule = tmpl.body["Resources"][ids[i]];
      EXPECT_EQ(rule["Type"], "AWS::EC2::SecurityGroupIngress");
      EXPECT_EQ(rule["Properties"]["GroupId"], Att(std::string("sg/") + role, "GroupId"));
      EXPECT_EQ(rule["Properties"]["IpProtocol"], ingress[i]["protocol"]);
      if (ingress[i].contains("cidr")) {
        EXPECT_EQ(rule["Properties"]["CidrIp"], ingress[i]["cidr"]);
      }
      if (ingress[i]["protocol"] != "-1") {
        EXPECT_EQ(rule["Properties"]["FromPort"], ingress[i]["from_port"]);
        EXPECT_EQ(rule["Properties"]["ToPort"], ingress[i]["to_port"]);
      }
    }
  }
}

TEST(SecurityGroupsTest, GroupReferencesUseGroupIds) {
  const engine::Graph graph = DefaultGraph();
  const Template tmpl = Build(graph);
  int references = 0;
  for (const auto& id : tmpl.logical_ids.at("sg/etcd/rules")) {
    const Json& props = tmpl.body["Resources"][id]["Properties"];
    if (!props.contains("SourceSecurityGroupId")) continue;
    EXPECT_EQ(props["SourceSecurityGroupId"]["Fn::GetAtt"][1], "GroupId");
    ++references;
  }
  EXPECT_GT(references, 0);
  EXPECT_EQ(Props(tmpl, "sg/master")["GroupName"], "demo-master");
  EXPECT_EQ(Props(tmpl, "sg/master")["VpcId"], Ref("vpc"));
  EXPECT_FALSE(Props(tmpl, "sg/master").contains("SecurityGroupEgress"));
}

TEST(SecurityGroupsTest, AnEgressRuleOtherThanAllowAllIsItsOwnResource) {
  engine::Graph graph = DefaultGraph();
  for (auto& node : graph.nodes) {
    if (node.key != "sg/etcd/rules") continue;
    node.props["egress"].push_back(
        {{"protocol", "tcp"}, {"from_port", 443}, {"to_port", 443}, {"cidr", "10.0.0.0/8"}});
  }
  const Template tmpl = Build(graph);
  const Json& egress = tmpl.body["Resources"]["SgEtcdRulesEgress01"];
  EXPECT_EQ(egress["Type"], "AWS::EC2::SecurityGroupEgress");
  EXPECT_EQ(egress["Properties"]["DestinationCidrIp"], "10.0.0.0/8");
}

}  // namespace
}  // namespace tectonic::cloudformation
