#include <gtest/gtest.h>

#include "util/did_you_mean.h"

namespace tectonic {
namespace {

TEST(DidYouMeanTest, SuggestsCloseCommands) {
  std::vector<std::string> names{"validate", "preflight", "plan", "policy", "status"};
  EXPECT_EQ(DidYouMean("valdate", names).front(), "validate");
  EXPECT_EQ(DidYouMean("preflght", names).front(), "preflight");
  EXPECT_EQ(DidYouMean("stat", names).front(), "status");
  EXPECT_TRUE(DidYouMean("kubernetes", names).empty());
}

}  // namespace
}  // namespace tectonic
