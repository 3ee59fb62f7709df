#include "gui/token.h"

#include <gtest/gtest.h>

#include <set>

namespace tectonic::gui {
namespace {

TEST(TokenTest, SixtyFourHexCharactersNewEachTime) {
  std::set<std::string> seen;
  for (int i = 0; i < 20; ++i) {
    auto token = NewToken();
    ASSERT_TRUE(token.ok());
    EXPECT_EQ(token->size(), 64u);
    EXPECT_EQ(token->find_first_not_of("0123456789abcdef"), std::string::npos) << *token;
    seen.insert(*token);
  }
  EXPECT_EQ(seen.size(), 20u);
}

TEST(TokenTest, EqualOnlyWhenIdentical) {
  const std::string t(64, 'a');
  EXPECT_TRUE(TokenEquals(t, t));
  EXPECT_FALSE(TokenEquals(std::string(63, 'a') + "b", t));
  EXPECT_FALSE(TokenEquals("b" + std::string(63, 'a'), t));
  EXPECT_FALSE(TokenEquals(std::string(63, 'a'), t));  // a prefix
  EXPECT_FALSE(TokenEquals("", t));
  EXPECT_FALSE(TokenEquals("", ""));  // no token configured never matches
}

}  // namespace
}  // namespace tectonic::gui
