// The credentials chain end to end against moto: environment keys, a temp ~/.aws profile, and a
// role_arn + source_profile profile that assumes a role through STS.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "aws/session.h"
#include "tests/support/moto_server.h"

namespace tectonic::aws {
namespace {

class MotoCredentialsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { moto_ = new testing::MotoServer(); }
  static void TearDownTestSuite() {
    delete moto_;
    moto_ = nullptr;
  }
  void WriteAws(const std::string& name, const std::string& text) {
    std::filesystem::create_directories(home_.path() + "/.aws");
    std::ofstream(home_.path() + "/.aws/" + name) << text;
  }
  // The emulator env without the key variables: only the profile files remain.
  std::map<std::string, std::string> ProfileOnlyEnv() {
    auto env = testing::EmulatorEnv(moto_->url(), home_.path(), "eu-west-1");
    env.erase("AWS_ACCESS_KEY_ID");
    env.erase("AWS_SECRET_ACCESS_KEY");
    return env;
  }
  std::string CallerArn(AwsSession& s) {
    auto who = s.client->Query(ops::kStsGetCallerIdentity, {});
    EXPECT_TRUE(who.ok()) << who.status().ToString();
    return who.ok() ? who->result().child("Arn").text().as_string() : "";
  }
  static testing::MotoServer* moto_;
  testing::TempDir home_;
};
testing::MotoServer* MotoCredentialsTest::moto_ = nullptr;

TEST_F(MotoCredentialsTest, FromEnvironment) {
  auto s = OpenSession({}, MapEnv(testing::EmulatorEnv(moto_->url(), home_.path(), "eu-west-1")));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->credentials_source, "environment");
  EXPECT_EQ(s->region, "eu-west-1");
  EXPECT_FALSE(CallerArn(*s).empty());
}

TEST_F(MotoCredentialsTest, FromProfileFile) {
  WriteAws("credentials",
           "[dev]\naws_access_key_id = AKIAPROFILEDEV00001\n"
           "aws_secret_access_key = profile-dev-secret\n");
  auto env = ProfileOnlyEnv();
  env["AWS_PROFILE"] = "dev";
  auto s = OpenSession({}, MapEnv(env));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->credentials_source, "profile dev");
  EXPECT_FALSE(CallerArn(*s).empty());
}

TEST_F(MotoCredentialsTest, AssumeRoleViaSourceProfile) {
  WriteAws("credentials",
           "[base]\naws_access_key_id = AKIAPROFILEBASE0001\n"
           "aws_secret_access_key = profile-base-secret\n");
  WriteAws("config",
           "[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/tectonic-admin\n"
           "source_profile = base\nrole_session_name = it-session\nregion = eu-west-2\n");
  auto env = ProfileOnlyEnv();
  env.erase("AWS_REGION");
  env.erase("AWS_DEFAULT_REGION");
  env["AWS_PROFILE"] = "admin";
  auto s = OpenSession({}, MapEnv(env));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->region, "eu-west-2");
  auto creds = s->client->credentials().Get();
  ASSERT_TRUE(creds.ok()) << creds.status().ToString();
  EXPECT_TRUE(creds->access_key_id.starts_with("ASIA")) << creds->access_key_id;
  EXPECT_FALSE(creds->session_token.empty());
  EXPECT_TRUE(creds->expiration.has_value());
  EXPECT_NE(CallerArn(*s).find("assumed-role/tectonic-admin/it-session"), std::string::npos);
}

}  // namespace
}  // namespace tectonic::aws
