// Elbv2 against moto: NLB, target group, listener, tags: create -> describe -> delete -> gone.
#include "aws/ec2.h"
#include "aws/elbv2.h"
#include "tests/integration/aws/services_fixture.h"

namespace tectonic::aws {
namespace {

class Elbv2MotoTest : public MotoServicesTest {};

TEST_F(Elbv2MotoTest, LoadBalancerTargetGroupListenerLifecycle) {
  Ec2 ec2(client());
  auto vpc = ec2.CreateVpc({"10.0.0.0/16", {}});
  ASSERT_TRUE(vpc.ok());
  auto a = ec2.CreateSubnet({vpc->id, "10.0.0.0/20", "us-east-1a", {}});
  auto b = ec2.CreateSubnet({vpc->id, "10.0.16.0/20", "us-east-1b", {}});
  ASSERT_TRUE(a.ok() && b.ok());

  Elbv2 elb(client());
  CreateLoadBalancerInput in;
  in.name = "c1-api-int";
  in.scheme = "internal";
  in.subnet_ids = {a->id, b->id};
  in.tags = {{"tectonicClusterID", "u-1"}};
  auto lb = elb.CreateLoadBalancer(in);
  ASSERT_TRUE(lb.ok()) << lb.status().ToString();
  EXPECT_FALSE(lb->dns_name.empty());
  auto lbs = elb.DescribeLoadBalancers({"c1-api-int"});
  ASSERT_TRUE(lbs.ok()) << lbs.status().ToString();
  ASSERT_EQ(lbs->size(), 1u);
  EXPECT_EQ((*lbs)[0].arn, lb->arn);
  EXPECT_EQ((*lbs)[0].vpc_id, vpc->id);
  EXPECT_EQ((*lbs)[0].type, "network");
  EXPECT_FALSE((*lbs)[0].canonical_hosted_zone_id.empty());
  EXPECT_FALSE((*lbs)[0].state.empty());

  CreateTargetGroupInput tg_in;
  tg_in.name = "c1-api-int";
  tg_in.port = 6443;
  tg_in.vpc_id = vpc->id;
  tg_in.health_check_protocol = "TCP";
  tg_in.tags = {{"tectonicClusterID", "u-1"}};
  auto tg = elb.CreateTargetGroup(tg_in);
  ASSERT_TRUE(tg.ok()) << tg.status().ToString();
  auto listener = elb.CreateListener({lb->arn, "TCP", 443, tg->arn, {}});
  ASSERT_TRUE(listener.ok()) << listener.status().ToString();
  auto listeners = elb.DescribeListeners(lb->arn);
  ASSERT_TRUE(listeners.ok()) << listeners.status().ToString();
  ASSERT_EQ(listeners->size(), 1u);
  EXPECT_EQ((*listeners)[0].port, 443);
  EXPECT_EQ((*listeners)[0].target_group_arns, std::vector<std::string>{tg->arn});
  auto tgs = elb.DescribeTargetGroups(lb->arn);
  ASSERT_TRUE(tgs.ok()) << tgs.status().ToString();
  ASSERT_EQ(tgs->size(), 1u);
  EXPECT_EQ((*tgs)[0].port, 6443);

  // Nothing registered yet: the health answer is an empty list (the cluster wait's question).
  auto health = elb.DescribeTargetHealth(tg->arn);
  ASSERT_TRUE(health.ok()) << health.status().ToString();
  EXPECT_TRUE(health->empty());

  ASSERT_TRUE(elb.AddTags({lb->arn, tg->arn}, {{"extra", "x"}}).ok());
  auto tags = elb.DescribeTags({lb->arn, tg->arn});
  ASSERT_TRUE(tags.ok()) << tags.status().ToString();
  EXPECT_EQ(tags->at(lb->arn).at("tectonicClusterID"), "u-1");
  EXPECT_EQ(tags->at(lb->arn).at("extra"), "x");
  EXPECT_EQ(tags->at(tg->arn).at("tectonicClusterID"), "u-1");

  ASSERT_TRUE(elb.DeleteListener(listener->arn).ok());
  EXPECT_TRUE(elb.DescribeListeners(lb->arn)->empty());
  ASSERT_TRUE(elb.DeleteLoadBalancer(lb->arn).ok());
  auto lbs_after = elb.DescribeLoadBalancers({"c1-api-int"});
  ASSERT_FALSE(lbs_after.ok());
  EXPECT_EQ(lbs_after.status().aws_code(), "LoadBalancerNotFound");
  ASSERT_TRUE(elb.DeleteTargetGroup(tg->arn).ok());
  auto tgs_after = elb.DescribeTargetGroups();
  ASSERT_TRUE(tgs_after.ok());
  EXPECT_TRUE(tgs_after->empty());
}

}  // namespace
}  // namespace tectonic::aws
