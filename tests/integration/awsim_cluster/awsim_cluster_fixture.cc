#include "tests/integration/awsim_cluster/awsim_cluster_fixture.h"

#include <httplib.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "tests/support/moto_server.h"

namespace tectonic::testing {
namespace {

const std::string kJudge = TECTONIC_SOURCE_DIR "/tests/integration/awsim_cluster/judge.py";

void WriteSecretFile(const std::string& path, const std::string& content) {
  std::ofstream(path) << content;
  std::filesystem::permissions(
      path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
}

}  // namespace

std::string TectonicBinary() {
  // A long campaign (bench/killpoints) runs a copy, so a relink of the shared build directory
  // does not pull the binary from under it.
  const char* copy = std::getenv("TECTONIC_TEST_BINARY");
  return copy && *copy ? copy : TECTONIC_BINARY_DIR "/bin/tectonic";
}

void AwsimClusterTest::Start(const std::vector<std::string>& flags) {
  awsim_ = std::make_unique<AwsimProcess>(flags);
  work_ = std::make_unique<TempDir>("awsim-cluster-work");
  std::filesystem::create_directories(work_->path() + "/home");
  env_ = EmulatorEnv(awsim_->url(), work_->path() + "/home");
  // What a user already has on AWS: the public zone, a key pair, a Flatcar AMI (found by
  // preflight through its name pattern, as on AWS).
  auto seeded = awsim_->Admin("POST", "seed",
                              {{"hosted_zones", {{{"name", "example.com"}}}},
                               {"key_pairs", {{{"name", "demo-key"}}}},
                               {"images", {{{"name", "Flatcar-stable-4081.2.0-hvm"}}}}});
  ASSERT_EQ(seeded["images"].size(), 1u) << seeded.dump();
  cluster_dir_ = work_->path() + "/demo";
  auto r = Tectonic({"init", "--dir", cluster_dir_, "--name", "demo", "--base-domain",
                     "example.com", "--region", "us-east-1", "--ssh-key", "demo-key"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  WriteSecretFile(cluster_dir_ + "/license.txt", "awsim-cluster-license-0123456789abcdef\n");
  WriteSecretFile(cluster_dir_ + "/pull-secret.json",
                  R"({"auths": {"quay.io": {"auth": "YXdzaW06dGVzdC1zZWNyZXQ="}}})");
}

ProcessResult AwsimClusterTest::Tectonic(const std::vector<std::string>& args,
                                         const std::map<std::string, std::string>& env_override) {
  std::vector<std::string> argv = {TectonicBinary(), "--yes"};
  argv.insert(argv.end(), args.begin(), args.end());
  ProcessOptions options;
  options.env_set = env_;
  for (const auto& [k, v] : env_override) options.env_set[k] = v;
  return RunProcess(argv, options);
}

nlohmann::json AwsimClusterTest::ResultEvent(const std::string& ndjson) {
  std::istringstream in(ndjson);
  std::string line;
  nlohmann::json result;
  while (std::getline(in, line)) {
    auto event = nlohmann::json::parse(line, nullptr, false);
    if (event.is_object() && event.value("type", "") == "result") result = event;
  }
  return result;
}

std::string AwsimClusterTest::ClusterId() {
  if (cluster_id_.empty()) {
    std::ifstream in(cluster_dir_ + "/metadata.json");
    auto metadata = nlohmann::json::parse(in, nullptr, false);
    if (metadata.is_object()) cluster_id_ = metadata.value("clusterID", "");
  }
  return cluster_id_;
}

int AwsimClusterTest::CallCount() {
  auto calls = awsim_->Admin("GET", "calls");
  return calls.is_array() ? static_cast<int>(calls.size()) : -1;
}

nlohmann::json AwsimClusterTest::Judge(int calls_since) {
  std::vector<std::string> argv = {"python3",   kJudge, awsim_->url(),
                                   ClusterId(), "demo", "example.com"};
  if (calls_since >= 0) {
    argv.push_back("--calls-since");
    argv.push_back(std::to_string(calls_since));
  }
  ProcessOptions options;
  options.env_set = env_;
  auto r = RunProcess(argv, options);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto out = nlohmann::json::parse(r.out, nullptr, false);
  return out.is_object() ? out : nlohmann::json::object();
}

nlohmann::json AwsimClusterTest::CreateRerunDestroy(
    const std::map<std::string, std::string>& env_override) {
  auto create =
      Tectonic({"create", "cluster", "--dir", cluster_dir_, "--output", "json"}, env_override);
  EXPECT_EQ(create.exit_code, 0) << create.err << create.out;
  auto result = ResultEvent(create.out);
  EXPECT_TRUE(result.value("ok", false)) << result.dump() << create.err;
  EXPECT_GT(result.value("created", 0), 40) << result.dump();
  EXPECT_FALSE(ClusterId().empty());

  int mark = CallCount();
  auto rerun =
      Tectonic({"create", "cluster", "--dir", cluster_dir_, "--output", "json"}, env_override);
  EXPECT_EQ(rerun.exit_code, 0) << rerun.err << rerun.out;
  auto again = ResultEvent(rerun.out);
  EXPECT_TRUE(again.value("ok", false)) << again.dump();
  EXPECT_EQ(again.value("created", -1), 0) << again.dump();

  auto report = Judge(mark);
  EXPECT_EQ(report.value("duplicates", nlohmann::json::array()), nlohmann::json::array())
      << report["keys"].dump(1);
  EXPECT_EQ(report.value("mutating", nlohmann::json()), nlohmann::json::array())
      << "the re-run changed something";
  // Everything of the topology carries its graph key: network, NAT per zone, load balancers,
  // groups, etcd, IAM, the bucket, the key, the private zone.
  const auto& keys = report.value("keys", nlohmann::json::object());
  for (const char* key :
       {"ec2:vpc vpc", "ec2:natgateway nat/us-east-1c", "ec2:subnet subnet/worker/us-east-1b",
        "elasticloadbalancing:loadbalancer nlb/api-int", "autoscaling:autoScalingGroup asg/worker",
        "ec2:instance etcd/2", "iam:role iam/master/role", "s3:bucket s3/bucket", "kms:key kms/key",
        "route53:hostedzone zone/private"}) {
    EXPECT_EQ(keys.value(key, 0), 1) << key << " in " << keys.dump(1);
  }
  EXPECT_GE(keys.size(), 40u) << keys.dump(1);

  auto destroy =
      Tectonic({"destroy", "cluster", "--dir", cluster_dir_, "--output", "json"}, env_override);
  EXPECT_EQ(destroy.exit_code, 0) << destroy.err << destroy.out;
  auto gone = ResultEvent(destroy.out);
  EXPECT_TRUE(gone.value("ok", false)) << gone.dump();
  auto after = Judge();
  EXPECT_EQ(after.value("leftovers", nlohmann::json()), nlohmann::json::array()) << after.dump(1);
  return after;
}

}  // namespace tectonic::testing
