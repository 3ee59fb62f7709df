#include "util/redact.h"

#include <gtest/gtest.h>

namespace tectonic {
namespace {

TEST(RedactTest, MasksRegisteredSecrets) {
  RegisterSecret("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
  std::string out = Redact("signing with wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY now");
  EXPECT_EQ(out, "signing with [REDACTED] now");
}

TEST(RedactTest, IgnoresVeryShortValues) {
  RegisterSecret("abc");
  EXPECT_EQ(Redact("abcdef"), "abcdef");
}

TEST(RedactTest, MasksPemPrivateKeys) {
  std::string text =
      "key:\n-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----\nend";
  std::string out = Redact(text);
  EXPECT_EQ(out.find("MHcCAQEE"), std::string::npos);
  EXPECT_NE(out.find("end"), std::string::npos);
}

TEST(RedactTest, MasksSecretAssignments) {
  std::string out = Redact("aws_secret_access_key = abcdefghijklmnop\nregion=us-east-1");
  EXPECT_EQ(out.find("abcdefghijklmnop"), std::string::npos);
  EXPECT_NE(out.find("region=us-east-1"), std::string::npos);
}

}  // namespace
}  // namespace tectonic
