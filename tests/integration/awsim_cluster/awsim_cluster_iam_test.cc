// The installer against awsim --enforce-iam: a user holding exactly `tectonic policy` creates,
// re-runs and destroys; a user lacking one action of it is stopped by preflight
// (SimulatePrincipalPolicy), which names the action, before any mutating call.
#include <nlohmann/json.hpp>

#include "tests/integration/awsim_cluster/awsim_cluster_fixture.h"

namespace tectonic::testing {
namespace {

using nlohmann::json;

constexpr const char* kMissing = "ec2:CreateNatGateway";

// The policy document without `action` (which must be in it).
json Without(json policy, const std::string& action) {
  int removed = 0;
  for (auto& statement : policy["Statement"]) {
    json kept = json::array();
    for (const auto& a : statement["Action"]) {
      if (a == action) {
        ++removed;
      } else {
        kept.push_back(a);
      }
    }
    statement["Action"] = kept;
  }
  EXPECT_EQ(removed, 1) << action << " is not in `tectonic policy`";
  return policy;
}

json User(const std::string& name, const std::string& key, const std::string& secret,
          const json& policy) {
  return {{"name", name},
          {"access_key", key},
          {"secret_key", secret},
          {"policies", {{{"name", "tectonic"}, {"document", policy}}}}};
}

std::map<std::string, std::string> Keys(const std::string& key, const std::string& secret) {
  return {{"AWS_ACCESS_KEY_ID", key}, {"AWS_SECRET_ACCESS_KEY", secret}};
}

TEST_F(AwsimClusterTest, EnforcedIamExactPolicy) {
  ASSERT_NO_FATAL_FAILURE(Start({"--enforce-iam"}));
  auto printed = Tectonic({"policy"});
  ASSERT_EQ(printed.exit_code, 0) << printed.err;
  json policy = json::parse(printed.out, nullptr, false);
  ASSERT_TRUE(policy.is_object()) << printed.out;

  const std::string installer_key = "AKIAINSTALLERUSER001", installer_secret = "installer/Secret+1";
  const std::string limited_key = "AKIALIMITEDUSER00001", limited_secret = "limited/Secret+2";
  auto seeded =
      awsim_->Admin("POST", "seed",
                    {{"users",
                      {User("installer", installer_key, installer_secret, policy),
                       User("limited", limited_key, limited_secret, Without(policy, kMissing))}}});
  ASSERT_EQ(seeded["users"].size(), 2u) << seeded.dump();

  // One action short: preflight fails (exit 3), names the action, and nothing is created.
  auto refused = Tectonic({"create", "cluster", "--dir", cluster_dir_, "--output", "json"},
                          Keys(limited_key, limited_secret));
  EXPECT_EQ(refused.exit_code, 3) << refused.out << refused.err;
  EXPECT_NE((refused.out + refused.err).find(kMissing), std::string::npos)
      << refused.out << refused.err;
  EXPECT_EQ((refused.out + refused.err).find(limited_secret), std::string::npos);
  auto before = Judge();
  const json& limited = before["callers"]["arn:aws:iam::123456789012:user/limited"];
  EXPECT_GT(limited.value("all", 0), 0) << before["callers"].dump();
  EXPECT_EQ(limited.value("mutating", -1), 0) << before["callers"].dump();
  EXPECT_EQ(before.value("leftovers", json()), json::array()) << before.dump(1);

  // Exactly the policy: the whole lifecycle, and awsim never had to refuse a call.
  auto report = CreateRerunDestroy(Keys(installer_key, installer_secret));
  const json& installer = report["callers"]["arn:aws:iam::123456789012:user/installer"];
  EXPECT_GT(installer.value("mutating", 0), 80) << report["callers"].dump();
  for (const char* denied : {"AccessDenied", "UnauthorizedOperation", "AccessDeniedException"})
    EXPECT_EQ(report["codes"].value(denied, 0), 0) << denied << " " << report["codes"].dump();
}

}  // namespace
}  // namespace tectonic::testing
