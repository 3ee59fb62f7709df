// The real binary exports the default cluster, an existing-VPC cluster and a one-zone cluster
// after `create assets`, with no AWS reachable; cfn-lint must report no error and no warning.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/awsim_process.h"
#include "tests/support/moto_server.h"
#include "tests/support/process.h"
#include "util/files.h"

namespace tectonic {
namespace {

namespace fs = std::filesystem;

const std::string kBinary = std::string(TECTONIC_BINARY_DIR) + "/bin/tectonic";

constexpr const char* kBase = R"(name: demo
baseDomain: example.com
aws:
  region: us-east-1
  sshKeyName: demo-key
  tags: {team: platform}
networking:
  podCidr: 10.2.0.0/16
  serviceCidr: 10.3.0.0/16
nodes:
  masters: {count: 3, instanceType: m5.large, rootVolumeGiB: 30}
  workers: {count: 2, instanceType: m5.large, rootVolumeGiB: 30}
  etcd: {count: 3, instanceType: m5.large, rootVolumeGiB: 30}
tectonic:
  license: license.txt
  pullSecret: pull-secret.json
  adminEmail: admin@example.com
)";

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  text.replace(text.find(from), from.size(), to);
  return text;
}

// AWS is unreachable and no credentials exist: an export that called AWS would fail.
testing::ProcessOptions Offline() {
  testing::ProcessOptions options;
  options.env_set = {{"AWS_ENDPOINT_URL", "http://127.0.0.1:9"},
                     {"TECTONIC_ADMIN_PASSWORD", "correct horse battery staple"}};
  options.env_unset = {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
                       "AWS_PROFILE"};
  return options;
}

// One cluster directory per case, exported as it would be by a user.
struct Case {
  std::string name;
  std::string yaml;
  std::string format;
};

std::vector<Case> Cases() {
  std::string one_zone = Replace(kBase, "  sshKeyName: demo-key\n",
                                 "  sshKeyName: demo-key\n"
                                 "  zones: [us-east-1b]\n"
                                 "  amiId: ami-0123456789abcdef0\n"
                                 "  hostedZoneId: Z0123456789ABCDEFGHIJ\n");
  one_zone = Replace(one_zone, "etcd: {count: 3", "etcd: {count: 1");
  const std::string existing_vpc = Replace(kBase, "  sshKeyName: demo-key\n",
                                           "  sshKeyName: demo-key\n"
                                           "  vpc:\n"
                                           "    id: vpc-0123456789abcdef0\n"
                                           "    cidr: 10.20.0.0/16\n"
                                           "    natGateways: single\n");
  return {{"default", kBase, "json"},
          {"default", kBase, "yaml"},
          {"existing-vpc", existing_vpc, "json"},
          {"one-zone", one_zone, "yaml"},
          {"one-zone", one_zone, "json"}};
}

// Exports every case once for the suite and lints all templates in one cfn-lint run (its
// start-up costs seconds); each test then reads its own template and findings.
class ExportLintTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!fs::exists(kBinary)) return;
    tmp_ = new testing::TempDir("tectonic-cfn");
    std::vector<std::string> lint = {"cfn-lint", "--format", "parseable"};
    for (const auto& c : Cases()) {
      const fs::path dir = fs::path(tmp_->path()) / c.name;
      if (!fs::exists(dir / "cluster.yaml")) {
        fs::create_directories(dir);
        ASSERT_TRUE(files::WriteAtomic(dir / "cluster.yaml", c.yaml).ok());
        ASSERT_TRUE(files::WriteAtomic(dir / "license.txt", "TECTONIC-LICENSE-v2-0123\n").ok());
        ASSERT_TRUE(
            files::WriteAtomic(dir / "pull-secret.json", R"({"auths":{"quay.io":{"auth":"eDp5"}}})")
                .ok());
        auto assets =
            testing::RunProcess({kBinary, "create", "assets", "--dir", dir.string()}, Offline());
        ASSERT_EQ(assets.exit_code, 0) << assets.err;
      }
      const std::string out = (fs::path(tmp_->path()) / (c.name + "." + c.format)).string();
      auto exported = testing::RunProcess({kBinary, "export", "cloudformation", "--dir",
                                           dir.string(), "--output", out, "--format", c.format},
                                          Offline());
      ASSERT_EQ(exported.exit_code, 0) << exported.err;
      lint.push_back(out);
    }
    lint_ = new testing::ProcessResult(testing::RunProcess(lint));
  }
  static void TearDownTestSuite() {
    delete lint_;
    delete tmp_;
  }
  void SetUp() override {
    if (!fs::exists(kBinary)) GTEST_SKIP() << "tectonic binary not built: " << kBinary;
    ASSERT_NE(lint_, nullptr);
    ASSERT_NE(lint_->exit_code, 127) << "cfn-lint is not on PATH: run scripts/setup";
  }

  // The template's JSON; no cfn-lint finding of any level (errors, warnings, informational).
  static nlohmann::json CleanTemplate(const std::string& name, const std::string& format) {
    const fs::path path = fs::path(tmp_->path()) / (name + "." + format);
    EXPECT_EQ(lint_->out.find(path.string()), std::string::npos) << lint_->out;
    EXPECT_EQ(lint_->exit_code, 0) << lint_->out << lint_->err;
    auto text = files::ReadFile(path);
    EXPECT_TRUE(text.ok());
    std::cerr << name << "." << format << ": " << (text.ok() ? text->size() : 0) << " bytes\n";
    if (format != "json" || !text.ok()) return nlohmann::json();
    return nlohmann::json::parse(*text);
  }
  static std::string ClusterId(const std::string& name) {
    const fs::path path = fs::path(tmp_->path()) / name / "metadata.json";
    return nlohmann::json::parse(files::ReadFile(path).value())["clusterID"];
  }
  static std::string TagValue(const nlohmann::json& tags, const std::string& key) {
    for (const auto& tag : tags) {
      if (tag["Key"] == key) return tag["Value"];
    }
    return "";
  }

  static inline testing::TempDir* tmp_ = nullptr;
  static inline testing::ProcessResult* lint_ = nullptr;
};

TEST_F(ExportLintTest, DefaultClusterIsLintCleanAndTaggedWithTheClusterId) {
  const nlohmann::json tmpl = CleanTemplate("default", "json");
  CleanTemplate("default", "yaml");
  ASSERT_TRUE(tmpl.is_object());
  const std::string cluster_id = ClusterId("default");
  const auto& resources = tmpl["Resources"];
  EXPECT_GT(resources.size(), 100u);
  const auto& vpc_tags = resources["Vpc"]["Properties"]["Tags"];
  EXPECT_EQ(TagValue(vpc_tags, "tectonicClusterID"), cluster_id);
  EXPECT_EQ(TagValue(vpc_tags, "kubernetes.io/cluster/" + cluster_id), "owned");
  EXPECT_EQ(TagValue(vpc_tags, "tectonic.io/resource"), "vpc");
  EXPECT_EQ(TagValue(vpc_tags, "team"), "platform");
  EXPECT_FALSE(tmpl["Parameters"]["ImageId"].contains("Default"));
  EXPECT_EQ(tmpl["Outputs"]["ApiUrl"]["Value"], "https://demo-api.example.com");
  EXPECT_EQ(tmpl["Outputs"]["ClusterId"]["Value"], cluster_id);
}

TEST_F(ExportLintTest, ExistingVpcClusterIsLintClean) {
  const nlohmann::json tmpl = CleanTemplate("existing-vpc", "json");
  ASSERT_TRUE(tmpl.is_object());
  EXPECT_FALSE(tmpl["Resources"].contains("Vpc"));
  EXPECT_EQ(tmpl["Resources"]["SgMaster"]["Properties"]["VpcId"], "vpc-0123456789abcdef0");
  EXPECT_EQ(tmpl["Parameters"]["InternetGatewayId"]["AllowedPattern"], "^igw-[0-9a-f]+$");
  EXPECT_EQ(tmpl["Outputs"]["VpcId"]["Value"], "vpc-0123456789abcdef0");
}

TEST_F(ExportLintTest, OneZoneClusterIsLintClean) {
  CleanTemplate("one-zone", "yaml");
  const nlohmann::json json = CleanTemplate("one-zone", "json");
  ASSERT_TRUE(json.is_object());
  EXPECT_EQ(json["Parameters"]["AvailabilityZones"]["Default"], "us-east-1b");
  EXPECT_EQ(json["Parameters"]["ImageId"]["Default"], "ami-0123456789abcdef0");
  EXPECT_FALSE(json["Parameters"].contains("PublicHostedZoneId"));
  EXPECT_TRUE(json["Resources"].contains("SubnetMasterUsEast1b"));
  EXPECT_FALSE(json["Resources"].contains("Etcd1"));
}

TEST_F(ExportLintTest, ASecondExportWritesTheSameBytes) {
  const fs::path dir = fs::path(tmp_->path()) / "default";
  auto again =
      testing::RunProcess({kBinary, "export", "cloudformation", "--dir", dir.string()}, Offline());
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.out, files::ReadFile(fs::path(tmp_->path()) / "default.json").value());
}

TEST_F(ExportLintTest, WithoutAssetsItSaysWhatToRun) {
  testing::TempDir tmp("tectonic-cfn-bare");
  const fs::path dir = fs::path(tmp.path()) / "bare";
  fs::create_directories(dir);
  ASSERT_TRUE(files::WriteAtomic(dir / "cluster.yaml", kBase).ok());
  ASSERT_TRUE(files::WriteAtomic(dir / "license.txt", "x\n").ok());
  ASSERT_TRUE(
      files::WriteAtomic(dir / "pull-secret.json", R"({"auths":{"quay.io":{"auth":"eDp5"}}})")
          .ok());
  auto exported =
      testing::RunProcess({kBinary, "export", "cloudformation", "--dir", dir.string()}, Offline());
  EXPECT_EQ(exported.exit_code, 2);
  EXPECT_NE(exported.err.find("tectonic create assets --dir"), std::string::npos) << exported.err;
  EXPECT_EQ(exported.out, "");
}

// awsim models no stacks: listing them answers none (true: none can exist), every other stack
// call gets a clear error, never a success.
TEST(AwsimCloudFormationTest, StackCallsAreRefusedAsNotModelled) {
  if (!fs::exists(std::string(TECTONIC_BINARY_DIR) + "/bin/awsim")) GTEST_SKIP() << "no awsim";
  testing::AwsimProcess awsim;
  testing::ProcessOptions options;
  options.env_set = testing::EmulatorEnv(awsim.url(), awsim.dir());
  for (const std::vector<std::string>& call :
       {std::vector<std::string>{"aws", "cloudformation", "describe-stacks", "--stack-name",
                                 "tectonic-demo"},
        std::vector<std::string>{"aws", "cloudformation", "create-stack", "--stack-name",
                                 "tectonic-demo", "--template-body", "{}"}}) {
    auto r = testing::RunProcess(call, options);
    EXPECT_NE(r.exit_code, 0) << r.out;
    EXPECT_NE(r.err.find("UnknownService"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("not modelled"), std::string::npos) << r.err;
  }
  auto listed = testing::RunProcess(
      {"aws", "cloudformation", "describe-stacks", "--query", "length(Stacks)"}, options);
  EXPECT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_EQ(listed.out, "0\n");
}

}  // namespace
}  // namespace tectonic
