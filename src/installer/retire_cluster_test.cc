#include "installer/retire_cluster.h"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <thread>

#include "engine/events.h"
#include "engine/journal.h"
#include "installer/dir_lock.h"
#include "installer/installer.h"
#include "installer/stack_path.h"
#include "model/cluster_metadata.h"
#include "tests/support/process.h"
#include "util/files.h"

namespace tectonic::installer {
namespace {

namespace fs = std::filesystem;

model::ClusterConfig Config() {
  model::ClusterConfig c;
  c.name = "demo";
  c.aws.region = "us-east-1";
  return c;
}

// A directory whose cluster was created: metadata, a journal bound to it, a stack record.
model::ClusterDir Created(const std::string& root, std::string* cluster_id) {
  model::ClusterDir dir{root};
  auto meta = model::LoadOrCreateMetadata(dir, Config());
  EXPECT_TRUE(meta.ok());
  *cluster_id = meta->cluster_id;
  auto journal = engine::Journal::Open(dir.Journal());
  EXPECT_TRUE(journal.ok());
  EXPECT_TRUE((*journal)->SetMeta("cluster_id", meta->cluster_id).ok());
  EXPECT_TRUE(
      (*journal)->Record("vpc", "ec2:vpc", engine::NodeState::kReady, {{"id", "vpc-1"}}).ok());
  EXPECT_TRUE(files::WriteAtomic(StackRecordPath(dir), "{\"stack\": \"tectonic-demo\"}\n").ok());
  return dir;
}

TEST(RetireClusterTest, RetiresIdAndClearsJournalAndStackRecord) {
  testing::TempDir tmp;
  std::string first;
  model::ClusterDir dir = Created(tmp.path(), &first);
  ASSERT_TRUE(files::WriteAtomic(dir.ConfigFile(), "name: demo\n").ok());

  ASSERT_TRUE(RetireClusterDir(dir).ok());
  EXPECT_FALSE(fs::exists(dir.Journal()));
  EXPECT_FALSE(fs::exists(dir.Journal().string() + "-wal"));
  EXPECT_FALSE(fs::exists(StackRecordPath(dir)));
  EXPECT_TRUE(fs::exists(dir.ConfigFile()));  // the user's configuration stays
  EXPECT_EQ(model::LoadMetadata(dir).status().code(), StatusCode::kNotFound);
  ASSERT_EQ(model::LoadDestroyedClusters(dir)->size(), 1u);
  EXPECT_EQ(model::LoadDestroyedClusters(dir)->back().cluster.cluster_id, first);
  // Again: nothing to do.
  EXPECT_TRUE(RetireClusterDir(dir).ok());
  EXPECT_EQ(model::LoadDestroyedClusters(dir)->size(), 1u);
}

TEST(RetireClusterTest, ClearRetiredStateFinishesACutShortRetirementOnly) {
  testing::TempDir tmp;
  std::string first;
  model::ClusterDir dir = Created(tmp.path(), &first);
  // A living cluster's journal is never touched.
  ASSERT_TRUE(ClearRetiredState(dir).ok());
  EXPECT_TRUE(fs::exists(dir.Journal()));
  EXPECT_TRUE(fs::exists(StackRecordPath(dir)));

  // Killed after the id was retired, before the journal went: the next create clears it, and
  // the new cluster's journal binds to the new id.
  ASSERT_TRUE(model::RetireMetadata(dir).ok());
  ASSERT_TRUE(ClearRetiredState(dir).ok());
  EXPECT_FALSE(fs::exists(dir.Journal()));
  EXPECT_FALSE(fs::exists(StackRecordPath(dir)));
  auto second = model::LoadOrCreateMetadata(dir, Config());
  ASSERT_TRUE(second.ok());
  EXPECT_NE(second->cluster_id, first);
  auto journal = engine::Journal::Open(dir.Journal());
  ASSERT_TRUE(journal.ok());
  EXPECT_TRUE((*journal)->LoadAll()->empty());
}

// Tells when a run starts waiting for the directory's lock.
class LockWaitSink : public engine::EventSink {
 public:
  void Emit(const engine::Event& event) override {
    if (event.type == engine::EventType::kPhaseStarted && event.key == "lock" && !seen_) {
      seen_ = true;
      waiting_.set_value();
    }
  }
  std::future<void> Waiting() { return waiting_.get_future(); }

 private:
  bool seen_ = false;
  std::promise<void> waiting_;
};

// destroy --wait-lock reads the directory again once it holds the lock: a cluster destroyed
// meanwhile is nothing to destroy, and a new cluster created meanwhile is not taken for the old.
TEST(RetireClusterTest, DestroyWaitingForTheLockReadsTheDirectoryAgain) {
  for (bool created_again : {false, true}) {
    testing::TempDir tmp;
    std::string first;
    model::ClusterDir dir = Created(tmp.path(), &first);
    DirLockOptions hold_options;
    hold_options.operation = "destroy cluster";
    auto hold = DirLock::Acquire(dir.root, hold_options);
    ASSERT_TRUE(hold.ok());
    LockWaitSink sink;
    auto waiting = sink.Waiting();
    DestroyOptions options;
    options.dir = dir.root;
    options.wait_lock = true;
    options.events = &sink;
    DestroyOutcome out;
    std::thread destroy([&] { out = DestroyCluster(options); });
    bool waited = waiting.wait_for(std::chrono::seconds(60)) == std::future_status::ready;
    EXPECT_TRUE(waited);
    // Meanwhile the holder destroys the cluster (and a create draws a new id).
    EXPECT_TRUE(RetireClusterDir(dir).ok());
    std::string second;
    if (created_again) second = model::LoadOrCreateMetadata(dir, Config())->cluster_id;
    hold->reset();
    destroy.join();
    if (!waited) continue;
    if (created_again) {
      EXPECT_EQ(out.status.code(), StatusCode::kInvalidInput) << out.status.ToString();
      EXPECT_NE(out.status.message().find("changed from " + first + " to " + second),
                std::string::npos)
          << out.status.ToString();
      EXPECT_EQ(model::LoadMetadata(dir)->cluster_id, second);
    } else {
      EXPECT_TRUE(out.status.ok()) << out.status.ToString();
      EXPECT_NE(out.nothing_to_destroy.find(first), std::string::npos) << out.nothing_to_destroy;
    }
  }
}

}  // namespace
}  // namespace tectonic::installer
