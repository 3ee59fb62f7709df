// Route53 over a fake transport: change batch XML (plain and alias), id prefixes, paging.
#include "aws/route53.h"

#include <gtest/gtest.h>

#include "aws/services_test_util.h"

namespace tectonic::aws {
namespace {

using testing::FakeAws;

TEST(Route53Test, ChangeBatchCarriesTtlRecordsAndAliases) {
  RecordSet txt{"_owner.c1.example.com", "TXT", 300, {"\"heritage=tectonic\""}, std::nullopt};
  RecordSet alias{"api.example.com",
                  "A",
                  0,
                  {},
                  AliasTarget{"Z26RNL4JYFTOTI", "nlb-1.elb.us-east-1.amazonaws.com", false}};
  std::string body = Route53::ChangeBatchXml({{"UPSERT", txt}, {"CREATE", alias}}, "why");
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(body.c_str()));
  pugi::xml_node root = doc.document_element();
  EXPECT_STREQ(root.name(), "ChangeResourceRecordSetsRequest");
  EXPECT_STREQ(root.attribute("xmlns").value(), "https://route53.amazonaws.com/doc/2013-04-01/");
  pugi::xml_node batch = root.child("ChangeBatch");
  EXPECT_EQ(xml::Text(batch, "Comment"), "why");
  auto changes = xml::Items(batch, "Changes", "Change");
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(xml::Text(changes[0], "Action"), "UPSERT");
  pugi::xml_node set0 = changes[0].child("ResourceRecordSet");
  EXPECT_EQ(xml::Text(set0, "TTL"), "300");
  EXPECT_EQ(xml::Text(set0.child("ResourceRecords").child("ResourceRecord"), "Value"),
            "\"heritage=tectonic\"");
  pugi::xml_node set1 = changes[1].child("ResourceRecordSet");
  EXPECT_FALSE(set1.child("TTL"));
  EXPECT_FALSE(set1.child("ResourceRecords"));
  EXPECT_EQ(xml::Text(set1.child("AliasTarget"), "HostedZoneId"), "Z26RNL4JYFTOTI");
  EXPECT_EQ(xml::Text(set1.child("AliasTarget"), "DNSName"), "nlb-1.elb.us-east-1.amazonaws.com");
  EXPECT_EQ(xml::Text(set1.child("AliasTarget"), "EvaluateTargetHealth"), "false");
}

TEST(Route53Test, ChangeRecordSetsPostsToTheBareZoneAndStripsTheChangeId) {
  FakeAws aws;
  aws.transport->Then(200, R"(<ChangeResourceRecordSetsResponse><ChangeInfo><Id>/change/C123</Id>
<Status>PENDING</Status><SubmittedAt>2024-01-01T00:00:00Z</SubmittedAt></ChangeInfo></ChangeResourceRecordSetsResponse>)");
  Route53 r53(aws.client);
  auto change = r53.ChangeResourceRecordSets(
      "/hostedzone/Z1", {{"DELETE", {"a.example.com", "A", 60, {"10.0.0.1"}, std::nullopt}}});
  ASSERT_TRUE(change.ok()) << change.status().ToString();
  EXPECT_EQ(change->id, "C123");
  EXPECT_EQ(change->status, "PENDING");
  HttpRequest req = aws.Last();
  EXPECT_EQ(req.method, "POST");
  EXPECT_EQ(req.url, "http://127.0.0.1:9/2013-04-01/hostedzone/Z1/rrset/");
  EXPECT_NE(req.body.find("<Action>DELETE</Action>"), std::string::npos);
}

TEST(Route53Test, GetHostedZoneParsesNameServersAndVpcs) {
  FakeAws aws;
  aws.transport->Then(
      200, R"(<GetHostedZoneResponse><HostedZone><Id>/hostedzone/Z9</Id><Name>example.com.</Name>
<CallerReference>ref</CallerReference><Config><PrivateZone>true</PrivateZone></Config><ResourceRecordSetCount>2</ResourceRecordSetCount></HostedZone>
<DelegationSet><NameServers><NameServer>ns-1.awsdns-1.com</NameServer><NameServer>ns-2.awsdns-2.net</NameServer></NameServers></DelegationSet>
<VPCs><VPC><VPCRegion>us-east-1</VPCRegion><VPCId>vpc-1</VPCId></VPC></VPCs></GetHostedZoneResponse>)");
  Route53 r53(aws.client);
  auto zone = r53.GetHostedZone("Z9");
  ASSERT_TRUE(zone.ok());
  EXPECT_EQ(zone->id, "Z9");
  EXPECT_TRUE(zone->private_zone);
  EXPECT_EQ(zone->record_count, 2);
  EXPECT_EQ(zone->name_servers.size(), 2u);
  ASSERT_EQ(zone->vpcs.size(), 1u);
  EXPECT_EQ(zone->vpcs[0].vpc_id, "vpc-1");
}

TEST(Route53Test, ListHostedZonesByNameKeepsOnlyTheExactNameAndPages) {
  FakeAws aws;
  aws.transport->Then(200, R"(<ListHostedZonesByNameResponse><HostedZones>
<HostedZone><Id>/hostedzone/Z1</Id><Name>example.com.</Name><Config><PrivateZone>false</PrivateZone></Config></HostedZone>
</HostedZones><IsTruncated>true</IsTruncated><NextDNSName>example.com.</NextDNSName><NextHostedZoneId>Z2</NextHostedZoneId></ListHostedZonesByNameResponse>)");
  aws.transport->Then(200, R"(<ListHostedZonesByNameResponse><HostedZones>
<HostedZone><Id>/hostedzone/Z2</Id><Name>example.com.</Name><Config><PrivateZone>true</PrivateZone></Config></HostedZone>
<HostedZone><Id>/hostedzone/Z3</Id><Name>example.org.</Name></HostedZone>
</HostedZones><IsTruncated>false</IsTruncated></ListHostedZonesByNameResponse>)");
  Route53 r53(aws.client);
  auto zones = r53.ListHostedZonesByName("example.com");
  ASSERT_TRUE(zones.ok()) << zones.status().ToString();
  ASSERT_EQ(zones->size(), 2u);
  EXPECT_EQ((*zones)[0].id, "Z1");
  EXPECT_FALSE((*zones)[0].private_zone);
  EXPECT_EQ((*zones)[1].id, "Z2");
  EXPECT_NE(aws.Last().url.find("hostedzoneid=Z2"), std::string::npos);
}

TEST(Route53Test, ListRecordSetsParsesAliasesAndFollowsNextRecord) {
  FakeAws aws;
  aws.transport->Then(200, R"(<ListResourceRecordSetsResponse><ResourceRecordSets>
<ResourceRecordSet><Name>api.example.com.</Name><Type>A</Type><AliasTarget><HostedZoneId>Z26</HostedZoneId>
<DNSName>nlb.</DNSName><EvaluateTargetHealth>true</EvaluateTargetHealth></AliasTarget></ResourceRecordSet>
</ResourceRecordSets><IsTruncated>true</IsTruncated><NextRecordName>b.example.com.</NextRecordName><NextRecordType>TXT</NextRecordType></ListResourceRecordSetsResponse>)");
  aws.transport->Then(200, R"(<ListResourceRecordSetsResponse><ResourceRecordSets>
<ResourceRecordSet><Name>b.example.com.</Name><Type>TXT</Type><TTL>30</TTL><ResourceRecords><ResourceRecord><Value>"x"</Value></ResourceRecord></ResourceRecords></ResourceRecordSet>
</ResourceRecordSets><IsTruncated>false</IsTruncated></ListResourceRecordSetsResponse>)");
  Route53 r53(aws.client);
  auto sets = r53.ListResourceRecordSets("Z1");
  ASSERT_TRUE(sets.ok());
  ASSERT_EQ(sets->size(), 2u);
  ASSERT_TRUE((*sets)[0].alias.has_value());
  EXPECT_TRUE((*sets)[0].alias->evaluate_target_health);
  EXPECT_EQ((*sets)[1].ttl, 30);
  EXPECT_EQ((*sets)[1].values[0], "\"x\"");
  std::string url = aws.Last().url;
  EXPECT_NE(url.find("name=b.example.com."), std::string::npos) << url;
  EXPECT_NE(url.find("type=TXT"), std::string::npos) << url;
}

}  // namespace
}  // namespace tectonic::aws
