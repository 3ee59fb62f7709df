// Kms against moto: key with tags, alias, usable (Encrypt, GenerateDataKey), deletion.
#include "aws/kms.h"
#include "tests/integration/aws/services_fixture.h"

namespace tectonic::aws {
namespace {

class KmsMotoTest : public MotoServicesTest {};

TEST_F(KmsMotoTest, KeyAliasTagsLifecycle) {
  Kms kms(client());
  CreateKeyInput in;
  in.description = "tectonic c1";
  in.tags = {{"tectonicClusterID", "u-1"}};
  auto key = kms.CreateKey(in);
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  EXPECT_TRUE(key->enabled);
  EXPECT_EQ(key->key_state, "Enabled");
  ASSERT_TRUE(kms.CreateAlias("alias/tectonic/c1", key->key_id).ok());
  auto by_alias = kms.DescribeKey("alias/tectonic/c1");
  ASSERT_TRUE(by_alias.ok()) << by_alias.status().ToString();
  EXPECT_EQ(by_alias->arn, key->arn);
  auto aliases = kms.ListAliases(key->key_id);
  ASSERT_TRUE(aliases.ok()) << aliases.status().ToString();
  ASSERT_EQ(aliases->size(), 1u);
  EXPECT_EQ((*aliases)[0].name, "alias/tectonic/c1");

  auto enc = kms.Encrypt("alias/tectonic/c1", "preflight");
  ASSERT_TRUE(enc.ok()) << enc.status().ToString();
  EXPECT_FALSE(enc->ciphertext.empty());
  auto dk = kms.GenerateDataKey(key->key_id);
  ASSERT_TRUE(dk.ok()) << dk.status().ToString();
  EXPECT_EQ(dk->plaintext.size(), 32u);

  ASSERT_TRUE(kms.TagResource(key->key_id, {{"extra", "1"}}).ok());
  auto tags = kms.ListResourceTags(key->key_id);
  ASSERT_TRUE(tags.ok()) << tags.status().ToString();
  EXPECT_EQ(tags->at("tectonicClusterID"), "u-1");
  EXPECT_EQ(tags->at("extra"), "1");

  ASSERT_TRUE(kms.DeleteAlias("alias/tectonic/c1").ok());
  EXPECT_TRUE(kms.ListAliases(key->key_id)->empty());
  auto when = kms.ScheduleKeyDeletion(key->key_id, 7);
  ASSERT_TRUE(when.ok()) << when.status().ToString();
  EXPECT_GT(*when, 0);
  EXPECT_EQ(kms.DescribeKey(key->key_id)->key_state, "PendingDeletion");
  // moto 5.2.1 still encrypts with a key pending deletion (AWS refuses: KMSInvalidStateException).
}

}  // namespace
}  // namespace tectonic::aws
