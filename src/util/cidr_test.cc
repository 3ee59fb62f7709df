#include "util/cidr.h"

#include <gtest/gtest.h>

namespace tectonic {
namespace {

Cidr P(const char* text) {
  auto block = Cidr::Parse(text);
  EXPECT_TRUE(block.ok()) << text << ": " << block.status().message();
  return block.value_or(Cidr());
}

TEST(CidrTest, ParsesAndPrints) {
  Cidr block = P("10.0.0.0/16");
  EXPECT_EQ(block.network(), 0x0a000000u);
  EXPECT_EQ(block.prefix(), 16);
  EXPECT_EQ(block.ToString(), "10.0.0.0/16");
  EXPECT_EQ(block.Size(), 65536u);
  EXPECT_EQ(FormatIpv4(block.Last()), "10.0.255.255");
  EXPECT_EQ(P("0.0.0.0/0").Size(), uint64_t{1} << 32);
  EXPECT_EQ(P("192.168.1.7/32").ToString(), "192.168.1.7/32");
}

TEST(CidrTest, RejectsMalformed) {
  for (const char* bad : {"", "10.0.0.0", "10.0.0/16", "10.0.0.0.0/16", "256.0.0.0/8",
                          "10.0.0.0/33", "10.0.0.0/", "010.0.0.0/8", "10.0.0.0/016", "a.b.c.d/8",
                          "10.0.0.0/-1", " 10.0.0.0/16", "10.0.0.0/16 "}) {
    EXPECT_FALSE(Cidr::Parse(bad).ok()) << bad;
  }
}

TEST(CidrTest, RejectsHostBitsWithHint) {
  auto block = Cidr::Parse("10.0.0.1/16");
  ASSERT_FALSE(block.ok());
  EXPECT_NE(block.status().message().find("10.0.0.0/16"), std::string::npos);
}

TEST(CidrTest, ContainmentAndOverlap) {
  Cidr vpc = P("10.0.0.0/16");
  EXPECT_TRUE(vpc.Contains(P("10.0.16.0/20")));
  EXPECT_TRUE(vpc.Contains(vpc));
  EXPECT_FALSE(vpc.Contains(P("10.1.0.0/20")));
  EXPECT_FALSE(P("10.0.16.0/20").Contains(vpc));
  EXPECT_TRUE(vpc.Overlaps(P("10.0.0.0/8")));
  EXPECT_TRUE(P("10.0.0.0/8").Overlaps(vpc));
  EXPECT_FALSE(vpc.Overlaps(P("10.1.0.0/16")));
  EXPECT_FALSE(P("10.0.0.0/20").Overlaps(P("10.0.16.0/20")));
  EXPECT_TRUE(vpc.Contains(0x0a00ffffu));
  EXPECT_FALSE(vpc.Contains(0x0a010000u));
}

TEST(CidrTest, SubnetMatchesTerraform) {
  Cidr vpc = P("10.0.0.0/16");
  // cidrsubnet("10.0.0.0/16", 4, i) for the design's master and worker subnets.
  EXPECT_EQ(vpc.Subnet(4, 0)->ToString(), "10.0.0.0/20");
  EXPECT_EQ(vpc.Subnet(4, 1)->ToString(), "10.0.16.0/20");
  EXPECT_EQ(vpc.Subnet(4, 3)->ToString(), "10.0.48.0/20");
  EXPECT_EQ(vpc.Subnet(4, 15)->ToString(), "10.0.240.0/20");
  EXPECT_EQ(P("172.16.0.0/12").Subnet(4, 2)->ToString(), "172.18.0.0/16");
  EXPECT_EQ(P("10.1.2.0/24").Subnet(8, 255)->ToString(), "10.1.2.255/32");
  EXPECT_EQ(vpc.Subnet(0, 0)->ToString(), "10.0.0.0/16");
  EXPECT_FALSE(vpc.Subnet(4, 16).ok());
  EXPECT_FALSE(vpc.Subnet(17, 0).ok());
  EXPECT_FALSE(vpc.Subnet(0, 1).ok());
  EXPECT_FALSE(vpc.Subnet(-1, 0).ok());
}

TEST(CidrTest, HostMatchesTerraform) {
  Cidr block = P("10.12.112.0/20");
  EXPECT_EQ(FormatIpv4(*block.Host(16)), "10.12.112.16");
  EXPECT_EQ(FormatIpv4(*block.Host(268)), "10.12.113.12");
  EXPECT_EQ(FormatIpv4(*block.Host(-1)), "10.12.127.255");
  EXPECT_EQ(FormatIpv4(*P("10.3.0.0/16").Host(10)), "10.3.0.10");
  EXPECT_FALSE(block.Host(4096).ok());
  EXPECT_FALSE(block.Host(-4097).ok());
}

TEST(CidrTest, ParseIpv4) {
  EXPECT_EQ(*ParseIpv4("255.255.255.255"), 0xffffffffu);
  EXPECT_FALSE(ParseIpv4("1.2.3").ok());
  EXPECT_FALSE(ParseIpv4("1.2.3.4.5").ok());
}

}  // namespace
}  // namespace tectonic
