// Against moto with signature checks and IAM on (INITIAL_NO_AUTH_ACTION_COUNT): an IAM user with
// an admin policy is made during the unauthenticated calls; then real signatures must pass,
// a wrong secret must be refused, and session tokens from GetSessionToken must work.
// (moto refuses every Route 53 call in this mode, so Route 53 is not exercised here.)
#include <gtest/gtest.h>

#include "aws/session.h"
#include "tests/support/moto_server.h"
#include "util/redact.h"

namespace tectonic::aws {
namespace {

// Test-only IAM operations: not in operations.def, since the installer never calls them.
const Operation kCreateUser{&services::kIam, "CreateUser", "iam:CreateUser", ""};
const Operation kPutUserPolicy{&services::kIam, "PutUserPolicy", "iam:PutUserPolicy", ""};
const Operation kCreateAccessKey{&services::kIam, "CreateAccessKey", "iam:CreateAccessKey", ""};

class MotoAuthTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    moto_ = new testing::MotoServer(
        std::map<std::string, std::string>{{"INITIAL_NO_AUTH_ACTION_COUNT", "3"}});
    auto bootstrap = Open({"AKIDBOOTSTRAP", "bootstrap-secret", ""});
    ASSERT_TRUE(bootstrap.ok());
    AwsClient& iam = *bootstrap->client;
    ASSERT_TRUE(iam.Query(kCreateUser, FormParams().Add("UserName", "tectonic")).ok());
    ASSERT_TRUE(iam.Query(kPutUserPolicy,
                          FormParams()
                              .Add("UserName", "tectonic")
                              .Add("PolicyName", "admin")
                              .Add("PolicyDocument",
                                   R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",)"
                                   R"("Action":"*","Resource":"*"}]})"))
                    .ok());
    auto key = iam.Query(kCreateAccessKey, FormParams().Add("UserName", "tectonic"));
    ASSERT_TRUE(key.ok()) << key.status().ToString();
    auto k = key->result().child("AccessKey");
    key_id_ = k.child("AccessKeyId").text().as_string();
    secret_ = k.child("SecretAccessKey").text().as_string();
    RegisterSecret(secret_);
  }
  static void TearDownTestSuite() {
    delete moto_;
    moto_ = nullptr;
  }
  struct Keys {
    std::string id, secret, token;
  };
  static Result<AwsSession> Open(const Keys& keys) {
    ExplicitAwsSettings s;
    s.access_key_id = keys.id;
    s.secret_access_key = keys.secret;
    s.session_token = keys.token;
    s.region = "us-east-1";
    s.endpoint_url = moto_->url();
    SessionOptions o;
    o.retry.max_attempts = 1;
    return OpenSession(s, MapEnv({}), o);
  }
  static testing::MotoServer* moto_;
  static std::string key_id_, secret_;
};
testing::MotoServer* MotoAuthTest::moto_ = nullptr;
std::string MotoAuthTest::key_id_, MotoAuthTest::secret_;

TEST_F(MotoAuthTest, CorrectSignaturesPassForEveryProtocol) {
  auto session = Open({key_id_, secret_, ""});
  ASSERT_TRUE(session.ok());
  AwsClient& c = *session->client;
  auto who = c.Query(ops::kStsGetCallerIdentity, {});
  ASSERT_TRUE(who.ok()) << who.status().ToString();
  EXPECT_NE(std::string(who->result().child("Arn").text().as_string()).find("user/tectonic"),
            std::string::npos);
  auto vpcs = c.Query(ops::kEc2DescribeVpcs, {});
  EXPECT_TRUE(vpcs.ok()) << vpcs.status().ToString();
  auto key = c.Json(ops::kKmsCreateKey, nlohmann::json::object());
  EXPECT_TRUE(key.ok()) << key.status().ToString();
  RestRequest bucket;
  bucket.method = "PUT";
  bucket.bucket = "auth-bucket";
  auto b = c.Rest(ops::kS3CreateBucket, bucket);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  RestRequest put;
  put.method = "PUT";
  put.bucket = "auth-bucket";
  // moto rejects botocore's own signatures for non-ASCII S3 keys (its defect); spaces pass.
  put.path = "/with%20space/x.txt";
  put.body = "signed body";
  auto p = c.Rest(ops::kS3PutObject, put);
  EXPECT_TRUE(p.ok()) << p.status().ToString();
}

TEST_F(MotoAuthTest, WrongSecretIsRefusedClearly) {
  auto session = Open({key_id_, "definitely-the-wrong-secret", ""});
  ASSERT_TRUE(session.ok());
  auto who = session->client->Query(ops::kStsGetCallerIdentity, {});
  ASSERT_FALSE(who.ok());
  EXPECT_EQ(who.status().code(), StatusCode::kPermissionDenied) << who.status().ToString();
  EXPECT_TRUE(who.status().message().starts_with("sts:GetCallerIdentity: "));
  EXPECT_EQ(who.status().message().find("definitely-the-wrong-secret"), std::string::npos);
  auto vpcs = session->client->Query(ops::kEc2DescribeVpcs, {});
  EXPECT_EQ(vpcs.status().code(), StatusCode::kPermissionDenied) << vpcs.status().ToString();
}

// moto does not accept GetSessionToken credentials in this mode (InvalidClientTokenId, also
// for boto3), so the session-token path is exercised with AssumeRole credentials, which it does.
TEST_F(MotoAuthTest, SessionTokenFromAssumeRoleWorks) {
  auto session = Open({key_id_, secret_, ""});
  ASSERT_TRUE(session.ok());
  AwsClient& c = *session->client;
  auto role = c.Query(ops::kIamCreateRole,
                      FormParams()
                          .Add("RoleName", "tectonic-auth")
                          .Add("AssumeRolePolicyDocument",
                               R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",)"
                               R"("Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]})"));
  ASSERT_TRUE(role.ok()) << role.status().ToString();
  ASSERT_TRUE(c.Query(ops::kIamPutRolePolicy,
                      FormParams()
                          .Add("RoleName", "tectonic-auth")
                          .Add("PolicyName", "admin")
                          .Add("PolicyDocument",
                               R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",)"
                               R"("Action":"*","Resource":"*"}]})"))
                  .ok());
  auto assumed =
      c.Query(ops::kStsAssumeRole,
              FormParams()
                  .Add("RoleArn", role->result().child("Role").child("Arn").text().as_string())
                  .Add("RoleSessionName", "auth-test"));
  ASSERT_TRUE(assumed.ok()) << assumed.status().ToString();
  auto creds = assumed->result().child("Credentials");
  Keys temp{creds.child("AccessKeyId").text().as_string(),
            creds.child("SecretAccessKey").text().as_string(),
            creds.child("SessionToken").text().as_string()};
  ASSERT_FALSE(temp.token.empty());
  auto temp_session = Open(temp);
  ASSERT_TRUE(temp_session.ok());
  auto who = temp_session->client->Query(ops::kStsGetCallerIdentity, {});
  ASSERT_TRUE(who.ok()) << who.status().ToString();
  EXPECT_NE(std::string(who->result().child("Arn").text().as_string())
                .find("assumed-role/tectonic-auth/auth-test"),
            std::string::npos);
  // The same keys without their token are refused: the token is really checked.
  temp.token.clear();
  auto no_token = Open(temp)->client->Query(ops::kStsGetCallerIdentity, {});
  EXPECT_EQ(no_token.status().code(), StatusCode::kPermissionDenied)
      << no_token.status().ToString();
}

}  // namespace
}  // namespace tectonic::aws
