#include "model/starter_config.h"

#include <gtest/gtest.h>

#include "model/config_loader.h"
#include "model/config_test_util.h"

namespace tectonic::model {
namespace {

TEST(StarterConfigTest, RoundTripsThroughTheLoader) {
  StarterOptions o{"demo", "example.com", "eu-west-3", "my key", {"eu-west-3a", "eu-west-3b"}, ""};
  std::string text = RenderStarterConfig(o);
  std::vector<ConfigError> errors;
  auto config = LoadClusterYaml(text, "cluster.yaml", "/nonexistent",
                                LoadOptions{.check_files = false}, &errors);
  ASSERT_TRUE(config.ok()) << testutil::Dump(errors) << text;
  EXPECT_EQ(config->name, "demo");
  EXPECT_EQ(config->aws.ssh_key_name, "my key");
  EXPECT_EQ(config->aws.zones, (std::vector<std::string>{"eu-west-3a", "eu-west-3b"}));
  EXPECT_EQ(config->tectonic.admin_email, "admin@example.com");
  EXPECT_EQ(config->nodes.etcd.count, 3);
  // Every field of the contract is shown.
  for (const char* key : {"hostedZoneId:", "kmsKeyArn:", "amiId:", "natGateways:", "tags:",
                          "apiAccess:", "rootVolumeGiB:", "adminPasswordHash:", "workerSubnets:"}) {
    EXPECT_NE(text.find(key), std::string::npos) << key;
  }
}

TEST(StarterConfigTest, AwkwardValuesAreQuotedNotInjected) {
  StarterOptions o{"demo", "example.com", "us-east-1", "key: {x}", {}, "yes@example.com"};
  std::vector<ConfigError> errors;
  auto config = LoadClusterYaml(RenderStarterConfig(o), "cluster.yaml", "/x",
                                LoadOptions{.check_files = false}, &errors);
  ASSERT_TRUE(config.ok()) << testutil::Dump(errors);
  EXPECT_EQ(config->aws.ssh_key_name, "key: {x}");
  EXPECT_TRUE(config->aws.zones.empty());
}

TEST(StarterConfigTest, BadFlagsMapToFlagNames) {
  StarterOptions o{"Demo", "example.com", "mars-1", "k", {"zone-a"}, ""};
  std::vector<ConfigError> errors;
  EXPECT_FALSE(LoadClusterYaml(RenderStarterConfig(o), "cluster.yaml", "/x",
                               LoadOptions{.check_files = false}, &errors)
                   .ok());
  std::set<std::string> flags;
  for (const auto& e : errors) flags.insert(StarterFlagFor(e.field));
  EXPECT_EQ(flags, (std::set<std::string>{"--name", "--region", "--zones"}));
}

TEST(StarterConfigTest, AnyConfigRoundTrips) {
  ClusterConfig c;
  c.name = "gui";
  c.base_domain = "example.com";
  c.aws.region = "us-east-1";
  c.aws.zones = {"us-east-1a", "us-east-1b"};
  c.aws.ssh_key_name = "k";
  c.aws.hosted_zone_id = "Z123";
  c.aws.vpc.id = "vpc-0123456789abcdef0";
  c.aws.vpc.cidr = "10.1.0.0/16";
  c.aws.vpc.master_subnets = {"subnet-00000001", "subnet-00000002"};
  c.aws.vpc.worker_subnets = {"subnet-00000003", "subnet-00000004"};
  c.aws.vpc.nat_gateways = NatMode::kSingle;
  c.aws.tags = {{"team", "infra"}, {"cost center", "a: b"}};
  c.nodes.workers.count = 5;
  c.tectonic.admin_email = "a@example.com";
  std::vector<ConfigError> errors;
  auto back = LoadClusterYaml(RenderClusterConfig(c), "cluster.yaml", "/x",
                              LoadOptions{.check_files = false}, &errors);
  ASSERT_TRUE(back.ok()) << testutil::Dump(errors) << RenderClusterConfig(c);
  EXPECT_EQ(back->aws.zones, c.aws.zones);
  EXPECT_EQ(back->aws.vpc.worker_subnets, c.aws.vpc.worker_subnets);
  EXPECT_EQ(back->aws.vpc.nat_gateways, NatMode::kSingle);
  EXPECT_EQ(back->aws.tags, c.aws.tags);
  EXPECT_EQ(back->nodes.workers.count, 5);
  EXPECT_EQ(back->aws.hosted_zone_id, "Z123");
}

}  // namespace
}  // namespace tectonic::model
