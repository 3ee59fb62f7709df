// The --via cloudformation policy: with a service role the caller gets reads, the pre-stack
// services, the stack calls and PassRole on that role only; without one, the direct policy
// plus the stack calls.
#include "preflight/stack_policy.h"

#include <gtest/gtest.h>

#include <set>

#include "preflight/policy.h"

namespace tectonic::preflight {
namespace {

std::set<std::string> Actions(const nlohmann::json& policy) {
  std::set<std::string> out;
  for (const auto& st : policy["Statement"]) {
    for (const auto& a : st["Action"]) out.insert(a.get<std::string>());
  }
  return out;
}

TEST(StackPolicyTest, WithARoleTheCallerCannotCreateWhatTheStackCreates) {
  const std::string role = "arn:aws:iam::123456789012:role/tectonic-cfn";
  const auto policy = StackPolicy(role);
  const auto actions = Actions(policy);
  EXPECT_TRUE(actions.count("cloudformation:CreateStack"));
  EXPECT_TRUE(actions.count("cloudformation:DescribeStackEvents"));
  EXPECT_TRUE(actions.count("kms:CreateKey"));
  EXPECT_TRUE(actions.count("s3:PutObject"));
  EXPECT_TRUE(actions.count("ec2:DescribeVpcs"));
  EXPECT_TRUE(actions.count("ec2:CreateTags"));
  EXPECT_FALSE(actions.count("ec2:CreateVpc"));
  EXPECT_FALSE(actions.count("ec2:RunInstances"));
  EXPECT_FALSE(actions.count("iam:CreateRole"));
  EXPECT_FALSE(actions.count("elasticloadbalancing:CreateLoadBalancer"));
  bool pass_role = false;
  for (const auto& st : policy["Statement"]) {
    if (st["Sid"] == "TectonicPassStackRole") {
      pass_role = true;
      EXPECT_EQ(st["Resource"], role);
      EXPECT_EQ(st["Action"], nlohmann::json::array({"iam:PassRole"}));
    }
    if (st["Sid"] == "TectonicStack") {
      EXPECT_EQ(st["Resource"], "arn:aws:cloudformation:*:*:stack/tectonic-*/*");
    }
  }
  EXPECT_TRUE(pass_role);
}

TEST(StackPolicyTest, WithoutARoleItIsTheDirectPolicyPlusTheStackCalls) {
  auto direct = Actions(MinimumPolicy());
  auto stack = Actions(StackPolicy(""));
  for (const auto& a : direct) EXPECT_TRUE(stack.count(a)) << a;
  EXPECT_FALSE(direct.count("cloudformation:CreateStack"));
  EXPECT_TRUE(stack.count("cloudformation:CreateStack"));
  EXPECT_TRUE(stack.count("cloudformation:DeleteStack"));
}

}  // namespace
}  // namespace tectonic::preflight
