// kubectl reads the generated kubeconfigs: server, user, embedded credentials.
#include <gtest/gtest.h>
#include <unistd.h>

#include "tests/integration/assets/asset_fixture.h"

namespace tectonic::assets {
namespace {

std::string View(const std::string& kubeconfig, const std::string& jsonpath) {
  auto r = Exec({"kubectl", "config", "view", "--raw", "--kubeconfig", kubeconfig, "-o",
                 "jsonpath=" + jsonpath});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out;
}

std::string Base64Decode(const std::string& text, const std::string& tmp) {
  EXPECT_TRUE(files::WriteAtomic(tmp, text).ok());
  auto r = Exec({"openssl", "base64", "-d", "-A", "-in", tmp});
  return r.out;
}

class KubeconfigTest : public AssetDirTest {
 protected:
  void SetUp() override {
    if (::access("/usr/bin/kubectl", X_OK) != 0) GTEST_SKIP() << "kubectl is not installed";
  }
};

TEST_F(KubeconfigTest, AdminKubeconfigReadsBack) {
  Generate();
  std::string kc = (dir_ / "auth/kubeconfig").string();
  EXPECT_EQ(View(kc, "{.clusters[0].cluster.server}"), "https://demo-api.example.com:443");
  EXPECT_EQ(View(kc, "{.users[0].name}"), "admin");
  EXPECT_EQ(View(kc, "{.current-context}"), "admin@demo");
  std::string tmp = tmp_.path() + "/b64";
  EXPECT_EQ(Base64Decode(View(kc, "{.clusters[0].cluster.certificate-authority-data}"), tmp),
            files::ReadFile(Tls("ca.crt")).value());
  EXPECT_EQ(Base64Decode(View(kc, "{.users[0].user.client-certificate-data}"), tmp),
            files::ReadFile(Tls("admin.crt")).value());
  EXPECT_EQ(Base64Decode(View(kc, "{.users[0].user.client-key-data}"), tmp),
            files::ReadFile(Tls("admin.key")).value());
  // Without --raw kubectl hides the embedded key: it sees it as a secret too.
  auto plain = Exec({"kubectl", "config", "view", "--kubeconfig", kc});
  EXPECT_EQ(plain.out.find("PRIVATE KEY"), std::string::npos);
}

TEST_F(KubeconfigTest, BootstrapKubeconfigsUseTheToken) {
  Generate();
  std::string token = files::ReadFile(dir_ / "auth/bootstrap-token").value();
  token.pop_back();  // newline
  for (const char* role : {"master", "worker"}) {
    std::string kc = (dir_ / "auth" / (std::string("bootstrap-kubeconfig-") + role)).string();
    // Masters join through their own API server (they are targets of the internal NLB).
    EXPECT_EQ(View(kc, "{.clusters[0].cluster.server}"), std::string(role) == "master"
                                                             ? "https://127.0.0.1:443"
                                                             : "https://api.demo.example.com:443");
    EXPECT_EQ(View(kc, "{.users[0].name}"), "kubelet-bootstrap");
    EXPECT_EQ(View(kc, "{.users[0].user.token}"), token);
    EXPECT_EQ(View(kc, "{.users[0].user.client-key-data}"), "");
  }
}

}  // namespace
}  // namespace tectonic::assets
