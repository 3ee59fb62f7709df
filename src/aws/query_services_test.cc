// Elbv2, AutoScaling, Iam, Sts over a fake transport (Query protocol).
#include <gtest/gtest.h>

#include "aws/autoscaling.h"
#include "aws/elbv2.h"
#include "aws/iam.h"
#include "aws/services_test_util.h"
#include "aws/sts.h"
#include "util/redact.h"

namespace tectonic::aws {
namespace {

using testing::FakeAws;

TEST(Elbv2Test, CreateLoadBalancerSendsSubnetsAndTagsAndParsesDns) {
  FakeAws aws;
  aws.transport->Then(
      200, R"(<CreateLoadBalancerResponse><CreateLoadBalancerResult><LoadBalancers><member>
<LoadBalancerArn>arn:lb</LoadBalancerArn><LoadBalancerName>c1-api</LoadBalancerName><DNSName>c1-api-1.elb.us-east-1.amazonaws.com</DNSName>
<CanonicalHostedZoneId>Z26RNL4JYFTOTI</CanonicalHostedZoneId><VpcId>vpc-1</VpcId><Type>network</Type><Scheme>internal</Scheme>
<State><Code>provisioning</Code></State><AvailabilityZones><member><ZoneName>us-east-1a</ZoneName><SubnetId>subnet-1</SubnetId></member></AvailabilityZones>
</member></LoadBalancers></CreateLoadBalancerResult></CreateLoadBalancerResponse>)");
  Elbv2 elb(aws.client);
  CreateLoadBalancerInput in;
  in.name = "c1-api";
  in.scheme = "internal";
  in.subnet_ids = {"subnet-1", "subnet-2"};
  in.tags = {{"k", "v"}};
  auto lb = elb.CreateLoadBalancer(in);
  ASSERT_TRUE(lb.ok()) << lb.status().ToString();
  EXPECT_EQ(lb->arn, "arn:lb");
  EXPECT_EQ(lb->canonical_hosted_zone_id, "Z26RNL4JYFTOTI");
  EXPECT_EQ(lb->state, "provisioning");
  EXPECT_EQ(lb->subnet_ids, std::vector<std::string>{"subnet-1"});
  auto f = aws.Form();
  EXPECT_EQ(f["Type"], "network");
  EXPECT_EQ(f["Scheme"], "internal");
  EXPECT_EQ(f["Subnets.member.2"], "subnet-2");
  EXPECT_EQ(f["Tags.member.1.Key"], "k");
  EXPECT_EQ(f["Tags.member.1.Value"], "v");
}

TEST(Elbv2Test, DescribeLoadBalancersFollowsNextMarker) {
  FakeAws aws;
  aws.transport->Then(200,
                      R"(<DescribeLoadBalancersResponse><DescribeLoadBalancersResult><LoadBalancers>
<member><LoadBalancerArn>a1</LoadBalancerArn></member></LoadBalancers><NextMarker>m2</NextMarker></DescribeLoadBalancersResult></DescribeLoadBalancersResponse>)");
  aws.transport->Then(200,
                      R"(<DescribeLoadBalancersResponse><DescribeLoadBalancersResult><LoadBalancers>
<member><LoadBalancerArn>a2</LoadBalancerArn></member></LoadBalancers></DescribeLoadBalancersResult></DescribeLoadBalancersResponse>)");
  auto lbs = Elbv2(aws.client).DescribeLoadBalancers();
  ASSERT_TRUE(lbs.ok());
  ASSERT_EQ(lbs->size(), 2u);
  EXPECT_EQ((*lbs)[1].arn, "a2");
  EXPECT_EQ(aws.Form()["Marker"], "m2");
}

TEST(Elbv2Test, CreateListenerForwardsToTheTargetGroup) {
  FakeAws aws;
  aws.transport->Then(200, R"(<CreateListenerResponse><CreateListenerResult><Listeners><member>
<ListenerArn>arn:l</ListenerArn><Port>443</Port><Protocol>TCP</Protocol><DefaultActions><member><Type>forward</Type>
<TargetGroupArn>arn:tg</TargetGroupArn></member></DefaultActions></member></Listeners></CreateListenerResult></CreateListenerResponse>)");
  auto l = Elbv2(aws.client).CreateListener({"arn:lb", "TCP", 443, "arn:tg", {}});
  ASSERT_TRUE(l.ok());
  EXPECT_EQ(l->target_group_arns, std::vector<std::string>{"arn:tg"});
  auto f = aws.Form();
  EXPECT_EQ(f["DefaultActions.member.1.Type"], "forward");
  EXPECT_EQ(f["DefaultActions.member.1.TargetGroupArn"], "arn:tg");
  EXPECT_EQ(f["Port"], "443");
}

TEST(AutoScalingTest, CreateGroupSendsTemplateSubnetsTargetGroupsAndPropagatedTags) {
  FakeAws aws;
  aws.transport->Then(200,
                      "<CreateAutoScalingGroupResponse><ResponseMetadata><RequestId>r</RequestId>"
                      "</ResponseMetadata></CreateAutoScalingGroupResponse>");
  CreateAutoScalingGroupInput in;
  in.name = "c1-master";
  in.launch_template_id = "lt-1";
  in.min_size = 3;
  in.max_size = 3;
  in.desired_capacity = 3;
  in.subnet_ids = {"subnet-1", "subnet-2"};
  in.target_group_arns = {"arn:tg1", "arn:tg2"};
  in.tags = {{"Name", "c1-master", true}, {"owner", "me", false}};
  ASSERT_TRUE(AutoScaling(aws.client).CreateAutoScalingGroup(in).ok());
  auto f = aws.Form();
  EXPECT_EQ(f["LaunchTemplate.LaunchTemplateId"], "lt-1");
  EXPECT_EQ(f["LaunchTemplate.Version"], "$Latest");
  EXPECT_EQ(f["VPCZoneIdentifier"], "subnet-1,subnet-2");
  EXPECT_EQ(f["TargetGroupARNs.member.2"], "arn:tg2");
  EXPECT_EQ(f["DesiredCapacity"], "3");
  EXPECT_EQ(f["Tags.member.1.PropagateAtLaunch"], "true");
  EXPECT_EQ(f["Tags.member.2.PropagateAtLaunch"], "false");
  EXPECT_EQ(f["Tags.member.2.ResourceType"], "auto-scaling-group");
}

TEST(IamTest, GetRolePolicyDecodesTheDocument) {
  FakeAws aws;
  aws.transport->Then(200, R"(<GetRolePolicyResponse><GetRolePolicyResult><RoleName>r</RoleName>
<PolicyName>p</PolicyName><PolicyDocument>%7B%22Version%22%3A%222012-10-17%22%7D</PolicyDocument></GetRolePolicyResult></GetRolePolicyResponse>)");
  auto doc = Iam(aws.client).GetRolePolicy("r", "p");
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(*doc, "{\"Version\":\"2012-10-17\"}");
}

TEST(IamTest, SimulatePrincipalPolicyPagesByMarker) {
  FakeAws aws;
  aws.transport->Then(
      200, R"(<SimulatePrincipalPolicyResponse><SimulatePrincipalPolicyResult><EvaluationResults>
<member><EvalActionName>ec2:CreateVpc</EvalActionName><EvalResourceName>*</EvalResourceName><EvalDecision>allowed</EvalDecision></member>
</EvaluationResults><IsTruncated>true</IsTruncated><Marker>m1</Marker></SimulatePrincipalPolicyResult></SimulatePrincipalPolicyResponse>)");
  aws.transport->Then(
      200, R"(<SimulatePrincipalPolicyResponse><SimulatePrincipalPolicyResult><EvaluationResults>
<member><EvalActionName>iam:PassRole</EvalActionName><EvalResourceName>*</EvalResourceName><EvalDecision>implicitDeny</EvalDecision></member>
</EvaluationResults><IsTruncated>false</IsTruncated></SimulatePrincipalPolicyResult></SimulatePrincipalPolicyResponse>)");
  auto results =
      Iam(aws.client)
          .SimulatePrincipalPolicy("arn:aws:iam::1:user/u", {"ec2:CreateVpc", "iam:PassRole"});
  ASSERT_TRUE(results.ok());
  ASSERT_EQ(results->size(), 2u);
  EXPECT_TRUE((*results)[0].allowed());
  EXPECT_FALSE((*results)[1].allowed());
  auto f = aws.Form();
  EXPECT_EQ(f["Marker"], "m1");
  EXPECT_EQ(f["ActionNames.member.2"], "iam:PassRole");
  EXPECT_EQ(f["PolicySourceArn"], "arn:aws:iam::1:user/u");
}

TEST(IamTest, CreateRoleSendsPathPolicyAndTags) {
  FakeAws aws;
  aws.transport->Then(
      200,
      R"(<CreateRoleResponse><CreateRoleResult><Role><RoleName>r</RoleName><Arn>arn:aws:iam::1:role/t/r</Arn>
<Path>/t/</Path><AssumeRolePolicyDocument>%7B%7D</AssumeRolePolicyDocument></Role></CreateRoleResult></CreateRoleResponse>)");
  auto role = Iam(aws.client).CreateRole({"r", "/t/", "{\"a\": 1}", "", {{"k", "v"}}});
  ASSERT_TRUE(role.ok());
  EXPECT_EQ(role->assume_role_policy, "{}");
  EXPECT_EQ(role->path, "/t/");
  auto f = aws.Form();
  EXPECT_EQ(f["AssumeRolePolicyDocument"], "{\"a\": 1}");
  EXPECT_EQ(f["Tags.member.1.Key"], "k");
}

TEST(StsTest, AssumeRoleReturnsCredentialsAndRedactsTheSecret) {
  FakeAws aws;
  aws.transport->Then(
      200, R"(<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIAX</AccessKeyId>
<SecretAccessKey>very-secret-value-123</SecretAccessKey><SessionToken>token-value-456789</SessionToken>
<Expiration>2030-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::1:assumed-role/r/s</Arn>
<AssumedRoleId>AROA:s</AssumedRoleId></AssumedRoleUser></AssumeRoleResult></AssumeRoleResponse>)");
  auto creds = Sts(aws.client).AssumeRole({"arn:aws:iam::1:role/r", "s", 900, ""});
  ASSERT_TRUE(creds.ok());
  EXPECT_EQ(creds->access_key_id, "ASIAX");
  EXPECT_EQ(creds->assumed_role_arn, "arn:aws:sts::1:assumed-role/r/s");
  EXPECT_EQ(Redact("x very-secret-value-123 y").find("very-secret"), std::string::npos);
  EXPECT_EQ(aws.Form()["DurationSeconds"], "900");
}

TEST(Elbv2Test, DescribeTargetHealthParsesStateReasonAndDescription) {
  FakeAws aws;
  aws.transport->Then(
      200, R"(<DescribeTargetHealthResponse><DescribeTargetHealthResult><TargetHealthDescriptions>
<member><HealthCheckPort>443</HealthCheckPort><TargetHealth><State>healthy</State></TargetHealth>
<Target><Port>443</Port><Id>i-1</Id></Target></member>
<member><HealthCheckPort>32002</HealthCheckPort><TargetHealth><State>unhealthy</State>
<Reason>Target.FailedHealthChecks</Reason><Description>Health checks failed</Description></TargetHealth>
<Target><Port>32000</Port><Id>i-2</Id></Target></member>
</TargetHealthDescriptions></DescribeTargetHealthResult></DescribeTargetHealthResponse>)");
  auto health = Elbv2(aws.client).DescribeTargetHealth("arn:tg");
  ASSERT_TRUE(health.ok()) << health.status().ToString();
  ASSERT_EQ(health->size(), 2u);
  EXPECT_EQ((*health)[0].target_id, "i-1");
  EXPECT_EQ((*health)[0].state, "healthy");
  EXPECT_EQ((*health)[0].reason, "");
  EXPECT_EQ((*health)[1].port, 32000);
  EXPECT_EQ((*health)[1].health_check_port, "32002");
  EXPECT_EQ((*health)[1].reason, "Target.FailedHealthChecks");
  EXPECT_EQ((*health)[1].description, "Health checks failed");
  auto f = aws.Form();
  EXPECT_EQ(f["Action"], "DescribeTargetHealth");
  EXPECT_EQ(f["TargetGroupArn"], "arn:tg");
}

}  // namespace
}  // namespace tectonic::aws
