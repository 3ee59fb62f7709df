// Raw AwsClient calls for each protocol against moto, with credentials from a session.
#include <gtest/gtest.h>

#include "aws/session.h"
#include "aws/sigv4.h"
#include "tests/support/moto_server.h"

namespace tectonic::aws {
namespace {

using testing::MotoServer;
using testing::TempDir;

class ClientMotoTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { moto_ = new MotoServer(); }
  static void TearDownTestSuite() {
    delete moto_;
    moto_ = nullptr;
  }
  void SetUp() override {
    moto_->Reset();
    env_ = testing::EmulatorEnv(moto_->url(), home_.path());
    auto session = OpenSession({}, MapEnv(env_));
    ASSERT_TRUE(session.ok()) << session.status().ToString();
    session_ = *session;
  }
  AwsClient& client() { return *session_.client; }

  static MotoServer* moto_;
  TempDir home_;
  std::map<std::string, std::string> env_;
  AwsSession session_;
};
MotoServer* ClientMotoTest::moto_ = nullptr;

TEST_F(ClientMotoTest, SessionComesFromEnvironment) {
  EXPECT_EQ(session_.region, "us-east-1");
  EXPECT_EQ(session_.credentials_source, "environment");
}

TEST_F(ClientMotoTest, StsGetCallerIdentityQueryProtocol) {
  auto r = client().Query(ops::kStsGetCallerIdentity, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(std::string(r->result().name()), "GetCallerIdentityResult");
  EXPECT_EQ(std::string(r->result().child("Account").text().as_string()).size(), 12u);
  EXPECT_FALSE(r->request_id.empty());
}

TEST_F(ClientMotoTest, Ec2ProtocolCreateAndDescribeVpcWithLists) {
  FormParams create;
  create.Add("CidrBlock", "10.1.0.0/16");
  auto created = client().Query(ops::kEc2CreateVpc, create);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  std::string vpc_id = created->result().child("vpc").child("vpcId").text().as_string();
  ASSERT_TRUE(vpc_id.starts_with("vpc-")) << vpc_id;

  FormParams describe;
  describe.AddEc2List("VpcId", {vpc_id});
  auto described = client().Query(ops::kEc2DescribeVpcs, describe);
  ASSERT_TRUE(described.ok()) << described.status().ToString();
  int count = 0;
  for (auto item : described->result().child("vpcSet").children("item")) {
    EXPECT_EQ(std::string(item.child("vpcId").text().as_string()), vpc_id);
    ++count;
  }
  EXPECT_EQ(count, 1);
}

TEST_F(ClientMotoTest, Ec2ErrorIsParsedAndClassified) {
  FormParams describe;
  describe.AddEc2List("VpcId", {"vpc-0123456789abcdef0"});
  auto r = client().Query(ops::kEc2DescribeVpcs, describe);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound) << r.status().ToString();
  EXPECT_EQ(r.status().aws_code(), "InvalidVpcID.NotFound");
  EXPECT_EQ(r.status().http_status(), 400);
  EXPECT_TRUE(r.status().message().starts_with("ec2:DescribeVpcs: ")) << r.status().message();
}

TEST_F(ClientMotoTest, KmsJsonProtocol) {
  auto created = client().Json(ops::kKmsCreateKey, {{"Description", "tectonic test"}});
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  std::string key_id = (*created)["KeyMetadata"]["KeyId"];
  auto described = client().Json(ops::kKmsDescribeKey, {{"KeyId", key_id}});
  ASSERT_TRUE(described.ok()) << described.status().ToString();
  EXPECT_EQ((*described)["KeyMetadata"]["Description"], "tectonic test");

  auto missing =
      client().Json(ops::kKmsDescribeKey, {{"KeyId", "11111111-2222-3333-4444-555555555555"}});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound) << missing.status().ToString();
  EXPECT_EQ(missing.status().aws_code(), "NotFoundException");
}

TEST_F(ClientMotoTest, Route53RestXml) {
  RestRequest create;
  create.method = "POST";
  create.path = "/2013-04-01/hostedzone";
  create.body =
      "<CreateHostedZoneRequest xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\">"
      "<Name>example.test.</Name><CallerReference>ref-1</CallerReference>"
      "</CreateHostedZoneRequest>";
  auto created = client().Rest(ops::kRoute53CreateHostedZone, create);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(created->status, 201);

  RestRequest list;
  list.path = "/2013-04-01/hostedzone";
  list.query = {{"maxitems", "10"}};
  auto listed = client().Rest(ops::kRoute53ListHostedZones, list);
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  auto xml = listed->Xml();
  ASSERT_TRUE(xml.ok());
  auto zone = xml->result().child("HostedZones").child("HostedZone");
  EXPECT_EQ(std::string(zone.child("Name").text().as_string()), "example.test.");

  RestRequest missing;
  missing.path = "/2013-04-01/hostedzone/ZNOSUCHZONE000";
  auto r = client().Rest(ops::kRoute53GetHostedZone, missing);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound) << r.status().ToString();
}

TEST_F(ClientMotoTest, S3PutAndGetObjectWithAwkwardKey) {
  RestRequest bucket;
  bucket.method = "PUT";
  bucket.bucket = "tectonic-test-bucket";
  auto created = client().Rest(ops::kS3CreateBucket, bucket);
  ASSERT_TRUE(created.ok()) << created.status().ToString();

  const std::string key = "dir/a key+with=odd&chars-é.txt";
  RestRequest put;
  put.method = "PUT";
  put.bucket = "tectonic-test-bucket";
  put.path = "/" + UriEncode(key, true);
  put.body = "hello, moto";
  put.headers = {{"Content-Type", "text/plain"}};
  auto stored = client().Rest(ops::kS3PutObject, put);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_FALSE(stored->Header("ETag").empty());

  RestRequest get;
  get.bucket = "tectonic-test-bucket";
  get.path = "/" + UriEncode(key, true);
  auto got = client().Rest(ops::kS3GetObject, get);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->body, "hello, moto");

  RestRequest list;
  list.bucket = "tectonic-test-bucket";
  list.query = {{"list-type", "2"}, {"prefix", "dir/a key"}};
  auto listed = client().Rest(ops::kS3ListObjectsV2, list);
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  EXPECT_NE(listed->body.find("chars-"), std::string::npos) << listed->body;

  RestRequest head;
  head.method = "HEAD";
  head.bucket = "tectonic-test-bucket";
  head.path = "/no-such-object";
  auto missing = client().Rest(ops::kS3HeadObject, head);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound) << missing.status().ToString();
  EXPECT_EQ(missing.status().http_status(), 404);
}

TEST_F(ClientMotoTest, ObserverSeesEveryCall) {
  std::vector<std::string> seen;
  client().SetObserver([&](const CallRecord& r) {
    seen.push_back(std::string(r.operation->name) + ":" + (r.status.ok() ? "ok" : "err") + ":" +
                   std::to_string(r.attempts));
  });
  ASSERT_TRUE(client().Query(ops::kStsGetCallerIdentity, {}).ok());
  FormParams bad;
  bad.AddEc2List("VpcId", {"vpc-0123456789abcdef0"});
  EXPECT_FALSE(client().Query(ops::kEc2DescribeVpcs, bad).ok());
  EXPECT_EQ(seen, (std::vector<std::string>{"GetCallerIdentity:ok:1", "DescribeVpcs:err:1"}));
}

}  // namespace
}  // namespace tectonic::aws
