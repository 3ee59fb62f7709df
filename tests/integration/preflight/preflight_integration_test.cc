// `tectonic preflight --dir` against moto: a good setup passes (iam-permissions warns: moto has
// no SimulatePrincipalPolicy), and each broken requirement fails with its own message and fix,
// exit 3, while moto's state stays exactly as it was (preflight is read-only).
#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/boto_batch.h"
#include "tests/support/moto_server.h"
#include "tests/support/process.h"

namespace tectonic::testing {
namespace {

const std::string kTectonic = TECTONIC_BINARY_DIR "/bin/tectonic";

constexpr const char* kYaml = R"(name: demo
baseDomain: example.com
aws:
  region: us-east-1
  zones: __ZONES__
  sshKeyName: demo-key
  kmsKeyArn: "__KMS__"
  vpc:
    id: "__VPC__"
    cidr: 10.0.0.0/16
networking:
  podCidr: 10.2.0.0/16
  serviceCidr: 10.3.0.0/16
nodes:
  masters: {count: 3, instanceType: m5.large, rootVolumeGiB: 30}
  workers: {count: 3, instanceType: m5.large, rootVolumeGiB: 30}
  etcd: {count: 3, instanceType: m5.large, rootVolumeGiB: 30}
tectonic:
  license: license.txt
  pullSecret: pull-secret.json
  adminEmail: admin@example.com
)";

void Replace(std::string* text, const std::string& from, const std::string& to) {
  auto at = text->find(from);
  ASSERT_NE(at, std::string::npos) << from;
  text->replace(at, from.size(), to);
}

// moto's state as resource counts per service and model ("ec2/Vpc" -> 2): what preflight must
// not change. (Whole dumps also differ by lazily created per-region bookkeeping.)
std::map<std::string, size_t> ResourceCounts(const std::string& dump) {
  std::map<std::string, size_t> counts;
  auto doc = nlohmann::json::parse(dump, nullptr, false);
  if (!doc.is_object()) return counts;
  for (const auto& [service, models] : doc.items()) {
    if (!models.is_object()) continue;
    for (const auto& [model, items] : models.items()) {
      if (items.is_array() && !items.empty()) counts[service + "/" + model] = items.size();
    }
  }
  return counts;
}

void WriteFile(const std::string& path, const std::string& content) {
  std::ofstream(path) << content;
}

class PreflightTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { moto_ = new MotoServer(); }
  static void TearDownTestSuite() {
    delete moto_;
    moto_ = nullptr;
  }

  void SetUp() override {
    moto_->Reset();
    home_ = std::make_unique<TempDir>("pf-home");
    dir_ = std::make_unique<TempDir>("pf-cluster");
    env_ = EmulatorEnv(moto_->url(), home_->path());
    WriteFile(dir_->path() + "/license.txt",
              "eyJhbGciOiJSUzI1NiJ9.eyJsaWNlbnNlIjoidGVzdCJ9.c2lnbmF0dXJl\n");
    WriteFile(dir_->path() + "/pull-secret.json",
              R"({"auths": {"quay.io": {"auth": "cXVheXVzZXI6U3VwZXJTZWNyZXRQYXNzdzByZA=="}}})");
  }

  // Runs awscli against moto and returns its JSON output (null when it printed nothing).
  nlohmann::json Aws(std::vector<std::string> args) {
    args.insert(args.begin(), "aws");
    args.push_back("--output");
    args.push_back("json");
    ProcessOptions options;
    options.env_set = env_;
    auto r = RunProcess(args, options);
    EXPECT_EQ(r.exit_code, 0) << args[1] << " " << args[2] << ": " << r.err;
    if (r.out.find_first_not_of(" \n") == std::string::npos) return nullptr;
    return nlohmann::json::parse(r.out, nullptr, false);
  }

  // The requirements of a passing install: key pair, public zone, Flatcar AMI, KMS key, made
  // in one boto3 process (an AWS CLI start per call made this suite slow).
  void GoodSetup() {
    auto results = BotoBatch(
        {{"ec2", "create_key_pair", {{"KeyName", "demo-key"}}},
         {"route53", "create_hosted_zone", {{"Name", "example.com"}, {"CallerReference", "one"}}},
         StockImage(),
         FlatcarCopyOf("${2:Images.0.ImageId}"),
         {"kms", "create_key"}},
        env_);
    ASSERT_TRUE(results.is_array()) << results.dump();
    ami_id_ = results[3]["ImageId"];
    kms_arn_ = results[4]["KeyMetadata"]["Arn"];
  }
  void CreateKeyPair(const std::string& name) {
    Aws({"ec2", "create-key-pair", "--key-name", name});
  }
  // A copy of a stock x86_64 hvm image, owned by this account ("self"), named like Flatcar
  // (moto drops the architecture of a registered image; a copy keeps it).
  static BotoCall StockImage() {
    return {"ec2",
            "describe_images",
            {{"Owners", {"amazon"}},
             {"Filters",
              {{{"Name", "architecture"}, {"Values", {"x86_64"}}},
               {{"Name", "virtualization-type"}, {"Values", {"hvm"}}}}}}};
  }
  static BotoCall FlatcarCopyOf(const std::string& image_id) {
    return {"ec2",
            "copy_image",
            {{"SourceRegion", "us-east-1"},
             {"SourceImageId", image_id},
             {"Name", "Flatcar-stable-3815.2.5-hvm"}}};
  }
  void RegisterFlatcarAmi() {
    auto results = BotoBatch({StockImage(), FlatcarCopyOf("${0:Images.0.ImageId}")}, env_);
    ASSERT_TRUE(results.is_array()) << results.dump();
    ami_id_ = results[1]["ImageId"];
  }

  // moto's DisableKey/ScheduleKeyDeletion answer 500 for an ARN: pass the key id.
  std::string KeyId() const { return kms_arn_.substr(kms_arn_.rfind('/') + 1); }

  void WriteConfig() {
    std::string yaml = kYaml;
    Replace(&yaml, "__ZONES__", zones_);
    Replace(&yaml, "__KMS__", kms_arn_);
    Replace(&yaml, "__VPC__", vpc_id_);
    WriteFile(dir_->path() + "/cluster.yaml", yaml);
  }

  // Runs the real binary; asserts moto's whole state is unchanged by it.
  ProcessResult Preflight(std::vector<std::string> extra = {}) {
    WriteConfig();
    auto before = ResourceCounts(moto_->DumpState());
    EXPECT_FALSE(before.empty());
    std::vector<std::string> argv = {kTectonic, "preflight", "--dir", dir_->path()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    ProcessOptions options;
    options.env_set = env_;
    auto r = RunProcess(argv, options);
    EXPECT_EQ(ResourceCounts(moto_->DumpState()), before) << "preflight created something";
    return r;
  }

  nlohmann::json Check(const ProcessResult& r, const std::string& id) {
    auto doc = nlohmann::json::parse(r.out, nullptr, false);
    if (!doc.is_object()) {
      ADD_FAILURE() << "not JSON: " << r.out << r.err;
      return {};
    }
    for (const auto& c : doc["checks"]) {
      if (c["id"] == id) return c;
    }
    ADD_FAILURE() << "no check " << id;
    return {};
  }

  // Runs preflight --output json and expects exit 3 with check `id` failed, its summary
  // containing `message` and its fix containing `fix`.
  nlohmann::json ExpectFailure(const std::string& id, const std::string& message,
                               const std::string& fix) {
    auto r = Preflight({});
    EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
    EXPECT_NE(r.out.find(message), std::string::npos) << r.out;
    // --output is a global flag, before the command.
    ProcessOptions options;
    options.env_set = env_;
    auto j =
        RunProcess({kTectonic, "--output", "json", "preflight", "--dir", dir_->path()}, options);
    EXPECT_EQ(j.exit_code, 3);
    auto c = Check(j, id);
    EXPECT_EQ(c["state"], "fail") << c.dump();
    EXPECT_NE(c["summary"].get<std::string>().find(message), std::string::npos) << c.dump();
    EXPECT_NE(c["fix"].get<std::string>().find(fix), std::string::npos) << c.dump();
    return c;
  }

  static MotoServer* moto_;
  std::unique_ptr<TempDir> home_, dir_;
  std::map<std::string, std::string> env_;
  std::string zones_ = "[]";
  std::string kms_arn_, vpc_id_, ami_id_;
};

MotoServer* PreflightTest::moto_ = nullptr;

TEST_F(PreflightTest, GoodSetupPassesAndIamSimulationWarns) {
  GoodSetup();
  WriteConfig();
  ProcessOptions options;
  options.env_set = env_;
  auto before = ResourceCounts(moto_->DumpState());
  auto r = RunProcess({kTectonic, "--output", "json", "preflight", "--dir", dir_->path()}, options);
  EXPECT_EQ(ResourceCounts(moto_->DumpState()), before);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["ok"], true);
  for (const auto& c : doc["checks"]) {
    std::string id = c["id"];
    if (id == "iam-permissions") {
      EXPECT_EQ(c["state"], "warn") << c.dump();
      EXPECT_NE(c["summary"].get<std::string>().find("not verified"), std::string::npos);
    } else if (id == "existing-vpc") {
      EXPECT_EQ(c["state"], "skip") << c.dump();  // no aws.vpc.id: a new VPC
    } else {
      EXPECT_EQ(c["state"], "pass") << c.dump();
    }
  }
  const auto& facts = doc["facts"];
  EXPECT_EQ(facts["accountId"], "123456789012");
  EXPECT_EQ(facts["zones"], nlohmann::json({"us-east-1a", "us-east-1b", "us-east-1c"}));
  EXPECT_EQ(facts["amiId"], ami_id_);
  EXPECT_EQ(facts["kmsKeyArn"], kms_arn_);
  auto zones = Aws({"route53", "list-hosted-zones"});
  EXPECT_EQ("/hostedzone/" + facts["hostedZoneId"].get<std::string>(),
            zones["HostedZones"][0]["Id"]);

  // The text checklist says the same.
  auto text = Preflight();
  EXPECT_EQ(text.exit_code, 0) << text.out << text.err;
  EXPECT_NE(text.out.find("iam-permissions"), std::string::npos);
  EXPECT_NE(text.out.find("0 failed"), std::string::npos) << text.out;
}

TEST_F(PreflightTest, MissingKeyPairListsExistingOnes) {
  GoodSetup();
  Aws({"ec2", "delete-key-pair", "--key-name", "demo-key"});
  CreateKeyPair("other-key");
  auto c = ExpectFailure("ssh-key", "key pair 'demo-key' does not exist", "import-key-pair");
  EXPECT_NE(c["summary"].get<std::string>().find("other-key"), std::string::npos);
}

TEST_F(PreflightTest, PrivateZoneAloneIsRefused) {
  auto r = BotoBatch({{"ec2", "create_key_pair", {{"KeyName", "demo-key"}}},
                      StockImage(),
                      FlatcarCopyOf("${1:Images.0.ImageId}"),
                      {"kms", "create_key"},
                      {"ec2", "create_vpc", {{"CidrBlock", "10.9.0.0/16"}}},
                      {"route53",
                       "create_hosted_zone",
                       {{"Name", "example.com"},
                        {"CallerReference", "p"},
                        {"VPC", {{"VPCRegion", "us-east-1"}, {"VPCId", "${4:Vpc.VpcId}"}}},
                        {"HostedZoneConfig", {{"PrivateZone", true}}}}}},
                     env_);
  ASSERT_TRUE(r.is_array()) << r.dump();
  ami_id_ = r[2]["ImageId"];
  kms_arn_ = r[3]["KeyMetadata"]["Arn"];
  ExpectFailure("hosted-zone", "only a private hosted zone", "create-hosted-zone");
}

TEST_F(PreflightTest, TwoPublicZonesAreAmbiguous) {
  GoodSetup();
  auto second =
      Aws({"route53", "create-hosted-zone", "--name", "example.com", "--caller-reference", "two"});
  auto c = ExpectFailure("hosted-zone", "2 public hosted zones", "aws.hostedZoneId");
  std::string id = second["HostedZone"]["Id"];
  EXPECT_NE(c["summary"].get<std::string>().find(id.substr(id.rfind('/') + 1)), std::string::npos);
}

TEST_F(PreflightTest, ApiNameOfAnotherClusterFails) {
  GoodSetup();
  // Another cluster named demo already answers at demo-api.example.com.
  auto r = BotoBatch({{"route53", "list_hosted_zones_by_name", {{"DNSName", "example.com"}}},
                      {"route53",
                       "change_resource_record_sets",
                       {{"HostedZoneId", "${0:HostedZones.0.Id}"},
                        {"ChangeBatch",
                         {{"Changes",
                           {{{"Action", "CREATE"},
                             {"ResourceRecordSet",
                              {{"Name", "demo-api.example.com"},
                               {"Type", "CNAME"},
                               {"TTL", 60},
                               {"ResourceRecords",
                                {{{"Value", "other-api-1.elb.us-east-1.amazonaws.com"}}}}}}}}}}}}}},
                     env_);
  ASSERT_TRUE(r.is_array()) << r.dump();
  auto c = ExpectFailure("dns-names", "demo-api.example.com already exists",
                         "choose another cluster name");
  EXPECT_NE(c["summary"].get<std::string>().find("other-api-1.elb"), std::string::npos) << c;
}

TEST_F(PreflightTest, DisabledKmsKeyFails) {
  GoodSetup();
  Aws({"kms", "disable-key", "--key-id", KeyId()});
  ExpectFailure("kms", "is Disabled", "enable-key");
}

TEST_F(PreflightTest, KmsKeyPendingDeletionFails) {
  GoodSetup();
  Aws({"kms", "schedule-key-deletion", "--key-id", KeyId(), "--pending-window-in-days", "7"});
  ExpectFailure("kms", "PendingDeletion", "cancel-key-deletion");
}

TEST_F(PreflightTest, ExistingVpcWithoutInternetGatewayFails) {
  GoodSetup();
  vpc_id_ = Aws({"ec2", "create-vpc", "--cidr-block", "10.0.0.0/16"})["Vpc"]["VpcId"];
  ExpectFailure("existing-vpc", "no internet gateway is attached", "attach-internet-gateway");
}

TEST_F(PreflightTest, ExistingVpcWithOverlappingSubnetFails) {
  GoodSetup();
  auto r = BotoBatch(
      {{"ec2", "create_vpc", {{"CidrBlock", "10.0.0.0/16"}}},
       {"ec2", "create_internet_gateway"},
       {"ec2",
        "attach_internet_gateway",
        {{"VpcId", "${0:Vpc.VpcId}"},
         {"InternetGatewayId", "${1:InternetGateway.InternetGatewayId}"}}},
       {"ec2",
        "modify_vpc_attribute",
        {{"VpcId", "${0:Vpc.VpcId}"}, {"EnableDnsHostnames", {{"Value", true}}}}},
       {"ec2", "create_subnet", {{"VpcId", "${0:Vpc.VpcId}"}, {"CidrBlock", "10.0.0.0/19"}}}},
      env_);
  ASSERT_TRUE(r.is_array()) << r.dump();
  vpc_id_ = r[0]["Vpc"]["VpcId"];
  std::string subnet = r[4]["Subnet"]["SubnetId"];
  auto c = ExpectFailure("existing-vpc", "overlaps the existing subnet " + subnet, "masterSubnets");
  EXPECT_EQ(c["summary"].get<std::string>().find("internet gateway"), std::string::npos)
      << "the gateway is attached: " << c.dump();
}

TEST_F(PreflightTest, UnknownZoneFails) {
  GoodSetup();
  zones_ = "[us-east-1a, us-east-1b, us-east-1z]";
  auto c = ExpectFailure("zones", "us-east-1z not available", "aws.zones");
}

TEST_F(PreflightTest, InstanceTypeNotOfferedInZoneFails) {
  GoodSetup();
  zones_ = "[us-east-1a, us-east-1b, us-east-1e]";  // moto models no m5.large in us-east-1e
  ExpectFailure("instance-types", "m5.large in us-east-1e", "describe-instance-type-offerings");
}

TEST_F(PreflightTest, MissingLicenseFails) {
  GoodSetup();
  std::remove((dir_->path() + "/license.txt").c_str());
  ExpectFailure("license", "license", "download the license");
}

TEST_F(PreflightTest, MalformedPullSecretFails) {
  GoodSetup();
  WriteFile(dir_->path() + "/pull-secret.json", R"({"registries": {}})");
  ExpectFailure("pull-secret", "auths", "pull secret");
}

TEST_F(PreflightTest, ExhaustedVpcQuotaFails) {
  GoodSetup();
  int existing = static_cast<int>(Aws({"ec2", "describe-vpcs"})["Vpcs"].size());
  std::vector<BotoCall> vpcs;
  for (int i = existing; i < 5; ++i) {
    vpcs.push_back({"ec2", "create_vpc", {{"CidrBlock", "10.1" + std::to_string(i) + ".0.0/16"}}});
  }
  ASSERT_TRUE(BotoBatch(vpcs, env_).is_array());
  auto c = ExpectFailure("quota-vpcs", "5 in use + 1 needed, limit 5", "L-F678F1CE");
}

TEST_F(PreflightTest, MissingAmiFails) {
  auto r = BotoBatch(
      {{"ec2", "create_key_pair", {{"KeyName", "demo-key"}}},
       {"route53", "create_hosted_zone", {{"Name", "example.com"}, {"CallerReference", "one"}}},
       {"kms", "create_key"}},
      env_);
  ASSERT_TRUE(r.is_array()) << r.dump();
  kms_arn_ = r[2]["KeyMetadata"]["Arn"];
  ExpectFailure("ami", "no Flatcar stable AMI", "aws.amiId");
}

TEST_F(PreflightTest, WaivedFailureIsReportedAndDoesNotBlock) {
  GoodSetup();
  Aws({"ec2", "delete-key-pair", "--key-name", "demo-key"});
  auto r = Preflight({"--waive", "ssh-key"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("waived"), std::string::npos) << r.out;
  auto bad = Preflight({"--waive", "ssh-keys"});
  EXPECT_EQ(bad.exit_code, 2);
}

TEST_F(PreflightTest, BadCredentialsSkipEveryAwsCheck) {
  GoodSetup();
  env_.erase("AWS_ACCESS_KEY_ID");
  env_.erase("AWS_SECRET_ACCESS_KEY");
  auto r = Preflight({"--output", "json"});
  // RunProcess inherits the parent's environment: make sure no key leaks in from it.
  ProcessOptions options;
  options.env_set = env_;
  options.env_unset = {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
                       "AWS_PROFILE"};
  auto j = RunProcess({kTectonic, "--output", "json", "preflight", "--dir", dir_->path()}, options);
  EXPECT_NE(j.exit_code, 0) << j.out << j.err;
  auto doc = nlohmann::json::parse(j.out, nullptr, false);
  if (doc.is_object()) {
    EXPECT_EQ(Check(j, "credentials")["state"], "fail");
    EXPECT_EQ(Check(j, "region")["state"], "skip");
    EXPECT_EQ(Check(j, "license")["state"], "pass");  // offline checks still run
  } else {
    EXPECT_NE(j.err.find("credentials"), std::string::npos) << j.err;
  }
  (void)r;
}

TEST(PolicyCommandTest, PrintsPolicyAndTrust) {
  auto r = RunProcess({kTectonic, "policy"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["Version"], "2012-10-17");
  auto t = RunProcess({kTectonic, "policy", "--trust", "arn:aws:iam::123456789012:user/alice",
                       "--external-id", "abc"});
  ASSERT_EQ(t.exit_code, 0) << t.err;
  auto trust = nlohmann::json::parse(t.out);
  EXPECT_EQ(trust["Statement"][0]["Principal"]["AWS"], "arn:aws:iam::123456789012:user/alice");
  auto bad = RunProcess({kTectonic, "policy", "--trust", "alice"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("not a principal ARN"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace tectonic::testing
