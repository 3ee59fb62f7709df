// S3 against moto: private SSE-KMS bucket with tags and public access block; objects.
#include "aws/kms.h"
#include "aws/s3.h"
#include "tests/integration/aws/services_fixture.h"

namespace tectonic::aws {
namespace {

class S3MotoTest : public MotoServicesTest {};

TEST_F(S3MotoTest, BucketAndObjectsLifecycle) {
  auto key = Kms(client()).CreateKey({});
  ASSERT_TRUE(key.ok());
  S3 s3(client());
  const std::string bucket = "tectonic-c1-u1";
  EXPECT_EQ(s3.HeadBucket(bucket).code(), StatusCode::kNotFound);
  ASSERT_TRUE(s3.CreateBucket(bucket).ok());
  ASSERT_TRUE(s3.HeadBucket(bucket).ok());
  Status enc = s3.PutBucketEncryption(bucket, key->arn);
  ASSERT_TRUE(enc.ok()) << enc.ToString();
  Status pab = s3.PutPublicAccessBlock(bucket);
  ASSERT_TRUE(pab.ok()) << pab.ToString();
  EXPECT_TRUE(s3.GetBucketTagging(bucket)->empty());
  ASSERT_TRUE(s3.PutBucketTagging(bucket, {{"tectonicClusterID", "u-1"}, {"Name", "c1"}}).ok());
  auto tags = s3.GetBucketTagging(bucket);
  ASSERT_TRUE(tags.ok()) << tags.status().ToString();
  EXPECT_EQ(tags->at("tectonicClusterID"), "u-1");

  const std::string body = "{\"ignition\":{\"version\":\"3.4.0\"}}";
  auto etag = s3.PutObject({bucket, "ignition/master.ign", body, "application/json", key->arn});
  ASSERT_TRUE(etag.ok()) << etag.status().ToString();
  EXPECT_FALSE(etag->empty());
  ASSERT_TRUE(s3.PutObject({bucket, "ignition/worker config.ign", "w", "", ""}).ok());
  auto head = s3.HeadObject(bucket, "ignition/master.ign");
  ASSERT_TRUE(head.ok()) << head.status().ToString();
  EXPECT_EQ(head->size, static_cast<int64_t>(body.size()));
  EXPECT_EQ(head->server_side_encryption, "aws:kms");
  auto got = s3.GetObject(bucket, "ignition/worker config.ign");
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->body, "w");
  auto listed = s3.ListObjectsV2(bucket, "ignition/");
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  ASSERT_EQ(listed->size(), 2u);

  EXPECT_FALSE(s3.DeleteBucket(bucket).ok());  // not empty
  ASSERT_TRUE(s3.DeleteObject(bucket, "ignition/master.ign").ok());
  EXPECT_EQ(s3.HeadObject(bucket, "ignition/master.ign").status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(s3.DeleteObjects(bucket, {"ignition/worker config.ign"}).ok());
  EXPECT_TRUE(s3.ListObjectsV2(bucket)->empty());
  ASSERT_TRUE(s3.DeleteBucket(bucket).ok());
  EXPECT_EQ(s3.HeadBucket(bucket).code(), StatusCode::kNotFound);
}

TEST_F(S3MotoTest, ListObjectsV2PagesPastAThousandKeys) {
  S3 s3(client());
  ASSERT_TRUE(s3.CreateBucket("many").ok());
  std::vector<std::string> keys;
  for (int i = 0; i < 1005; ++i) {
    keys.push_back("k/" + std::to_string(i));
    ASSERT_TRUE(s3.PutObject({"many", keys.back(), "x", "", ""}).ok());
  }
  auto listed = s3.ListObjectsV2("many", "k/");
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  EXPECT_EQ(listed->size(), 1005u);
  ASSERT_TRUE(s3.DeleteObjects("many", keys).ok());
  EXPECT_TRUE(s3.ListObjectsV2("many")->empty());
}

}  // namespace
}  // namespace tectonic::aws
