// etcd instances, launch templates and Auto Scaling groups as CloudFormation.
#include <gtest/gtest.h>

#include "assets/assets.h"
#include "cloudformation/test_util.h"

namespace tectonic::cloudformation {
namespace {

using namespace testing;  // NOLINT: test helpers

TEST(ComputeTest, EtcdInstanceBootsFromTheSameIgnitionPointer) {
  const engine::Graph graph = DefaultGraph();
  const Template tmpl = Build(graph);
  const Json& etcd = Props(tmpl, "etcd/1");
  const auto& data = graph.Find("etcd/1")->props["user_data"];
  EXPECT_EQ(etcd["UserData"]["Fn::Base64"],
            assets::IgnitionPointer(data["ignition_url"], data["ignition_sha512"]));
  EXPECT_EQ(etcd["IamInstanceProfile"], Ref("iam/etcd/profile"));
  EXPECT_EQ(etcd["MetadataOptions"]["HttpTokens"], "required");
  EXPECT_EQ(etcd["SubnetId"], Ref("subnet/worker/us-east-1b"));
  EXPECT_EQ(etcd["KeyName"], "demo-key");
  const Json& ebs = etcd["BlockDeviceMappings"][0]["Ebs"];
  EXPECT_EQ(ebs["VolumeSize"], 30);
  EXPECT_EQ(ebs["VolumeType"], "gp3");
  EXPECT_EQ(ebs["Encrypted"], true);
  EXPECT_EQ(etcd["PropagateTagsToVolumeOnCreation"], true);
}

TEST(ComputeTest, LaunchTemplateTagsWhatTheGroupLaunches) {
  const engine::Graph graph = DefaultGraph();
  const Template tmpl = Build(graph);
  const Json& lt = Props(tmpl, "lt/worker");
  EXPECT_EQ(lt["LaunchTemplateName"], "demo-worker");
  const Json& data = lt["LaunchTemplateData"];
  EXPECT_EQ(data["IamInstanceProfile"]["Arn"], Att("iam/worker/profile", "Arn"));
  EXPECT_EQ(data["TagSpecifications"][0]["ResourceType"], "instance");
  EXPECT_EQ(data["TagSpecifications"][1]["ResourceType"], "volume");
  EXPECT_EQ(TagMap(data["TagSpecifications"][0]["Tags"])["tectonic.io/resource"], "asg/worker");
  EXPECT_EQ(lt["TagSpecifications"][0]["ResourceType"], "launch-template");
  EXPECT_EQ(TagMap(lt["TagSpecifications"][0]["Tags"])["tectonic.io/resource"], "lt/worker");
}

TEST(ComputeTest, GroupUsesTheTemplatesVersionAndDoesNotPropagateTags) {
  const Template tmpl = Build(DefaultGraph());
  const Json& asg = Props(tmpl, "asg/master");
  EXPECT_EQ(asg["AutoScalingGroupName"], "demo-masters");
  EXPECT_EQ(asg["LaunchTemplate"]["LaunchTemplateId"], Ref("lt/master"));
  EXPECT_EQ(asg["LaunchTemplate"]["Version"], Att("lt/master", "LatestVersionNumber"));
  EXPECT_EQ(asg["TargetGroupARNs"].size(), 4u);
  EXPECT_EQ(asg["HealthCheckGracePeriod"], 300);
  for (const auto& tag : asg["Tags"]) EXPECT_EQ(tag["PropagateAtLaunch"], false);
  EXPECT_FALSE(Props(tmpl, "asg/worker").contains("TargetGroupARNs"));
}

}  // namespace
}  // namespace tectonic::cloudformation
