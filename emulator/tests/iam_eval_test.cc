#include "iam_eval.h"

#include <gtest/gtest.h>

namespace awsim {
namespace {

TEST(IamEval, Wildcards) {
  EXPECT_TRUE(WildcardMatch("ec2:Describe*", "ec2:describevpcs", true));
  EXPECT_FALSE(WildcardMatch("ec2:Describe*", "ec2:describevpcs", false));
  EXPECT_TRUE(WildcardMatch("s3:Get?bject", "s3:GetObject", false));
  EXPECT_FALSE(WildcardMatch("ec2:Create", "ec2:CreateVpc", true));
}

TEST(IamEval, AllowDenyNotAction) {
  std::string allow =
      R"({"Statement":[{"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}]})";
  std::string deny =
      R"({"Statement":{"Effect":"Deny","Action":["ec2:DescribeVpcs"],"Resource":"*"}})";
  std::string not_action =
      R"({"Statement":[{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}]})";
  EXPECT_EQ(Evaluate({allow}, "ec2:DescribeSubnets", "*"), Decision::kAllowed);
  EXPECT_EQ(Evaluate({allow}, "ec2:CreateVpc", "*"), Decision::kImplicitDeny);
  EXPECT_EQ(Evaluate({allow, deny}, "ec2:DescribeVpcs", "*"), Decision::kExplicitDeny);
  EXPECT_EQ(Evaluate({not_action}, "ec2:CreateVpc", "*"), Decision::kAllowed);
  EXPECT_EQ(Evaluate({not_action}, "iam:CreateRole", "*"), Decision::kImplicitDeny);
}

TEST(IamEval, ResourceArns) {
  std::string doc =
      R"({"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::logs-*"}]})";
  EXPECT_EQ(Evaluate({doc}, "s3:PutObject", "arn:aws:s3:::logs-1"), Decision::kAllowed);
  EXPECT_EQ(Evaluate({doc}, "s3:PutObject", "arn:aws:s3:::other"), Decision::kImplicitDeny);
  EXPECT_EQ(Evaluate({"not json"}, "s3:PutObject", "*"), Decision::kImplicitDeny);
}

}  // namespace
}  // namespace awsim
