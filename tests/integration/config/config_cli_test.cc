// `tectonic validate` and `tectonic init` through the real binary: a table of broken
// cluster.yaml files (small edits of a valid one), each with its error text and position,
// exit code 2 and an untouched directory; JSON output; secrets never printed.
#include <sys/stat.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "model/config_test_util.h"
#include "tests/support/process.h"

namespace tectonic {
namespace {

namespace fs = std::filesystem;
using testing::ProcessResult;
using testing::RunProcess;
using testing::TempDir;

const std::string kTectonic = TECTONIC_BINARY_DIR "/bin/tectonic";

// The loader tests' valid cluster.yaml; line numbers are relied upon by the table below.
constexpr const char* kBase = model::testutil::kBaseYaml;
constexpr const char* kLicense = "LICENSE-eyJsaWNlbnNlIjoiaW50ZWdyYXRpb24tdGVzdCJ9.c2ln";
constexpr const char* kAuth = "aW50ZWdyYXRpb246VmVyeVNlY3JldFB1bGwh";  // base64 user:pass

std::string PullSecret(const std::string& auth = kAuth) {
  return R"({"auths": {"quay.io": {"auth": ")" + auth + R"("}}})";
}

void Write(const fs::path& path, const std::string& content) {
  std::ofstream(path, std::ios::binary) << content;
}

std::string Read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Edit(std::string text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// Every entry under dir with its size and modification time (ns).
std::map<std::string, std::pair<uintmax_t, long long>> Snapshot(const fs::path& dir) {
  std::map<std::string, std::pair<uintmax_t, long long>> out;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    struct stat st {};
    ::lstat(entry.path().c_str(), &st);
    out[entry.path().string()] = {static_cast<uintmax_t>(st.st_size),
                                  st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec};
  }
  return out;
}

class ClusterDir {
 public:
  explicit ClusterDir(const std::string& yaml) {
    Write(path() / "cluster.yaml", yaml);
    Write(path() / "license.txt", kLicense);
    Write(path() / "pull-secret.json", PullSecret());
  }
  fs::path path() const { return tmp_.path(); }

 private:
  TempDir tmp_{"tectonic-config-it"};
};

ProcessResult Validate(const fs::path& dir, bool json = false) {
  std::vector<std::string> argv = {kTectonic};
  if (json) argv.insert(argv.end(), {"--output", "json"});
  argv.insert(argv.end(), {"validate", "--dir", dir.string()});
  return RunProcess(argv);
}

struct BadCase {
  std::string from;
  std::string to;
  std::string field;
  int line;
  int column;
  std::string text;
};

const char* kMasters = "  masters: {count: 3, instanceType: m5.large, rootVolumeGiB: 30}";
const char* kVpc = "    cidr: 10.0.0.0/16";
const char* kSsh = "  sshKeyName: demo-key\n";

std::vector<BadCase> BadCases() {
  return {
      {"name: demo", "name: Demo", "name", 1, 7, "'Demo' is not a valid cluster name"},
      {"name: demo", "name: 9lives", "name", 1, 7, "'9lives' is not a valid cluster name"},
      {"name: demo", "name: abcdefghijabcdefghijabcdefghij", "name", 1, 7,
       "is 30 characters; at most 28"},
      {"name: demo", "name: abcdefghijabcdefghijabcdef", "name", 1, 7,
       "load balancer name 'abcdefghijabcdefghijabcdef-api-ext'"},
      {"baseDomain: example.com", "baseDomain: localhost", "baseDomain", 2, 13,
       "'localhost' is not a domain name"},
      {"region: us-east-1", "region: us-middle-1", "aws.region", 4, 11,
       "'us-middle-1' is not an AWS region name"},
      {"us-east-1b, us-east-1c]", "eu-west-1b, us-east-1c]", "aws.zones[1]", 5, 23,
       "zone 'eu-west-1b' is not in region us-east-1"},
      {"us-east-1b, us-east-1c]", "us-east-1c, us-east-1c]", "aws.zones[2]", 5, 35,
       "zone 'us-east-1c' is listed twice"},
      {"  sshKeyName: demo-key", "  sshKeyNmae: demo-key", "aws.sshKeyNmae", 6, 3,
       "unknown key 'sshKeyNmae'"},
      {kSsh, std::string(kSsh) + "  amiId: ami-XYZ\n", "aws.amiId", 7, 10,
       "'ami-XYZ' is not an AMI id"},
      {kSsh, std::string(kSsh) + "  kmsKeyArn: arn:aws:kms:us-east-1:12:key/x\n", "aws.kmsKeyArn",
       7, 14, "is not a KMS key ARN"},
      {kSsh, std::string(kSsh) + "  hostedZoneId: zone1\n", "aws.hostedZoneId", 7, 17,
       "'zone1' is not a Route53 hosted zone id"},
      {kVpc, "    cidr: 10.0.0.0/12", "aws.vpc.cidr", 8, 11, "AWS blocks must be /16 to /28"},
      {kVpc, "    cidr: 10.0.0/16", "aws.vpc.cidr", 8, 11, "'10.0.0/16' is not a CIDR block"},
      {kVpc, "    id: vpc-123\n    cidr: 10.0.0.0/16", "aws.vpc.id", 8, 9,
       "'vpc-123' is not a VPC id"},
      {kVpc, "    cidr: 10.0.0.0/16\n    natGateways: perzone", "aws.vpc.natGateways", 9, 18,
       "'perzone' is not one of perZone, single"},
      {kVpc,
       "    cidr: 10.0.0.0/16\n    masterSubnets: [10.0.0.0/20, 10.0.16.0/20, 10.9.0.0/20]\n"
       "    workerSubnets: [10.0.64.0/20, 10.0.80.0/20, 10.0.96.0/20]",
       "aws.vpc.masterSubnets[2]", 9, 48, "10.9.0.0/20 is not inside the VPC block 10.0.0.0/16"},
      {kVpc,
       "    cidr: 10.0.0.0/16\n    masterSubnets: [10.0.0.0/20, 10.0.16.0/20, 10.0.32.0/20]\n"
       "    workerSubnets: [10.0.64.0/20, 10.0.80.0/20, 10.0.32.0/20]",
       "aws.vpc.workerSubnets[2]", 10, 49, "is the same block as aws.vpc.masterSubnets[2]"},
      {kVpc,
       "    cidr: 10.0.0.0/16\n    masterSubnets: [subnet-0123abcd, subnet-0123abce, "
       "subnet-0123abcf]\n    workerSubnets: [10.0.64.0/20, 10.0.80.0/20, 10.0.96.0/20]",
       "aws.vpc.masterSubnets[0]", 9, 21, "needs an existing VPC, but aws.vpc.id is empty"},
      {kVpc, "    cidr: 10.0.0.0/16\n    masterSubnets: [10.0.0.0/20]\n    workerSubnets: []",
       "aws.vpc.masterSubnets", 9, 20, "1 subnets for 3 zones"},
      {"{team: infra}", "{'aws:created-by': me}", "aws.tags.aws:created-by", 9, 10,
       "starts with 'aws:'"},
      {"{team: infra}", "{Name: mine}", "aws.tags.Name", 9, 10, "'Name' is set by the installer"},
      {"  podCidr: 10.2.0.0/16", "  podCidr: 10.0.0.0/16", "networking.podCidr", 11, 12,
       "10.0.0.0/16 is the same block as aws.vpc.cidr"},
      {"  serviceCidr: 10.3.0.0/16", "  serviceCidr: 10.2.128.0/17", "networking.serviceCidr", 12,
       16, "10.2.128.0/17 overlaps networking.podCidr (10.2.0.0/16)"},
      {"  serviceCidr: 10.3.0.0/16", "  serviceCidr: 10.3.0.0/16\n  apiAccess: privat",
       "networking.apiAccess", 13, 14, "'privat' is not one of public, internal"},
      {kMasters, "  masters: {count: 0, instanceType: m5.large, rootVolumeGiB: 30}",
       "nodes.masters.count", 14, 20, "0 masters; at least 1 is needed"},
      {kMasters, "  masters: {count: 3, instanceType: m5-large, rootVolumeGiB: 30}",
       "nodes.masters.instanceType", 14, 37, "'m5-large' is not an EC2 instance type"},
      {kMasters, "  masters: {count: 3, instanceType: m5.large, rootVolumeGiB: 7}",
       "nodes.masters.rootVolumeGiB", 14, 62, "7 GiB is outside 8..16384 GiB"},
      {"  workers: {count: 3,", "  workers: {count: many,", "nodes.workers.count", 15, 20,
       "must be a whole number, not 'many'"},
      {"  etcd: {count: 3,", "  etcd: {count: 2,", "nodes.etcd.count", 16, 17,
       "2 etcd members; etcd needs an odd number from 1 to 9"},
      {"  license: license.txt", "  license: missing-license.txt", "tectonic.license", 18, 12,
       "missing-license.txt' does not exist"},
      {"  pullSecret: pull-secret.json", "  pullSecret: ps.json", "tectonic.pullSecret", 19, 15,
       "ps.json' does not exist"},
      {"  adminEmail: admin@example.com", "  adminEmail: admin", "tectonic.adminEmail", 20, 15,
       "'admin' is not an email address"},
      {"  adminEmail: admin@example.com",
       "  adminEmail: admin@example.com\n  adminPasswordHash: plaintext-password",
       "tectonic.adminPasswordHash", 21, 22, "is not a bcrypt hash"},
      {"nodes:\n", "nodse:\n", "nodse", 13, 1, "unknown key 'nodse'"},
      {"  region: us-east-1\n", "  region: [us-east-1\n", "", 5, 8, "YAML syntax error"},
  };
}

class BadConfigTest : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadConfigTest, ValidateReportsTheErrorAndWritesNothing) {
  const BadCase& c = GetParam();
  ClusterDir dir(Edit(kBase, c.from, c.to));
  auto before = Snapshot(dir.path());

  ProcessResult text = Validate(dir.path());
  EXPECT_EQ(text.exit_code, 2) << text.err;
  std::string where = (dir.path() / "cluster.yaml").string() + ":" + std::to_string(c.line) + ":" +
                      std::to_string(c.column) + ": ";
  if (!c.field.empty()) where += c.field + ": ";
  bool found = false;
  std::istringstream lines(text.err);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(where, 0) == 0 && line.find(c.text) != std::string::npos &&
        line.find("(fix: ") != std::string::npos) {
      found = true;
    }
  }
  EXPECT_TRUE(found) << "expected a line starting with '" << where << "' containing '" << c.text
                     << "' in:\n"
                     << text.err;
  EXPECT_TRUE(text.out.empty()) << text.out;

  ProcessResult json = Validate(dir.path(), /*json=*/true);
  EXPECT_EQ(json.exit_code, 2);
  auto doc = nlohmann::json::parse(json.out, nullptr, false);
  ASSERT_TRUE(doc.is_array()) << json.out;
  bool listed = false;
  for (const auto& e : doc) {
    listed |= e.at("field") == c.field && e.at("line") == c.line && e.at("column") == c.column &&
              e.at("message").get<std::string>().find(c.text) != std::string::npos &&
              !e.at("fix").get<std::string>().empty() &&
              e.at("file") == (dir.path() / "cluster.yaml").string();
  }
  EXPECT_TRUE(listed) << json.out;
  // The same errors in both forms: one stderr line per error plus the summary line.
  size_t text_lines = std::count(text.err.begin(), text.err.end(), '\n');
  EXPECT_EQ(doc.size() + 1, text_lines) << text.err << json.out;

  EXPECT_EQ(Snapshot(dir.path()), before) << "validate changed the directory";
}

INSTANTIATE_TEST_SUITE_P(Table, BadConfigTest, ::testing::ValuesIn(BadCases()));

TEST(ValidateCliTest, TableHasAtLeastThirtyDistinctFiles) {
  std::set<std::string> files;
  for (const auto& c : BadCases()) files.insert(Edit(kBase, c.from, c.to));
  EXPECT_GE(files.size(), 30u);
}

TEST(ValidateCliTest, ValidConfigPrintsSummary) {
  ClusterDir dir(kBase);
  auto before = Snapshot(dir.path());
  ProcessResult r = Validate(dir.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "cluster.yaml is valid: demo.example.com in us-east-1, 3 zones, 3 masters / 3 "
            "workers / 3 etcd\n");
  ProcessResult json = Validate(dir.path(), true);
  EXPECT_EQ(json.exit_code, 0);
  auto doc = nlohmann::json::parse(json.out);
  EXPECT_EQ(doc.at("valid"), true);
  EXPECT_EQ(doc.at("region"), "us-east-1");
  EXPECT_EQ(Snapshot(dir.path()), before);
}

TEST(ValidateCliTest, ManyErrorsAreReportedAtOnce) {
  std::string yaml = Edit(kBase, "name: demo", "name: Demo");
  yaml = Edit(yaml, "region: us-east-1", "region: nowhere");
  yaml = Edit(yaml, "  etcd: {count: 3,", "  etcd: {count: 2,");
  ClusterDir dir(yaml);
  Write(dir.path() / "license.txt", "");
  ProcessResult json = Validate(dir.path(), true);
  auto doc = nlohmann::json::parse(json.out);
  std::set<std::string> fields;
  for (const auto& e : doc) fields.insert(e.at("field"));
  EXPECT_EQ(fields,
            (std::set<std::string>{"name", "aws.region", "nodes.etcd.count", "tectonic.license"}))
      << json.out;
}

TEST(ValidateCliTest, MissingDirectoryOrFile) {
  TempDir tmp;
  ProcessResult r = Validate(fs::path(tmp.path()));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, ::testing::HasSubstr("has no cluster.yaml"));
  EXPECT_THAT(r.err, ::testing::HasSubstr("tectonic init"));
  r = Validate(fs::path(tmp.path()) / "nope");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_FALSE(fs::exists(fs::path(tmp.path()) / "nope"));
}

// Secrets never reach stdout or stderr, whatever is wrong with their files.
TEST(ValidateCliTest, SecretsAreNeverPrinted) {
  struct SecretCase {
    std::string license;
    std::string pull_secret;
  };
  std::string auth = kAuth;
  std::vector<SecretCase> cases = {
      {kLicense, PullSecret(auth + "!")},                                      // auth not base64
      {kLicense, "{\"auths\": {\"quay.io\": {\"auth\": \"" + auth},            // truncated JSON
      {kLicense, "auths: " + auth},                                            // not JSON at all
      {kLicense, "[\"" + auth + "\"]"},                                        // JSON, wrong shape
      {std::string(kLicense) + "\x01\x02", PullSecret()},                      // binary license
      {std::string(kLicense) + "\n" + std::string(70000, 'x'), PullSecret()},  // too large
  };
  for (const auto& c : cases) {
    ClusterDir dir(Edit(kBase, "  adminEmail: admin@example.com",
                        "  adminEmail: admin@example.com\n  adminPasswordHash: "
                        "not-a-hash-but-secret-" +
                            auth));
    Write(dir.path() / "license.txt", c.license);
    Write(dir.path() / "pull-secret.json", c.pull_secret);
    for (bool json : {false, true}) {
      ProcessResult r =
          RunProcess({kTectonic, "--log-level", "trace", "--output", json ? "json" : "text",
                      "validate", "--dir", dir.path().string()});
      EXPECT_EQ(r.exit_code, 2) << r.err;
      for (const std::string& output : {r.out, r.err}) {
        EXPECT_EQ(output.find(auth), std::string::npos) << output;
        EXPECT_EQ(output.find(kLicense), std::string::npos) << output;
        EXPECT_EQ(output.find("not-a-hash-but-secret"), std::string::npos) << output;
      }
    }
  }
}

TEST(InitCliTest, WritesAValidFileAndRefusesToOverwrite) {
  TempDir tmp;
  fs::path dir = fs::path(tmp.path()) / "mycluster";
  ProcessResult r = RunProcess({kTectonic, "init", "--dir", dir.string(), "--name", "demo",
                                "--base-domain", "example.com", "--region", "eu-west-3",
                                "--ssh-key", "demo-key", "--zones", "eu-west-3a,eu-west-3b"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  struct stat st {};
  ASSERT_EQ(::stat(dir.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  std::string written = Read(dir / "cluster.yaml");
  EXPECT_THAT(written, ::testing::HasSubstr("natGateways: perZone"));
  EXPECT_THAT(written, ::testing::HasSubstr("# "));

  Write(dir / "license.txt", kLicense);
  Write(dir / "pull-secret.json", PullSecret());
  ProcessResult v = Validate(dir);
  EXPECT_EQ(v.exit_code, 0) << v.err;
  EXPECT_EQ(v.out,
            "cluster.yaml is valid: demo.example.com in eu-west-3, 2 zones, 3 masters / 3 "
            "workers / 3 etcd\n");

  Write(dir / "cluster.yaml", written + "# my edit\n");
  ProcessResult again =
      RunProcess({kTectonic, "init", "--dir", dir.string(), "--name", "x", "--base-domain",
                  "example.com", "--region", "eu-west-3", "--ssh-key", "k"});
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_THAT(again.err, ::testing::HasSubstr("already exists"));
  EXPECT_EQ(Read(dir / "cluster.yaml"), written + "# my edit\n");
}

TEST(InitCliTest, BadFlagsAreRejectedWithFlagNames) {
  TempDir tmp;
  fs::path dir = fs::path(tmp.path()) / "c";
  ProcessResult r = RunProcess({kTectonic, "init", "--dir", dir.string(), "--name", "Bad_Name",
                                "--base-domain", "example.com", "--region", "us-east-1",
                                "--ssh-key", "k", "--zones", "us-west-2a"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, ::testing::HasSubstr("--name: 'Bad_Name' is not a valid cluster name"));
  EXPECT_THAT(r.err, ::testing::HasSubstr("--zones: zone 'us-west-2a' is not in region us-east-1"));
  EXPECT_FALSE(fs::exists(dir));
}

}  // namespace
}  // namespace tectonic
