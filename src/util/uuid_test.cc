#include "util/uuid.h"

#include <gtest/gtest.h>

#include <set>

namespace tectonic {
namespace {

TEST(UuidTest, IsVersion4Canonical) {
  for (int i = 0; i < 200; ++i) {
    auto id = NewUuidV4();
    ASSERT_TRUE(id.ok());
    ASSERT_TRUE(IsUuid(*id)) << *id;
    EXPECT_EQ((*id)[14], '4') << *id;
    EXPECT_NE(std::string("89ab").find((*id)[19]), std::string::npos) << *id;
    for (char c : *id) EXPECT_TRUE(c == '-' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
  }
}

TEST(UuidTest, IsUnique) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(NewUuidV4().value());
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(UuidTest, IsUuidRejectsNonCanonical) {
  EXPECT_TRUE(IsUuid("123e4567-e89b-12d3-a456-426614174000"));
  EXPECT_FALSE(IsUuid("123e4567e89b12d3a456426614174000"));
  EXPECT_FALSE(IsUuid("123e4567-e89b-12d3-a456-42661417400g"));
  EXPECT_FALSE(IsUuid("{123e4567-e89b-12d3-a456-426614174000}"));
  EXPECT_FALSE(IsUuid(""));
}

}  // namespace
}  // namespace tectonic
