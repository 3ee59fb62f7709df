#include "model/cluster_metadata.h"

#include <sys/stat.h>

#include <gtest/gtest.h>

#include "tests/support/process.h"
#include "util/files.h"
#include "util/uuid.h"

namespace tectonic::model {
namespace {

ClusterConfig Config(const std::string& name, const std::string& region) {
  ClusterConfig c;
  c.name = name;
  c.aws.region = region;
  return c;
}

TEST(ClusterMetadataTest, CreatesOnceAndReuses) {
  testing::TempDir tmp;
  ClusterDir dir{tmp.path()};
  auto first = LoadOrCreateMetadata(dir, Config("demo", "us-east-1"));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_TRUE(IsUuid(first->cluster_id));
  EXPECT_EQ(first->created_at.size(), 20u);
  struct stat st {};
  ASSERT_EQ(::stat(dir.Metadata().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto second = LoadOrCreateMetadata(dir, Config("demo", "us-east-1"));
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->cluster_id, first->cluster_id);
  EXPECT_EQ(second->created_at, first->created_at);
}

TEST(ClusterMetadataTest, RefusesAnotherCluster) {
  testing::TempDir tmp;
  ClusterDir dir{tmp.path()};
  ASSERT_TRUE(LoadOrCreateMetadata(dir, Config("demo", "us-east-1")).ok());
  auto renamed = LoadOrCreateMetadata(dir, Config("other", "us-east-1"));
  ASSERT_FALSE(renamed.ok());
  EXPECT_EQ(renamed.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(renamed.status().message().find("belongs to cluster 'demo' in us-east-1"),
            std::string::npos);
  EXPECT_FALSE(LoadOrCreateMetadata(dir, Config("demo", "eu-west-1")).ok());
}

TEST(ClusterMetadataTest, DamagedFileIsAnError) {
  testing::TempDir tmp;
  ClusterDir dir{tmp.path()};
  ASSERT_TRUE(files::WriteAtomic(dir.Metadata(), "{\"name\": \"demo\"}").ok());
  auto meta = LoadOrCreateMetadata(dir, Config("demo", "us-east-1"));
  ASSERT_FALSE(meta.ok());
  EXPECT_NE(meta.status().message().find("damaged"), std::string::npos);
  EXPECT_EQ(LoadMetadata(ClusterDir{tmp.path() + "/none"}).status().code(), StatusCode::kNotFound);
}

TEST(ClusterMetadataTest, RetiredIdIsNeverReusedAndHistoryKept) {
  testing::TempDir tmp;
  ClusterDir dir{tmp.path()};
  auto first = LoadOrCreateMetadata(dir, Config("demo", "us-east-1"));
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(RetireMetadata(dir).ok());
  struct stat st {};
  ASSERT_EQ(::stat(dir.Metadata().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);

  // No living cluster: NotFound, saying which one was destroyed.
  auto gone = LoadMetadata(dir);
  ASSERT_EQ(gone.status().code(), StatusCode::kNotFound);
  EXPECT_NE(gone.status().message().find(first->cluster_id + " ('demo' in us-east-1)"),
            std::string::npos);
  EXPECT_NE(gone.status().message().find("was destroyed at"), std::string::npos);
  auto history = LoadDestroyedClusters(dir);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].cluster.cluster_id, first->cluster_id);
  EXPECT_EQ((*history)[0].cluster.created_at, first->created_at);
  EXPECT_EQ((*history)[0].destroyed_at.size(), 20u);
  // Retiring again changes nothing.
  ASSERT_TRUE(RetireMetadata(dir).ok());
  EXPECT_EQ(LoadDestroyedClusters(dir)->size(), 1u);

  // The directory is free again, for another name too; the new id is new.
  auto second = LoadOrCreateMetadata(dir, Config("other", "eu-west-1"));
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_TRUE(IsUuid(second->cluster_id));
  EXPECT_NE(second->cluster_id, first->cluster_id);
  EXPECT_EQ(LoadMetadata(dir)->cluster_id, second->cluster_id);
  EXPECT_EQ(LoadDestroyedClusters(dir)->size(), 1u);

  ASSERT_TRUE(RetireMetadata(dir).ok());
  history = LoadDestroyedClusters(dir);
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[1].cluster.cluster_id, second->cluster_id);
  EXPECT_EQ((*history)[1].cluster.name, "other");
}

TEST(ClusterMetadataTest, RetireWithoutClusterIsNoOpAndDamagedHistoryIsAnError) {
  testing::TempDir tmp;
  ClusterDir dir{tmp.path()};
  EXPECT_TRUE(RetireMetadata(dir).ok());
  EXPECT_FALSE(std::filesystem::exists(dir.Metadata()));
  EXPECT_TRUE(LoadDestroyedClusters(dir)->empty());
  ASSERT_TRUE(files::WriteAtomic(dir.Metadata(), "{\"destroyed\": [{\"name\": \"x\"}]}").ok());
  auto meta = LoadMetadata(dir);
  EXPECT_EQ(meta.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(meta.status().message().find("damaged"), std::string::npos);
  EXPECT_FALSE(LoadOrCreateMetadata(dir, Config("demo", "us-east-1")).ok());
  ASSERT_TRUE(files::WriteAtomic(dir.Metadata(), "{\"destroyed\": []}").ok());
  EXPECT_EQ(LoadMetadata(dir).status().code(), StatusCode::kInvalidInput);
}

}  // namespace
}  // namespace tectonic::model
