// Tagging (GetResources) and ServiceQuotas against moto.
#include <iostream>

#include "aws/ec2.h"
#include "aws/servicequotas.h"
#include "aws/tagging.h"
#include "tests/integration/aws/services_fixture.h"

namespace tectonic::aws {
namespace {

class TaggingMotoTest : public MotoServicesTest {};

TEST_F(TaggingMotoTest, GetResourcesFindsEverythingTaggedWithTheCluster) {
  Ec2 ec2(client());
  const Tags owned = {{"kubernetes.io/cluster/c1", "owned"}};
  auto vpc = ec2.CreateVpc({"10.0.0.0/16", owned});
  ASSERT_TRUE(vpc.ok());
  auto subnet = ec2.CreateSubnet({vpc->id, "10.0.0.0/20", "", owned});
  ASSERT_TRUE(subnet.ok());
  ASSERT_TRUE(ec2.CreateVpc({"10.1.0.0/16", {{"kubernetes.io/cluster/other", "owned"}}}).ok());
  Tagging tagging(client());
  auto found = tagging.GetResources({{"kubernetes.io/cluster/c1", {"owned"}}});
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_EQ(found->size(), 2u);
  bool saw_vpc = false, saw_subnet = false;
  for (const TaggedResource& r : *found) {
    saw_vpc |= r.arn.ends_with("vpc/" + vpc->id);
    saw_subnet |= r.arn.ends_with("subnet/" + subnet->id);
    EXPECT_EQ(r.tags.at("kubernetes.io/cluster/c1"), "owned");
  }
  EXPECT_TRUE(saw_vpc);
  EXPECT_TRUE(saw_subnet);
  auto only_vpcs = tagging.GetResources({{"kubernetes.io/cluster/c1", {}}}, {"ec2:vpc"});
  ASSERT_TRUE(only_vpcs.ok()) << only_vpcs.status().ToString();
  EXPECT_EQ(only_vpcs->size(), 1u);
}

TEST_F(TaggingMotoTest, GetResourcesPagesPastOneHundred) {
  Ec2 ec2(client());
  for (int i = 0; i < 105; ++i) {
    ASSERT_TRUE(ec2.CreateInternetGateway({{"sweep", "me"}}).ok());
  }
  auto found = Tagging(client()).GetResources({{"sweep", {"me"}}});
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_EQ(found->size(), 105u);
}

TEST_F(TaggingMotoTest, ServiceQuotaValueOrClearError) {
  auto quota = ServiceQuotas(client()).GetServiceQuota("vpc", "L-F678F1CE");
  if (quota.ok()) {
    EXPECT_GT(quota->value, 0);
    std::cout << "GetServiceQuota on moto: " << quota->quota_name << " = " << quota->value << "\n";
  } else {
    // Not implemented by this moto: the error must say which call failed.
    EXPECT_NE(quota.status().ToString().find("GetServiceQuota"), std::string::npos)
        << quota.status().ToString();
    std::cout << "GetServiceQuota on moto: " << quota.status().ToString() << "\n";
  }
}

}  // namespace
}  // namespace tectonic::aws
