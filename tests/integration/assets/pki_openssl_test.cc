// Every generated certificate judged by the openssl command line tool.
#include <gtest/gtest.h>

#include "assets/pki.h"
#include "tests/integration/assets/asset_fixture.h"

namespace tectonic::assets {
namespace {

std::string Text(const std::string& cert) {
  auto r = Exec({"openssl", "x509", "-in", cert, "-text", "-noout"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out;
}

struct Expect {
  std::string name;
  std::string ca;
  bool server;
  bool client;
};

const std::vector<Expect> kLeaves = {
    {"apiserver", "ca.crt", true, false},
    {"apiserver-kubelet-client", "ca.crt", false, true},
    {"admin", "ca.crt", false, true},
    {"kube-controller-manager", "ca.crt", false, true},
    {"kube-scheduler", "ca.crt", false, true},
    {"etcd-server-0", "etcd-ca.crt", true, true},
    {"etcd-peer-0", "etcd-ca.crt", true, true},
    {"etcd-server-2", "etcd-ca.crt", true, true},
    {"etcd-peer-2", "etcd-ca.crt", true, true},
    {"etcd-client", "etcd-ca.crt", false, true},
    {"console", "ca.crt", true, false},
    {"front-proxy-client", "front-proxy-ca.crt", false, true},
};

class PkiOpensslTest : public AssetDirTest {
 protected:
  void CheckAll() {
    for (const char* ca : {"ca.crt", "etcd-ca.crt", "front-proxy-ca.crt"}) {
      std::string text = Text(Tls(ca));
      EXPECT_NE(text.find("CA:TRUE"), std::string::npos) << ca;
      EXPECT_NE(text.find("Certificate Sign"), std::string::npos) << ca;
      EXPECT_NE(text.find("X509v3 Subject Key Identifier"), std::string::npos);
    }
    for (const auto& leaf : kLeaves) {
      SCOPED_TRACE(leaf.name);
      std::string crt = Tls(leaf.name + ".crt");
      auto verify = Exec({"openssl", "verify", "-CAfile", Tls(leaf.ca), crt});
      EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
      // Signed by the other CA it must not verify.
      auto wrong = Exec({"openssl", "verify", "-CAfile",
                         Tls(leaf.ca == "ca.crt" ? "etcd-ca.crt" : "ca.crt"), crt});
      EXPECT_NE(wrong.exit_code, 0);
      for (auto [wanted, purpose] :
           {std::pair{leaf.server, "sslserver"}, std::pair{leaf.client, "sslclient"}}) {
        auto p = Exec({"openssl", "verify", "-purpose", purpose, "-CAfile", Tls(leaf.ca), crt});
        EXPECT_EQ(p.exit_code == 0, wanted) << purpose << p.out << p.err;
      }
      std::string text = Text(crt);
      EXPECT_NE(text.find("CA:FALSE"), std::string::npos);
      EXPECT_NE(text.find("Digital Signature"), std::string::npos);
      EXPECT_EQ(text.find("Certificate Sign"), std::string::npos);
      EXPECT_EQ(text.find("TLS Web Server Authentication") != std::string::npos, leaf.server);
      EXPECT_EQ(text.find("TLS Web Client Authentication") != std::string::npos, leaf.client);
      EXPECT_NE(text.find("X509v3 Authority Key Identifier"), std::string::npos);
      // The key on disk is the certificate's key.
      auto from_key = Exec({"openssl", "pkey", "-in", Tls(leaf.name + ".key"), "-pubout"});
      auto from_cert = Exec({"openssl", "x509", "-in", crt, "-pubkey", "-noout"});
      ASSERT_EQ(from_key.exit_code, 0);
      EXPECT_EQ(from_key.out, from_cert.out);
    }
  }
};

TEST_F(PkiOpensslTest, EcdsaCertificatesVerifyWithTheRightUsages) {
  Generate();
  CheckAll();
  std::string api = Text(Tls("apiserver.crt"));
  for (const char* san : {"DNS:demo-api.example.com", "DNS:api.demo.example.com", "DNS:kubernetes,",
                          "DNS:kubernetes.default,", "DNS:kubernetes.default.svc,",
                          "DNS:kubernetes.default.svc.cluster.local", "IP Address:10.3.0.1",
                          "IP Address:127.0.0.1"}) {
    EXPECT_NE(api.find(san), std::string::npos) << san;
  }
  EXPECT_NE(api.find("id-ecPublicKey"), std::string::npos);
  EXPECT_NE(api.find("prime256v1"), std::string::npos);
  // Each member's peer certificate names that member only.
  std::string etcd = Text(Tls("etcd-peer-1.crt"));
  for (const char* san : {"DNS:etcd-1.demo.example.com", "DNS:localhost", "IP Address:127.0.0.1"}) {
    EXPECT_NE(etcd.find(san), std::string::npos) << san;
  }
  EXPECT_EQ(etcd.find("etcd-0.demo.example.com"), std::string::npos);
  EXPECT_EQ(etcd.find("etcd-2.demo.example.com"), std::string::npos);
  std::string console = Text(Tls("console.crt"));
  EXPECT_NE(console.find("DNS:demo.example.com"), std::string::npos) << console;
  std::string admin = Text(Tls("admin.crt"));
  EXPECT_NE(admin.find("O = system:masters, CN = admin"), std::string::npos) << admin;
  auto sa = Exec({"openssl", "pkey", "-pubin", "-in", Tls("service-account.pub"), "-noout"});
  EXPECT_EQ(sa.exit_code, 0);
}

TEST_F(PkiOpensslTest, RsaOptionAndValidity) {
  AssetOptions options;
  options.key_algorithm = KeyAlgorithm::kRsa2048;
  options.validity_days = 30;
  Generate(options);
  CheckAll();
  std::string api = Text(Tls("apiserver.crt"));
  EXPECT_NE(api.find("Public-Key: (2048 bit)"), std::string::npos);
  EXPECT_NE(api.find("Key Encipherment"), std::string::npos);
  // 30 days: valid in 29 days, expired in 31.
  auto in29 = Exec({"openssl", "x509", "-in", Tls("apiserver.crt"), "-noout", "-checkend",
                    std::to_string(29 * 86400)});
  auto in31 = Exec({"openssl", "x509", "-in", Tls("apiserver.crt"), "-noout", "-checkend",
                    std::to_string(31 * 86400)});
  EXPECT_EQ(in29.exit_code, 0);
  EXPECT_NE(in31.exit_code, 0);
}

class UserCaTest : public AssetDirTest {
 protected:
  // A CA made by the openssl tool, with extra -addext arguments.
  void MakeCa(const std::vector<std::string>& addext) {
    std::vector<std::string> argv = {
        "openssl", "req",     "-x509", "-newkey", "ec",  "-pkeyopt", "ec_paramgen_curve:P-256",
        "-nodes",  "-keyout", key_,    "-out",    cert_, "-subj",    "/CN=user-ca",
        "-days",   "30"};
    for (const auto& e : addext) {
      argv.push_back("-addext");
      argv.push_back(e);
    }
    auto r = Exec(argv);
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  Status Try() {
    WriteSecretInputs(dir_);
    AssetOptions options;
    options.user_ca_cert = cert_;
    options.user_ca_key = key_;
    return GenerateAssets(config_, dir_, options).status();
  }
  std::string cert_ = tmp_.path() + "/user-ca.crt";
  std::string key_ = tmp_.path() + "/user-ca.key";
};

TEST_F(UserCaTest, AcceptsAGoodCaAndSignsWithIt) {
  MakeCa({"basicConstraints=critical,CA:TRUE", "keyUsage=critical,keyCertSign,cRLSign"});
  ASSERT_TRUE(Try().ok()) << Try().ToString();
  auto verify = Exec({"openssl", "verify", "-CAfile", cert_, Tls("apiserver.crt")});
  EXPECT_EQ(verify.exit_code, 0) << verify.err;
  EXPECT_EQ(files::ReadFile(Tls("ca.crt")).value(), files::ReadFile(cert_).value());
}

TEST_F(UserCaTest, RefusesANonCa) {
  MakeCa({"basicConstraints=critical,CA:FALSE"});
  Status s = Try();
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_NE(s.message().find("not a CA certificate"), std::string::npos) << s.message();
}

TEST_F(UserCaTest, RefusesACaWithoutKeyCertSign) {
  MakeCa({"basicConstraints=critical,CA:TRUE", "keyUsage=critical,digitalSignature"});
  Status s = Try();
  EXPECT_NE(s.message().find("keyCertSign"), std::string::npos) << s.message();
}

TEST_F(UserCaTest, RefusesAMismatchedKey) {
  MakeCa({"basicConstraints=critical,CA:TRUE", "keyUsage=critical,keyCertSign"});
  auto other = Exec({"openssl", "genpkey", "-algorithm", "EC", "-pkeyopt",
                     "ec_paramgen_curve:P-256", "-out", key_});
  ASSERT_EQ(other.exit_code, 0);
  Status s = Try();
  EXPECT_NE(s.message().find("does not match"), std::string::npos) << s.message();
  EXPECT_EQ(s.message().find("PRIVATE KEY"), std::string::npos);
}

TEST_F(UserCaTest, RefusesAnExpiredCa) {
  // openssl 3.0 cannot back-date with `req`, so re-sign our own CA with dates in the past.
  auto key = GenerateKey(KeyAlgorithm::kEcdsaP256);
  auto ca = IssueCertificate({.common_name = "old-ca", .is_ca = true, .validity_days = 10},
                             key->get(), nullptr, key->get());
  X509_gmtime_adj(X509_getm_notBefore(ca->get()), -20 * 86400);
  X509_gmtime_adj(X509_getm_notAfter(ca->get()), -86400);
  ASSERT_NE(X509_sign(ca->get(), key->get(), EVP_sha256()), 0);
  ASSERT_TRUE(files::WriteAtomic(cert_, *CertificatePem(ca->get())).ok());
  ASSERT_TRUE(files::WriteAtomic(key_, *PrivateKeyPem(key->get()), 0600).ok());
  auto check = Exec({"openssl", "x509", "-in", cert_, "-noout", "-checkend", "0"});
  ASSERT_NE(check.exit_code, 0) << "openssl should see the test CA as expired";
  Status s = Try();
  EXPECT_NE(s.message().find("has expired"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace tectonic::assets
