#include "assets/certificate_profiles.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "assets/test_config.h"

namespace tectonic::assets {
namespace {

TEST(CertificateProfilesTest, NthIp) {
  EXPECT_EQ(*NthIp("10.3.0.0/16", 1), "10.3.0.1");
  EXPECT_EQ(*NthIp("10.3.0.0/16", 10), "10.3.0.10");
  EXPECT_EQ(*NthIp("192.168.7.128/25", 1), "192.168.7.129");
  EXPECT_FALSE(NthIp("nonsense", 1).ok());
  EXPECT_FALSE(NthIp("10.0.0.0/30", 5).ok());
}

TEST(CertificateProfilesTest, ApiServerAndEtcdNames) {
  auto config = TestClusterConfig();
  config.nodes.etcd.count = 5;
  auto profiles = LeafProfiles(config, 30);
  ASSERT_TRUE(profiles.ok());
  auto find = [&](const std::string& name) {
    return *std::find_if(profiles->begin(), profiles->end(),
                         [&](const CertProfile& p) { return p.name == name; });
  };
  auto api = find("apiserver");
  EXPECT_TRUE(api.spec.server_auth);
  EXPECT_FALSE(api.spec.client_auth);
  EXPECT_NE(std::find(api.spec.dns_names.begin(), api.spec.dns_names.end(), "demo-api.example.com"),
            api.spec.dns_names.end());
  EXPECT_EQ(api.spec.ip_addresses[0], "10.3.0.1");
  // Each member has its own server and peer certificate naming only itself.
  for (int i = 0; i < 5; ++i) {
    for (const char* kind : {"etcd-server", "etcd-peer"}) {
      auto cert = find(std::string(kind) + "-" + std::to_string(i));
      EXPECT_EQ(cert.signer, Signer::kEtcdCa);
      EXPECT_EQ(cert.spec.dns_names,
                (std::vector<std::string>{"etcd-" + std::to_string(i) + ".demo.example.com",
                                          "localhost"}));
    }
  }
  EXPECT_EQ(std::count_if(profiles->begin(), profiles->end(),
                          [](const CertProfile& p) { return p.name == "etcd-server"; }),
            0);
  auto console = find("console");
  EXPECT_EQ(console.spec.dns_names, std::vector<std::string>{"demo.example.com"});
  EXPECT_TRUE(console.spec.server_auth);
  EXPECT_EQ(find("front-proxy-client").signer, Signer::kFrontProxyCa);
  auto admin = find("admin");
  EXPECT_EQ(admin.spec.organizations, std::vector<std::string>{"system:masters"});
}

}  // namespace
}  // namespace tectonic::assets
