// The real `tectonic create assets` binary: exit codes, what it prints, and that no secret
// ever reaches its output, even at --log-level debug.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>

#include "tests/integration/assets/asset_fixture.h"

namespace tectonic::assets {
namespace {

namespace fs = std::filesystem;

const std::string kBinary = std::string(TECTONIC_BINARY_DIR) + "/bin/tectonic";

constexpr const char* kClusterYaml = R"(name: demo
baseDomain: example.com
aws:
  region: us-east-1
  sshKeyName: demo-key
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

// The base64 body lines of every PEM private key under dir.
std::vector<std::string> KeyBodies(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.path().extension() != ".key") continue;
    std::ifstream in(entry.path());
    std::string line;
    while (std::getline(in, line)) {
      if (line.find("-----") == std::string::npos && line.size() >= 16) out.push_back(line);
    }
  }
  return out;
}

class CreateAssetsCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(kBinary)) GTEST_SKIP() << "tectonic binary not built: " << kBinary;
    WriteSecretInputs(dir_);
    ASSERT_TRUE(files::WriteAtomic(dir_ / "cluster.yaml", kClusterYaml).ok());
  }
  testing::ProcessResult Tectonic(std::vector<std::string> args) {
    args.insert(args.begin(), kBinary);
    return Exec(args);
  }
  testing::TempDir tmp_{"tectonic-assets-cli"};
  fs::path dir_ = tmp_.path();
};

TEST_F(CreateAssetsCommandTest, WritesAssetsAndLeaksNoSecret) {
  auto first = Tectonic({"--log-level", "debug", "create", "assets", "--dir", dir_.string()});
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  EXPECT_NE(first.out.find("written"), std::string::npos);
  EXPECT_TRUE(fs::exists(dir_ / "ignition/etcd-2.ign"));
  auto second = Tectonic({"--log-level", "debug", "create", "assets", "--dir", dir_.string()});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.out.find(" 0 written"), std::string::npos) << second.out;

  std::string token = files::ReadFile(dir_ / "auth/bootstrap-token").value();
  std::string token_secret = token.substr(7, 16);
  std::vector<std::string> secrets = KeyBodies(dir_);
  ASSERT_GT(secrets.size(), 10u);
  secrets.push_back(token_secret);
  secrets.push_back(kTestLicense);
  secrets.push_back(kTestPullSecret);
  secrets.push_back("cHVsbHVzZXI6cHVsbHNlY3JldDk4NzY1");
  for (const auto* r : {&first, &second}) {
    std::string all = r->out + r->err;
    EXPECT_EQ(all.find("PRIVATE KEY"), std::string::npos);
    for (const auto& s : secrets) EXPECT_EQ(all.find(s), std::string::npos) << "leaked: " << s;
  }
}

TEST_F(CreateAssetsCommandTest, RegenerateCaReplacesIt) {
  ASSERT_EQ(Tectonic({"create", "assets", "--dir", dir_.string()}).exit_code, 0);
  std::string ca = files::ReadFile(dir_ / "tls/ca.key").value();
  auto r = Tectonic({"create", "assets", "--dir", dir_.string(), "--regenerate-ca", "--rsa",
                     "--validity-days", "90"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(files::ReadFile(dir_ / "tls/ca.key").value(), ca);
  auto text =
      Exec({"openssl", "x509", "-in", (dir_ / "tls/apiserver.crt").string(), "-noout", "-text"});
  EXPECT_NE(text.out.find("2048 bit"), std::string::npos);
}

TEST_F(CreateAssetsCommandTest, BadConfigExitsTwo) {
  ASSERT_TRUE(files::WriteAtomic(dir_ / "cluster.yaml", "name: Not_A_Dns_Label\n").ok());
  auto r = Tectonic({"create", "assets", "--dir", dir_.string()});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("cluster.yaml"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir_ / "tls"));
}

TEST_F(CreateAssetsCommandTest, RefusedCaExitsTwo) {
  auto cert = tmp_.path() + "/leaf.crt", key = tmp_.path() + "/leaf.key";
  auto made = Exec({"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:P-256", "-nodes", "-keyout", key, "-out", cert, "-subj",
                    "/CN=leaf", "-days", "3", "-addext", "basicConstraints=critical,CA:FALSE"});
  ASSERT_EQ(made.exit_code, 0);
  auto r =
      Tectonic({"create", "assets", "--dir", dir_.string(), "--ca-cert", cert, "--ca-key", key});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("not a CA certificate"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace tectonic::assets
