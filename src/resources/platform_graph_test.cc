// The platform kinds as one graph through the real engine against moto: Executor.Apply creates
// everything (references resolved by the engine), a second Apply creates nothing, Destroy
// leaves nothing (judged with awscli).
#include <fstream>

#include "aws/ec2.h"
#include "engine/destroy.h"
#include "engine/executor.h"
#include "engine/journal.h"
#include "resources/platform_handlers.h"
#include "resources/platform_test_util.h"
#include "resources/registry.h"

namespace tectonic::resources {
namespace {

using engine::Ref;
using nlohmann::json;

class PlatformGraphTest : public PlatformMotoTest {
 protected:
  void SetUp() override {
    PlatformMotoTest::SetUp();
    // The engine polls on the real clock: so must the handlers here.
    auto session = aws::OpenSession({}, aws::MapEnv(env_));
    ASSERT_TRUE(session.ok()) << session.status().ToString();
    real_session_ = *session;
  }

  json Tags(const std::string& key, const std::string& kind) {
    return TagsJson(engine::MakeNodeContext(identity_, key, kind, false));
  }

  engine::Graph MiniGraph(const std::string& vpc_id, const std::string& ignition_path,
                          const std::string& sha512) {
    const std::string bucket = "demo-tectonic-0b8a3c1e5f2d";
    engine::Graph g;
    g.nodes.push_back({"kms/key",
                       "kms.key",
                       {{"description", "tectonic cluster demo"},
                        {"key_usage", "ENCRYPT_DECRYPT"},
                        {"key_spec", "SYMMETRIC_DEFAULT"},
                        {"tags", Tags("kms/key", "kms.key")}}});
    g.nodes.push_back({"kms/alias",
                       "kms.alias",
                       {{"name", "alias/tectonic/demo"}, {"target_key_id", Ref("kms/key")}}});
    json sse = {{"algorithm", "aws:kms"},
                {"kms_key_arn", Ref("kms/key", "arn")},
                {"bucket_key_enabled", true}};
    g.nodes.push_back({"s3/bucket",
                       "s3.bucket",
                       {{"name", bucket},
                        {"region", "us-east-1"},
                        {"sse", sse},
                        {"block_public_access", true},
                        {"tags", Tags("s3/bucket", "s3.bucket")}},
                       {"kms/alias"}});
    g.nodes.push_back({"s3/ignition/master",
                       "s3.object",
                       {{"bucket", Ref("s3/bucket")},
                        {"key", "ignition/master.ign"},
                        {"source_path", ignition_path},
                        {"sha512", sha512},
                        {"content_type", "application/vnd.coreos.ignition+json"},
                        {"sse", sse}}});
    json trust = {{"Version", "2012-10-17"},
                  {"Statement",
                   {{{"Effect", "Allow"},
                     {"Principal", {{"Service", "ec2.amazonaws.com"}}},
                     {"Action", "sts:AssumeRole"}}}}};
    g.nodes.push_back({"iam/master/role",
                       "iam.role",
                       {{"name", "demo-master-role"},
                        {"path", "/"},
                        {"description", "tectonic masters of demo"},
                        {"assume_role_policy", trust},
                        {"tags", Tags("iam/master/role", "iam.role")}}});
    json document = {{"Version", "2012-10-17"},
                     {"Statement",
                      {{{"Effect", "Allow"},
                        {"Action", {"s3:GetObject"}},
                        {"Resource", {"arn:aws:s3:::" + bucket + "/ignition/master.ign"}}},
                       {{"Effect", "Allow"},
                        {"Action", {"kms:Decrypt"}},
                        {"Resource", {Ref("kms/key", "arn")}}}}}};
    g.nodes.push_back({"iam/master/policy",
                       "iam.role_policy",
                       {{"role_name", Ref("iam/master/role")},
                        {"name", "demo-master-policy"},
                        {"document", document}}});
    g.nodes.push_back({"iam/master/profile",
                       "iam.instance_profile",
                       {{"name", "demo-master-profile"},
                        {"path", "/"},
                        {"role_name", Ref("iam/master/role")},
                        {"tags", Tags("iam/master/profile", "iam.instance_profile")}},
                       {"iam/master/policy"}});
    g.nodes.push_back({"zone/private",
                       "route53.private_zone",
                       {{"name", "demo.example.com"},
                        {"vpc_id", vpc_id},
                        {"vpc_region", "us-east-1"},
                        {"caller_reference", identity_.cluster_id + "/zone/private"},
                        {"comment", "tectonic cluster demo (private)"},
                        {"tags", Tags("zone/private", "route53.private_zone")}},
                       {"iam/master/profile", "s3/ignition/master"}});
    g.nodes.push_back({"dns/api-int",
                       "route53.record",
                       {{"zone_id", Ref("zone/private")},
                        {"name", "api.demo.example.com"},
                        {"type", "A"},
                        {"alias",
                         {{"dns_name", "demo-api-int-0123456789.elb.us-east-1.amazonaws.com"},
                          {"hosted_zone_id", "Z26RNL4JYFTOTI"},
                          {"evaluate_target_health", false}}}}});
    return g;
  }

  engine::ExecutorOptions Options() {
    engine::ExecutorOptions options;
    options.identity = identity_;
    options.scheduler.backoff_base = std::chrono::milliseconds(50);
    options.scheduler.backoff_cap = std::chrono::milliseconds(500);
    options.scheduler.default_deadline = std::chrono::minutes(2);
    return options;
  }

  aws::AwsSession real_session_;
  testing::TempDir dir_;
};

TEST_F(PlatformGraphTest, ApplyTwiceThenDestroyLeavesNothing) {
  auto vpc = aws::Ec2(*real_session_.client).CreateVpc({"10.0.0.0/16", {}});
  ASSERT_TRUE(vpc.ok()) << vpc.status().ToString();
  const std::string ignition = dir_.path() + "/master.ign";
  std::ofstream(ignition) << R"({"ignition":{"version":"3.4.0"}})";
  testing::ProcessResult digest = testing::RunProcess({"sha512sum", ignition});
  ASSERT_EQ(digest.exit_code, 0) << digest.err;
  engine::Graph graph = MiniGraph(vpc->id, ignition, digest.out.substr(0, 128));

  engine::HandlerRegistry registry;
  HandlerStore store = RegisterAllHandlers(registry, *real_session_.client);
  for (const char* kind :
       {"kms.key", "kms.alias", "s3.bucket", "s3.object", "iam.role", "iam.role_policy",
        "iam.instance_profile", "route53.private_zone", "route53.record"}) {
    ASSERT_TRUE(registry.count(kind)) << kind << " not registered";
  }

  auto journal = engine::Journal::Open(dir_.path() + "/journal.db");
  ASSERT_TRUE(journal.ok()) << journal.status().ToString();
  engine::Executor executor(registry, **journal, Options());
  engine::Report first = executor.Apply(graph);
  ASSERT_TRUE(first.status.ok()) << first.first_failure_key << ": " << first.status.ToString();
  EXPECT_EQ(first.counts["created"], static_cast<int>(graph.nodes.size()));

  engine::Report second = executor.Apply(graph);
  ASSERT_TRUE(second.status.ok()) << second.first_failure_key << ": " << second.status.ToString();
  EXPECT_EQ(second.counts["created"], 0);
  EXPECT_EQ(second.counts["found"], static_cast<int>(graph.nodes.size()));

  // What exists, seen by awscli.
  json zones = Aws({"route53", "list-hosted-zones-by-name", "--dns-name", "demo.example.com"});
  ASSERT_EQ(zones["HostedZones"].size(), 1u) << zones.dump();
  std::string zone_id = zones["HostedZones"][0]["Id"];
  json rrsets = Aws({"route53", "list-resource-record-sets", "--hosted-zone-id", zone_id});
  int aliases = 0;
  for (const json& r : rrsets["ResourceRecordSets"]) aliases += r.contains("AliasTarget");
  EXPECT_EQ(aliases, 1) << rrsets.dump();
  json keys = Aws({"kms", "list-aliases"});
  bool alias_found = false;
  for (const json& a : keys["Aliases"]) alias_found |= a["AliasName"] == "alias/tectonic/demo";
  EXPECT_TRUE(alias_found);

  engine::ExecutorOptions destroy_options = Options();
  destroy_options.scheduler.keep_going = true;
  engine::Report destroyed = engine::Destroy(&graph, **journal, registry, destroy_options);
  ASSERT_TRUE(destroyed.status.ok())
      << destroyed.first_failure_key << ": " << destroyed.status.ToString();
  EXPECT_EQ(destroyed.counts["deleted"], static_cast<int>(graph.nodes.size()));
  auto left = (*journal)->LoadAll();
  ASSERT_TRUE(left.ok());
  EXPECT_TRUE(left->empty()) << left->size() << " journal entries left";

  EXPECT_TRUE(Aws({"route53", "list-hosted-zones"})["HostedZones"].empty());
  EXPECT_TRUE(Aws({"iam", "list-roles"})["Roles"].empty());
  EXPECT_TRUE(Aws({"iam", "list-instance-profiles"})["InstanceProfiles"].empty());
  EXPECT_TRUE(Aws({"s3api", "list-buckets"})["Buckets"].empty());
  const json listed = Aws({"kms", "list-aliases"});  // named: the loop reads its member
  for (const json& a : listed["Aliases"]) {
    EXPECT_NE(a["AliasName"], "alias/tectonic/demo");
  }
  json all_keys = Aws({"kms", "list-keys"});
  ASSERT_EQ(all_keys["Keys"].size(), 1u);
  EXPECT_EQ(Aws({"kms", "describe-key", "--key-id",
                 all_keys["Keys"][0]["KeyId"].get<std::string>()})["KeyMetadata"]["KeyState"],
            "PendingDeletion");
}

}  // namespace
}  // namespace tectonic::resources
