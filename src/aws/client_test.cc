// AwsClient over a FakeTransport: serialisation per protocol, response parsing, retries.
#include "aws/client.h"

#include <gtest/gtest.h>

#include <atomic>

#include "aws/fake_transport.h"
#include "aws/retry.h"

namespace tectonic::aws {
namespace {

const auto kStart = std::chrono::system_clock::from_time_t(1700000000);

class ClientTest : public ::testing::Test {
 protected:
  std::unique_ptr<AwsClient> MakeClient(RetryOptions retry = {}, std::string endpoint = "") {
    retry.jitter = [] { return 1.0; };  // the full backoff, so sleeps are predictable
    return std::make_unique<AwsClient>(
        transport_,
        std::make_shared<StaticCredentialsProvider>(
            Credentials{"AKIDTEST", "secret-for-unit-tests", "", std::nullopt, "test"}),
        EndpointResolver("eu-west-1", endpoint, {}), clock_, retry);
  }
  std::string Header(const HttpRequest& r, const std::string& name) {
    HttpResponse fake{0, r.headers, ""};
    return fake.Header(name);
  }
  std::shared_ptr<FakeTransport> transport_ = std::make_shared<FakeTransport>();
  FakeClock clock_{kStart};
};

TEST(FormParamsTest, Ec2ListsAreFlattenedAndEmptyListsOmitted) {
  FormParams p;
  p.AddEc2List("VpcId", {"vpc-1", "vpc-2"}).AddEc2List("SubnetId", {}).Add("X", "y");
  std::vector<std::pair<std::string, std::string>> want = {
      {"VpcId.1", "vpc-1"}, {"VpcId.2", "vpc-2"}, {"X", "y"}};
  EXPECT_EQ(p.fields(), want);
}

TEST(FormParamsTest, QueryListsUseMemberAndEmptyListIsSent) {
  FormParams p;
  p.AddQueryList("Subnets", {"a", "b"}).AddQueryList("Tags", {});
  std::vector<std::pair<std::string, std::string>> want = {
      {"Subnets.member.1", "a"}, {"Subnets.member.2", "b"}, {"Tags", ""}};
  EXPECT_EQ(p.fields(), want);
}

TEST_F(ClientTest, Ec2RequestShapeAndResponse) {
  transport_->Then(200,
                   "<CreateVpcResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
                   "<requestId>req-1</requestId><vpc><vpcId>vpc-1</vpcId></vpc>"
                   "</CreateVpcResponse>");
  auto client = MakeClient();
  FormParams p;
  p.Add("CidrBlock", "10.0.0.0/16").Add("TagSpecification.1.Tag.1.Value", "a b&c");
  auto r = client->Query(ops::kEc2CreateVpc, p);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->request_id, "req-1");
  EXPECT_EQ(std::string(r->result().child("vpc").child("vpcId").text().as_string()), "vpc-1");
  HttpRequest sent = transport_->requests().at(0);
  EXPECT_EQ(sent.method, "POST");
  EXPECT_EQ(sent.url, "https://ec2.eu-west-1.amazonaws.com/");
  EXPECT_EQ(sent.body,
            "Action=CreateVpc&Version=2016-11-15&CidrBlock=10.0.0.0%2F16&"
            "TagSpecification.1.Tag.1.Value=a+b%26c");
  EXPECT_EQ(Header(sent, "Content-Type"), "application/x-www-form-urlencoded; charset=utf-8");
  EXPECT_TRUE(Header(sent, "Authorization")
                  .starts_with("AWS4-HMAC-SHA256 Credential=AKIDTEST/20231114/eu-west-1/ec2/"));
}

TEST_F(ClientTest, QueryResultAndGlobalServiceSigning) {
  transport_->Then(200,
                   "<GetRoleResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">"
                   "<GetRoleResult><Role><RoleName>r</RoleName></Role></GetRoleResult>"
                   "<ResponseMetadata><RequestId>rid</RequestId></ResponseMetadata>"
                   "</GetRoleResponse>");
  auto client = MakeClient();
  auto r = client->Query(ops::kIamGetRole, {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(std::string(r->result().name()), "GetRoleResult");
  EXPECT_EQ(r->request_id, "rid");
  HttpRequest sent = transport_->requests().at(0);
  EXPECT_EQ(sent.url, "https://iam.amazonaws.com/");
  EXPECT_NE(Header(sent, "Authorization").find("/us-east-1/iam/aws4_request"), std::string::npos);
}

TEST_F(ClientTest, JsonRequestShapeAndEmptyResponse) {
  transport_->Then(200, "");
  auto client = MakeClient();
  auto r = client->Json(ops::kKmsCreateAlias, {{"AliasName", "alias/x"}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, nlohmann::json::object());
  HttpRequest sent = transport_->requests().at(0);
  EXPECT_EQ(Header(sent, "X-Amz-Target"), "TrentService.CreateAlias");
  EXPECT_EQ(Header(sent, "Content-Type"), "application/x-amz-json-1.1");
  EXPECT_EQ(nlohmann::json::parse(sent.body)["AliasName"], "alias/x");
}

TEST_F(ClientTest, S3VirtualHostedByDefaultPathStyleWhenOverridden) {
  transport_->Then(200, "", {{"x-amz-request-id", "S3REQ"}});
  RestRequest put;
  put.method = "PUT";
  put.bucket = "bkt";
  put.path = "/a%20b.txt";
  put.body = "data";
  auto r = MakeClient()->Rest(ops::kS3PutObject, put);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->request_id, "S3REQ");
  HttpRequest sent = transport_->requests().at(0);
  EXPECT_EQ(sent.url, "https://bkt.s3.eu-west-1.amazonaws.com/a%20b.txt");
  EXPECT_EQ(Header(sent, "X-Amz-Content-SHA256"),
            "3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7");

  ASSERT_TRUE(MakeClient({}, "http://127.0.0.1:1234")->Rest(ops::kS3PutObject, put).ok());
  EXPECT_EQ(transport_->requests().at(1).url, "http://127.0.0.1:1234/bkt/a%20b.txt");
  put.path = "";
  ASSERT_TRUE(MakeClient({}, "http://127.0.0.1:1234")->Rest(ops::kS3CreateBucket, put).ok());
  EXPECT_EQ(transport_->requests().at(2).url, "http://127.0.0.1:1234/bkt");
}

TEST_F(ClientTest, Route53QueryEncodingAndSigningRegion) {
  transport_->Then(200, "<ListHostedZonesResponse/>");
  RestRequest list;
  list.path = "/2013-04-01/hostedzone";
  list.query = {{"maxitems", "10"}, {"marker", "a b"}};
  ASSERT_TRUE(MakeClient()->Rest(ops::kRoute53ListHostedZones, list).ok());
  HttpRequest sent = transport_->requests().at(0);
  EXPECT_EQ(sent.url,
            "https://route53.amazonaws.com/2013-04-01/hostedzone?maxitems=10&marker=a%20b");
  EXPECT_NE(Header(sent, "Authorization").find("/us-east-1/route53/"), std::string::npos);
}

TEST_F(ClientTest, RetriesThrottlingThenSucceeds) {
  transport_->Then(503,
                   "<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>slow"
                   "</Message></Error></Errors><RequestID>r1</RequestID></Response>");
  transport_->ThenFail(Status::Transient("POST https://x/: Connection reset by peer"));
  transport_->Then(200, "<DescribeVpcsResponse><requestId>ok</requestId></DescribeVpcsResponse>");
  RetryOptions retry;
  retry.base_delay = std::chrono::milliseconds(1000);
  auto client = MakeClient(retry);
  std::vector<CallRecord> records;
  client->SetObserver([&](const CallRecord& r) { records.push_back(r); });
  auto r = client->Query(ops::kEc2DescribeVpcs, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(transport_->requests().size(), 3u);
  EXPECT_EQ(clock_.TotalSlept(), std::chrono::milliseconds(1000 + 2000));  // jitter pinned to 1
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].attempts, 3);
  EXPECT_TRUE(records[0].status.ok());
  EXPECT_EQ(client->RetryQuotaAvailable(), 500 - 5);  // took 5+5, refunded the last 5
  // Each attempt is signed afresh (the date moves with the clock).
  EXPECT_NE(transport_->requests()[0].headers, transport_->requests()[2].headers);
}

TEST_F(ClientTest, GivesUpAfterMaxAttemptsWithLastError) {
  transport_->Then(400,
                   "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>"
                   "<Message>Rate exceeded</Message></Error><RequestId>r9</RequestId>"
                   "</ErrorResponse>");
  RetryOptions retry;
  retry.max_attempts = 4;
  retry.base_delay = std::chrono::milliseconds(10);
  auto r = MakeClient(retry)->Query(ops::kIamGetRole, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kThrottled);
  EXPECT_EQ(r.status().aws_code(), "Throttling");
  EXPECT_EQ(r.status().request_id(), "r9");
  EXPECT_EQ(r.status().message(), "iam:GetRole: Rate exceeded");
  EXPECT_EQ(transport_->requests().size(), 4u);
  EXPECT_EQ(clock_.TotalSlept(), std::chrono::milliseconds(10 + 20 + 40));
}

TEST_F(ClientTest, InterruptedClientDoesNotRetry) {
  transport_->Then(503,
                   "<ErrorResponse><Error><Code>ServiceUnavailable</Code></Error>"
                   "</ErrorResponse>");
  std::atomic<bool> interrupted{true};  // Ctrl-C came while the call was on the wire
  auto client = MakeClient();
  client->SetCancel(&interrupted);
  auto r = client->Query(ops::kEc2DescribeVpcs, {});
  EXPECT_EQ(r.status().code(), StatusCode::kTransient);
  EXPECT_EQ(transport_->requests().size(), 1u);
  EXPECT_EQ(clock_.TotalSlept(), std::chrono::milliseconds(0));
  interrupted = false;  // not interrupted: the same failure is retried as usual
  auto again = client->Query(ops::kEc2DescribeVpcs, {});
  EXPECT_EQ(transport_->requests().size(), 1u + RetryOptions{}.max_attempts);
  EXPECT_GT(clock_.TotalSlept(), std::chrono::milliseconds(0));
}

TEST_F(ClientTest, LostAnswerOfANonIdempotentCreateIsNotSentAgain) {
  // CreateVpc has no ClientToken: a second attempt after a reset would make a second VPC.
  transport_->ThenFail(Status::Transient("POST https://x/: Connection reset by peer"));
  transport_->Then(200, "<CreateVpcResponse><requestId>ok</requestId></CreateVpcResponse>");
  auto client = MakeClient();
  auto r = client->Query(ops::kEc2CreateVpc, {});
  EXPECT_EQ(r.status().code(), StatusCode::kTransient);  // the engine looks for it, then creates
  EXPECT_NE(r.status().message().find("not repeated"), std::string::npos) << r.status().message();
  EXPECT_EQ(transport_->requests().size(), 1u);
  // A create AWS makes idempotent (RunInstances with its ClientToken) is retried as usual.
  auto run = client->Query(ops::kEc2RunInstances, {});
  EXPECT_TRUE(run.ok()) << run.status().ToString();
}

TEST_F(ClientTest, UnreadableSuccessIsTransient) {
  transport_->Then(200, "<CreateVpcResponse><requestId>ok</req");
  auto r = MakeClient()->Query(ops::kEc2CreateVpc, {});
  EXPECT_EQ(r.status().code(), StatusCode::kTransient) << r.status().ToString();
}

TEST_F(ClientTest, DoesNotRetryClientErrors) {
  transport_->Then(400,
                   "<Response><Errors><Error><Code>InvalidParameterValue</Code><Message>bad"
                   "</Message></Error></Errors><RequestID>r</RequestID></Response>");
  auto r = MakeClient()->Query(ops::kEc2DescribeVpcs, {});
  EXPECT_EQ(r.status().code(), StatusCode::kFailed);
  EXPECT_EQ(transport_->requests().size(), 1u);
  EXPECT_EQ(clock_.TotalSlept(), std::chrono::milliseconds(0));
}

TEST_F(ClientTest, QuotaExhaustionStopsRetries) {
  transport_->Then(500, "");
  RetryOptions retry;
  retry.max_attempts = 10;
  retry.retry_quota = 12;  // two retries at cost 5, then empty
  retry.base_delay = std::chrono::milliseconds(1);
  auto client = MakeClient(retry);
  auto r = client->Query(ops::kEc2DescribeVpcs, {});
  EXPECT_EQ(r.status().code(), StatusCode::kTransient);
  EXPECT_EQ(transport_->requests().size(), 3u);
  EXPECT_EQ(client->RetryQuotaAvailable(), 2);
  // The next failing call gets no retry at all.
  auto again = client->Query(ops::kEc2DescribeVpcs, {});
  EXPECT_EQ(transport_->requests().size(), 4u);
}

TEST_F(ClientTest, ClockSkewIsLearntFromDateHeaderAndRetriedOnce) {
  // The server is 20 minutes ahead of us.
  transport_->Then(403,
                   "<Error><Code>RequestTimeTooSkewed</Code><Message>The difference between "
                   "the request time and the current time is too large.</Message></Error>",
                   {{"Date", "Tue, 14 Nov 2023 22:33:20 GMT"}});
  transport_->Then(200, "");
  RestRequest get;
  get.bucket = "b";
  auto client = MakeClient();
  auto r = client->Rest(ops::kS3GetObject, get);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto requests = transport_->requests();
  ASSERT_EQ(requests.size(), 2u);
  HttpResponse first{0, requests[0].headers, ""}, second{0, requests[1].headers, ""};
  EXPECT_EQ(first.Header("X-Amz-Date"), "20231114T221320Z");
  EXPECT_EQ(second.Header("X-Amz-Date"), "20231114T223320Z");
  EXPECT_EQ(clock_.TotalSlept(), std::chrono::milliseconds(0));
}

TEST_F(ClientTest, CredentialFailureIsReturnedWithoutSending) {
  class Failing : public CredentialsProvider {
   public:
    Result<Credentials> Get() override { return Status::PermissionDenied("no creds"); }
  };
  AwsClient client(transport_, std::make_shared<Failing>(), EndpointResolver("us-east-1", "", {}),
                   clock_);
  auto r = client.Query(ops::kStsGetCallerIdentity, {});
  EXPECT_EQ(r.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(r.status().message(), "sts:GetCallerIdentity: no creds");
  EXPECT_TRUE(transport_->requests().empty());
}

}  // namespace
}  // namespace tectonic::aws
