// One case per validation rule: a small edit of the valid base file, and the error it must
// produce (field, line:column, text). Plus the syntax predicates on their own.
#include <gtest/gtest.h>

#include "model/config_test_util.h"
#include "model/config_validate.h"

namespace tectonic::model {
namespace {

using testutil::ClusterDirFixture;
using testutil::Dump;
using testutil::Edit;
using testutil::HasError;
using testutil::kBaseYaml;

struct RuleCase {
  const char* from;
  const char* to;
  const char* field;
  int line;
  int column;
  const char* text;
};

class RuleTest : public ::testing::TestWithParam<RuleCase> {};

TEST_P(RuleTest, ReportsFieldPositionAndText) {
  const RuleCase& c = GetParam();
  ClusterDirFixture dir;
  std::vector<ConfigError> errors;
  auto config = dir.Load(Edit(kBaseYaml, c.from, c.to), &errors);
  EXPECT_FALSE(config.ok());
  EXPECT_TRUE(HasError(errors, c.field, c.line, c.column, c.text));
}

constexpr const char* kMasters = "  masters: {count: 3, instanceType: m5.large, rootVolumeGiB: 30}";
constexpr const char* kVpc = "    cidr: 10.0.0.0/16";

INSTANTIATE_TEST_SUITE_P(
    Rules, RuleTest,
    ::testing::Values(
        // name
        RuleCase{"name: demo", "name: Demo", "name", 1, 7, "must be lower case"},
        RuleCase{"name: demo", "name: 1demo", "name", 1, 7, "not a valid cluster name"},
        RuleCase{"name: demo", "name: demo-", "name", 1, 7, "not end with '-'"},
        RuleCase{"name: demo", "name: de_mo", "name", 1, 7, "not a valid cluster name"},
        RuleCase{"name: demo", "name: abcdefghijabcdefghijabcdefghij", "name", 1, 7,
                 "30 characters; at most 28"},
        RuleCase{"name: demo", "name: abcdefghijabcdefghijabcdef", "name", 1, 7,
                 "load balancer name 'abcdefghijabcdefghijabcdef-api-ext' 34 characters"},
        RuleCase{"name: demo", "name: ''", "name", 1, 7, "name is empty"},
        RuleCase{"name: demo\n", "", "name", 1, 1, "name is required"},
        // baseDomain
        RuleCase{"baseDomain: example.com", "baseDomain: example", "baseDomain", 2, 13,
                 "'example' is not a domain name"},
        RuleCase{"baseDomain: example.com", "baseDomain: exa_mple.com", "baseDomain", 2, 13,
                 "not a domain name"},
        RuleCase{"baseDomain: example.com", "baseDomain: -x.example.com", "baseDomain", 2, 13,
                 "not a domain name"},
        RuleCase{"baseDomain: example.com", "baseDomain: example..com", "baseDomain", 2, 13,
                 "not a domain name"},
        // region and zones
        RuleCase{"region: us-east-1", "region: us-east", "aws.region", 4, 11,
                 "'us-east' is not an AWS region name"},
        RuleCase{"region: us-east-1", "region: US-EAST-1", "aws.region", 4, 11,
                 "not an AWS region name"},
        RuleCase{"us-east-1b, us-east-1c]", "us-east-2b, us-east-1c]", "aws.zones[1]", 5, 23,
                 "zone 'us-east-2b' is not in region us-east-1"},
        RuleCase{"us-east-1b, us-east-1c]", "us-east-1b, us-east-1b]", "aws.zones[2]", 5, 35,
                 "listed twice"},
        RuleCase{"us-east-1b, us-east-1c]", "us-east-1b, useast1c]", "aws.zones[2]", 5, 35,
                 "not an availability zone name"},
        RuleCase{"  zones: [us-east-1a, us-east-1b, us-east-1c]",
                 "  zones: [us-east-1a, us-east-1b, us-east-1c, us-east-1d, us-east-1e, "
                 "us-east-1f, us-east-1g, us-east-1h, us-east-1i]",
                 "aws.zones", 5, 10, "9 zones need 18 derived subnets"},
        // ids
        RuleCase{"  sshKeyName: demo-key", "  sshKeyName: ''", "aws.sshKeyName", 6, 15, "is empty"},
        RuleCase{"  sshKeyName: demo-key\n", "  sshKeyName: demo-key\n  amiId: ami-12345\n",
                 "aws.amiId", 7, 10, "'ami-12345' is not an AMI id"},
        RuleCase{"  sshKeyName: demo-key\n",
                 "  sshKeyName: demo-key\n  kmsKeyArn: arn:aws:kms:us-east-1:1234:key/abc\n",
                 "aws.kmsKeyArn", 7, 14, "is not a KMS key ARN"},
        RuleCase{"  sshKeyName: demo-key\n",
                 "  sshKeyName: demo-key\n  kmsKeyArn: "
                 "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab\n",
                 "aws.kmsKeyArn", 7, 14, "is in region eu-west-1, the cluster in us-east-1"},
        RuleCase{"  sshKeyName: demo-key\n",
                 "  sshKeyName: demo-key\n  hostedZoneId: example.com\n", "aws.hostedZoneId", 7, 17,
                 "'example.com' is not a Route53 hosted zone id"},
        RuleCase{kVpc, "    id: vpc-xyz\n    cidr: 10.0.0.0/16", "aws.vpc.id", 8, 9,
                 "'vpc-xyz' is not a VPC id"},
        // tags
        RuleCase{"{team: infra}", "{team: infra, 'aws:owner': me}", "aws.tags.aws:owner", 9, 23,
                 "starts with 'aws:'"},
        RuleCase{"{team: infra}", "{Name: x}", "aws.tags.Name", 9, 10,
                 "'Name' is set by the installer"},
        RuleCase{"{team: infra}", "{kubernetes.io/cluster/x: owned}",
                 "aws.tags.kubernetes.io/cluster/x", 9, 10, "is reserved"},
        RuleCase{"{team: infra}", "{team: 'a|b'}", "aws.tags.team", 9, 10,
                 "value of tag 'team' has characters"},
        // nodes
        RuleCase{kMasters, "  masters: {count: 0, instanceType: m5.large, rootVolumeGiB: 30}",
                 "nodes.masters.count", 14, 20, "0 masters; at least 1"},
        RuleCase{"  workers: {count: 3,", "  workers: {count: -1,", "nodes.workers.count", 15, 20,
                 "cannot be negative"},
        RuleCase{"  etcd: {count: 3,", "  etcd: {count: 4,", "nodes.etcd.count", 16, 17,
                 "4 etcd members; etcd needs an odd number from 1 to 9"},
        RuleCase{"  etcd: {count: 3,", "  etcd: {count: 11,", "nodes.etcd.count", 16, 17,
                 "odd number from 1 to 9"},
        RuleCase{kMasters, "  masters: {count: 3, instanceType: m5large, rootVolumeGiB: 30}",
                 "nodes.masters.instanceType", 14, 37, "'m5large' is not an EC2 instance type"},
        RuleCase{kMasters, "  masters: {count: 3, instanceType: m5.large, rootVolumeGiB: 4}",
                 "nodes.masters.rootVolumeGiB", 14, 62, "4 GiB is outside 8..16384"},
        RuleCase{kMasters, "  masters: {count: 3, instanceType: m5.large, rootVolumeGiB: 20000}",
                 "nodes.masters.rootVolumeGiB", 14, 62, "20000 GiB"},
        // enums
        RuleCase{kVpc, "    cidr: 10.0.0.0/16\n    natGateways: perzone", "aws.vpc.natGateways", 9,
                 18, "'perzone' is not one of perZone, single"},
        RuleCase{"  serviceCidr: 10.3.0.0/16", "  serviceCidr: 10.3.0.0/16\n  apiAccess: private",
                 "networking.apiAccess", 13, 14, "'private' is not one of public, internal"},
        // network
        RuleCase{kVpc, "    cidr: 10.0.0.0/33", "aws.vpc.cidr", 8, 11, "not a CIDR block"},
        RuleCase{kVpc, "    cidr: 10.0.0.1/16", "aws.vpc.cidr", 8, 11, "has host bits set"},
        RuleCase{kVpc, "    cidr: 10.0.0.0/8", "aws.vpc.cidr", 8, 11,
                 "AWS blocks must be /16 to /28"},
        RuleCase{kVpc, "    cidr: 10.0.0.0/26", "aws.vpc.cidr", 8, 11,
                 "too small to derive /30 subnets"},
        RuleCase{"  podCidr: 10.2.0.0/16", "  podCidr: 10.0.128.0/17", "networking.podCidr", 11, 12,
                 "overlaps aws.vpc.cidr (10.0.0.0/16)"},
        RuleCase{"  serviceCidr: 10.3.0.0/16", "  serviceCidr: 10.2.0.0/16",
                 "networking.serviceCidr", 12, 16, "is the same block as networking.podCidr"},
        RuleCase{"  podCidr: 10.2.0.0/16", "  podCidr: 10.2.0.0/25", "networking.podCidr", 11, 12,
                 "smaller than one node's /24"},
        RuleCase{"  podCidr: 10.2.0.0/16", "  podCidr: 10.2.0.0/23", "networking.podCidr", 11, 12,
                 "holds 2 node /24s, fewer than the 6"},
        RuleCase{"  serviceCidr: 10.3.0.0/16", "  serviceCidr: 10.32.0.0/11",
                 "networking.serviceCidr", 12, 16, "Kubernetes needs /12 to /28"},
        RuleCase{kVpc,
                 "    cidr: 10.0.0.0/16\n    masterSubnets: [10.0.0.0/20, 10.0.16.0/20]\n"
                 "    workerSubnets: [10.0.64.0/20, 10.0.80.0/20, 10.0.96.0/20]",
                 "aws.vpc.masterSubnets", 9, 20, "2 subnets for 3 zones"},
        RuleCase{kVpc,
                 "    cidr: 10.0.0.0/16\n    masterSubnets: [10.0.0.0/20, 10.0.16.0/20, "
                 "10.1.0.0/20]\n    workerSubnets: [10.0.64.0/20, 10.0.80.0/20, 10.0.96.0/20]",
                 "aws.vpc.masterSubnets[2]", 9, 48, "10.1.0.0/20 is not inside the VPC block"},
        RuleCase{kVpc,
                 "    cidr: 10.0.0.0/16\n    masterSubnets: [10.0.0.0/20, 10.0.16.0/20, "
                 "10.0.32.0/20]\n    workerSubnets: [10.0.64.0/20, 10.0.80.0/20, 10.0.0.0/24]",
                 "aws.vpc.workerSubnets[2]", 10, 49,
                 "10.0.0.0/24 overlaps aws.vpc.masterSubnets[0] (10.0.0.0/20)"},
        RuleCase{kVpc,
                 "    cidr: 10.0.0.0/16\n    masterSubnets: [subnet-00000001, subnet-00000002, "
                 "subnet-00000003]\n    workerSubnets: [10.0.64.0/20, 10.0.80.0/20, 10.0.96.0/20]",
                 "aws.vpc.masterSubnets[0]", 9, 21, "needs an existing VPC"},
        RuleCase{kVpc,
                 "    cidr: 10.0.0.0/16\n    masterSubnets: [10.0.0.0/20, 10.0.16.0/20, "
                 "10.0.32.0/20]",
                 "aws.vpc.workerSubnets", 7, 3, "aws.vpc.workerSubnets is empty but"},
        RuleCase{kVpc,
                 "    cidr: 10.0.0.0/16\n    masterSubnets: [10.0.0.0/20, 10.0.16.0/20, "
                 "10.0.32.0/29]\n    workerSubnets: [10.0.64.0/20, 10.0.80.0/20, 10.0.96.0/20]",
                 "aws.vpc.masterSubnets[2]", 9, 48, "AWS blocks must be /16 to /28"},
        // admin
        RuleCase{"adminEmail: admin@example.com", "adminEmail: admin example.com",
                 "tectonic.adminEmail", 20, 15, "'admin example.com' is not an email address"},
        RuleCase{"adminEmail: admin@example.com",
                 "adminEmail: admin@example.com\n  adminPasswordHash: $2b$12$tooshort",
                 "tectonic.adminPasswordHash", 21, 22, "is not a bcrypt hash"}));

TEST(RuleTest, NameFixSuggestsAValidName) {
  ClusterDirFixture dir;
  std::vector<ConfigError> errors;
  EXPECT_FALSE(dir.Load(Edit(kBaseYaml, "name: demo", "name: 1My_Cluster-"), &errors).ok());
  ASSERT_EQ(errors.size(), 1u) << Dump(errors);
  EXPECT_EQ(errors[0].fix, "use something like 'my-cluster'");
}

TEST(RuleTest, SubnetsWithoutZonesAreRejected) {
  ClusterDirFixture dir;
  std::string text = Edit(kBaseYaml, "  zones: [us-east-1a, us-east-1b, us-east-1c]\n", "");
  text = Edit(text, kVpc,
              "    cidr: 10.0.0.0/16\n    masterSubnets: [10.0.0.0/20]\n"
              "    workerSubnets: [10.0.64.0/20]");
  std::vector<ConfigError> errors;
  EXPECT_FALSE(dir.Load(text, &errors).ok());
  EXPECT_TRUE(HasError(errors, "aws.vpc.masterSubnets", 8, 20, "aws.zones is empty"));
}

TEST(RuleTest, PasswordHashIsNeverQuoted) {
  ClusterDirFixture dir;
  const std::string hash = "$2b$99$abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyza";
  std::vector<ConfigError> errors;
  EXPECT_FALSE(dir.Load(Edit(kBaseYaml, "adminEmail: admin@example.com",
                             "adminEmail: admin@example.com\n  adminPasswordHash: '" + hash + "'"),
                        &errors)
                   .ok());
  EXPECT_TRUE(HasError(errors, "tectonic.adminPasswordHash", 21, 22, "not shown"));
  EXPECT_EQ(Dump(errors).find(hash), std::string::npos);
}

TEST(RuleTest, TooManyTags) {
  ClusterDirFixture dir;
  std::string tags = "{";
  for (int i = 0; i < 41; ++i) tags += (i ? ", k" : "k") + std::to_string(i) + ": v";
  tags += "}";
  std::vector<ConfigError> errors;
  EXPECT_FALSE(dir.Load(Edit(kBaseYaml, "{team: infra}", tags), &errors).ok());
  EXPECT_TRUE(HasError(errors, "aws.tags", 9, 3, "41 tags given; at most 40"));
}

TEST(RuleTest, ValidVariantsPass) {
  const std::vector<std::pair<std::string, std::string>> edits = {
      {"name: demo", "name: a"},
      {"name: demo", "name: abcdefghijabcdefghijabcd"},  // 24: the longest that fits
      {"baseDomain: example.com", "baseDomain: example.com."},
      {"region: us-east-1\n  zones: [us-east-1a, us-east-1b, us-east-1c]",
       "region: us-gov-west-1\n  zones: [us-gov-west-1a]"},
      {"region: us-east-1\n  zones: [us-east-1a, us-east-1b, us-east-1c]",
       "region: ap-southeast-2\n  zones: []"},
      {"  etcd: {count: 3,", "  etcd: {count: 1,"},
      {"  workers: {count: 3,", "  workers: {count: 0,"},
      {kMasters, "  masters: {count: 1, instanceType: c6gn.16xlarge, rootVolumeGiB: 16384}"},
      {"adminEmail: admin@example.com",
       "adminEmail: admin@example.com\n  adminPasswordHash: "
       "$2y$12$abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyza"},
      {"{team: infra}", "{team: infra, 'cost center': 'a/b:c=d+e@f'}"},
      {"  sshKeyName: demo-key\n",
       "  sshKeyName: demo-key\n  kmsKeyArn: "
       "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab\n"
       "  amiId: ami-0123456789abcdef0\n  hostedZoneId: Z0123456789ABCDEFGHIJ\n"},
      {kVpc, "    cidr: 10.0.0.0/24"},
  };
  for (const auto& [from, to] : edits) {
    ClusterDirFixture dir;
    std::vector<ConfigError> errors;
    EXPECT_TRUE(dir.Load(Edit(kBaseYaml, from, to), &errors).ok()) << to << "\n" << Dump(errors);
  }
}

TEST(PredicateTest, Syntax) {
  EXPECT_TRUE(IsRegionName("eu-west-3"));
  EXPECT_TRUE(IsRegionName("us-gov-west-1"));
  EXPECT_TRUE(IsRegionName("ap-southeast-2"));
  EXPECT_FALSE(IsRegionName("us-east-1a"));
  EXPECT_FALSE(IsRegionName("useast1"));
  EXPECT_TRUE(IsInstanceType("m5.large"));
  EXPECT_TRUE(IsInstanceType("c6gn.16xlarge"));
  EXPECT_TRUE(IsInstanceType("t2.medium"));
  EXPECT_TRUE(IsInstanceType("m5.metal"));
  EXPECT_FALSE(IsInstanceType("m5"));
  EXPECT_FALSE(IsInstanceType("M5.large"));
  EXPECT_FALSE(IsInstanceType("m5.huge"));
  EXPECT_TRUE(IsDomainName("a.example.com"));
  EXPECT_FALSE(IsDomainName("example.123"));
  EXPECT_FALSE(IsDomainName(std::string(64, 'a') + ".com"));
  EXPECT_TRUE(IsEmailAddress("first.last+tag@example.co.uk"));
  EXPECT_FALSE(IsEmailAddress("@example.com"));
  EXPECT_FALSE(IsEmailAddress("a@b@example.com"));
  EXPECT_TRUE(IsClusterName("a1-b2"));
  EXPECT_FALSE(IsClusterName("a--"));
  EXPECT_TRUE(IsBcryptHash("$2a$04$abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyza"));
  EXPECT_FALSE(IsBcryptHash("$2a$03$abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyza"));
  EXPECT_FALSE(IsBcryptHash("$2x$12$abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyza"));
}

}  // namespace
}  // namespace tectonic::model
