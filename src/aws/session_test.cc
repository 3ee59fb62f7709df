// EndpointResolver, profile files, the credentials chain and OpenSession (no network).
#include "aws/session.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "aws/fake_transport.h"
#include "aws/profile_files.h"
#include "util/redact.h"

namespace tectonic::aws {
namespace {

TEST(EndpointResolverTest, Defaults) {
  EndpointResolver r("eu-central-1", "", {});
  EXPECT_EQ(r.BaseUrl(services::kEc2), "https://ec2.eu-central-1.amazonaws.com");
  EXPECT_EQ(r.BaseUrl(services::kSts), "https://sts.eu-central-1.amazonaws.com");
  EXPECT_EQ(r.BaseUrl(services::kIam), "https://iam.amazonaws.com");
  EXPECT_EQ(r.BaseUrl(services::kRoute53), "https://route53.amazonaws.com");
  EXPECT_EQ(r.BaseUrl(services::kElbv2), "https://elasticloadbalancing.eu-central-1.amazonaws.com");
  EXPECT_EQ(r.SigningRegion(services::kIam), "us-east-1");
  EXPECT_EQ(r.SigningRegion(services::kRoute53), "us-east-1");
  EXPECT_EQ(r.SigningRegion(services::kSts), "eu-central-1");
  EXPECT_FALSE(r.IsOverridden(services::kS3));
}

TEST(EndpointResolverTest, EnvironmentOverridesPerServiceWins) {
  auto env = MapEnv({{"AWS_ENDPOINT_URL", "http://127.0.0.1:5000/"},
                     {"AWS_ENDPOINT_URL_ROUTE_53", "http://127.0.0.1:6000"}});
  auto r = EndpointResolver::FromEnvironment("us-west-2", "", env);
  EXPECT_EQ(r.BaseUrl(services::kEc2), "http://127.0.0.1:5000");
  EXPECT_EQ(r.BaseUrl(services::kRoute53), "http://127.0.0.1:6000");
  EXPECT_TRUE(r.IsOverridden(services::kS3));
  EXPECT_EQ(r.SigningRegion(services::kRoute53), "us-east-1");
  auto only_s3 = EndpointResolver::FromEnvironment("us-west-2", "",
                                                   MapEnv({{"AWS_ENDPOINT_URL_S3", "http://s"}}));
  EXPECT_TRUE(only_s3.IsOverridden(services::kS3));
  EXPECT_FALSE(only_s3.IsOverridden(services::kEc2));
  auto explicit_url = EndpointResolver::FromEnvironment("us-west-2", "http://x:1", env);
  EXPECT_EQ(explicit_url.BaseUrl(services::kKms), "http://x:1");
}

TEST(ProfileFilesTest, ParsesIni) {
  IniSections s = ParseIni(
      "# comment\n[default]\naws_access_key_id = AKID\nAWS_Secret_Access_Key=s3cr3t-value "
      "# note\n\n[profile dev]\nregion=eu-west-1\ns3 =\n  addressing_style = path\n; x\n");
  EXPECT_EQ(s["default"]["aws_access_key_id"], "AKID");
  EXPECT_EQ(s["default"]["aws_secret_access_key"], "s3cr3t-value");
  EXPECT_EQ(s["profile dev"]["region"], "eu-west-1");
  EXPECT_EQ(s["profile dev"].count("addressing_style"), 0u);
}

class ProfileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("aws-profile-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_ / ".aws");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / ".aws" / name) << text;
  }
  std::map<std::string, std::string> BaseEnv() { return {{"HOME", dir_.string()}}; }
  std::filesystem::path dir_;
};

TEST_F(ProfileTest, MergesConfigAndCredentials) {
  Write("credentials", "[dev]\naws_access_key_id=AKIDDEV\naws_secret_access_key=devsecret123\n");
  Write("config", "[profile dev]\nregion=ap-south-1\n[default]\nregion=us-east-2\n[dev]\nx=1\n");
  auto files = LoadProfileFiles(MapEnv(BaseEnv()));
  ASSERT_TRUE(files.ok());
  ASSERT_NE(files->Find("dev"), nullptr);
  EXPECT_EQ(files->Find("dev")->at("region"), "ap-south-1");
  EXPECT_EQ(files->Find("dev")->at("aws_access_key_id"), "AKIDDEV");
  EXPECT_EQ(files->Find("dev")->count("x"), 0u);  // [dev] in config is not a profile
  EXPECT_EQ(Redact("key devsecret123"), "key [REDACTED]");
}

TEST_F(ProfileTest, ChainOrder) {
  Write("credentials",
        "[default]\naws_access_key_id=AKIDFILE\naws_secret_access_key=filesecret1\n"
        "[other]\naws_access_key_id=AKIDOTHER\naws_secret_access_key=othersecret1\n");
  auto none = [](std::shared_ptr<CredentialsProvider>) { return std::shared_ptr<AwsClient>(); };
  auto env = BaseEnv();
  // Profile file when no env keys.
  auto c = ResolveCredentials({}, MapEnv(env), none);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->source, "profile default");
  EXPECT_EQ(c->provider->Get()->access_key_id, "AKIDFILE");
  // Env keys beat the default profile.
  env["AWS_ACCESS_KEY_ID"] = "AKIDENV";
  env["AWS_SECRET_ACCESS_KEY"] = "envsecret123";
  env["AWS_SESSION_TOKEN"] = "envtoken12345";
  c = ResolveCredentials({}, MapEnv(env), none);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->source, "environment");
  EXPECT_EQ(c->provider->Get()->session_token, "envtoken12345");
  // An explicit profile beats env keys; explicit keys beat everything.
  ExplicitAwsSettings s;
  s.profile = "other";
  EXPECT_EQ(ResolveCredentials(s, MapEnv(env), none)->provider->Get()->access_key_id, "AKIDOTHER");
  s.access_key_id = "AKIDX";
  s.secret_access_key = "explicitsecret";
  EXPECT_EQ(ResolveCredentials(s, MapEnv(env), none)->source, "explicit");
  // A missing named profile is a clear error.
  s = {};
  s.profile = "nope";
  auto missing = ResolveCredentials(s, MapEnv(env), none);
  EXPECT_EQ(missing.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(missing.status().message().find("'nope' not found"), std::string::npos);
}

TEST_F(ProfileTest, NoCredentialsAtAll) {
  auto c = ResolveCredentials({}, MapEnv(BaseEnv()), nullptr);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kPermissionDenied);
  EXPECT_TRUE(c.status().message().starts_with(
      "no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or "
      "AWS_PROFILE with a profile in ~/.aws/credentials"))
      << c.status().message();
  auto half = BaseEnv();
  half["AWS_ACCESS_KEY_ID"] = "AKIDONLY";
  auto h = ResolveCredentials({}, MapEnv(half), nullptr);
  EXPECT_EQ(h.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(h.status().message().find("AWS_SECRET_ACCESS_KEY is not set"), std::string::npos);
}

TEST_F(ProfileTest, RoleProfileAssumesRoleThroughStsAndCaches) {
  Write("credentials", "[base]\naws_access_key_id=AKIDBASE\naws_secret_access_key=basesecret1\n");
  Write("config",
        "[profile admin]\nrole_arn=arn:aws:iam::123456789012:role/admin\nsource_profile=base\n"
        "external_id=ext-1\nrole_session_name=sess\nduration_seconds=900\nregion=eu-west-3\n");
  auto transport = std::make_shared<FakeTransport>();
  auto assume = [](const std::string& key, const std::string& expiration) {
    return "<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>" + key +
           "</AccessKeyId><SecretAccessKey>assumedsecret-" + key +
           "</SecretAccessKey><SessionToken>assumedtoken-" + key + "</SessionToken><Expiration>" +
           expiration + "</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>";
  };
  transport->Then(200, assume("ASIAONE", "2023-11-14T22:43:20Z"));  // now + 30 min
  transport->Then(200, assume("ASIATWO", "2023-11-14T23:43:20Z"));
  FakeClock clock(std::chrono::system_clock::from_time_t(1700000000));  // 22:13:20Z
  auto env = BaseEnv();
  env["AWS_PROFILE"] = "admin";
  SessionOptions options;
  options.transport = transport;
  options.clock = &clock;
  auto session = OpenSession({}, MapEnv(env), options);
  ASSERT_TRUE(session.ok()) << session.status().ToString();
  EXPECT_EQ(session->region, "eu-west-3");
  EXPECT_EQ(session->credentials_source,
            "profile admin (role arn:aws:iam::123456789012:role/admin via profile base)");
  EXPECT_TRUE(transport->requests().empty());  // lazily assumed

  auto first = session->client->credentials().Get();
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->access_key_id, "ASIAONE");
  ASSERT_EQ(transport->requests().size(), 1u);
  const HttpRequest sts = transport->requests()[0];
  EXPECT_EQ(sts.url, "https://sts.eu-west-3.amazonaws.com/");
  EXPECT_NE(sts.body.find("RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fadmin"),
            std::string::npos);
  EXPECT_NE(sts.body.find("ExternalId=ext-1"), std::string::npos);
  EXPECT_NE(sts.body.find("RoleSessionName=sess"), std::string::npos);
  EXPECT_NE(sts.body.find("DurationSeconds=900"), std::string::npos);
  EXPECT_NE(HttpResponse({0, sts.headers, ""}).Header("Authorization").find("AKIDBASE/"),
            std::string::npos);
  EXPECT_EQ(Redact("assumedsecret-ASIAONE"), "[REDACTED]");

  clock.Advance(std::chrono::minutes(20));  // 10 min left: still cached
  EXPECT_EQ(session->client->credentials().Get()->access_key_id, "ASIAONE");
  EXPECT_EQ(transport->requests().size(), 1u);
  clock.Advance(std::chrono::minutes(6));  // 4 min left: refreshed
  EXPECT_EQ(session->client->credentials().Get()->access_key_id, "ASIATWO");
  EXPECT_EQ(transport->requests().size(), 2u);
}

TEST_F(ProfileTest, RegionOrder) {
  Write("config", "[default]\nregion=us-east-2\n");
  auto env = BaseEnv();
  env["AWS_ACCESS_KEY_ID"] = "AKID";
  env["AWS_SECRET_ACCESS_KEY"] = "secretsecret";
  SessionOptions o;
  o.transport = std::make_shared<FakeTransport>();
  EXPECT_EQ(OpenSession({}, MapEnv(env), o)->region, "us-east-2");
  env["AWS_DEFAULT_REGION"] = "eu-north-1";
  EXPECT_EQ(OpenSession({}, MapEnv(env), o)->region, "eu-north-1");
  env["AWS_REGION"] = "eu-south-1";
  EXPECT_EQ(OpenSession({}, MapEnv(env), o)->region, "eu-south-1");
  ExplicitAwsSettings s;
  s.region = "sa-east-1";
  EXPECT_EQ(OpenSession(s, MapEnv(env), o)->region, "sa-east-1");
  std::filesystem::remove(dir_ / ".aws" / "config");
  auto none = OpenSession(
      {},
      MapEnv({{"HOME", dir_.string()}, {"AWS_ACCESS_KEY_ID", "A"}, {"AWS_SECRET_ACCESS_KEY", "B"}}),
      o);
  EXPECT_EQ(none.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(none.status().message().find("no AWS region"), std::string::npos);
}

}  // namespace
}  // namespace tectonic::aws
