// CloudFormation over a fake transport (Query protocol).
#include "aws/cloudformation.h"

#include <gtest/gtest.h>

#include "aws/services_test_util.h"

namespace tectonic::aws {
namespace {

using testing::FakeAws;

TEST(CloudFormationTest, CreateStackSendsTokenUrlParametersRoleAndTags) {
  FakeAws aws;
  aws.transport->Then(200, R"(<CreateStackResponse><CreateStackResult>
<StackId>arn:aws:cloudformation:us-east-1:123456789012:stack/tectonic-demo/1</StackId>
</CreateStackResult></CreateStackResponse>)");
  CloudFormation cfn(aws.client);
  CreateStackInput in;
  in.name = "tectonic-demo";
  in.template_url = "https://b.s3.amazonaws.com/cloudformation/template.json";
  in.parameters = {{"ImageId", "ami-1"}, {"WorkerCount", "3"}};
  in.capabilities = {"CAPABILITY_NAMED_IAM"};
  in.client_request_token = "tectonic-0b8a3c1e";
  in.on_failure = "DELETE";
  in.role_arn = "arn:aws:iam::123456789012:role/cfn";
  in.tags = {{"tectonicClusterID", "0b8a3c1e"}};
  auto id = cfn.CreateStack(in);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ(*id, "arn:aws:cloudformation:us-east-1:123456789012:stack/tectonic-demo/1");
  auto f = aws.Form();
  EXPECT_EQ(f["Action"], "CreateStack");
  EXPECT_EQ(f["Version"], "2010-05-15");
  EXPECT_EQ(f["TemplateURL"], in.template_url);
  EXPECT_EQ(f.count("TemplateBody"), 0u);
  EXPECT_EQ(f["Parameters.member.1.ParameterKey"], "ImageId");
  EXPECT_EQ(f["Parameters.member.2.ParameterValue"], "3");
  EXPECT_EQ(f["Capabilities.member.1"], "CAPABILITY_NAMED_IAM");
  EXPECT_EQ(f["ClientRequestToken"], "tectonic-0b8a3c1e");
  EXPECT_EQ(f["OnFailure"], "DELETE");
  EXPECT_EQ(f["RoleARN"], in.role_arn);
  EXPECT_EQ(f["Tags.member.1.Key"], "tectonicClusterID");
}

TEST(CloudFormationTest, DescribeStackParsesStatusOutputsAndTags) {
  FakeAws aws;
  aws.transport->Then(200, R"(<DescribeStacksResponse><DescribeStacksResult><Stacks><member>
<StackId>arn:stack/1</StackId><StackName>tectonic-demo</StackName>
<StackStatus>ROLLBACK_COMPLETE</StackStatus><StackStatusReason>The following resource(s) failed to create: [Etcd0].</StackStatusReason>
<Outputs><member><OutputKey>ApiUrl</OutputKey><OutputValue>https://demo-api.example.com</OutputValue></member></Outputs>
<Tags><member><Key>tectonicClusterID</Key><Value>0b8a</Value></member></Tags>
</member></Stacks></DescribeStacksResult></DescribeStacksResponse>)");
  CloudFormation cfn(aws.client);
  auto stack = cfn.DescribeStack("tectonic-demo");
  ASSERT_TRUE(stack.ok()) << stack.status().ToString();
  ASSERT_TRUE(stack->has_value());
  EXPECT_EQ((*stack)->status, "ROLLBACK_COMPLETE");
  EXPECT_NE((*stack)->status_reason.find("Etcd0"), std::string::npos);
  EXPECT_EQ((*stack)->outputs.at("ApiUrl"), "https://demo-api.example.com");
  EXPECT_EQ((*stack)->tags.at("tectonicClusterID"), "0b8a");
  EXPECT_EQ(aws.Form()["StackName"], "tectonic-demo");
}

TEST(CloudFormationTest, AMissingStackIsNoStackNotAnError) {
  FakeAws aws;
  aws.transport->Then(400, R"(<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code>
<Message>Stack with id tectonic-demo does not exist</Message></Error><RequestId>r1</RequestId></ErrorResponse>)");
  CloudFormation cfn(aws.client);
  auto stack = cfn.DescribeStack("tectonic-demo");
  ASSERT_TRUE(stack.ok()) << stack.status().ToString();
  EXPECT_FALSE(stack->has_value());
}

TEST(CloudFormationTest, OtherValidationErrorsStayErrors) {
  FakeAws aws;
  aws.transport->Then(400, R"(<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code>
<Message>1 validation error detected</Message></Error><RequestId>r1</RequestId></ErrorResponse>)");
  CloudFormation cfn(aws.client);
  EXPECT_FALSE(cfn.DescribeStack("x").ok());
}

TEST(CloudFormationTest, EventsFollowNextToken) {
  FakeAws aws;
  aws.transport->Then(200, R"(<DescribeStackEventsResponse><DescribeStackEventsResult><StackEvents>
<member><EventId>e2</EventId><LogicalResourceId>Etcd0</LogicalResourceId><ResourceType>AWS::EC2::Instance</ResourceType>
<ResourceStatus>CREATE_FAILED</ResourceStatus><ResourceStatusReason>Unsupported instance type</ResourceStatusReason>
<Timestamp>2026-12-06T08:00:02Z</Timestamp></member></StackEvents><NextToken>t2</NextToken>
</DescribeStackEventsResult></DescribeStackEventsResponse>)");
  aws.transport->Then(200, R"(<DescribeStackEventsResponse><DescribeStackEventsResult><StackEvents>
<member><EventId>e1</EventId><LogicalResourceId>Vpc</LogicalResourceId><PhysicalResourceId>vpc-1</PhysicalResourceId>
<ResourceType>AWS::EC2::VPC</ResourceType><ResourceStatus>CREATE_COMPLETE</ResourceStatus>
<Timestamp>2026-12-06T08:00:01Z</Timestamp></member></StackEvents>
</DescribeStackEventsResult></DescribeStackEventsResponse>)");
  CloudFormation cfn(aws.client);
  auto events = cfn.DescribeStackEvents("tectonic-demo");
  ASSERT_TRUE(events.ok()) << events.status().ToString();
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[0].reason, "Unsupported instance type");
  EXPECT_EQ((*events)[1].physical_id, "vpc-1");
  EXPECT_EQ(aws.Form()["NextToken"], "t2");
}

TEST(CloudFormationTest, ResourcesAndDelete) {
  FakeAws aws;
  aws.transport->Then(
      200, R"(<ListStackResourcesResponse><ListStackResourcesResult><StackResourceSummaries>
<member><LogicalResourceId>Vpc</LogicalResourceId><PhysicalResourceId>vpc-1</PhysicalResourceId>
<ResourceType>AWS::EC2::VPC</ResourceType><ResourceStatus>DELETE_FAILED</ResourceStatus>
<ResourceStatusReason>has dependencies</ResourceStatusReason></member>
</StackResourceSummaries></ListStackResourcesResult></ListStackResourcesResponse>)");
  aws.transport->Then(200, "<DeleteStackResponse><ResponseMetadata/></DeleteStackResponse>");
  CloudFormation cfn(aws.client);
  auto resources = cfn.ListStackResources("tectonic-demo");
  ASSERT_TRUE(resources.ok()) << resources.status().ToString();
  ASSERT_EQ(resources->size(), 1u);
  EXPECT_EQ((*resources)[0].status, "DELETE_FAILED");
  EXPECT_EQ((*resources)[0].reason, "has dependencies");
  ASSERT_TRUE(cfn.DeleteStack("tectonic-demo", "tok-delete", "").ok());
  EXPECT_EQ(aws.Form()["ClientRequestToken"], "tok-delete");
  EXPECT_EQ(aws.Form().count("RoleARN"), 0u);
}

TEST(CloudFormationTest, SettledStatuses) {
  EXPECT_TRUE(IsStackSettled("CREATE_COMPLETE"));
  EXPECT_TRUE(IsStackSettled("ROLLBACK_COMPLETE"));
  EXPECT_TRUE(IsStackSettled("CREATE_FAILED"));
  EXPECT_TRUE(IsStackSettled("DELETE_FAILED"));
  EXPECT_FALSE(IsStackSettled("CREATE_IN_PROGRESS"));
  EXPECT_FALSE(IsStackSettled("ROLLBACK_IN_PROGRESS"));
}

}  // namespace
}  // namespace tectonic::aws
