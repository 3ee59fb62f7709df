// A real three-member etcd cluster on loopback runs on the generated server and peer
// certificates; etcdctl reaches it with the generated client certificate, and a client
// certificate from another CA is refused.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <thread>

#include <fmt/format.h>

#include "assets/pki.h"
#include "tests/integration/assets/asset_fixture.h"

namespace tectonic::assets {
namespace {

class EtcdClusterTest : public AssetDirTest {
 protected:
  void SetUp() override {
    if (::access("/usr/bin/etcd", X_OK) != 0 || ::access("/usr/bin/etcdctl", X_OK) != 0) {
      GTEST_SKIP() << "etcd-server / etcd-client packages are not installed";
    }
  }

  testing::ProcessResult Etcdctl(const std::string& cacert, const std::string& cert,
                                 const std::string& key, const std::vector<std::string>& args) {
    std::vector<std::string> argv = {
        "etcdctl",      "--endpoints=" + endpoints_, "--cacert=" + cacert,  "--cert=" + cert,
        "--key=" + key, "--dial-timeout=2s",         "--command-timeout=3s"};
    argv.insert(argv.end(), args.begin(), args.end());
    testing::ProcessOptions options;
    options.env_set["ETCDCTL_API"] = "3";
    return Exec(argv, options);
  }

  std::string endpoints_;
};

TEST_F(EtcdClusterTest, ThreeMembersServeTheGeneratedCertificates) {
  Generate();
  const int n = config_.nodes.etcd.count;
  ASSERT_EQ(n, 3);
  std::vector<int> client_ports, peer_ports;
  for (int i = 0; i < n; ++i) {
    client_ports.push_back(testing::FreeLoopbackPort());
    peer_ports.push_back(testing::FreeLoopbackPort());
  }
  std::string initial;
  for (int i = 0; i < n; ++i) {
    initial += fmt::format("{}etcd-{}=https://127.0.0.1:{}", i ? "," : "", i, peer_ports[i]);
    endpoints_ += fmt::format("{}https://127.0.0.1:{}", i ? "," : "", client_ports[i]);
  }
  std::vector<std::unique_ptr<testing::BackgroundProcess>> members;
  for (int i = 0; i < n; ++i) {
    std::string client = fmt::format("https://127.0.0.1:{}", client_ports[i]);
    std::string peer = fmt::format("https://127.0.0.1:{}", peer_ports[i]);
    members.push_back(std::make_unique<testing::BackgroundProcess>(
        std::vector<std::string>{
            "/usr/bin/etcd", fmt::format("--name=etcd-{}", i),
            fmt::format("--data-dir={}/etcd-data-{}", tmp_.path(), i),
            "--listen-client-urls=" + client, "--advertise-client-urls=" + client,
            "--listen-peer-urls=" + peer, "--initial-advertise-peer-urls=" + peer,
            "--initial-cluster=" + initial, "--initial-cluster-state=new",
            "--initial-cluster-token=tectonic-test", "--client-cert-auth=true",
            // Each member on its own server and peer certificate, as on the etcd nodes.
            "--trusted-ca-file=" + Tls("etcd-ca.crt"),
            "--cert-file=" + Tls(fmt::format("etcd-server-{}.crt", i)),
            "--key-file=" + Tls(fmt::format("etcd-server-{}.key", i)),
            "--peer-client-cert-auth=true", "--peer-trusted-ca-file=" + Tls("etcd-ca.crt"),
            "--peer-cert-file=" + Tls(fmt::format("etcd-peer-{}.crt", i)),
            "--peer-key-file=" + Tls(fmt::format("etcd-peer-{}.key", i))},
        testing::ProcessOptions{}, fmt::format("{}/etcd-{}.log", tmp_.path(), i)));
  }

  // Ready when every member reports healthy; poll with a deadline.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  testing::ProcessResult health;
  while (std::chrono::steady_clock::now() < deadline) {
    health = Etcdctl(Tls("etcd-ca.crt"), Tls("etcd-client.crt"), Tls("etcd-client.key"),
                     {"endpoint", "health"});
    if (health.exit_code == 0) break;
    for (auto& m : members) ASSERT_TRUE(m->Running()) << "an etcd member exited; see its log";
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  ASSERT_EQ(health.exit_code, 0) << health.out << health.err;
  EXPECT_EQ(std::count(health.out.begin(), health.out.end(), '\n') +
                std::count(health.err.begin(), health.err.end(), '\n'),
            3);
  auto members_list = Etcdctl(Tls("etcd-ca.crt"), Tls("etcd-client.crt"), Tls("etcd-client.key"),
                              {"member", "list"});
  ASSERT_EQ(members_list.exit_code, 0) << members_list.err;
  for (int i = 0; i < n; ++i) {
    EXPECT_NE(members_list.out.find(fmt::format("etcd-{}", i)), std::string::npos);
  }
  auto put = Etcdctl(Tls("etcd-ca.crt"), Tls("etcd-client.crt"), Tls("etcd-client.key"),
                     {"put", "/tectonic/probe", "ok"});
  EXPECT_EQ(put.exit_code, 0) << put.err;

  // A client certificate from another CA is refused.
  auto other_key = GenerateKey(KeyAlgorithm::kEcdsaP256);
  auto other_ca =
      IssueCertificate({.common_name = "intruder-ca", .is_ca = true, .validity_days = 5},
                       other_key->get(), nullptr, other_key->get());
  auto client_key = GenerateKey(KeyAlgorithm::kEcdsaP256);
  auto client =
      IssueCertificate({.common_name = "intruder", .client_auth = true, .validity_days = 5},
                       client_key->get(), other_ca->get(), other_key->get());
  std::string bad_cert = tmp_.path() + "/intruder.crt", bad_key = tmp_.path() + "/intruder.key";
  ASSERT_TRUE(files::WriteAtomic(bad_cert, *CertificatePem(client->get())).ok());
  ASSERT_TRUE(files::WriteAtomic(bad_key, *PrivateKeyPem(client_key->get()), 0600).ok());
  auto refused = Etcdctl(Tls("etcd-ca.crt"), bad_cert, bad_key, {"get", "/tectonic/probe"});
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_EQ(refused.out.find("ok"), std::string::npos);
  // And the generated cluster-CA admin cert (right tree, wrong CA) is refused too.
  auto admin =
      Etcdctl(Tls("etcd-ca.crt"), Tls("admin.crt"), Tls("admin.key"), {"get", "/tectonic/probe"});
  EXPECT_NE(admin.exit_code, 0);
  // The legitimate client still reads what it wrote.
  auto get = Etcdctl(Tls("etcd-ca.crt"), Tls("etcd-client.crt"), Tls("etcd-client.key"),
                     {"get", "/tectonic/probe", "--print-value-only"});
  EXPECT_EQ(get.out, "ok\n");
}

}  // namespace
}  // namespace tectonic::assets
