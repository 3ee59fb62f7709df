// AutoScaling against moto: group from a launch template over subnets and a target group.
#include "aws/autoscaling.h"
#include "aws/ec2.h"
#include "aws/elbv2.h"
#include "tests/integration/aws/services_fixture.h"

namespace tectonic::aws {
namespace {

class AutoScalingMotoTest : public MotoServicesTest {};

TEST_F(AutoScalingMotoTest, GroupLifecycle) {
  Ec2 ec2(client());
  auto vpc = ec2.CreateVpc({"10.0.0.0/16", {}});
  ASSERT_TRUE(vpc.ok());
  auto a = ec2.CreateSubnet({vpc->id, "10.0.0.0/20", "us-east-1a", {}});
  auto b = ec2.CreateSubnet({vpc->id, "10.0.16.0/20", "us-east-1b", {}});
  ASSERT_TRUE(a.ok() && b.ok());
  auto images = ec2.DescribeImages({}, {"amazon"});
  ASSERT_TRUE(images.ok() && !images->empty());
  CreateLaunchTemplateInput lt;
  lt.name = "c1-worker";
  lt.image_id = (*images)[0].id;
  lt.instance_type = "t3.small";
  auto tmpl = ec2.CreateLaunchTemplate(lt);
  ASSERT_TRUE(tmpl.ok()) << tmpl.status().ToString();
  Elbv2 elb(client());
  auto tg = elb.CreateTargetGroup({"c1-worker", "TCP", 443, vpc->id});
  ASSERT_TRUE(tg.ok()) << tg.status().ToString();

  AutoScaling asg(client());
  CreateAutoScalingGroupInput in;
  in.name = "c1-worker";
  in.launch_template_id = tmpl->id;
  in.min_size = 2;
  in.max_size = 4;
  in.desired_capacity = 2;
  in.subnet_ids = {a->id, b->id};
  in.target_group_arns = {tg->arn};
  in.tags = {{"Name", "c1-worker", true}, {"tectonicClusterID", "u-1", true}};
  ASSERT_TRUE(asg.CreateAutoScalingGroup(in).ok());
  auto groups = asg.DescribeAutoScalingGroups({"c1-worker"});
  ASSERT_TRUE(groups.ok()) << groups.status().ToString();
  ASSERT_EQ(groups->size(), 1u);
  const AutoScalingGroup& g = (*groups)[0];
  EXPECT_EQ(g.desired_capacity, 2);
  EXPECT_EQ(g.launch_template_id, tmpl->id);
  EXPECT_EQ(g.subnet_ids, (std::vector<std::string>{a->id, b->id}));
  EXPECT_EQ(g.target_group_arns, std::vector<std::string>{tg->arn});
  ASSERT_EQ(g.tags.size(), 2u);
  EXPECT_TRUE(g.tags[0].propagate_at_launch);
  EXPECT_EQ(g.instances.size(), 2u);
  // Instances launched by the group carry the propagated tags.
  auto launched = ec2.DescribeInstances({{}, {TagFilter("tectonicClusterID", "u-1")}});
  ASSERT_TRUE(launched.ok());
  EXPECT_EQ(launched->size(), 2u);

  ASSERT_TRUE(asg.DeleteAutoScalingGroup("c1-worker", true).ok());
  auto after = asg.DescribeAutoScalingGroups({"c1-worker"});
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(after->empty());
}

}  // namespace
}  // namespace tectonic::aws
