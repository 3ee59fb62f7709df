// S3 over a fake transport: Content-MD5 on checksummed bodies, region rule, paging.
#include "aws/s3.h"

#include <gtest/gtest.h>

#include "aws/services_test_util.h"

namespace tectonic::aws {
namespace {

using testing::FakeAws;

std::string HeaderOf(const HttpRequest& r, const std::string& name) {
  return HttpResponse{0, r.headers, ""}.Header(name);
}

TEST(S3Test, ContentMd5MatchesAKnownVector) {
  // RFC 1321 test vector: MD5("abc") = 900150983cd24fb0d6963f7d28e17f72.
  EXPECT_EQ(encoding::ContentMd5("abc"), "kAFQmDzST7DWlj99KOF/cg==");
}

TEST(S3Test, PutBucketEncryptionSendsKmsRuleWithContentMd5) {
  FakeAws aws;
  aws.transport->Then(200, "");
  S3 s3(aws.client);
  ASSERT_TRUE(s3.PutBucketEncryption("b1", "arn:aws:kms:us-east-1:1:key/k").ok());
  HttpRequest req = aws.Last();
  EXPECT_EQ(req.method, "PUT");
  EXPECT_EQ(req.url, "http://127.0.0.1:9/b1?encryption");
  EXPECT_EQ(HeaderOf(req, "Content-MD5"), encoding::ContentMd5(req.body));
  EXPECT_NE(req.body.find("<SSEAlgorithm>aws:kms</SSEAlgorithm>"), std::string::npos);
  EXPECT_NE(req.body.find("<KMSMasterKeyID>arn:aws:kms:us-east-1:1:key/k</KMSMasterKeyID>"),
            std::string::npos);
}

TEST(S3Test, PublicAccessBlockAndTaggingCarryContentMd5) {
  FakeAws aws;
  aws.transport->Then(200, "");
  S3 s3(aws.client);
  ASSERT_TRUE(s3.PutPublicAccessBlock("b1").ok());
  EXPECT_EQ(HeaderOf(aws.Last(), "Content-MD5"), encoding::ContentMd5(aws.Last().body));
  EXPECT_NE(aws.Last().body.find("<RestrictPublicBuckets>true</RestrictPublicBuckets>"),
            std::string::npos);
  ASSERT_TRUE(s3.PutBucketTagging("b1", {{"k", "v & w"}}).ok());
  EXPECT_EQ(aws.Last().url, "http://127.0.0.1:9/b1?tagging");
  EXPECT_EQ(HeaderOf(aws.Last(), "Content-MD5"), encoding::ContentMd5(aws.Last().body));
  EXPECT_NE(aws.Last().body.find("<Value>v &amp; w</Value>"), std::string::npos);
}

TEST(S3Test, CreateBucketOmitsLocationConstraintOnlyInUsEast1) {
  FakeAws east("us-east-1");
  east.transport->Then(200, "");
  ASSERT_TRUE(S3(east.client).CreateBucket("b1").ok());
  EXPECT_TRUE(east.Last().body.empty());
  FakeAws west("eu-west-1");
  west.transport->Then(200, "");
  ASSERT_TRUE(S3(west.client).CreateBucket("b1").ok());
  EXPECT_NE(west.Last().body.find("<LocationConstraint>eu-west-1</LocationConstraint>"),
            std::string::npos);
}

TEST(S3Test, PutObjectEncodesTheKeyAndSendsSseHeaders) {
  FakeAws aws;
  aws.transport->Then(200, "", {{"ETag", "\"abc\""}});
  S3 s3(aws.client);
  auto etag = s3.PutObject({"b1", "ignition/master config.ign", "{}", "application/json", "k1"});
  ASSERT_TRUE(etag.ok());
  EXPECT_EQ(*etag, "\"abc\"");
  HttpRequest req = aws.Last();
  EXPECT_EQ(req.url, "http://127.0.0.1:9/b1/ignition/master%20config.ign");
  EXPECT_EQ(HeaderOf(req, "x-amz-server-side-encryption"), "aws:kms");
  EXPECT_EQ(HeaderOf(req, "x-amz-server-side-encryption-aws-kms-key-id"), "k1");
}

TEST(S3Test, ListObjectsV2FollowsTheContinuationToken) {
  FakeAws aws;
  aws.transport->Then(200, R"(<ListBucketResult><Contents><Key>a</Key><Size>1</Size></Contents>
<Contents><Key>b</Key><Size>2</Size></Contents><IsTruncated>true</IsTruncated>
<NextContinuationToken>t/2=</NextContinuationToken></ListBucketResult>)");
  aws.transport->Then(200, R"(<ListBucketResult><Contents><Key>c</Key><Size>3</Size></Contents>
<IsTruncated>false</IsTruncated></ListBucketResult>)");
  S3 s3(aws.client);
  auto objects = s3.ListObjectsV2("b1", "ign/");
  ASSERT_TRUE(objects.ok());
  ASSERT_EQ(objects->size(), 3u);
  EXPECT_EQ((*objects)[2].key, "c");
  EXPECT_EQ((*objects)[1].size, 2);
  EXPECT_NE(aws.Last().url.find("continuation-token=t%2F2%3D"), std::string::npos)
      << aws.Last().url;
}

TEST(S3Test, MissingTagSetIsEmptyTags) {
  FakeAws aws;
  aws.transport->Then(404, "<Error><Code>NoSuchTagSet</Code><Message>none</Message></Error>");
  auto tags = S3(aws.client).GetBucketTagging("b1");
  ASSERT_TRUE(tags.ok()) << tags.status().ToString();
  EXPECT_TRUE(tags->empty());
}

}  // namespace
}  // namespace tectonic::aws
