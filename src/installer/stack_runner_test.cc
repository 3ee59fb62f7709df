// EnsureStack / DeleteStack over a fake CloudFormation: the resume rules of
// `create cluster --via cloudformation` and the events they stream.
#include "installer/stack_runner.h"

#include <gtest/gtest.h>

#include "aws/services_test_util.h"

namespace tectonic::installer {
namespace {

using aws::testing::FakeAws;

std::string Stacks(const std::string& status, const std::string& reason = "") {
  return R"(<DescribeStacksResponse><DescribeStacksResult><Stacks><member>
<StackId>arn:stack/tectonic-demo/1</StackId><StackName>tectonic-demo</StackName><StackStatus>)" +
         status + "</StackStatus><StackStatusReason>" + reason +
         "</StackStatusReason></member></Stacks></DescribeStacksResult></DescribeStacksResponse>";
}

const char* kMissing = R"(<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code>
<Message>Stack with id tectonic-demo does not exist</Message></Error><RequestId>r</RequestId></ErrorResponse>)";

// Events newest first: the VPC was created, then the instance failed.
const char* kFailedEvents = R"(<DescribeStackEventsResponse><DescribeStackEventsResult><StackEvents>
<member><EventId>e4</EventId><LogicalResourceId>tectonic-demo</LogicalResourceId><ResourceType>AWS::CloudFormation::Stack</ResourceType><ResourceStatus>ROLLBACK_COMPLETE</ResourceStatus></member>
<member><EventId>e3</EventId><LogicalResourceId>Etcd0</LogicalResourceId><ResourceType>AWS::EC2::Instance</ResourceType><ResourceStatus>CREATE_FAILED</ResourceStatus><ResourceStatusReason>Unsupported instance type m9.huge</ResourceStatusReason></member>
<member><EventId>e2</EventId><LogicalResourceId>Vpc</LogicalResourceId><PhysicalResourceId>vpc-1</PhysicalResourceId><ResourceType>AWS::EC2::VPC</ResourceType><ResourceStatus>CREATE_COMPLETE</ResourceStatus></member>
<member><EventId>e1</EventId><LogicalResourceId>Vpc</LogicalResourceId><ResourceType>AWS::EC2::VPC</ResourceType><ResourceStatus>CREATE_IN_PROGRESS</ResourceStatus></member>
</StackEvents></DescribeStackEventsResult></DescribeStackEventsResponse>)";

const char* kNoEvents =
    "<DescribeStackEventsResponse><DescribeStackEventsResult><StackEvents/>"
    "</DescribeStackEventsResult></DescribeStackEventsResponse>";

StackRequest Request(engine::EventSink* sink = nullptr) {
  StackRequest req;
  req.create.name = "tectonic-demo";
  req.create.template_url = "https://b.s3.amazonaws.com/cloudformation/tectonic-demo.json";
  req.create.client_request_token = "tectonic-create-0b8a";
  req.events = sink;
  req.poll = std::chrono::milliseconds(1000);
  return req;
}

std::vector<std::string> Actions(const FakeAws& aws) {
  std::vector<std::string> out;
  for (const auto& request : aws.transport->requests()) {
    auto at = request.body.find("Action=");
    out.push_back(request.body.substr(at + 7, request.body.find('&', at) - at - 7));
  }
  return out;
}

TEST(StackRunnerTest, ACompleteStackIsOnlyRead) {
  FakeAws aws;
  aws.transport->Then(200, Stacks("CREATE_COMPLETE"));
  aws::CloudFormation cfn(aws.client);
  auto result = EnsureStack(cfn, aws.clock, Request());
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_FALSE(result->created);
  EXPECT_EQ(Actions(aws), std::vector<std::string>{"DescribeStacks"});
}

TEST(StackRunnerTest, NoStackIsCreatedWithTheTokenAndWaitedForWithEvents) {
  FakeAws aws;
  engine::MemorySink sink;
  aws.transport->Then(400, kMissing);
  aws.transport->Then(200,
                      "<CreateStackResponse><CreateStackResult><StackId>arn:stack/tectonic-demo/1"
                      "</StackId></CreateStackResult></CreateStackResponse>");
  aws.transport->Then(200, Stacks("CREATE_IN_PROGRESS"));
  aws.transport->Then(200, kNoEvents);
  aws.transport->Then(200, Stacks("CREATE_COMPLETE"));
  aws.transport->Then(200, R"(<DescribeStackEventsResponse><DescribeStackEventsResult><StackEvents>
<member><EventId>e2</EventId><LogicalResourceId>Vpc</LogicalResourceId><PhysicalResourceId>vpc-1</PhysicalResourceId><ResourceType>AWS::EC2::VPC</ResourceType><ResourceStatus>CREATE_COMPLETE</ResourceStatus></member>
<member><EventId>e1</EventId><LogicalResourceId>Vpc</LogicalResourceId><ResourceType>AWS::EC2::VPC</ResourceType><ResourceStatus>CREATE_IN_PROGRESS</ResourceStatus></member>
</StackEvents></DescribeStackEventsResult></DescribeStackEventsResponse>)");
  aws::CloudFormation cfn(aws.client);
  auto result = EnsureStack(cfn, aws.clock, Request(&sink));
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_TRUE(result->created);
  EXPECT_EQ(Actions(aws), (std::vector<std::string>{"DescribeStacks", "CreateStack",
                                                    "DescribeStacks", "DescribeStackEvents",
                                                    "DescribeStacks", "DescribeStackEvents"}));
  EXPECT_EQ(aws.clock.TotalSlept(), std::chrono::milliseconds(1000));
  auto events = sink.events();
  ASSERT_EQ(events.size(), 2u);  // oldest first
  EXPECT_EQ(events[0].type, engine::EventType::kNodeStarted);
  EXPECT_EQ(events[1].type, engine::EventType::kNodeDone);
  EXPECT_EQ(events[1].key, "Vpc");
  EXPECT_EQ(events[1].kind, "AWS::EC2::VPC");
  EXPECT_EQ(events[1].detail, "vpc-1");
}

TEST(StackRunnerTest, ARolledBackStackIsReportedWithTheFirstFailureAndKept) {
  FakeAws aws;
  aws.transport->Then(200, Stacks("ROLLBACK_COMPLETE"));
  aws.transport->Then(200, kFailedEvents);
  aws::CloudFormation cfn(aws.client);
  auto result = EnsureStack(cfn, aws.clock, Request());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kPreconditionFailed);
  EXPECT_NE(result.status().message().find("Etcd0 (AWS::EC2::Instance): Unsupported instance type"),
            std::string::npos)
      << result.status().message();
  EXPECT_NE(result.status().message().find("--yes"), std::string::npos);
  for (const auto& action : Actions(aws)) {
    EXPECT_TRUE(action.starts_with("Describe")) << action;  // nothing mutating
  }
}

TEST(StackRunnerTest, WithYesARolledBackStackIsDeletedThenCreatedAgain) {
  FakeAws aws;
  aws.transport->Then(200, Stacks("ROLLBACK_COMPLETE"));
  aws.transport->Then(200, kFailedEvents);
  // DeleteStack: describe, skip old events, delete, then gone.
  aws.transport->Then(200, Stacks("ROLLBACK_COMPLETE"));
  aws.transport->Then(200, kFailedEvents);
  aws.transport->Then(200, "<DeleteStackResponse/>");
  aws.transport->Then(400, kMissing);
  // Create and complete.
  aws.transport->Then(200,
                      "<CreateStackResponse><CreateStackResult><StackId>arn:stack/2"
                      "</StackId></CreateStackResult></CreateStackResponse>");
  aws.transport->Then(200, Stacks("CREATE_COMPLETE"));
  aws.transport->Then(200, kNoEvents);
  aws::CloudFormation cfn(aws.client);
  StackRequest req = Request();
  req.replace_failed = true;
  auto result = EnsureStack(cfn, aws.clock, req);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_TRUE(result->created);
  auto actions = Actions(aws);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "DeleteStack"), 1);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "CreateStack"), 1);
}

TEST(StackRunnerTest, AFailedCreateNamesTheResourceAndReason) {
  FakeAws aws;
  aws.transport->Then(400, kMissing);
  aws.transport->Then(200,
                      "<CreateStackResponse><CreateStackResult><StackId>arn:stack/1"
                      "</StackId></CreateStackResult></CreateStackResponse>");
  aws.transport->Then(200, Stacks("ROLLBACK_COMPLETE"));
  aws.transport->Then(200, kFailedEvents);
  aws.transport->Then(200, kFailedEvents);
  aws::CloudFormation cfn(aws.client);
  auto result = EnsureStack(cfn, aws.clock, Request());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kFailed);
  EXPECT_NE(result.status().message().find("Etcd0"), std::string::npos);
  EXPECT_NE(result.status().message().find("Unsupported instance type m9.huge"), std::string::npos);
}

TEST(StackRunnerTest, ACreatingStackIsWaitedForWithoutASecondCreate) {
  FakeAws aws;
  aws.transport->Then(200, Stacks("CREATE_IN_PROGRESS"));
  aws.transport->Then(200, kNoEvents);  // events before the resume are skipped
  aws.transport->Then(200, Stacks("CREATE_COMPLETE"));
  aws.transport->Then(200, kNoEvents);
  aws::CloudFormation cfn(aws.client);
  auto result = EnsureStack(cfn, aws.clock, Request());
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_FALSE(result->created);
  auto actions = Actions(aws);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "CreateStack"), 0);
}

TEST(StackRunnerTest, DeleteFailedListsTheResourcesThatStayed) {
  FakeAws aws;
  aws.transport->Then(200, Stacks("CREATE_COMPLETE"));
  aws.transport->Then(200, kNoEvents);
  aws.transport->Then(200, "<DeleteStackResponse/>");
  aws.transport->Then(200, Stacks("DELETE_FAILED", "The following resource(s) failed to delete"));
  aws.transport->Then(200, kNoEvents);
  aws.transport->Then(
      200, R"(<ListStackResourcesResponse><ListStackResourcesResult><StackResourceSummaries>
<member><LogicalResourceId>Vpc</LogicalResourceId><PhysicalResourceId>vpc-1</PhysicalResourceId>
<ResourceType>AWS::EC2::VPC</ResourceType><ResourceStatus>DELETE_FAILED</ResourceStatus>
<ResourceStatusReason>has dependencies</ResourceStatusReason></member>
</StackResourceSummaries></ListStackResourcesResult></ListStackResourcesResponse>)");
  aws::CloudFormation cfn(aws.client);
  auto result = DeleteStack(cfn, aws.clock, "tectonic-demo", "", nullptr, nullptr,
                            std::chrono::milliseconds(1000));
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("Vpc (AWS::EC2::VPC vpc-1): has dependencies"),
            std::string::npos)
      << result.status().message();
}

TEST(StackRunnerTest, NoStackNothingToDelete) {
  FakeAws aws;
  aws.transport->Then(400, kMissing);
  aws::CloudFormation cfn(aws.client);
  auto result = DeleteStack(cfn, aws.clock, "tectonic-demo", "", nullptr, nullptr);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(Actions(aws), std::vector<std::string>{"DescribeStacks"});
}

}  // namespace
}  // namespace tectonic::installer
