#include "tests/integration/cluster/cluster_fixture.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace tectonic::testing {
namespace {

const std::string kScripts = TECTONIC_SOURCE_DIR "/tests/integration/cluster";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void WriteSecretFile(const std::string& path, const std::string& content) {
  std::ofstream(path) << content;
  std::filesystem::permissions(
      path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
}

void ReplaceOnce(std::string* text, const std::string& from, const std::string& to) {
  auto at = text->find(from);
  ASSERT_NE(at, std::string::npos) << "cluster.yaml has no " << from;
  text->replace(at, from.size(), to);
}

}  // namespace

std::string TectonicBinary() { return TECTONIC_BINARY_DIR "/bin/tectonic"; }

MotoServer* ClusterTest::moto_ = nullptr;

void ClusterTest::SetUpTestSuite() { moto_ = new MotoServer(); }

void ClusterTest::TearDownTestSuite() {
  delete moto_;
  moto_ = nullptr;
}

void ClusterTest::SetUp() {
  ASSERT_NE(moto_, nullptr);
  moto_->Reset();
  work_ = std::make_unique<TempDir>("cluster-work");
  dir_ = std::make_unique<TempDir>("cluster-dir");
  std::filesystem::create_directories(work_->path() + "/home");
  env_ = EmulatorEnv(moto_->url(), work_->path() + "/home");
}

nlohmann::json ClusterTest::Seed(const std::vector<std::string>& flags) {
  std::vector<std::string> argv = {
      "python3", kScripts + "/seed_account.py", "--domain", kBaseDomain, "--key-name", "demo-key"};
  argv.insert(argv.end(), flags.begin(), flags.end());
  ProcessOptions options;
  options.env_set = env_;
  auto r = RunProcess(argv, options);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return nlohmann::json::parse(r.out, nullptr, false);
}

void ClusterTest::InitCluster(const std::string& ami_id, const std::string& vpc_id) {
  // `init` refuses an existing directory's cluster.yaml only; the dir itself may exist.
  auto r = Tectonic({"init", "--dir", dir(), "--name", kClusterName, "--base-domain", kBaseDomain,
                     "--region", "us-east-1", "--ssh-key", "demo-key"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  std::string yaml = ReadFile(dir() + "/cluster.yaml");
  ReplaceOnce(&yaml, "amiId: \"\"", "amiId: \"" + ami_id + "\"");
  if (!vpc_id.empty()) ReplaceOnce(&yaml, "id: \"\"", "id: \"" + vpc_id + "\"");
  std::ofstream(dir() + "/cluster.yaml") << yaml;
  WriteSecretFile(dir() + "/license.txt", "cluster-test-license-0123456789abcdef\n");
  WriteSecretFile(dir() + "/pull-secret.json",
                  R"({"auths": {"quay.io": {"auth": "Y2x1c3Rlcjp0ZXN0LXNlY3JldA=="}}})");
}

ProcessResult ClusterTest::Tectonic(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {TectonicBinary(), "--yes"};
  argv.insert(argv.end(), args.begin(), args.end());
  ProcessOptions options;
  options.env_set = env_;
  return RunProcess(argv, options);
}

nlohmann::json ClusterTest::CreateCluster() {
  auto r = Tectonic({"create", "cluster", "--dir", dir(), "--output", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.err << r.out;
  auto result = ResultEvent(r.out);
  EXPECT_TRUE(result.is_object()) << "no result event: " << r.out;
  if (!result.is_object()) return nlohmann::json::object();
  EXPECT_TRUE(result.value("ok", false)) << result.dump();
  EXPECT_EQ(result.value("created", -1), CountEvents(r.out, "node_created"));
  ClusterId();
  return result;
}

nlohmann::json ClusterTest::DestroyCluster(const std::vector<std::string>& selector) {
  std::vector<std::string> args = {"destroy", "cluster", "--output", "json"};
  args.insert(args.end(), selector.begin(), selector.end());
  auto r = Tectonic(args);
  EXPECT_EQ(r.exit_code, 0) << r.err << r.out;
  auto result = ResultEvent(r.out);
  EXPECT_TRUE(result.is_object()) << "no result event: " << r.out;
  if (!result.is_object()) return nlohmann::json::object();
  EXPECT_TRUE(result.value("ok", false)) << result.dump();
  EXPECT_EQ(result.value("remaining", nlohmann::json::array()), nlohmann::json::array())
      << result.dump();
  EXPECT_GT(result["calls"].value("mutating", 0), 0) << "destroy reports its calls";
  return result;
}

nlohmann::json ClusterTest::StatusAllPresent(size_t nodes) {
  auto r = Tectonic({"status", "--dir", dir(), "--output", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto status = nlohmann::json::parse(r.out, nullptr, false);
  EXPECT_TRUE(status.is_object()) << r.out;
  if (!status.is_object()) return nlohmann::json::object();
  EXPECT_EQ(status.value("clusterID", ""), ClusterId());
  // Status only reads, and says how much (calls by operation, as create and destroy do).
  EXPECT_EQ(status["calls"].value("mutating", -1), 0) << status["calls"].dump();
  EXPECT_GT(status["calls"].value("total", 0), 0) << status.dump();
  const auto& list = status["nodes"];
  EXPECT_EQ(list.size(), nodes);
  for (const auto& node : list) {
    EXPECT_EQ(node.value("aws", ""), "present") << node.dump();
    EXPECT_EQ(node.value("journal", ""), "ready") << node.dump();
  }
  // Everything AWS holds in the cluster's name belongs to a journaled node (instances an
  // Auto Scaling group launched, volumes of the etcd instances): nothing is untracked.
  EXPECT_EQ(status.value("untracked", nlohmann::json::array()), nlohmann::json::array());
  return status;
}

nlohmann::json ClusterTest::ResultEvent(const std::string& ndjson) {
  std::istringstream in(ndjson);
  std::string line;
  while (std::getline(in, line)) {
    auto event = nlohmann::json::parse(line, nullptr, false);
    if (event.is_object() && event.value("type", "") == "result") return event;
  }
  return nullptr;
}

int ClusterTest::CountEvents(const std::string& ndjson, const std::string& type) {
  std::istringstream in(ndjson);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    auto event = nlohmann::json::parse(line, nullptr, false);
    if (event.is_object() && event.value("type", "") == type) ++n;
  }
  return n;
}

nlohmann::json ClusterTest::Inspect(const std::vector<std::string>& probes) {
  std::vector<std::string> argv = {"python3",      kScripts + "/inspect_cluster.py",
                                   "--cluster-id", ClusterId(),
                                   "--name",       kClusterName,
                                   "--domain",     kBaseDomain};
  for (const auto& p : probes) {
    argv.push_back("--probe");
    argv.push_back(p);
  }
  ProcessOptions options;
  options.env_set = env_;
  auto r = RunProcess(argv, options);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto doc = nlohmann::json::parse(r.out, nullptr, false);
  EXPECT_TRUE(doc.is_object()) << r.out << r.err;
  return doc;
}

std::string ClusterTest::ClusterId() {
  if (!cluster_id_.empty()) return cluster_id_;
  auto meta = nlohmann::json::parse(ReadFile(dir() + "/metadata.json"), nullptr, false);
  if (meta.is_object()) cluster_id_ = meta.value("clusterID", "");
  return cluster_id_;
}

}  // namespace tectonic::testing
