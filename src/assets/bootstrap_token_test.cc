#include "assets/bootstrap_token.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <regex>

#include "util/redact.h"

namespace tectonic::assets {
namespace {

TEST(BootstrapTokenTest, ShapeAndRedaction) {
  auto token = GenerateBootstrapToken();
  ASSERT_TRUE(token.ok());
  EXPECT_TRUE(std::regex_match(token->Token(), std::regex("[a-z0-9]{6}\\.[a-z0-9]{16}")));
  EXPECT_EQ(Redact("token " + token->secret).find(token->secret), std::string::npos);
  auto again = GenerateBootstrapToken();
  EXPECT_NE(again->Token(), token->Token());
}

TEST(BootstrapTokenTest, ParseRoundTripAndRejects) {
  auto token = ParseBootstrapToken("abcdef.0123456789abcdef\n");
  ASSERT_TRUE(token.ok());
  EXPECT_EQ(token->id, "abcdef");
  EXPECT_FALSE(ParseBootstrapToken("ABCDEF.0123456789abcdef").ok());
  EXPECT_FALSE(ParseBootstrapToken("abcdef0123456789abcdef").ok());
  EXPECT_FALSE(ParseBootstrapToken("abcde.0123456789abcdef").ok());
}

TEST(BootstrapTokenTest, SecretManifest) {
  auto token = ParseBootstrapToken("abcdef.0123456789abcdef");
  auto doc = YAML::Load(BootstrapTokenSecretYaml(*token));
  EXPECT_EQ(doc["metadata"]["name"].as<std::string>(), "bootstrap-token-abcdef");
  EXPECT_EQ(doc["metadata"]["namespace"].as<std::string>(), "kube-system");
  EXPECT_EQ(doc["type"].as<std::string>(), "bootstrap.kubernetes.io/token");
  EXPECT_EQ(doc["stringData"]["token-secret"].as<std::string>(), "0123456789abcdef");
  EXPECT_EQ(doc["stringData"]["usage-bootstrap-authentication"].as<std::string>(), "true");
}

TEST(BootstrapTokenTest, ExpirationIsWrittenAndChecked) {
  auto token = ParseBootstrapToken("abcdef.0123456789abcdef");
  token->expiration = ExpirationFromNow(kBootstrapTokenTtlHours);
  EXPECT_TRUE(std::regex_match(token->expiration,
                               std::regex("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z")));
  auto doc = YAML::Load(BootstrapTokenSecretYaml(*token));
  EXPECT_EQ(doc["stringData"]["expiration"].as<std::string>(), token->expiration);
  EXPECT_EQ(doc["stringData"]["auth-extra-groups"].as<std::string>(), kBootstrapTokenGroup);
  EXPECT_FALSE(ExpiresWithin(token->expiration, 23));
  EXPECT_TRUE(ExpiresWithin(token->expiration, 25));
  EXPECT_TRUE(ExpiresWithin("2020-01-01T00:00:00Z", 1));
  EXPECT_TRUE(ExpiresWithin("not a date", 1));
}

}  // namespace
}  // namespace tectonic::assets
