// Loader tests: parsing, positions, defaults, unknown keys, secret files.
#include "model/config_loader.h"

#include <gtest/gtest.h>

#include "model/config_test_util.h"
#include "util/redact.h"

namespace tectonic::model {
namespace {

using testutil::ClusterDirFixture;
using testutil::Dump;
using testutil::Edit;
using testutil::HasError;
using testutil::kBaseYaml;

TEST(ConfigLoaderTest, BaseConfigIsValidWithDefaults) {
  ClusterDirFixture dir;
  std::vector<ConfigError> errors;
  auto config = dir.Load(kBaseYaml, &errors);
  ASSERT_TRUE(config.ok()) << Dump(errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(config->name, "demo");
  EXPECT_EQ(config->aws.zones.size(), 3u);
  EXPECT_EQ(config->aws.vpc.nat_gateways, NatMode::kPerZone);
  EXPECT_EQ(config->networking.api_access, ApiAccess::kPublic);
  EXPECT_EQ(config->aws.tags.at("team"), "infra");
  EXPECT_EQ(config->nodes.etcd.count, 3);
  EXPECT_EQ(config->ApiHost(), "demo-api.example.com");
}

TEST(ConfigLoaderTest, MinimalConfigGetsDefaultsAndNoZones) {
  ClusterDirFixture dir;
  std::vector<ConfigError> errors;
  auto config = dir.Load(
      "name: a\nbaseDomain: Example.COM.\naws: {region: eu-west-3, sshKeyName: k}\n"
      "tectonic: {adminEmail: a@example.com}\n",
      &errors);
  ASSERT_TRUE(config.ok()) << Dump(errors);
  EXPECT_TRUE(config->aws.zones.empty());
  EXPECT_EQ(config->base_domain, "example.com");  // trailing dot and case normalised
  EXPECT_EQ(config->aws.vpc.cidr, "10.0.0.0/16");
  EXPECT_EQ(config->networking.pod_cidr, "10.2.0.0/16");
  EXPECT_EQ(config->nodes.workers.instance_type, "m5.large");
  EXPECT_EQ(config->nodes.masters.root_volume_gib, 30);
}

TEST(ConfigLoaderTest, EnumsAndExistingVpc) {
  ClusterDirFixture dir;
  std::string text = Edit(kBaseYaml, "    cidr: 10.0.0.0/16\n",
                          "    id: vpc-0123456789abcdef0\n    cidr: 10.0.0.0/16\n"
                          "    masterSubnets: [subnet-00000001, subnet-00000002, subnet-00000003]\n"
                          "    workerSubnets: [10.0.64.0/20, 10.0.80.0/20, 10.0.96.0/20]\n"
                          "    natGateways: single\n");
  text = Edit(text, "  serviceCidr: 10.3.0.0/16\n",
              "  serviceCidr: 10.3.0.0/16\n  apiAccess: internal\n");
  std::vector<ConfigError> errors;
  auto config = dir.Load(text, &errors);
  ASSERT_TRUE(config.ok()) << Dump(errors);
  EXPECT_TRUE(config->UsesExistingVpc());
  EXPECT_EQ(config->aws.vpc.nat_gateways, NatMode::kSingle);
  EXPECT_EQ(config->networking.api_access, ApiAccess::kInternal);
  EXPECT_EQ(config->aws.vpc.master_subnets[1], "subnet-00000002");
}

TEST(ConfigLoaderTest, SshSourceCidrIsOptionalAndChecked) {
  ClusterDirFixture dir;
  std::vector<ConfigError> errors;
  auto config = dir.Load(kBaseYaml, &errors);
  ASSERT_TRUE(config.ok()) << Dump(errors);
  EXPECT_EQ(config->networking.ssh_source_cidr, "");  // the VPC CIDR
  std::string text = Edit(kBaseYaml, "  serviceCidr: 10.3.0.0/16\n",
                          "  serviceCidr: 10.3.0.0/16\n  sshSourceCidr: 203.0.113.7/32\n");
  config = dir.Load(text, &errors);
  ASSERT_TRUE(config.ok()) << Dump(errors);
  EXPECT_EQ(config->networking.ssh_source_cidr, "203.0.113.7/32");
  errors.clear();
  text = Edit(kBaseYaml, "  serviceCidr: 10.3.0.0/16\n",
              "  serviceCidr: 10.3.0.0/16\n  sshSourceCidr: my-office\n");
  EXPECT_FALSE(dir.Load(text, &errors).ok());
  bool found = false;
  for (const auto& e : errors) found |= e.field == "networking.sshSourceCidr" && !e.fix.empty();
  EXPECT_TRUE(found) << Dump(errors);
}

TEST(ConfigLoaderTest, SyntaxErrorHasLineAndColumn) {
  ClusterDirFixture dir;
  std::vector<ConfigError> errors;
  auto config = dir.Load(Edit(kBaseYaml, "  region: us-east-1", "  region: [us-east-1"), &errors);
  ASSERT_FALSE(config.ok());
  ASSERT_EQ(errors.size(), 1u) << Dump(errors);
  EXPECT_NE(errors[0].message.find("YAML syntax error"), std::string::npos);
  EXPECT_GE(errors[0].line, 4);
  EXPECT_GT(errors[0].column, 0);
  EXPECT_EQ(config.status().code(), StatusCode::kInvalidInput);
}

TEST(ConfigLoaderTest, EmptyAndNonMappingFiles) {
  ClusterDirFixture dir;
  std::vector<ConfigError> errors;
  EXPECT_FALSE(dir.Load("", &errors).ok());
  EXPECT_TRUE(HasError(errors, "", 1, 1, "empty"));
  errors.clear();
  EXPECT_FALSE(dir.Load("- a\n- b\n", &errors).ok());
  EXPECT_TRUE(HasError(errors, "", 1, 1, "top level must be a mapping"));
}

TEST(ConfigLoaderTest, UnknownKeySuggestsTheCloseOne) {
  ClusterDirFixture dir;
  std::vector<ConfigError> errors;
  ASSERT_FALSE(dir.Load(Edit(kBaseYaml, "  sshKeyName:", "  sshKeyNmae:"), &errors).ok());
  EXPECT_TRUE(HasError(errors, "aws.sshKeyNmae", 6, 3, "unknown key 'sshKeyNmae'"));
  bool suggested = false;
  for (const auto& e : errors) suggested |= e.fix.find("did you mean 'sshKeyName'") == 0;
  EXPECT_TRUE(suggested) << Dump(errors);
  // The missing required key is reported too: all errors at once.
  EXPECT_TRUE(HasError(errors, "aws.sshKeyName", 3, 1, "required"));
}

TEST(ConfigLoaderTest, UnknownTopLevelKeyAndDuplicateKey) {
  ClusterDirFixture dir;
  std::vector<ConfigError> errors;
  ASSERT_FALSE(dir.Load(std::string(kBaseYaml) + "netwrking: {}\nname: other\n", &errors).ok());
  EXPECT_TRUE(HasError(errors, "netwrking", 21, 1, "unknown key"));
  EXPECT_TRUE(HasError(errors, "name", 22, 1, "given twice"));
}

TEST(ConfigLoaderTest, WrongTypesAreReportedOnce) {
  ClusterDirFixture dir;
  std::vector<ConfigError> errors;
  std::string text = Edit(kBaseYaml, "{count: 3, instanceType: m5.large, rootVolumeGiB: 30}\n  e",
                          "{count: three, instanceType: m5.large, rootVolumeGiB: 30}\n  e");
  text = Edit(text, "  zones: [us-east-1a, us-east-1b, us-east-1c]", "  zones: us-east-1a");
  ASSERT_FALSE(dir.Load(text, &errors).ok());
  EXPECT_TRUE(HasError(errors, "nodes.workers.count", 15, 20, "whole number, not 'three'"));
  EXPECT_TRUE(HasError(errors, "aws.zones", 5, 10, "must be a list"));
  EXPECT_EQ(errors.size(), 2u) << Dump(errors);
}

TEST(ConfigLoaderTest, SectionMustBeMapping) {
  ClusterDirFixture dir;
  std::vector<ConfigError> errors;
  ASSERT_FALSE(dir.Load(Edit(kBaseYaml, "  tags: {team: infra}", "  tags: [team]"), &errors).ok());
  EXPECT_TRUE(HasError(errors, "aws.tags", 9, 9, "must be a mapping"));
}

TEST(ConfigLoaderTest, ErrorsAreSortedByPosition) {
  ClusterDirFixture dir;
  std::vector<ConfigError> errors;
  std::string text = Edit(kBaseYaml, "adminEmail: admin@example.com", "adminEmail: nobody");
  text = Edit(text, "name: demo", "name: Demo");
  ASSERT_FALSE(dir.Load(text, &errors).ok());
  ASSERT_EQ(errors.size(), 2u) << Dump(errors);
  EXPECT_EQ(errors[0].field, "name");
  EXPECT_EQ(errors[1].field, "tectonic.adminEmail");
}

TEST(ConfigLoaderTest, ToStringFormat) {
  ConfigError e{"d/cluster.yaml", 12, 9, "aws.vpc.cidr", "bad", "fix it"};
  EXPECT_EQ(e.ToString(), "d/cluster.yaml:12:9: aws.vpc.cidr: bad (fix: fix it)");
  e.line = 0;
  EXPECT_EQ(e.ToString(), "d/cluster.yaml: aws.vpc.cidr: bad (fix: fix it)");
}

TEST(ConfigLoaderTest, LoadClusterDirReadsTheFile) {
  ClusterDirFixture dir;
  dir.WriteFile("cluster.yaml", kBaseYaml);
  std::vector<ConfigError> errors;
  auto loaded = LoadClusterDir(dir.path(), &errors);
  ASSERT_TRUE(loaded.ok()) << Dump(errors);
  EXPECT_EQ(loaded->file, std::filesystem::path(dir.path()) / "cluster.yaml");
  EXPECT_EQ(loaded->config.aws.region, "us-east-1");
}

TEST(ConfigLoaderTest, LoadClusterDirWithoutFile) {
  ClusterDirFixture dir;
  std::vector<ConfigError> errors;
  EXPECT_FALSE(LoadClusterDir(dir.path(), &errors).ok());
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].message.find("has no cluster.yaml"), std::string::npos);
  errors.clear();
  EXPECT_FALSE(LoadClusterDir(dir.path() + "/missing", &errors).ok());
  EXPECT_NE(errors[0].message.find("does not exist"), std::string::npos);
}

// --- secret files ---

TEST(ConfigFilesTest, MissingLicenseAndPullSecret) {
  ClusterDirFixture dir;
  std::vector<ConfigError> errors;
  std::string text = Edit(kBaseYaml, "license: license.txt", "license: nope.txt");
  text = Edit(text, "pullSecret: pull-secret.json", "pullSecret: other/ps.json");
  ASSERT_FALSE(dir.Load(text, &errors).ok());
  EXPECT_TRUE(HasError(errors, "tectonic.license", 18, 12, "nope.txt' does not exist"));
  EXPECT_TRUE(HasError(errors, "tectonic.pullSecret", 19, 15, "ps.json' does not exist"));
}

TEST(ConfigFilesTest, EmptyBinaryAndHugeLicense) {
  ClusterDirFixture dir;
  std::vector<ConfigError> errors;
  dir.WriteFile("license.txt", "  \n");
  ASSERT_FALSE(dir.Load(kBaseYaml, &errors).ok());
  EXPECT_TRUE(HasError(errors, "tectonic.license", 18, 12, "is empty"));
  errors.clear();
  dir.WriteFile("license.txt", std::string("LICENSE-SECRET-\x01\x02-BYTES"));
  ASSERT_FALSE(dir.Load(kBaseYaml, &errors).ok());
  EXPECT_TRUE(HasError(errors, "tectonic.license", 18, 12, "byte 15 is not printable"));
  EXPECT_EQ(Dump(errors).find("LICENSE-SECRET"), std::string::npos);
  errors.clear();
  dir.WriteFile("license.txt", std::string(64 * 1024 + 1, 'a'));
  ASSERT_FALSE(dir.Load(kBaseYaml, &errors).ok());
  EXPECT_TRUE(HasError(errors, "tectonic.license", 18, 12, "65537 bytes"));
}

TEST(ConfigFilesTest, PullSecretShapes) {
  struct Case {
    std::string content;
    std::string text;
  };
  std::vector<Case> cases = {
      {R"({"auths": {"quay.io": {"auth": "c2VjcmV0)", "not valid JSON (error at its line 1"},
      {R"({"registries": {}})", "no \"auths\" object"},
      {R"({"auths": {}})", "empty \"auths\""},
      {R"({"auths": {"quay.io": {"auth": "not*base64!"}}})", "not base64"},
      {R"({"auths": {"quay.io": {"email": "x@y.z"}}})", "neither \"auth\" nor"},
      {R"({"auths": {"quay.io": {"username": "u"}}})", "neither \"auth\" nor"},
  };
  for (const auto& c : cases) {
    ClusterDirFixture dir;
    dir.WriteFile("pull-secret.json", c.content);
    std::vector<ConfigError> errors;
    ASSERT_FALSE(dir.Load(kBaseYaml, &errors).ok()) << c.content;
    EXPECT_TRUE(HasError(errors, "tectonic.pullSecret", 19, 15, c.text)) << c.content;
  }
}

TEST(ConfigFilesTest, PullSecretWithUsernamePasswordIsValid) {
  ClusterDirFixture dir;
  dir.WriteFile("pull-secret.json",
                R"({"auths": {"quay.io": {"username": "u", "password": "p4ssw0rd-long"}}})");
  std::vector<ConfigError> errors;
  EXPECT_TRUE(dir.Load(kBaseYaml, &errors).ok()) << Dump(errors);
  EXPECT_EQ(Redact("token p4ssw0rd-long"), "token [REDACTED]");  // registered when read
}

TEST(ConfigFilesTest, SecretsAreRegisteredAndNeverQuoted) {
  ClusterDirFixture dir;
  dir.WriteFile("pull-secret.json", std::string(R"({"auths": {"quay.io": {"auth": ")") +
                                        testutil::kPullAuth + R"(*"}}})");
  std::vector<ConfigError> errors;
  ASSERT_FALSE(dir.Load(kBaseYaml, &errors).ok());
  EXPECT_EQ(Dump(errors).find(testutil::kPullAuth), std::string::npos);
  EXPECT_EQ(Redact(std::string(testutil::kPullAuth) + "*"), std::string(kRedacted));
  EXPECT_EQ(Redact("x eyJhbGciOiJSUzI1NiJ9.eyJsaWNlbnNlIjoidGVzdCJ9.c2lnbmF0dXJl y"),
            "x [REDACTED] y");
}

TEST(ConfigFilesTest, AbsolutePathsWork) {
  ClusterDirFixture dir;
  ClusterDirFixture other;
  std::vector<ConfigError> errors;
  std::string text =
      Edit(kBaseYaml, "license: license.txt", "license: " + other.path() + "/license.txt");
  EXPECT_TRUE(dir.Load(text, &errors).ok()) << Dump(errors);
}

}  // namespace
}  // namespace tectonic::model
