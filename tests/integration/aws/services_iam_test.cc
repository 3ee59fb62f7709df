// Iam and Sts against moto: roles, inline policies, instance profiles, simulation, identity.
#include <iostream>

#include "aws/iam.h"
#include "aws/sts.h"
#include "tests/integration/aws/services_fixture.h"

namespace tectonic::aws {
namespace {

const char* kTrust =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]})";
const char* kPolicy =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]})";

class IamMotoTest : public MotoServicesTest {};

TEST_F(IamMotoTest, RolePolicyProfileLifecycle) {
  Iam iam(client());
  auto role = iam.CreateRole({"c1-master", "/tectonic/", kTrust, "masters", {{"k", "v"}}});
  ASSERT_TRUE(role.ok()) << role.status().ToString();
  EXPECT_EQ(role->arn.substr(role->arn.size() - 19), "/tectonic/c1-master");
  auto got = iam.GetRole("c1-master");
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->assume_role_policy.find("ec2.amazonaws.com") != std::string::npos, true)
      << got->assume_role_policy;
  EXPECT_EQ(got->tags.at("k"), "v");
  ASSERT_TRUE(iam.TagRole("c1-master", {{"extra", "1"}}).ok());
  EXPECT_EQ(iam.GetRole("c1-master")->tags.at("extra"), "1");

  ASSERT_TRUE(iam.PutRolePolicy("c1-master", "inline", kPolicy).ok());
  auto doc = iam.GetRolePolicy("c1-master", "inline");
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_NE(doc->find("arn:aws:s3:::b/*"), std::string::npos) << *doc;
  auto names = iam.ListRolePolicies("c1-master");
  ASSERT_TRUE(names.ok());
  EXPECT_EQ(*names, std::vector<std::string>{"inline"});

  auto profile = iam.CreateInstanceProfile({"c1-master", "/tectonic/", {{"k", "v"}}});
  ASSERT_TRUE(profile.ok()) << profile.status().ToString();
  ASSERT_TRUE(iam.AddRoleToInstanceProfile("c1-master", "c1-master").ok());
  auto got_profile = iam.GetInstanceProfile("c1-master");
  ASSERT_TRUE(got_profile.ok());
  EXPECT_EQ(got_profile->role_names, std::vector<std::string>{"c1-master"});
  auto for_role = iam.ListInstanceProfilesForRole("c1-master");
  ASSERT_TRUE(for_role.ok());
  ASSERT_EQ(for_role->size(), 1u);
  EXPECT_EQ((*for_role)[0].arn, profile->arn);

  ASSERT_TRUE(iam.RemoveRoleFromInstanceProfile("c1-master", "c1-master").ok());
  ASSERT_TRUE(iam.DeleteInstanceProfile("c1-master").ok());
  auto profile_gone = iam.GetInstanceProfile("c1-master");
  ASSERT_FALSE(profile_gone.ok());
  EXPECT_EQ(profile_gone.status().aws_code(), "NoSuchEntity");
  ASSERT_TRUE(iam.DeleteRolePolicy("c1-master", "inline").ok());
  EXPECT_TRUE(iam.ListRolePolicies("c1-master")->empty());
  ASSERT_TRUE(iam.DeleteRole("c1-master").ok());
  auto role_gone = iam.GetRole("c1-master");
  ASSERT_FALSE(role_gone.ok());
  EXPECT_EQ(role_gone.status().aws_code(), "NoSuchEntity");
  EXPECT_EQ(role_gone.status().code(), StatusCode::kNotFound);
}

TEST_F(IamMotoTest, SimulatePrincipalPolicyAndIdentity) {
  Sts sts(client());
  auto me = sts.GetCallerIdentity();
  ASSERT_TRUE(me.ok()) << me.status().ToString();
  EXPECT_EQ(me->account.size(), 12u);
  Iam iam(client());
  auto results = iam.SimulatePrincipalPolicy(me->arn, {"ec2:CreateVpc", "iam:PassRole"});
  if (results.ok()) {
    EXPECT_EQ(results->size(), 2u);
  } else {
    // moto 5.2.1 has no SimulatePrincipalPolicy: the error names the operation.
    EXPECT_NE(results.status().ToString().find("SimulatePrincipalPolicy"), std::string::npos)
        << results.status().ToString();
    std::cout << "SimulatePrincipalPolicy on moto: " << results.status().ToString() << "\n";
  }
}

TEST_F(IamMotoTest, StsTemporaryCredentials) {
  Iam iam(client());
  ASSERT_TRUE(iam.CreateRole({"assumable", "/", kTrust, "", {}}).ok());
  Sts sts(client());
  auto creds = sts.AssumeRole({iam.GetRole("assumable")->arn, "tectonic-test", 900, ""});
  ASSERT_TRUE(creds.ok()) << creds.status().ToString();
  EXPECT_FALSE(creds->session_token.empty());
  EXPECT_NE(creds->assumed_role_arn.find("assumed-role/assumable/tectonic-test"),
            std::string::npos);
}

}  // namespace
}  // namespace tectonic::aws
