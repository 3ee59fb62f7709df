// Lifecycle of each platform kind against moto through the real AwsClient: create, wait, find
// again (journaled, then by tag or natural key), delete, gone; results judged with awscli.
#include <fstream>

#include "aws/ec2.h"
#include "aws/kms.h"
#include "aws/s3.h"
#include "resources/platform_handlers.h"
#include "resources/platform_test_util.h"

namespace tectonic::resources {
namespace {

using engine::Outputs;
using nlohmann::json;

// Asserts Find returns a value and yields it.
Outputs MustFind(engine::ResourceHandler& h, const engine::NodeContext& ctx, const json& props,
                 const std::optional<Outputs>& journaled) {
  auto found = h.Find(ctx, props, journaled);
  EXPECT_TRUE(found.ok()) << found.status().ToString();
  if (!found.ok() || !*found) {
    ADD_FAILURE() << ctx.key << ": Find returned nothing";
    return json::object();
  }
  return **found;
}

void ExpectAbsent(engine::ResourceHandler& h, const engine::NodeContext& ctx, const json& props,
                  const std::optional<Outputs>& journaled = std::nullopt) {
  auto found = h.Find(ctx, props, journaled);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_FALSE(found->has_value()) << ctx.key << " still found: " << found->value().dump();
}

class PlatformHandlersTest : public PlatformMotoTest {
 protected:
  // A KMS key through the handler (what the bucket and objects encrypt with).
  Outputs MakeKey() {
    KmsKeyHandler keys(client());
    auto ctx = Ctx("kms/key", "kms.key");
    auto created = keys.Create(ctx, KeyProps(ctx));
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? *created : json::object();
  }
  json KeyProps(const engine::NodeContext& ctx) {
    return {{"description", "tectonic cluster demo"},
            {"key_usage", "ENCRYPT_DECRYPT"},
            {"key_spec", "SYMMETRIC_DEFAULT"},
            {"tags", TagsJson(ctx)}};
  }
  std::string Sha512Of(const std::string& path) {
    testing::ProcessResult r = testing::RunProcess({"sha512sum", path});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out.substr(0, 128);
  }
  testing::TempDir files_;
};

TEST_F(PlatformHandlersTest, KmsKeyAndAliasLifecycle) {
  KmsKeyHandler keys(client());
  KmsAliasHandler aliases(client());
  auto key_ctx = Ctx("kms/key", "kms.key");
  json key_props = KeyProps(key_ctx);
  ExpectAbsent(keys, key_ctx, key_props);

  auto created = keys.Create(key_ctx, key_props);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  std::string key_id = (*created)["id"];
  EXPECT_TRUE((*created)["arn"].get<std::string>().ends_with("key/" + key_id));
  Outputs ready = WaitUntilDone(keys, key_ctx, key_props, *created);
  EXPECT_EQ(ready["id"], key_id);
  EXPECT_EQ(MustFind(keys, key_ctx, key_props, *created)["id"], key_id);
  EXPECT_EQ(MustFind(keys, key_ctx, key_props, std::nullopt)["id"], key_id);
  // Another cluster's node with the same key does not adopt it.
  ExpectAbsent(keys, ForeignCtx("kms/key", "kms.key"), key_props);

  auto alias_ctx = Ctx("kms/alias", "kms.alias");
  json alias_props = {{"name", "alias/tectonic/demo"}, {"target_key_id", key_id}};
  ExpectAbsent(aliases, alias_ctx, alias_props);
  auto alias = aliases.Create(alias_ctx, alias_props);
  ASSERT_TRUE(alias.ok()) << alias.status().ToString();
  EXPECT_EQ((*alias)["id"], "alias/tectonic/demo");
  EXPECT_EQ(MustFind(aliases, alias_ctx, alias_props, std::nullopt)["target_key_id"], key_id);
  json listed = Aws({"kms", "list-aliases", "--key-id", key_id});
  ASSERT_EQ(listed["Aliases"].size(), 1u) << listed.dump();
  EXPECT_EQ(listed["Aliases"][0]["AliasName"], "alias/tectonic/demo");

  // An alias on another key: not found, and Create re-points it.
  auto other = aws::Kms(client()).CreateKey({});
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  json repoint = {{"name", "alias/tectonic/demo"}, {"target_key_id", other->key_id}};
  ExpectAbsent(aliases, alias_ctx, repoint);
  ASSERT_TRUE(aliases.Create(alias_ctx, repoint).ok());
  listed = Aws({"kms", "list-aliases", "--key-id", other->key_id});
  ASSERT_EQ(listed["Aliases"].size(), 1u) << listed.dump();
  ASSERT_TRUE(aliases.Create(alias_ctx, alias_props).ok());  // back to ours

  ASSERT_TRUE(aliases.Delete(alias_ctx, alias_props, *alias).ok());
  ExpectAbsent(aliases, alias_ctx, alias_props);
  EXPECT_TRUE(aliases.Delete(alias_ctx, alias_props, *alias).ok()) << "second delete";

  ASSERT_TRUE(keys.Delete(key_ctx, key_props, *created).ok());
  EXPECT_EQ(Aws({"kms", "describe-key", "--key-id", key_id})["KeyMetadata"]["KeyState"],
            "PendingDeletion");
  EXPECT_TRUE(keys.Delete(key_ctx, key_props, *created).ok()) << "already pending deletion";
  ExpectAbsent(keys, key_ctx, key_props, *created);
  ExpectAbsent(keys, key_ctx, key_props);
}

TEST_F(PlatformHandlersTest, S3BucketLifecycleEncryptedPrivateTagged) {
  Outputs key = MakeKey();
  S3BucketHandler buckets(client());
  auto ctx = Ctx("s3/bucket", "s3.bucket");
  const std::string name = "demo-tectonic-0b8a3c1e5f2d";
  json props = {
      {"name", name},
      {"region", "us-east-1"},
      {"sse",
       {{"algorithm", "aws:kms"}, {"kms_key_arn", key["arn"]}, {"bucket_key_enabled", true}}},
      {"block_public_access", true},
      {"tags", TagsJson(ctx)}};
  ExpectAbsent(buckets, ctx, props);
  auto created = buckets.Create(ctx, props);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(*created,
            (json{{"id", name}, {"arn", "arn:aws:s3:::" + name}, {"region", "us-east-1"}}));
  WaitUntilDone(buckets, ctx, props, *created);
  EXPECT_EQ(MustFind(buckets, ctx, props, *created), *created);
  EXPECT_EQ(MustFind(buckets, ctx, props, std::nullopt), *created);
  // A repeated create (crash before the journal) only re-applies the settings.
  ASSERT_TRUE(buckets.Create(ctx, props).ok());

  json enc = Aws({"s3api", "get-bucket-encryption", "--bucket", name});
  json rule = enc["ServerSideEncryptionConfiguration"]["Rules"][0];
  EXPECT_EQ(rule["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"], "aws:kms") << enc.dump();
  EXPECT_EQ(rule["ApplyServerSideEncryptionByDefault"]["KMSMasterKeyID"], key["arn"]);
  EXPECT_EQ(rule["BucketKeyEnabled"], true);
  json pab = Aws({"s3api", "get-public-access-block", "--bucket", name});
  for (const char* flag :
       {"BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"}) {
    EXPECT_EQ(pab["PublicAccessBlockConfiguration"][flag], true) << flag << pab.dump();
  }
  json tagging = Aws({"s3api", "get-bucket-tagging", "--bucket", name});
  std::map<std::string, std::string> tags;
  for (const json& t : tagging["TagSet"])
    tags[t["Key"].get<std::string>()] = t["Value"].get<std::string>();
  EXPECT_EQ(tags, ctx.tags);

  // Someone else's bucket (other cluster id tag) is never adopted.
  auto foreign = buckets.Find(ForeignCtx("s3/bucket", "s3.bucket"), props, std::nullopt);
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(foreign.status().code(), StatusCode::kPreconditionFailed);

  // Delete empties the bucket first.
  for (const char* object_key : {"a/one", "b/two", "three"}) {
    ASSERT_TRUE(aws::S3(client()).PutObject({name, object_key, "x", "", "", {}}).ok());
  }
  ASSERT_TRUE(buckets.Delete(ctx, props, *created).ok());
  WaitUntilDone(buckets, ctx, props, *created, /*deleted=*/true);
  ExpectAbsent(buckets, ctx, props);
  EXPECT_NE(AwsExit({"s3api", "head-bucket", "--bucket", name}), 0);
  EXPECT_TRUE(buckets.Delete(ctx, props, *created).ok()) << "NoSuchBucket is success";
}

TEST_F(PlatformHandlersTest, S3ObjectUploadVerifiedEncryptedWithDigest) {
  Outputs key = MakeKey();
  const std::string bucket = "demo-tectonic-objects";
  ASSERT_TRUE(aws::S3(client()).CreateBucket(bucket).ok());
  const std::string path = files_.path() + "/master.ign";
  std::ofstream(path) << R"({"ignition":{"version":"3.4.0"}})";
  S3ObjectHandler objects(client());
  auto ctx = Ctx("s3/ignition/master", "s3.object");
  json props = {{"bucket", bucket},
                {"key", "ignition/master.ign"},
                {"source_path", path},
                {"sha512", Sha512Of(path)},
                {"content_type", "application/vnd.coreos.ignition+json"},
                {"sse", {{"algorithm", "aws:kms"}, {"kms_key_arn", key["arn"]}}}};

  // A digest that does not match the file: refused before any upload.
  json stale = props;
  stale["sha512"] = std::string(128, 'a');
  auto refused = objects.Create(ctx, stale);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidInput);
  ExpectAbsent(objects, ctx, props);

  auto created = objects.Create(ctx, props);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ((*created)["url"], "s3://" + bucket + "/ignition/master.ign");
  EXPECT_EQ(MustFind(objects, ctx, props, *created)["etag"], (*created)["etag"]);
  EXPECT_EQ(MustFind(objects, ctx, props, std::nullopt)["id"], "ignition/master.ign");

  json head = Aws({"s3api", "head-object", "--bucket", bucket, "--key", "ignition/master.ign"});
  EXPECT_EQ(head["ServerSideEncryption"], "aws:kms") << head.dump();
  EXPECT_EQ(head["SSEKMSKeyId"], key["arn"]);
  EXPECT_EQ(head["Metadata"]["sha512"], props["sha512"]);
  EXPECT_EQ(head["ContentType"], "application/vnd.coreos.ignition+json");

  // New assets: the stored digest differs, so the object counts as absent and is replaced.
  std::ofstream(path) << R"({"ignition":{"version":"3.4.0"},"passwd":{}})";
  json next = props;
  next["sha512"] = Sha512Of(path);
  ExpectAbsent(objects, ctx, next);
  ASSERT_TRUE(objects.Create(ctx, next).ok());
  EXPECT_EQ(MustFind(objects, ctx, next, std::nullopt)["sha512"], next["sha512"]);

  ASSERT_TRUE(objects.Delete(ctx, next, *created).ok());
  ExpectAbsent(objects, ctx, next);
  EXPECT_TRUE(objects.Delete(ctx, next, *created).ok()) << "missing object is success";
}

TEST_F(PlatformHandlersTest, IamRolePolicyAndInstanceProfile) {
  IamRoleHandler roles(client());
  IamRolePolicyHandler policies(client());
  IamInstanceProfileHandler profiles(client());
  auto role_ctx = Ctx("iam/master/role", "iam.role");
  json trust = {{"Version", "2012-10-17"},
                {"Statement",
                 {{{"Effect", "Allow"},
                   {"Principal", {{"Service", "ec2.amazonaws.com"}}},
                   {"Action", "sts:AssumeRole"}}}}};
  json role_props = {{"name", "demo-master-role"},
                     {"path", "/"},
                     {"description", "tectonic masters of demo"},
                     {"assume_role_policy", trust},
                     {"tags", TagsJson(role_ctx)}};
  ExpectAbsent(roles, role_ctx, role_props);
  auto role = roles.Create(role_ctx, role_props);
  ASSERT_TRUE(role.ok()) << role.status().ToString();
  EXPECT_EQ((*role)["id"], "demo-master-role");
  EXPECT_EQ(MustFind(roles, role_ctx, role_props, *role), *role);
  EXPECT_EQ(MustFind(roles, role_ctx, role_props, std::nullopt), *role);
  auto again = roles.Create(role_ctx, role_props);  // EntityAlreadyExists -> ours
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(*again, *role);
  auto foreign = roles.Find(ForeignCtx("iam/master/role", "iam.role"), role_props, std::nullopt);
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(foreign.status().code(), StatusCode::kPreconditionFailed);
  json got_role = Aws({"iam", "get-role", "--role-name", "demo-master-role"});
  EXPECT_EQ(got_role["Role"]["AssumeRolePolicyDocument"], trust) << got_role.dump();

  auto policy_ctx = Ctx("iam/master/policy", "iam.role_policy");
  json document = {
      {"Version", "2012-10-17"},
      {"Statement",
       {{{"Sid", "ReadOwnIgnition"},
         {"Effect", "Allow"},
         {"Action", {"s3:GetObject"}},
         {"Resource", {"arn:aws:s3:::demo-tectonic-0b8a3c1e5f2d/ignition/master.ign"}}},
        {{"Sid", "Decrypt"},
         {"Effect", "Allow"},
         {"Action", {"kms:Decrypt"}},
         {"Resource", {"arn:aws:kms:us-east-1:123456789012:key/k+1&2=3"}}}}}};
  json policy_props = {
      {"role_name", "demo-master-role"}, {"name", "demo-master-policy"}, {"document", document}};
  ExpectAbsent(policies, policy_ctx, policy_props);
  auto policy = policies.Create(policy_ctx, policy_props);
  ASSERT_TRUE(policy.ok()) << policy.status().ToString();
  EXPECT_EQ((*policy)["id"], "demo-master-role:demo-master-policy");
  EXPECT_EQ(MustFind(policies, policy_ctx, policy_props, std::nullopt), *policy);
  json got = Aws({"iam", "get-role-policy", "--role-name", "demo-master-role", "--policy-name",
                  "demo-master-policy"});
  EXPECT_EQ(got["PolicyDocument"], document) << got.dump();  // URL-decoded round trip
  json changed = policy_props;
  changed["document"]["Statement"][0]["Resource"] = {"arn:aws:s3:::other/ignition/master.ign"};
  ExpectAbsent(policies, policy_ctx, changed);

  auto profile_ctx = Ctx("iam/master/profile", "iam.instance_profile");
  json profile_props = {{"name", "demo-master-profile"},
                        {"path", "/"},
                        {"role_name", "demo-master-role"},
                        {"tags", TagsJson(profile_ctx)}};
  ExpectAbsent(profiles, profile_ctx, profile_props);
  auto profile = profiles.Create(profile_ctx, profile_props);
  ASSERT_TRUE(profile.ok()) << profile.status().ToString();
  EXPECT_TRUE(
      (*profile)["arn"].get<std::string>().ends_with(":instance-profile/demo-master-profile"));
  // No propagation wait here (the consumers retry): ready at once, without a call.
  auto first = profiles.Wait(profile_ctx, profile_props, *profile);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_TRUE(first->done);
  EXPECT_EQ(MustFind(profiles, profile_ctx, profile_props, *profile), *profile);
  EXPECT_EQ(MustFind(profiles, profile_ctx, profile_props, std::nullopt), *profile);
  json got_profile =
      Aws({"iam", "get-instance-profile", "--instance-profile-name", "demo-master-profile"});
  ASSERT_EQ(got_profile["InstanceProfile"]["Roles"].size(), 1u) << got_profile.dump();
  EXPECT_EQ(got_profile["InstanceProfile"]["Roles"][0]["RoleName"], "demo-master-role");

  // Deleting the role while its policy and profile exist detaches both first.
  ASSERT_TRUE(roles.Delete(role_ctx, role_props, *role).ok());
  ExpectAbsent(roles, role_ctx, role_props);
  ExpectAbsent(policies, policy_ctx, policy_props);
  ASSERT_TRUE(profiles.Delete(profile_ctx, profile_props, *profile).ok());
  ExpectAbsent(profiles, profile_ctx, profile_props);
  EXPECT_TRUE(policies.Delete(policy_ctx, policy_props, *policy).ok()) << "NoSuchEntity = ok";
  EXPECT_TRUE(profiles.Delete(profile_ctx, profile_props, *profile).ok());
  EXPECT_TRUE(roles.Delete(role_ctx, role_props, *role).ok());
}

// A run killed between CreateHostedZone and its tag call leaves an untagged zone; the next
// run finds it by caller reference, and Wait tags it (else a sweep by tag would miss it).
TEST_F(PlatformHandlersTest, PrivateZoneOfAnInterruptedCreateGetsItsTags) {
  auto vpc = aws::Ec2(client()).CreateVpc({"10.9.0.0/16", {}});
  ASSERT_TRUE(vpc.ok()) << vpc.status().ToString();
  Route53PrivateZoneHandler zones(client());
  auto ctx = Ctx("zone/private", "route53.private_zone");
  const std::string reference = identity_.cluster_id + "/zone/interrupted";
  json props = {{"name", "interrupted.example.com"},
                {"vpc_id", vpc->id},
                {"vpc_region", "us-east-1"},
                {"caller_reference", reference},
                {"tags", TagsJson(ctx)}};
  json made = Aws({"route53", "create-hosted-zone", "--name", "interrupted.example.com",
                   "--caller-reference", reference, "--vpc", "VPCRegion=us-east-1,VPCId=" + vpc->id,
                   "--hosted-zone-config", "PrivateZone=true"});
  std::string zone_id = made["HostedZone"]["Id"].get<std::string>();
  zone_id = zone_id.substr(zone_id.rfind('/') + 1);
  json found = MustFind(zones, ctx, props, std::nullopt);
  EXPECT_EQ(found["id"], zone_id);
  WaitUntilDone(zones, ctx, props, found);
  json listed = Aws({"route53", "list-tags-for-resource", "--resource-type", "hostedzone",
                     "--resource-id", zone_id});
  std::map<std::string, std::string> tags;
  for (const json& t : listed["ResourceTagSet"]["Tags"]) {
    tags[t["Key"].get<std::string>()] = t["Value"].get<std::string>();
  }
  EXPECT_EQ(tags, ctx.tags);
}

TEST_F(PlatformHandlersTest, PrivateZoneAndRecords) {
  auto vpc = aws::Ec2(client()).CreateVpc({"10.0.0.0/16", {}});
  ASSERT_TRUE(vpc.ok()) << vpc.status().ToString();
  Route53PrivateZoneHandler zones(client());
  Route53RecordHandler records(client());
  auto zone_ctx = Ctx("zone/private", "route53.private_zone");
  json zone_props = {{"name", "demo.example.com"},
                     {"vpc_id", vpc->id},
                     {"vpc_region", "us-east-1"},
                     {"caller_reference", identity_.cluster_id + "/zone/private"},
                     {"comment", "tectonic cluster demo (private)"},
                     {"tags", TagsJson(zone_ctx)}};
  ExpectAbsent(zones, zone_ctx, zone_props);
  auto zone = zones.Create(zone_ctx, zone_props);
  ASSERT_TRUE(zone.ok()) << zone.status().ToString();
  const std::string zone_id = (*zone)["id"];
  EXPECT_FALSE(zone_id.starts_with("/hostedzone/"));
  WaitUntilDone(zones, zone_ctx, zone_props, *zone);
  EXPECT_EQ(MustFind(zones, zone_ctx, zone_props, *zone)["id"], zone_id);
  EXPECT_EQ(MustFind(zones, zone_ctx, zone_props, std::nullopt)["id"], zone_id);
  json hz = Aws({"route53", "get-hosted-zone", "--id", zone_id});
  EXPECT_EQ(hz["HostedZone"]["Config"]["PrivateZone"], true) << hz.dump();
  ASSERT_EQ(hz["VPCs"].size(), 1u) << hz.dump();
  EXPECT_EQ(hz["VPCs"][0]["VPCId"], vpc->id);
  json zone_tags = Aws({"route53", "list-tags-for-resource", "--resource-type", "hostedzone",
                        "--resource-id", zone_id});
  std::map<std::string, std::string> tags;
  for (const json& t : zone_tags["ResourceTagSet"]["Tags"])
    tags[t["Key"].get<std::string>()] = t["Value"].get<std::string>();
  EXPECT_EQ(tags, zone_ctx.tags);

  // A plain A record and an ALIAS to a load balancer.
  auto a_ctx = Ctx("dns/etcd/0", "route53.record");
  json a_props = {{"zone_id", zone_id},
                  {"name", "etcd-0.demo.example.com"},
                  {"type", "A"},
                  {"ttl", 60},
                  {"records", {"10.0.1.10"}}};
  auto alias_ctx = Ctx("dns/api-int", "route53.record");
  json alias_props = {{"zone_id", zone_id},
                      {"name", "api.demo.example.com"},
                      {"type", "A"},
                      {"alias",
                       {{"dns_name", "demo-api-int-0123456789.elb.us-east-1.amazonaws.com"},
                        {"hosted_zone_id", "Z26RNL4JYFTOTI"},
                        {"evaluate_target_health", false}}}};
  for (auto [ctx, props] : {std::pair{a_ctx, a_props}, std::pair{alias_ctx, alias_props}}) {
    ExpectAbsent(records, ctx, props);
    auto created = records.Create(ctx, props);
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    EXPECT_EQ((*created)["id"], zone_id + "/" + props["name"].get<std::string>() + "/A");
    EXPECT_FALSE((*created)["change_id"].get<std::string>().empty());
    WaitUntilDone(records, ctx, props, *created);
    EXPECT_EQ(MustFind(records, ctx, props, *created)["id"], (*created)["id"]);
    EXPECT_EQ(MustFind(records, ctx, props, std::nullopt)["id"], (*created)["id"]);
  }
  json listed = Aws({"route53", "list-resource-record-sets", "--hosted-zone-id", zone_id});
  std::map<std::string, json> by_name;
  for (const json& r : listed["ResourceRecordSets"]) by_name[r["Name"].get<std::string>()] = r;
  ASSERT_TRUE(by_name.count("etcd-0.demo.example.com.")) << listed.dump();
  EXPECT_EQ(by_name["etcd-0.demo.example.com."]["ResourceRecords"][0]["Value"], "10.0.1.10");
  EXPECT_EQ(by_name["etcd-0.demo.example.com."]["TTL"], 60);
  ASSERT_TRUE(by_name.count("api.demo.example.com.")) << listed.dump();
  json target = by_name["api.demo.example.com."]["AliasTarget"];
  EXPECT_EQ(target["HostedZoneId"], "Z26RNL4JYFTOTI");
  EXPECT_TRUE(target["DNSName"].get<std::string>().starts_with("demo-api-int-0123456789.elb."));

  // A changed value: absent until the UPSERT replaces it.
  json moved = a_props;
  moved["records"] = {"10.0.2.20"};
  ExpectAbsent(records, a_ctx, moved);
  ASSERT_TRUE(records.Create(a_ctx, moved).ok());
  MustFind(records, a_ctx, moved, std::nullopt);
  ExpectAbsent(records, a_ctx, a_props);

  // Record delete reads the live value (the moved one) and removes it.
  ASSERT_TRUE(records.Delete(a_ctx, a_props, json::object()).ok());
  ExpectAbsent(records, a_ctx, moved);
  EXPECT_TRUE(records.Delete(a_ctx, a_props, json::object()).ok()) << "not found = success";

  // The zone delete removes the records still in it (the alias), then the zone.
  ASSERT_TRUE(zones.Delete(zone_ctx, zone_props, *zone).ok());
  ExpectAbsent(zones, zone_ctx, zone_props, *zone);
  EXPECT_NE(AwsExit({"route53", "get-hosted-zone", "--id", zone_id}), 0);
  EXPECT_TRUE(zones.Delete(zone_ctx, zone_props, *zone).ok()) << "NoSuchHostedZone = success";
}

}  // namespace
}  // namespace tectonic::resources
