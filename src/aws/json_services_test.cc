// Kms, Tagging, ServiceQuotas over a fake transport (JSON 1.1).
#include <gtest/gtest.h>

#include "aws/kms.h"
#include "aws/servicequotas.h"
#include "aws/services_test_util.h"
#include "aws/tagging.h"

namespace tectonic::aws {
namespace {

using nlohmann::json;
using testing::FakeAws;

json Body(const HttpRequest& r) { return json::parse(r.body); }

TEST(KmsTest, CreateKeySendsTagsAndParsesMetadata) {
  FakeAws aws;
  aws.transport->Then(200, R"({"KeyMetadata":{"KeyId":"k1","Arn":"arn:aws:kms:us-east-1:1:key/k1",
"Enabled":true,"KeyState":"Enabled","CreationDate":1700000000.5}})");
  auto key =
      Kms(aws.client)
          .CreateKey({"cluster key", "ENCRYPT_DECRYPT", "SYMMETRIC_DEFAULT", "", {{"k", "v"}}});
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  EXPECT_EQ(key->key_id, "k1");
  EXPECT_TRUE(key->enabled);
  EXPECT_DOUBLE_EQ(key->creation_date, 1700000000.5);
  json body = Body(aws.Last());
  EXPECT_EQ(body["Description"], "cluster key");
  EXPECT_EQ(body["Tags"][0]["TagKey"], "k");
  EXPECT_EQ(body["Tags"][0]["TagValue"], "v");
  HttpResponse sent{0, aws.Last().headers, ""};
  EXPECT_EQ(sent.Header("X-Amz-Target"), "TrentService.CreateKey");
}

TEST(KmsTest, EncryptAndDataKeyUseBase64OnTheWire) {
  FakeAws aws;
  aws.transport->Then(200, R"({"CiphertextBlob":"AAEC","KeyId":"arn:k"})");
  aws.transport->Then(200, R"({"CiphertextBlob":"AAEC","Plaintext":"AQID","KeyId":"arn:k"})");
  auto enc = Kms(aws.client).Encrypt("alias/x", "hi");
  ASSERT_TRUE(enc.ok());
  EXPECT_EQ(enc->ciphertext, std::string("\x00\x01\x02", 3));
  EXPECT_EQ(Body(aws.Last())["Plaintext"], "aGk=");
  auto dk = Kms(aws.client).GenerateDataKey("alias/x");
  ASSERT_TRUE(dk.ok());
  EXPECT_EQ(dk->plaintext, std::string("\x01\x02\x03", 3));
  EXPECT_EQ(Body(aws.Last())["KeySpec"], "AES_256");
}

TEST(KmsTest, ListAliasesFollowsTruncatedMarker) {
  FakeAws aws;
  aws.transport->Then(
      200,
      R"({"Aliases":[{"AliasName":"alias/a","TargetKeyId":"k1"}],"Truncated":true,"NextMarker":"m"})");
  aws.transport->Then(200, R"({"Aliases":[{"AliasName":"alias/b"}],"Truncated":false})");
  auto aliases = Kms(aws.client).ListAliases();
  ASSERT_TRUE(aliases.ok());
  ASSERT_EQ(aliases->size(), 2u);
  EXPECT_EQ((*aliases)[0].target_key_id, "k1");
  EXPECT_EQ(Body(aws.Last())["Marker"], "m");
}

// An operation without output may answer `null` (moto's CreateAlias); any other non-object
// answer is an error, never a throw out of the client.
TEST(KmsTest, NullAnswerIsNoMembersButANumberIsAnError) {
  FakeAws aws;
  aws.transport->Then(200, "null");
  aws.transport->Then(200, "8");
  EXPECT_TRUE(Kms(aws.client).CreateAlias("alias/tectonic/c1", "k1").ok());
  auto aliases = Kms(aws.client).ListAliases();
  ASSERT_FALSE(aliases.ok());
  EXPECT_NE(aliases.status().ToString().find("not an object"), std::string::npos);
}

TEST(TaggingTest, GetResourcesPagesUntilTheTokenIsEmpty) {
  FakeAws aws;
  aws.transport->Then(
      200,
      R"({"PaginationToken":"p2","ResourceTagMappingList":[{"ResourceARN":"arn:1","Tags":[{"Key":"c","Value":"owned"}]}]})");
  aws.transport->Then(
      200,
      R"({"PaginationToken":"","ResourceTagMappingList":[{"ResourceARN":"arn:2","Tags":[]}]})");
  auto res =
      Tagging(aws.client).GetResources({{"kubernetes.io/cluster/c1", {"owned"}}}, {"ec2:vpc"});
  ASSERT_TRUE(res.ok());
  ASSERT_EQ(res->size(), 2u);
  EXPECT_EQ((*res)[0].tags.at("c"), "owned");
  json body = Body(aws.Last());
  EXPECT_EQ(body["PaginationToken"], "p2");
  EXPECT_EQ(body["TagFilters"][0]["Key"], "kubernetes.io/cluster/c1");
  EXPECT_EQ(body["ResourceTypeFilters"][0], "ec2:vpc");
  EXPECT_EQ(aws.transport->requests().size(), 2u);
}

TEST(ServiceQuotasTest, GetServiceQuotaReturnsTheValue) {
  FakeAws aws;
  aws.transport->Then(
      200,
      R"({"Quota":{"ServiceCode":"vpc","QuotaCode":"L-F678F1CE","QuotaName":"VPCs per Region","Value":5.0,"Adjustable":true}})");
  auto q = ServiceQuotas(aws.client).GetServiceQuota("vpc", "L-F678F1CE");
  ASSERT_TRUE(q.ok());
  EXPECT_DOUBLE_EQ(q->value, 5.0);
  EXPECT_TRUE(q->adjustable);
}

}  // namespace
}  // namespace tectonic::aws
