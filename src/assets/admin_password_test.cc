#include "assets/admin_password.h"

#include <crypt.h>
#include <gtest/gtest.h>

#include "model/config_validate.h"

namespace tectonic::assets {
namespace {

TEST(AdminPasswordTest, RuleRefusesWeakPasswordsWithoutQuotingThem) {
  EXPECT_FALSE(CheckAdminPassword("Short1!", "a@example.com").ok());
  EXPECT_FALSE(CheckAdminPassword("alllowercaseletters", "a@example.com").ok());
  Status named = CheckAdminPassword("Alice-Password-2024", "alice@example.com");
  EXPECT_FALSE(named.ok());
  EXPECT_EQ(named.message().find("Alice-Password-2024"), std::string::npos);
  EXPECT_TRUE(CheckAdminPassword("correct-Horse-battery-9", "alice@example.com").ok());
}

TEST(AdminPasswordTest, HashIsBcryptTheLoaderAcceptsAndVerifies) {
  auto hash = HashAdminPassword("correct-Horse-battery-9");
  ASSERT_TRUE(hash.ok()) << hash.status().ToString();
  EXPECT_EQ(hash->rfind("$2b$12$", 0), 0u) << *hash;
  EXPECT_TRUE(model::IsBcryptHash(*hash));
  crypt_data data{};
  EXPECT_EQ(std::string(crypt_r("correct-Horse-battery-9", hash->c_str(), &data)), *hash);
  auto other = HashAdminPassword("correct-Horse-battery-9");
  ASSERT_TRUE(other.ok());
  EXPECT_NE(*other, *hash);  // a fresh salt each time
}

}  // namespace
}  // namespace tectonic::assets
