#include "assets/assets.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "assets/pki.h"
#include "assets/test_config.h"
#include "tests/support/process.h"
#include "util/files.h"

namespace tectonic::assets {
namespace {

namespace fs = std::filesystem;

int ModeOf(const fs::path& p) {
  struct stat st {};
  EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
  return st.st_mode & 07777;
}

std::string Read(const fs::path& p) { return files::ReadFile(p).value_or("<missing>"); }

class AssetsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(files::WriteAtomic(dir_ / "license.txt", "LICENSE-TEXT-0123456789\n").ok());
    ASSERT_TRUE(files::WriteAtomic(dir_ / "pull-secret.json",
                                   R"({"auths":{"quay.io":{"auth":"c2VjcmV0cHVsbA=="}}})")
                    .ok());
  }
  testing::TempDir tmp_;
  fs::path dir_ = tmp_.path();
  model::ClusterConfig config_ = TestClusterConfig();
};

TEST_F(AssetsTest, WritesEveryFileWithTheRightMode) {
  auto set = GenerateAssets(config_, dir_);
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  for (const char* d : {"", "tls", "auth", "ignition", "manifests"}) {
    EXPECT_EQ(ModeOf(dir_ / d), 0700) << d;
  }
  EXPECT_EQ(ModeOf(dir_ / "tls/ca.key"), 0600);
  EXPECT_EQ(ModeOf(dir_ / "tls/ca.crt"), 0644);
  EXPECT_EQ(ModeOf(dir_ / "tls/etcd-peer-0.key"), 0600);
  EXPECT_EQ(ModeOf(dir_ / "auth/kubeconfig"), 0600);
  EXPECT_EQ(ModeOf(dir_ / "auth/bootstrap-token"), 0600);
  EXPECT_EQ(ModeOf(dir_ / "manifests/10-tectonic-secrets.yaml"), 0600);
  ASSERT_EQ(set->ignition.size(), 5u);  // master, worker, 3 etcd
  for (const auto& ign : set->ignition) {
    EXPECT_EQ(ModeOf(ign.path), 0600);
    EXPECT_EQ(ign.sha512, Sha512Hex(Read(ign.path)));
    EXPECT_EQ(ign.sha512.size(), 128u);
  }
  EXPECT_EQ(set->ignition[2].role, "etcd-0");
  EXPECT_TRUE(set->kept.empty());
}

TEST_F(AssetsTest, IgnitionFilesCarryModesAndUnits) {
  auto set = GenerateAssets(config_, dir_);
  ASSERT_TRUE(set.ok());
  auto master = nlohmann::json::parse(Read(dir_ / "ignition/master.ign"));
  EXPECT_EQ(master["ignition"]["version"], "3.3.0");
  std::map<std::string, int> modes;
  for (const auto& f : master["storage"]["files"]) modes[f["path"]] = f["mode"];
  EXPECT_EQ(modes["/etc/kubernetes/pki/apiserver.key"], 384);
  EXPECT_EQ(modes["/etc/kubernetes/pki/apiserver.crt"], 420);
  EXPECT_EQ(modes["/etc/kubernetes/cluster-manifests/02-bootstrap-token-secret.yaml"], 384);
  EXPECT_TRUE(modes.count("/etc/kubernetes/manifests/kube-apiserver.yaml"));
  auto etcd = nlohmann::json::parse(Read(dir_ / "ignition/etcd-1.ign"));
  std::string unit = etcd["systemd"]["units"][0]["contents"];
  EXPECT_NE(unit.find("--name=etcd-1"), std::string::npos);
  EXPECT_NE(unit.find("etcd-2=https://etcd-2.demo.example.com:2380"), std::string::npos);
  // Workers get no admin credential and no CA key.
  std::string worker = Read(dir_ / "ignition/worker.ign");
  EXPECT_EQ(worker.find("ca.key"), std::string::npos);
  EXPECT_EQ(worker.find("admin"), std::string::npos);
}

TEST_F(AssetsTest, RerunKeepsKeysAndRegenerateReplacesThem) {
  ASSERT_TRUE(GenerateAssets(config_, dir_).ok());
  std::string ca = Read(dir_ / "tls/ca.key"), api = Read(dir_ / "tls/apiserver.key");
  std::string master = Read(dir_ / "ignition/master.ign");
  auto again = GenerateAssets(config_, dir_);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->written.empty()) << again->written.front();
  EXPECT_EQ(Read(dir_ / "tls/ca.key"), ca);
  EXPECT_EQ(Read(dir_ / "ignition/master.ign"), master);

  // A config change reissues the affected certificate but keeps keys and the CA.
  config_.nodes.etcd.count = 1;
  auto changed = GenerateAssets(config_, dir_);
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(Read(dir_ / "tls/ca.key"), ca);
  EXPECT_FALSE(fs::exists(dir_ / "ignition/etcd-1.ign"));
  EXPECT_EQ(changed->ignition.size(), 3u);

  AssetOptions regen;
  regen.regenerate_ca = true;
  ASSERT_TRUE(GenerateAssets(config_, dir_, regen).ok());
  EXPECT_NE(Read(dir_ / "tls/ca.key"), ca);
  EXPECT_NE(Read(dir_ / "tls/apiserver.key"), api);
}

TEST_F(AssetsTest, RejectsBadValidityAndMissingLicense) {
  AssetOptions bad;
  bad.validity_days = 0;
  EXPECT_EQ(GenerateAssets(config_, dir_, bad).status().code(), StatusCode::kInvalidInput);
  fs::remove(dir_ / "license.txt");
  auto r = GenerateAssets(config_, dir_);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("license"), std::string::npos);
}

TEST(IgnitionPointerTest, Shape) {
  auto doc = nlohmann::json::parse(IgnitionPointer("s3://b/k", "abc"));
  EXPECT_EQ(doc["ignition"]["version"], "3.3.0");
  EXPECT_EQ(doc["ignition"]["config"]["replace"]["source"], "s3://b/k");
  EXPECT_EQ(doc["ignition"]["config"]["replace"]["verification"]["hash"], "sha512-abc");
}

}  // namespace
}  // namespace tectonic::assets
