// RunPreflight end to end over a scripted transport: skips after bad credentials, the expiry of
// temporary credentials from the provider, and offline checks that run regardless.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "aws/fake_transport.h"
#include "preflight/preflight.h"

namespace tectonic::preflight {
namespace {

constexpr const char* kIdentity =
    "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
    "<GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/alice</Arn>"
    "<UserId>AIDA</UserId><Account>123456789012</Account></GetCallerIdentityResult>"
    "<ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata>"
    "</GetCallerIdentityResponse>";

class RunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("pf-runner-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    std::ofstream(dir_ / "license.txt") << "eyJhbGciOiJSUzI1NiJ9.eyJsaWNlbnNlIjoidGVzdCJ9\n";
    std::ofstream(dir_ / "pull-secret.json") << R"({"auths":{"quay.io":{"auth":"dTpw"}}})";
    loaded_.dir = dir_;
    loaded_.file = dir_ / "cluster.yaml";
    loaded_.config.name = "demo";
    loaded_.config.base_domain = "example.com";
    loaded_.config.aws.region = "us-east-1";
    loaded_.config.aws.ssh_key_name = "demo-key";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  PreflightReport Run(aws::Credentials creds, PreflightOptions options = {}) {
    aws::RetryOptions retry;
    retry.max_attempts = 1;
    aws::AwsClient client(transport_, std::make_shared<aws::StaticCredentialsProvider>(creds),
                          aws::EndpointResolver("us-east-1", "http://127.0.0.1:9", {}), clock_,
                          retry);
    options.clock = &clock_;
    return RunPreflight(loaded_, client, options);
  }

  static aws::Credentials LongTerm() {
    aws::Credentials c;
    c.access_key_id = "AKIAEXAMPLE";
    c.secret_access_key = "secret-key-for-tests-only";
    c.source = "test";
    return c;
  }

  std::filesystem::path dir_;
  model::LoadedConfig loaded_;
  std::shared_ptr<aws::FakeTransport> transport_ = std::make_shared<aws::FakeTransport>();
  FakeClock clock_{std::chrono::system_clock::now()};
};

TEST_F(RunnerTest, BadCredentialsFailWithExplanationAndSkipAwsChecks) {
  transport_->Then(403,
                   "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code>"
                   "<Message>The security token included in the request is invalid.</Message>"
                   "</Error><RequestId>r</RequestId></ErrorResponse>");
  PreflightReport report = Run(LongTerm());
  EXPECT_FALSE(report.ok());
  const CheckResult* cred = report.Find("credentials");
  ASSERT_NE(cred, nullptr);
  EXPECT_EQ(cred->state, CheckState::kFail);
  EXPECT_NE(cred->summary.find("access key id is unknown"), std::string::npos) << cred->summary;
  EXPECT_NE(cred->fix.find("AWS_ACCESS_KEY_ID"), std::string::npos);
  for (const char* id : {"region", "zones", "instance-types", "ssh-key", "kms", "hosted-zone",
                         "iam-permissions", "quota-vpcs", "quota-nat", "existing-vpc", "ami"}) {
    const CheckResult* r = report.Find(id);
    ASSERT_NE(r, nullptr) << id;
    EXPECT_EQ(r->state, CheckState::kSkip) << id << ": " << r->summary;
    EXPECT_NE(r->summary.find("did not pass"), std::string::npos) << id;
  }
  EXPECT_EQ(report.Find("license")->state, CheckState::kPass);
  EXPECT_EQ(report.Find("pull-secret")->state, CheckState::kPass);
  EXPECT_EQ(report.Find("names")->state, CheckState::kPass);
  EXPECT_EQ(report.results.size(), CheckIds().size());
  // Only STS was called: nothing else runs without credentials.
  EXPECT_EQ(transport_->requests().size(), 1u);
}

TEST_F(RunnerTest, ShortLivedSessionFailsLongLivedPasses) {
  transport_->Then(200, kIdentity);
  aws::Credentials creds = LongTerm();
  creds.session_token = "session-token-for-tests-only";
  creds.expiration = clock_.Now() + std::chrono::minutes(10);
  PreflightReport report = Run(creds);
  const CheckResult* cred = report.Find("credentials");
  EXPECT_EQ(cred->state, CheckState::kFail) << cred->summary;
  EXPECT_NE(cred->summary.find("10 min left"), std::string::npos) << cred->summary;
  EXPECT_NE(cred->summary.find("123456789012"), std::string::npos) << cred->summary;
  EXPECT_EQ(report.facts.account_id, "123456789012");
  EXPECT_EQ(report.facts.caller_arn, "arn:aws:iam::123456789012:user/alice");
  // Dependent checks are skipped, not run with doomed credentials.
  EXPECT_EQ(report.Find("region")->state, CheckState::kSkip);

  creds.expiration = clock_.Now() + std::chrono::hours(2);
  report = Run(creds);
  EXPECT_EQ(report.Find("credentials")->state, CheckState::kPass)
      << report.Find("credentials")->summary;

  PreflightOptions longer;
  longer.expected_install_time = std::chrono::minutes(180);
  EXPECT_EQ(Run(creds, longer).Find("credentials")->state, CheckState::kFail);
}

TEST_F(RunnerTest, MissingPullSecretFailsWithoutPrintingSecrets) {
  transport_->Then(200, kIdentity);
  std::ofstream(dir_ / "pull-secret.json") << R"({"auths": {}, "note": "s3cr3t-v4lue-xyz"})";
  PreflightReport report = Run(LongTerm());
  const CheckResult* r = report.Find("pull-secret");
  EXPECT_EQ(r->state, CheckState::kFail);
  EXPECT_NE(r->summary.find("\"auths\" is empty"), std::string::npos) << r->summary;
  std::string all = ReportJson(report).dump();
  EXPECT_EQ(all.find("s3cr3t-v4lue-xyz"), std::string::npos);
}

}  // namespace
}  // namespace tectonic::preflight
