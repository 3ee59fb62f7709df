// iam.role, iam.role_policy, iam.instance_profile as CloudFormation.
#include <gtest/gtest.h>

#include "cloudformation/test_util.h"

namespace tectonic::cloudformation {
namespace {

using namespace testing;  // NOLINT: test helpers

TEST(IamTest, RoleKeepsNamePathTrustAndTags) {
  const engine::Graph graph = DefaultGraph();
  const Template tmpl = Build(graph);
  const Json& role = Props(tmpl, "iam/master/role");
  EXPECT_EQ(role["RoleName"], "demo-master-role");
  EXPECT_EQ(role["Path"], "/");
  EXPECT_EQ(role["AssumeRolePolicyDocument"].dump(),
            Json::parse(graph.Find("iam/master/role")->props["assume_role_policy"].dump()).dump());
}

TEST(IamTest, PolicyReadsTheKeyArnFromTheStack) {
  const Template tmpl = Build(DefaultGraph());
  const Json& policy = Props(tmpl, "iam/etcd/policy");
  EXPECT_EQ(policy["PolicyName"], "demo-etcd-policy");
  EXPECT_EQ(policy["RoleName"], Ref("iam/etcd/role"));
  const std::string document = policy["PolicyDocument"].dump();
  EXPECT_NE(document.find(Att("kms/key", "Arn").dump()), std::string::npos);
  EXPECT_NE(document.find("arn:aws:s3:::demo-tectonic-0b8a3c1e5f2d/ignition/etcd-0.ign"),
            std::string::npos);
  EXPECT_EQ(document.find("$ref"), std::string::npos);
}

TEST(IamTest, ProfileCarriesItsRoleAndWaitsForThePolicy) {
  const Template tmpl = Build(DefaultGraph());
  const Json& profile = Resource(tmpl, "iam/worker/profile");
  EXPECT_EQ(profile["Properties"]["InstanceProfileName"], "demo-worker-profile");
  EXPECT_EQ(profile["Properties"]["Roles"], Json::array({Ref("iam/worker/role")}));
  EXPECT_FALSE(profile["Properties"].contains("Tags"));  // not in the resource's schema
  EXPECT_EQ(profile["DependsOn"], Json::array({LogicalIdFor("iam/worker/policy")}));
}

}  // namespace
}  // namespace tectonic::cloudformation
