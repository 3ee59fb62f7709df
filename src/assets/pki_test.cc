#include "assets/pki.h"

#include <gtest/gtest.h>

namespace tectonic::assets {
namespace {

CertSpec CaSpec() { return {.common_name = "test-ca", .is_ca = true, .validity_days = 10}; }

TEST(PkiTest, IssuesCertificatesThatVerifyAgainstTheirCa) {
  for (auto algorithm : {KeyAlgorithm::kEcdsaP256, KeyAlgorithm::kRsa2048}) {
    auto ca_key = GenerateKey(algorithm);
    ASSERT_TRUE(ca_key.ok());
    auto ca = IssueCertificate(CaSpec(), ca_key->get(), nullptr, ca_key->get());
    ASSERT_TRUE(ca.ok()) << ca.status().ToString();
    EXPECT_TRUE(CheckCaUsable(ca->get(), ca_key->get(), "test").ok());
    auto leaf_key = GenerateKey(algorithm);
    CertSpec spec{.common_name = "leaf",
                  .dns_names = {"a.example"},
                  .ip_addresses = {"10.3.0.1"},
                  .server_auth = true,
                  .validity_days = 90};
    auto leaf = IssueCertificate(spec, leaf_key->get(), ca->get(), ca_key->get());
    ASSERT_TRUE(leaf.ok());
    EXPECT_TRUE(IssuedBy(leaf->get(), ca->get()));
    EXPECT_TRUE(KeyMatchesCertificate(leaf->get(), leaf_key->get()));
    EXPECT_FALSE(KeyMatchesCertificate(leaf->get(), ca_key->get()));
    EXPECT_TRUE(CertificateFitsSpec(leaf->get(), spec));
    spec.dns_names.push_back("b.example");
    EXPECT_FALSE(CertificateFitsSpec(leaf->get(), spec));
    // A leaf is not a CA.
    EXPECT_FALSE(CheckCaUsable(leaf->get(), leaf_key->get(), "leaf").ok());
  }
}

TEST(PkiTest, PemRoundTrips) {
  auto key = GenerateKey(KeyAlgorithm::kEcdsaP256);
  auto pem = PrivateKeyPem(key->get());
  ASSERT_TRUE(pem.ok());
  EXPECT_NE(pem->find("BEGIN PRIVATE KEY"), std::string::npos);
  auto back = ParsePrivateKey(*pem);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(EVP_PKEY_eq(back->get(), key->get()), 1);
  EXPECT_FALSE(ParsePrivateKey("garbage").ok());
  EXPECT_FALSE(ParseCertificate("garbage").ok());
}

TEST(PkiTest, SerialsDiffer) {
  auto key = GenerateKey(KeyAlgorithm::kEcdsaP256);
  auto a = IssueCertificate(CaSpec(), key->get(), nullptr, key->get());
  auto b = IssueCertificate(CaSpec(), key->get(), nullptr, key->get());
  EXPECT_NE(ASN1_INTEGER_cmp(X509_get0_serialNumber(a->get()), X509_get0_serialNumber(b->get())),
            0);
}

TEST(PkiTest, HelpersProduceKnownValues) {
  EXPECT_EQ(Base64("hello"), "aGVsbG8=");
  EXPECT_EQ(Sha512Hex("abc").substr(0, 16), "ddaf35a193617aba");
  auto s = RandomString(40, "ab");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->size(), 40u);
  EXPECT_EQ(s->find_first_not_of("ab"), std::string::npos);
}

}  // namespace
}  // namespace tectonic::assets
