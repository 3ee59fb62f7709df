#include "engine/journal.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <thread>

#include "tests/support/process.h"

namespace tectonic::engine {
namespace {

TEST(JournalTest, RecordSurvivesReopen) {
  ::tectonic::testing::TempDir dir;
  auto path = std::filesystem::path(dir.path()) / "state.db";
  {
    auto journal = Journal::Open(path);
    ASSERT_TRUE(journal.ok()) << journal.status().ToString();
    JournalEntry e;
    e.key = "vpc";
    e.kind = "ec2.vpc";
    e.state = NodeState::kCreated;
    e.outputs = {{"id", "vpc-1"}};
    e.deps = {"a", "b"};
    e.props = {{"cidr", "10.0.0.0/16"}};
    e.props_hash = "h";
    ASSERT_TRUE((*journal)->Record(e).ok());
    // The short form keeps deps and props.
    ASSERT_TRUE(
        (*journal)->Record("vpc", "ec2.vpc", NodeState::kReady, {{"id", "vpc-1"}, {"x", 2}}).ok());
    ASSERT_TRUE((*journal)->Record("igw", "ec2.igw", NodeState::kCreating, {}).ok());
    ASSERT_TRUE((*journal)->SetMeta("cluster_id", "c-1").ok());
  }
  auto journal = Journal::Open(path);
  ASSERT_TRUE(journal.ok());
  auto all = (*journal)->LoadAll();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  const JournalEntry& vpc = (*all)[1];
  EXPECT_EQ(vpc.key, "vpc");
  EXPECT_EQ(vpc.state, NodeState::kReady);
  EXPECT_EQ(vpc.outputs["x"], 2);
  EXPECT_EQ(vpc.deps, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(vpc.props["cidr"], "10.0.0.0/16");
  EXPECT_EQ(vpc.props_hash, "h");
  EXPECT_GT(vpc.updated_at, 0);
  EXPECT_EQ((*all)[0].state, NodeState::kCreating);
  auto meta = (*journal)->GetMeta("cluster_id");
  ASSERT_TRUE(meta.ok());
  EXPECT_EQ(meta->value_or(""), "c-1");
  auto version = (*journal)->GetMeta("schema_version");
  EXPECT_EQ(version->value_or(""), "1");

  ASSERT_TRUE((*journal)->Remove("vpc").ok());
  auto gone = (*journal)->Get("vpc");
  ASSERT_TRUE(gone.ok());
  EXPECT_FALSE(gone->has_value());
}

TEST(JournalTest, FileIsPrivateAndWal) {
  ::tectonic::testing::TempDir dir;
  auto path = std::filesystem::path(dir.path()) / "state.db";
  auto journal = Journal::Open(path);
  ASSERT_TRUE(journal.ok());
  ASSERT_TRUE((*journal)->Record("k", "x.y", NodeState::kCreated, {{"id", "1"}}).ok());
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_TRUE(std::filesystem::exists(path.string() + "-wal"));
}

TEST(JournalTest, ConcurrentRecordsAllLand) {
  ::tectonic::testing::TempDir dir;
  auto journal = Journal::Open(std::filesystem::path(dir.path()) / "state.db");
  ASSERT_TRUE(journal.ok());
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        EXPECT_TRUE((*journal)
                        ->Record("n" + std::to_string(t) + "-" + std::to_string(i), "a.b",
                                 NodeState::kReady, {{"id", i}})
                        .ok());
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ((*journal)->LoadAll()->size(), 40u);
}

TEST(JournalTest, UnopenablePathIsAnError) {
  auto journal = Journal::Open("/nonexistent-dir/state.db");
  EXPECT_FALSE(journal.ok());
}

}  // namespace
}  // namespace tectonic::engine
