// kms.key, kms.alias, s3.bucket, s3.object as CloudFormation.
#include <gtest/gtest.h>

#include "cloudformation/test_util.h"

namespace tectonic::cloudformation {
namespace {

using namespace testing;  // NOLINT: test helpers

TEST(StorageTest, KeyIsDeletedWithTheHandlersPendingWindow) {
  const Template tmpl = Build(DefaultGraph());
  EXPECT_EQ(Resource(tmpl, "kms/key")["Type"], "AWS::KMS::Key");
  const Json& key = Props(tmpl, "kms/key");
  EXPECT_EQ(key["PendingWindowInDays"], 7);
  EXPECT_EQ(key["KeySpec"], "SYMMETRIC_DEFAULT");
  EXPECT_EQ(key["Description"], std::string("tectonic cluster demo (") + kClusterId + ")");
  EXPECT_EQ(Props(tmpl, "kms/alias")["AliasName"], "alias/tectonic/demo");
  EXPECT_EQ(Props(tmpl, "kms/alias")["TargetKeyId"], Ref("kms/key"));
}

TEST(StorageTest, BucketIsEncryptedWithTheClusterKeyAndPrivate) {
  const Template tmpl = Build(DefaultGraph());
  const Json& bucket = Props(tmpl, "s3/bucket");
  EXPECT_EQ(bucket["BucketName"], "demo-tectonic-0b8a3c1e5f2d");
  const Json& rule = bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"][0];
  EXPECT_EQ(rule["ServerSideEncryptionByDefault"]["SSEAlgorithm"], "aws:kms");
  EXPECT_EQ(rule["ServerSideEncryptionByDefault"]["KMSMasterKeyID"], Att("kms/key", "Arn"));
  EXPECT_EQ(rule["BucketKeyEnabled"], true);
  for (const char* flag :
       {"BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"}) {
    EXPECT_EQ(bucket["PublicAccessBlockConfiguration"][flag], true) << flag;
  }
}

TEST(StorageTest, AUserKeyArnIsUsedLiterallyAndNoKeyIsMade) {
  auto config = topology::testing::DefaultConfig();
  config.aws.kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/user";
  const Template tmpl = Build(GraphOf(config, topology::testing::DefaultInputs(config)));
  EXPECT_TRUE(Resource(tmpl, "kms/key").is_null());
  EXPECT_EQ(Props(tmpl, "s3/bucket")["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]
                                    ["ServerSideEncryptionByDefault"]["KMSMasterKeyID"],
            config.aws.kms_key_arn);
}

TEST(StorageTest, IgnitionObjectsAreLeftOutWithTheReason) {
  const Template tmpl = Build(DefaultGraph());
  ASSERT_FALSE(tmpl.left_out.empty());
  for (const auto& left : tmpl.left_out) {
    EXPECT_EQ(left.kind, "s3.object");
    EXPECT_NE(left.reason.find("engine uploads"), std::string::npos);
  }
}

}  // namespace
}  // namespace tectonic::cloudformation
