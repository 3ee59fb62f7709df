// The tag sweep against moto: a small cluster built directly with the typed clients (network,
// NAT, NLB, instance, IAM, bucket, KMS, zones and a public alias record), one resource tagged
// shared and one untagged; SweepCluster must leave nothing of the cluster, keep the others,
// and ListOwned must then be empty. Judged by boto3.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

#include "aws/ec2.h"
#include "aws/elbv2.h"
#include "aws/iam.h"
#include "aws/kms.h"
#include "aws/route53.h"
#include "aws/s3.h"
#include "resources/compute_test_fixture.h"
#include "resources/sweep.h"

namespace tectonic::resources {
namespace {

using nlohmann::json;

#define ASSERT_OK(expr)                                     \
  do {                                                      \
    auto _s = (expr);                                       \
    ASSERT_TRUE(_s.ok()) << #expr << ": " << _s.ToString(); \
  } while (0)
#define ASSERT_RESULT(var, expr) \
  auto var = (expr);             \
  ASSERT_TRUE(var.ok()) << #expr << ": " << var.status().ToString()

class SweepTest : public ComputeMotoTest {};

bool HasKind(const std::vector<Leftover>& items, const std::string& kind) {
  return std::any_of(items.begin(), items.end(), [&](const Leftover& l) { return l.kind == kind; });
}

TEST_F(SweepTest, RemovesEverythingOfTheClusterAndNothingElse) {
  aws::AwsClient& client = *session_->client;
  const std::string id = identity_.cluster_id;
  const std::string name = "sw" + id.substr(0, 6);
  aws::Tags tags = {{"tectonicClusterID", id}, {"kubernetes.io/cluster/" + id, "owned"}};
  aws::Ec2 ec2(client);
  int default_vpcs = Boto(
                         "len(ec2.describe_vpcs(Filters=[{'Name': 'is-default', 'Values': "
                         "['true']}])['Vpcs'])")
                         .get<int>();
  ASSERT_GE(default_vpcs, 1);

  // Network: VPC, two subnets, attached IGW, two SGs referencing each other, EIP + NAT.
  Network net = MakeNetwork(71);
  ASSERT_EQ(net.subnet_ids.size(), 2u);
  ASSERT_RESULT(sg_a, ec2.CreateSecurityGroup({name + "-a", "a", net.vpc_id, tags}));
  ASSERT_RESULT(sg_b, ec2.CreateSecurityGroup({name + "-b", "b", net.vpc_id, tags}));
  ASSERT_OK(ec2.AuthorizeSecurityGroupIngress(*sg_a, {{"tcp", 443, 443, {}, {{*sg_b, ""}}}}));
  ASSERT_OK(ec2.AuthorizeSecurityGroupIngress(*sg_b, {{"tcp", 22, 22, {}, {{*sg_a, ""}}}}));
  ASSERT_RESULT(eip, ec2.AllocateAddress(tags));
  ASSERT_RESULT(nat, ec2.CreateNatGateway({net.subnet_ids[0], eip->allocation_id, "", tags}));

  // Load balancing: NLB, target group, listener.
  aws::Elbv2 elb(client);
  ASSERT_RESULT(nlb,
                elb.CreateLoadBalancer(
                    {name + "-api", "network", "internet-facing", net.subnet_ids, {}, {}, tags}));
  aws::CreateTargetGroupInput tg_in;
  tg_in.name = name + "-api";
  tg_in.port = 443;
  tg_in.vpc_id = net.vpc_id;
  tg_in.tags = tags;
  ASSERT_RESULT(tg, elb.CreateTargetGroup(tg_in));
  ASSERT_RESULT(listener, elb.CreateListener({nlb->arn, "TCP", 443, tg->arn, {}}));

  // An instance.
  aws::RunInstancesInput run;
  run.image_id = "ami-0123456789abcdef0";
  run.instance_type = "t3.small";
  run.subnet_id = net.subnet_ids[1];
  run.security_group_ids = {*sg_a};
  run.instance_tags = tags;
  ASSERT_RESULT(reservation, ec2.RunInstances(run));

  // IAM role with an inline policy, in a profile.
  aws::Iam iam(client);
  std::string trust =
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":)"
      R"("ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]})";
  ASSERT_RESULT(role, iam.CreateRole({name + "-etcd-role", "/", trust, "sweep test", tags}));
  ASSERT_OK(iam.PutRolePolicy(name + "-etcd-role", "inline",
                              R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",)"
                              R"("Action":"s3:GetObject","Resource":"*"}]})"));
  ASSERT_RESULT(profile, iam.CreateInstanceProfile({name + "-etcd-profile", "/", tags}));
  ASSERT_OK(iam.AddRoleToInstanceProfile(name + "-etcd-profile", name + "-etcd-role"));

  // Bucket with an object; KMS key with the cluster alias.
  aws::S3 s3(client);
  std::string bucket = name + "-tectonic-" + id.substr(0, 8);
  ASSERT_OK(s3.CreateBucket(bucket));
  ASSERT_OK(s3.PutBucketTagging(bucket, tags));
  ASSERT_OK(s3.PutObject({bucket, "ignition/master.ign", "{}", "", "", {}}).status());
  aws::Kms kms(client);
  ASSERT_RESULT(key,
                kms.CreateKey({"sweep test", "ENCRYPT_DECRYPT", "SYMMETRIC_DEFAULT", "", tags}));
  ASSERT_OK(kms.CreateAlias("alias/tectonic/" + name, key->key_id));

  // Zones: the cluster's private zone (tagged) and a user's public zone whose alias record
  // points at the NLB, next to a record of the user's that must stay.
  aws::Route53 r53(client);
  ASSERT_RESULT(private_zone, r53.CreateHostedZone({name + ".internal.", id + "/private", "", true,
                                                    net.vpc_id, "us-east-1"}));
  ASSERT_OK(r53.ChangeTagsForResource("hostedzone", private_zone->zone.id, tags));
  aws::RecordSet internal_api{"api-int." + name + ".internal.",
                              "A",
                              0,
                              {},
                              aws::AliasTarget{nlb->canonical_hosted_zone_id, nlb->dns_name}};
  ASSERT_OK(
      r53.ChangeResourceRecordSets(private_zone->zone.id, {{"CREATE", internal_api}}).status());
  ASSERT_RESULT(public_zone, r53.CreateHostedZone(
                                 {name + "-pub.example.com.", id + "/public", "", false, "", ""}));
  aws::RecordSet api{"api." + name + "-pub.example.com.",
                     "A",
                     0,
                     {},
                     aws::AliasTarget{nlb->canonical_hosted_zone_id, nlb->dns_name}};
  aws::RecordSet keep{"keep." + name + "-pub.example.com.", "TXT", 300, {"\"user\""}, {}};
  ASSERT_OK(r53.ChangeResourceRecordSets(public_zone->zone.id, {{"CREATE", api}, {"CREATE", keep}})
                .status());

  // Not the cluster's to delete: a shared VPC and an untagged one.
  ASSERT_RESULT(shared_vpc,
                ec2.CreateVpc({"10.72.0.0/16",
                               {{"kubernetes.io/cluster/" + id, "shared"}, {"owner", "user"}}}));
  ASSERT_RESULT(untagged_vpc, ec2.CreateVpc({"10.73.0.0/16", {}}));

  SweepOptions options;
  options.cluster_id = id;
  options.cluster_name = name;
  options.deadline = std::chrono::seconds(120);

  // Before: ListOwned sees the cluster, including the public record and the shared mark.
  ASSERT_RESULT(before, ListOwned(client, options));
  for (const char* kind :
       {"ec2:vpc", "ec2:subnet", "ec2:internet-gateway", "ec2:security-group", "ec2:elastic-ip",
        "ec2:natgateway", "ec2:instance", "elbv2:load-balancer", "elbv2:target-group",
        "elbv2:listener", "iam:role", "iam:instance-profile", "s3:bucket", "kms:key", "kms:alias",
        "route53:private-zone", "route53:record", "ec2:shared-tag"}) {
    EXPECT_TRUE(HasKind(*before, kind)) << kind;
  }

  SweepResult result = SweepCluster(client, options);
  EXPECT_TRUE(result.status.ok()) << result.status.ToString();
  for (const auto& left : result.remaining) ADD_FAILURE() << left.kind << " " << left.id;
  EXPECT_TRUE(HasKind(result.deleted, "route53:record"));
  EXPECT_TRUE(HasKind(result.deleted, "ec2:vpc"));

  std::string f = "[{'Name': 'tag:tectonicClusterID', 'Values': ['" + id + "']}]";
  json judged = Boto(
      "{"
      "'vpcs': [v['VpcId'] for v in ec2.describe_vpcs(Filters=" +
      f +
      ")['Vpcs']],"
      "'subnets': len(ec2.describe_subnets(Filters=" +
      f +
      ")['Subnets']),"
      "'igws': len(ec2.describe_internet_gateways(Filters=" +
      f +
      ")['InternetGateways']),"
      "'sgs': len(ec2.describe_security_groups(Filters=" +
      f +
      ")['SecurityGroups']),"
      "'eips': len(ec2.describe_addresses(Filters=" +
      f +
      ")['Addresses']),"
      "'nats': [n['State'] for n in ec2.describe_nat_gateways(Filter=" +
      f +
      ")['NatGateways'] if n['State'] not in ('deleted', 'failed')],"
      "'instances': [i['State']['Name'] for r in ec2.describe_instances(Filters=" +
      f +
      ")['Reservations'] for i in r['Instances'] if i['State']['Name'] != 'terminated'],"
      "'lbs': [l['LoadBalancerName'] for l in elbv2.describe_load_balancers()['LoadBalancers'] "
      "if l['LoadBalancerName'] == '" +
      name +
      "-api'],"
      "'tgs': [t['TargetGroupName'] for t in elbv2.describe_target_groups()['TargetGroups'] "
      "if t['TargetGroupName'] == '" +
      name +
      "-api'],"
      "'roles': [r['RoleName'] for r in iam.list_roles()['Roles'] if r['RoleName'].startswith('" +
      name +
      "')],"
      "'profiles': [p['InstanceProfileName'] for p in iam.list_instance_profiles()"
      "['InstanceProfiles'] if p['InstanceProfileName'].startswith('" +
      name +
      "')],"
      "'buckets': [b['Name'] for b in s3.list_buckets()['Buckets'] if b['Name'] == '" +
      bucket +
      "'],"
      "'key': kms.describe_key(KeyId='" +
      key->key_id +
      "')['KeyMetadata']['KeyState'],"
      "'aliases': [a['AliasName'] for a in kms.list_aliases()['Aliases'] if a['AliasName'] == "
      "'alias/tectonic/" +
      name +
      "'],"
      "'zones': [z['Name'] for z in r53.list_hosted_zones()['HostedZones']],"
      "'public': [(r['Name'], r['Type']) for r in r53.list_resource_record_sets(HostedZoneId='" +
      public_zone->zone.id +
      "')['ResourceRecordSets']],"
      "'shared': ec2.describe_vpcs(VpcIds=['" +
      shared_vpc->id +
      "'])['Vpcs'][0].get('Tags', []),"
      "'untagged': len(ec2.describe_vpcs(VpcIds=['" +
      untagged_vpc->id +
      "'])['Vpcs']),"
      "'defaults': len(ec2.describe_vpcs(Filters=[{'Name': 'is-default', 'Values': "
      "['true']}])['Vpcs'])"
      "}");
  ASSERT_TRUE(judged.is_object());
  EXPECT_EQ(judged["vpcs"], json::array());
  EXPECT_EQ(judged["subnets"], 0);
  EXPECT_EQ(judged["igws"], 0);
  EXPECT_EQ(judged["sgs"], 0);
  EXPECT_EQ(judged["eips"], 0);
  EXPECT_EQ(judged["nats"], json::array());
  EXPECT_EQ(judged["instances"], json::array());
  EXPECT_EQ(judged["lbs"], json::array());
  EXPECT_EQ(judged["tgs"], json::array());
  EXPECT_EQ(judged["roles"], json::array());
  EXPECT_EQ(judged["profiles"], json::array());
  EXPECT_EQ(judged["buckets"], json::array());
  EXPECT_EQ(judged["key"], "PendingDeletion");
  EXPECT_EQ(judged["aliases"], json::array());
  for (const auto& zone : judged["zones"]) EXPECT_NE(zone, name + ".internal.");
  bool api_left = false, keep_left = false;
  for (const auto& record : judged["public"]) {
    api_left = api_left || record[0] == api.name;
    keep_left = keep_left || (record[0] == keep.name && record[1] == "TXT");
  }
  EXPECT_FALSE(api_left) << judged["public"].dump();
  EXPECT_TRUE(keep_left) << judged["public"].dump();
  // The shared VPC stays, without the cluster's mark but with the user's tag.
  json shared_tags = judged["shared"];
  bool owner = false, mark = false;
  for (const auto& tag : shared_tags) {
    owner = owner || (tag["Key"] == "owner" && tag["Value"] == "user");
    mark = mark || tag["Key"] == "kubernetes.io/cluster/" + id;
  }
  EXPECT_TRUE(owner) << shared_tags.dump();
  EXPECT_FALSE(mark) << shared_tags.dump();
  EXPECT_EQ(judged["untagged"], 1);
  EXPECT_EQ(judged["defaults"], default_vpcs);

  ASSERT_RESULT(after, ListOwned(client, options));
  for (const auto& left : *after) ADD_FAILURE() << "still owned: " << left.kind << " " << left.id;
}

TEST_F(SweepTest, DryRunListsWithoutDeleting) {
  Network net = MakeNetwork(74);
  SweepOptions options;
  options.cluster_id = identity_.cluster_id;
  options.dry_run = true;
  SweepResult result = SweepCluster(*session_->client, options);
  EXPECT_TRUE(result.deleted.empty());
  EXPECT_TRUE(HasKind(result.remaining, "ec2:vpc"));
  EXPECT_EQ(Boto("len(ec2.describe_vpcs(VpcIds=['" + net.vpc_id + "'])['Vpcs'])"), 1);
  // Clean up for the other tests sharing this moto.
  options.dry_run = false;
  options.deadline = std::chrono::seconds(60);
  SweepResult cleaned = SweepCluster(*session_->client, options);
  EXPECT_TRUE(cleaned.status.ok()) << cleaned.status.ToString();
}

}  // namespace
}  // namespace tectonic::resources
