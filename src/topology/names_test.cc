#include "topology/names.h"

#include <gtest/gtest.h>

namespace tectonic::topology {
namespace {

const char kId[] = "0b8a3c1e-5f2d-4c6b-9a7e-1d2c3b4a5f60";

TEST(NamesTest, KeepsNamesThatFit) {
  EXPECT_EQ(FitName("demo", kId, "api-ext", 32), "demo-api-ext");
  EXPECT_EQ(FitName("abcdefghijklmnopqrstuvwx", kId, "api-ext", 32),
            "abcdefghijklmnopqrstuvwx-api-ext");  // exactly 32
}

TEST(NamesTest, ShortensWithAClusterTag) {
  const std::string name = FitName("abcdefghijklmnopqrstuvwxyz12", kId, "con-https", 32);
  EXPECT_EQ(name, "abcdefghijklmnop-0b8a3-con-https");
  EXPECT_EQ(name.size(), 32u);
  // A cut that would end on '-' is trimmed.
  EXPECT_EQ(FitName("abcdefghijklmno-qrstuvwxyz12", kId, "con-https", 32),
            "abcdefghijklmno-0b8a3-con-https");
  // Two long clusters sharing a prefix differ by id.
  EXPECT_NE(FitName("abcdefghijklmnopqrstuvwxyz12", kId, "api-ext", 32),
            FitName("abcdefghijklmnopqrstuvwxyz12", "ffffffff-0000-4000-8000-000000000000",
                    "api-ext", 32));
}

TEST(NamesTest, BucketNameIsDnsSafeAndBounded) {
  EXPECT_EQ(BucketName("demo", kId), "demo-tectonic-0b8a3c1e5f2d");
  EXPECT_LE(BucketName("abcdefghijklmnopqrstuvwxyz12", kId).size(), kBucketNameLimit);
  EXPECT_EQ(ClusterIdHex("AB-cd"), "abcd");
}

}  // namespace
}  // namespace tectonic::topology
