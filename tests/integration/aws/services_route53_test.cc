// Route53 against moto: private zone on a VPC, records (TTL and alias), changes, tags.
#include "aws/ec2.h"
#include "aws/route53.h"
#include "tests/integration/aws/services_fixture.h"

namespace tectonic::aws {
namespace {

class Route53MotoTest : public MotoServicesTest {};

TEST_F(Route53MotoTest, ZoneRecordsTagsLifecycle) {
  Ec2 ec2(client());
  auto vpc = ec2.CreateVpc({"10.0.0.0/16", {}});
  ASSERT_TRUE(vpc.ok());
  Route53 r53(client());
  auto created = r53.CreateHostedZone(
      {"c1.example.com", "tectonic-u-1-zone", "c1 private", true, vpc->id, "us-east-1"});
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  const std::string id = created->zone.id;
  EXPECT_EQ(id.find('/'), std::string::npos);
  EXPECT_TRUE(created->zone.private_zone);
  auto public_zone =
      r53.CreateHostedZone({"example.com", "tectonic-u-1-public", "", false, "", ""});
  ASSERT_TRUE(public_zone.ok()) << public_zone.status().ToString();

  auto by_name = r53.ListHostedZonesByName("c1.example.com");
  ASSERT_TRUE(by_name.ok()) << by_name.status().ToString();
  ASSERT_EQ(by_name->size(), 1u);
  EXPECT_EQ((*by_name)[0].id, id);
  auto all = r53.ListHostedZones();
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 2u);
  auto zone = r53.GetHostedZone(id);
  ASSERT_TRUE(zone.ok()) << zone.status().ToString();
  EXPECT_EQ(zone->name, "c1.example.com.");
  ASSERT_FALSE(zone->vpcs.empty());
  EXPECT_EQ(zone->vpcs[0].vpc_id, vpc->id);
  auto pub = r53.GetHostedZone(public_zone->zone.id);
  ASSERT_TRUE(pub.ok());
  EXPECT_EQ(pub->name_servers.size(), 4u);

  RecordSet etcd{"etcd-0.c1.example.com", "A", 60, {"10.0.1.5"}, std::nullopt};
  RecordSet txt{"owner.c1.example.com", "TXT", 300, {"\"tectonic=u-1\""}, std::nullopt};
  RecordSet alias{"api.c1.example.com",
                  "A",
                  0,
                  {},
                  AliasTarget{"Z26RNL4JYFTOTI", "c1-api-1.elb.us-east-1.amazonaws.com", false}};
  auto change = r53.ChangeResourceRecordSets(
      id, {{"CREATE", etcd}, {"UPSERT", txt}, {"UPSERT", alias}}, "install");
  ASSERT_TRUE(change.ok()) << change.status().ToString();
  EXPECT_EQ(change->id.find('/'), std::string::npos);
  auto status = r53.GetChange(change->id);
  ASSERT_TRUE(status.ok()) << status.status().ToString();
  EXPECT_TRUE(status->status == "INSYNC" || status->status == "PENDING") << status->status;

  auto records = r53.ListResourceRecordSets(id);
  ASSERT_TRUE(records.ok()) << records.status().ToString();
  bool found_etcd = false, found_txt = false, found_alias = false;
  for (const RecordSet& r : *records) {
    if (r.name == "etcd-0.c1.example.com." && r.type == "A") found_etcd = r.values == etcd.values;
    if (r.name == "owner.c1.example.com.") found_txt = r.values == txt.values && r.ttl == 300;
    if (r.name == "api.c1.example.com." && r.alias) {
      found_alias = r.alias->hosted_zone_id == "Z26RNL4JYFTOTI";
    }
  }
  EXPECT_TRUE(found_etcd);
  EXPECT_TRUE(found_txt);
  EXPECT_TRUE(found_alias);

  ASSERT_TRUE(r53.ChangeTagsForResource("hostedzone", id, {{"tectonicClusterID", "u-1"}}).ok());
  auto tags = r53.ListTagsForResource("hostedzone", id);
  ASSERT_TRUE(tags.ok()) << tags.status().ToString();
  EXPECT_EQ(tags->at("tectonicClusterID"), "u-1");

  // A zone with records cannot go; delete them first, then the zone.
  EXPECT_FALSE(r53.DeleteHostedZone(id).ok());
  ASSERT_TRUE(
      r53.ChangeResourceRecordSets(id, {{"DELETE", etcd}, {"DELETE", txt}, {"DELETE", alias}})
          .ok());
  ASSERT_TRUE(r53.DeleteHostedZone(id).ok());
  auto gone = r53.GetHostedZone(id);
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.status().aws_code(), "NoSuchHostedZone");
  EXPECT_TRUE(r53.ListHostedZonesByName("c1.example.com")->empty());
}

}  // namespace
}  // namespace tectonic::aws
