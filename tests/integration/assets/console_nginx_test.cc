// The generated console runs: real nginx (Debian nginx-light) with the nginx.conf, page, TLS
// Secret and htpasswd Secret from manifests/08-console.yaml (paths and ports moved into a
// scratch directory). curl, trusting only the cluster CA, reaches <name>.<baseDomain>, logs
// in with the admin email and the password whose bcrypt hash is in cluster.yaml, is refused
// with a wrong one, follows HTTP to HTTPS, and the NLB health path answers.
#include <gtest/gtest.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <chrono>
#include <regex>
#include <thread>

#include <fmt/format.h>

#include "assets/admin_password.h"
#include "tests/integration/assets/asset_fixture.h"

namespace tectonic::assets {
namespace {

namespace fs = std::filesystem;

constexpr const char* kPassword = "Correct-Horse-Battery-42";

class ConsoleNginxTest : public AssetDirTest {
 protected:
  void SetUp() override {
    if (::access("/usr/sbin/nginx", X_OK) != 0 || ::access("/usr/bin/curl", X_OK) != 0) {
      GTEST_SKIP() << "nginx (Debian nginx-light) or curl is not installed";
    }
  }

  testing::ProcessResult Curl(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {"curl",        "--silent",    "--show-error",
                                     "--max-time",  "5",           "--output",
                                     "/dev/stdout", "--write-out", "\n%{http_code}"};
    argv.insert(argv.end(), args.begin(), args.end());
    return Exec(argv);
  }
};

TEST_F(ConsoleNginxTest, ServesTlsLoginAndHealthAsTheNlbExpects) {
  auto hash = HashAdminPassword(kPassword);
  ASSERT_TRUE(hash.ok()) << hash.status().ToString();
  config_.tectonic.admin_password_hash = *hash;
  Generate();
  std::map<std::string, YAML::Node> objects;
  for (const auto& doc :
       YAML::LoadAll(files::ReadFile(dir_ / "manifests/08-console.yaml").value())) {
    objects[doc["kind"].as<std::string>() + "/" + doc["metadata"]["name"].as<std::string>()] = doc;
  }
  const fs::path root = dir_ / "console";
  for (const char* d : {"tls", "auth", "content", "run"}) fs::create_directories(root / d);
  auto tls = objects["Secret/tectonic-console-tls"]["stringData"];
  ASSERT_TRUE(files::WriteAtomic(root / "tls/tls.crt", tls["tls.crt"].as<std::string>()).ok());
  ASSERT_TRUE(
      files::WriteAtomic(root / "tls/tls.key", tls["tls.key"].as<std::string>(), 0600).ok());
  ASSERT_TRUE(
      files::WriteAtomic(
          root / "auth/htpasswd",
          objects["Secret/tectonic-console-auth"]["stringData"]["htpasswd"].as<std::string>())
          .ok());
  auto data = objects["ConfigMap/tectonic-console"]["data"];
  ASSERT_TRUE(
      files::WriteAtomic(root / "content/index.html", data["index.html"].as<std::string>()).ok());

  const int https = testing::FreeLoopbackPort(), http = testing::FreeLoopbackPort(),
            health = testing::FreeLoopbackPort();
  std::string conf = data["nginx.conf"].as<std::string>();
  auto replace = [&](const std::string& from, const std::string& to) {
    ASSERT_NE(conf.find(from), std::string::npos) << from;
    conf = std::regex_replace(conf, std::regex(from), to);
  };
  replace("/tmp/", (root / "run").string() + "/");
  replace("/etc/console/tls", (root / "tls").string());
  replace("/etc/console/auth", (root / "auth").string());
  replace("/usr/share/tectonic-console", (root / "content").string());
  replace("listen 8443 ssl", fmt::format("listen 127.0.0.1:{} ssl", https));
  replace("listen 8080", fmt::format("listen 127.0.0.1:{}", http));
  replace("listen 8081", fmt::format("listen 127.0.0.1:{}", health));
  ASSERT_TRUE(files::WriteAtomic(root / "nginx.conf", conf).ok());

  // Workers run as this user (root in CI) so they can read the 0700 scratch directory.
  std::string user = ::getuid() == 0 ? "user root; " : "";
  testing::BackgroundProcess nginx(
      {"/usr/sbin/nginx", "-p", root.string(), "-c", (root / "nginx.conf").string(), "-e", "stderr",
       "-g", user + "daemon off; master_process on;"},
      testing::ProcessOptions{}, (root / "nginx.log").string());
  const std::string health_url = fmt::format("http://127.0.0.1:{}/healthz", health);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  testing::ProcessResult probe;
  while (std::chrono::steady_clock::now() < deadline) {
    probe = Curl({health_url});
    if (probe.exit_code == 0) break;
    ASSERT_TRUE(nginx.Running()) << files::ReadFile(root / "nginx.log").value_or("");
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_EQ(probe.exit_code, 0) << probe.err << files::ReadFile(root / "nginx.log").value_or("");
  EXPECT_EQ(probe.out, "ok\n\n200");

  const std::string host = config_.ConsoleHost();
  const std::vector<std::string> tls_args = {"--cacert", Tls("ca.crt"), "--resolve",
                                             fmt::format("{}:{}:127.0.0.1", host, https),
                                             fmt::format("https://{}:{}/", host, https)};
  auto with = [&](std::vector<std::string> extra) {
    extra.insert(extra.end(), tls_args.begin(), tls_args.end());
    return Curl(extra);
  };
  auto ok = with({"--user", config_.tectonic.admin_email + ":" + kPassword});
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_NE(ok.out.find("Tectonic cluster demo"), std::string::npos) << ok.out;
  EXPECT_EQ(ok.out.substr(ok.out.size() - 3), "200");
  auto wrong = with({"--user", config_.tectonic.admin_email + ":not-the-password"});
  EXPECT_EQ(wrong.out.substr(wrong.out.size() - 3), "401");
  auto anonymous = with({});
  EXPECT_EQ(anonymous.out.substr(anonymous.out.size() - 3), "401");
  // The certificate is for <name>.<baseDomain>: another name fails verification.
  auto other = Curl({"--cacert", Tls("ca.crt"), "--resolve",
                     fmt::format("other.example.com:{}:127.0.0.1", https),
                     fmt::format("https://other.example.com:{}/", https)});
  EXPECT_NE(other.exit_code, 0);
  auto redirect = Curl({"--header", "Host: " + host, fmt::format("http://127.0.0.1:{}/x", http)});
  EXPECT_EQ(redirect.out.substr(redirect.out.size() - 3), "301");
}

}  // namespace
}  // namespace tectonic::assets
