#include "preflight/policy.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "aws/operation.h"

namespace tectonic::preflight {
namespace {

const char* kGolden = TECTONIC_SOURCE_DIR "/src/preflight/testdata/policy.json";

TEST(PolicyTest, MatchesGoldenFile) {
  std::string text = PolicyText(MinimumPolicy());
  if (std::getenv("UPDATE_GOLDEN") != nullptr) {
    std::ofstream(kGolden) << text;
  }
  std::ifstream in(kGolden);
  ASSERT_TRUE(in) << kGolden << " missing: run with UPDATE_GOLDEN=1";
  std::stringstream golden;
  golden << in.rdbuf();
  EXPECT_EQ(golden.str(), text) << "policy changed: review, then UPDATE_GOLDEN=1";
}

TEST(PolicyTest, CoversEveryRegisteredOperation) {
  nlohmann::json policy = MinimumPolicy();
  std::set<std::string> allowed;
  for (const auto& st : policy["Statement"]) {
    ASSERT_EQ(st["Effect"], "Allow");
    for (const auto& a : st["Action"]) allowed.insert(a.get<std::string>());
  }
  ASSERT_FALSE(aws::AllOperations().empty());
  for (const aws::Operation* op : aws::AllOperations()) {
    if (op->service == &aws::services::kCloudFormation) {
      EXPECT_FALSE(allowed.count(std::string(op->iam_action))) << op->name << ": direct path";
      continue;
    }
    EXPECT_TRUE(allowed.count(std::string(op->iam_action))) << op->name;
    std::string extra(op->extra_actions);
    std::stringstream ss(extra);
    std::string action;
    while (std::getline(ss, action, ',')) {
      if (!action.empty()) {
        EXPECT_TRUE(allowed.count(action)) << op->name << " needs " << action;
      }
    }
  }
}

TEST(PolicyTest, OneStatementPerServiceSortedUnique) {
  nlohmann::json policy = MinimumPolicy();
  EXPECT_EQ(policy["Version"], "2012-10-17");
  std::set<std::string> prefixes;
  for (const auto& st : policy["Statement"]) {
    std::vector<std::string> actions = st["Action"];
    ASSERT_FALSE(actions.empty());
    std::string prefix = actions.front().substr(0, actions.front().find(':'));
    if (st["Sid"] == "TectonicIamListings") continue;  // the account-wide IAM listings
    EXPECT_TRUE(prefixes.insert(prefix).second) << "two statements for " << prefix;
    for (size_t i = 0; i < actions.size(); ++i) {
      EXPECT_EQ(actions[i].substr(0, actions[i].find(':')), prefix);
      if (i > 0) {
        EXPECT_LT(actions[i - 1], actions[i]);  // sorted and unique
      }
    }
  }
  EXPECT_TRUE(prefixes.count("ec2"));
  EXPECT_TRUE(prefixes.count("iam"));
}

TEST(PolicyTest, IncludesPreflightAndDestroyActions) {
  auto actions = RequiredActions();
  for (const char* a : {"iam:SimulatePrincipalPolicy", "sts:GetCallerIdentity", "ec2:DeleteVpc",
                        "servicequotas:GetServiceQuota", "kms:DescribeKey",
                        "route53:ListHostedZonesByName", "ec2:DescribeInstanceTypeOfferings"}) {
    EXPECT_NE(std::find(actions.begin(), actions.end(), a), actions.end()) << a;
  }
}

TEST(PolicyTest, IamStatementIsNarrowedOthersAreStar) {
  const nlohmann::json policy = MinimumPolicy();  // a named copy: the loop reads its member
  for (const auto& st : policy["Statement"]) {
    std::string first = st["Action"][0];
    if (st["Sid"] == "TectonicIamListings") {
      // Listings name no role or profile: AWS authorises them on "*".
      EXPECT_EQ(st["Action"], nlohmann::json({"iam:ListInstanceProfiles", "iam:ListRoles"}));
      EXPECT_EQ(st["Resource"], "*");
    } else if (first.rfind("iam:", 0) == 0) {
      EXPECT_TRUE(st["Resource"].is_array());
      for (const auto& r : st["Resource"]) {
        EXPECT_EQ(r.get<std::string>().rfind("arn:aws:iam::*:", 0), 0u);
      }
    } else {
      EXPECT_EQ(st["Resource"], "*") << first;
    }
  }
}

TEST(PrincipalArnTest, AcceptsRootUserRoleWithPaths) {
  auto root = ParsePrincipalArn("arn:aws:iam::123456789012:root");
  ASSERT_TRUE(root.ok()) << root.status().ToString();
  EXPECT_EQ(root->kind, PrincipalKind::kAccountRoot);
  auto user = ParsePrincipalArn("arn:aws:iam::123456789012:user/dev/alice");
  ASSERT_TRUE(user.ok());
  EXPECT_EQ(user->kind, PrincipalKind::kUser);
  EXPECT_EQ(user->name, "alice");
  EXPECT_EQ(user->path, "/dev/");
  auto role = ParsePrincipalArn("arn:aws-cn:iam::123456789012:role/installer");
  ASSERT_TRUE(role.ok());
  EXPECT_EQ(role->kind, PrincipalKind::kRole);
  EXPECT_EQ(role->partition, "aws-cn");
}

TEST(PrincipalArnTest, RejectsMalformed) {
  for (const char* bad :
       {"", "alice", "arn:aws:iam::12345:user/alice", "arn:aws:s3:::bucket",
        "arn:aws:iam:us-east-1:123456789012:user/alice", "arn:aws:iam::123456789012:group/admins",
        "arn:aws:iam::123456789012:user/", "arn:aws:iam::123456789012:user/a b",
        "arn:foo:iam::123456789012:root", "arn:aws:iam::12345678901a:root"}) {
    auto r = ParsePrincipalArn(bad);
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) {
      EXPECT_EQ(r.status().code(), StatusCode::kInvalidInput);
    }
  }
}

TEST(SimulationArnTest, AssumedRoleBecomesItsRole) {
  auto arn = SimulationArn("arn:aws:sts::123456789012:assumed-role/tectonic-installer/me");
  ASSERT_TRUE(arn.ok());
  EXPECT_EQ(*arn, "arn:aws:iam::123456789012:role/tectonic-installer");
  EXPECT_EQ(*SimulationArn("arn:aws:iam::123456789012:user/alice"),
            "arn:aws:iam::123456789012:user/alice");
  EXPECT_FALSE(SimulationArn("arn:aws:iam::123456789012:root").ok());
  EXPECT_FALSE(SimulationArn("arn:aws:sts::123456789012:assumed-role/r").ok());
}

TEST(TrustPolicyTest, AllowsPrincipalToAssumeRole) {
  auto doc = TrustPolicy("arn:aws:iam::123456789012:user/alice", "");
  ASSERT_TRUE(doc.ok());
  const auto& st = (*doc)["Statement"][0];
  EXPECT_EQ(st["Effect"], "Allow");
  EXPECT_EQ(st["Action"], "sts:AssumeRole");
  EXPECT_EQ(st["Principal"]["AWS"], "arn:aws:iam::123456789012:user/alice");
  EXPECT_FALSE(st.contains("Condition"));
}

TEST(TrustPolicyTest, ExternalIdAddsCondition) {
  auto doc = TrustPolicy("arn:aws:iam::123456789012:root", "xyz-123");
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ((*doc)["Statement"][0]["Condition"]["StringEquals"]["sts:ExternalId"], "xyz-123");
}

TEST(TrustPolicyTest, RejectsSessionsAndGarbage) {
  EXPECT_FALSE(TrustPolicy("arn:aws:sts::123456789012:assumed-role/r/s", "").ok());
  EXPECT_FALSE(TrustPolicy("not-an-arn", "").ok());
}

}  // namespace
}  // namespace tectonic::preflight
