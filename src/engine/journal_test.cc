#include "engine/journal.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
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

// A damaged state.db: a clear error that names the file and what is wrong, and the file is
// left exactly as it was (the user may want to keep it).
class DamagedJournalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::path(dir_.path()) / "state.db";
    auto journal = Journal::Open(path_);
    ASSERT_TRUE(journal.ok());
    for (int i = 0; i < 48; ++i) {  // ~25 pages, so cutting the file loses some
      JournalEntry e;
      e.key = "node/" + std::to_string(i);
      e.kind = "ec2.subnet";
      e.state = NodeState::kReady;
      e.outputs = {{"id", "subnet-" + std::to_string(i)}};
      e.props = {{"cidr", "10.0." + std::to_string(i) + ".0/24"}, {"pad", std::string(2000, 'x')}};
      ASSERT_TRUE((*journal)->Record(e).ok());
    }
  }
  std::string Bytes() {
    std::ifstream in(path_, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }
  void Write(const std::string& bytes) {
    std::ofstream(path_, std::ios::binary | std::ios::trunc) << bytes;
  }
  void ExpectDamaged(const std::string& what) {
    std::string before = Bytes();
    Status verified = Journal::Verify(path_);
    EXPECT_EQ(verified.code(), StatusCode::kInvalidInput) << what;
    EXPECT_NE(verified.message().find("is damaged"), std::string::npos) << verified.message();
    EXPECT_NE(verified.message().find(path_.string()), std::string::npos) << verified.message();
    auto opened = Journal::Open(path_);
    ASSERT_FALSE(opened.ok()) << what;
    EXPECT_EQ(opened.status().message(), verified.message());
    EXPECT_EQ(Bytes(), before) << what << ": the damaged file was changed";
  }
  ::tectonic::testing::TempDir dir_;
  std::filesystem::path path_;
};

TEST_F(DamagedJournalTest, SoundAbsentAndEmptyJournalsVerify) {
  EXPECT_TRUE(Journal::Verify(path_).ok());
  EXPECT_TRUE(Journal::Verify(path_.parent_path() / "absent.db").ok());
  Write("");
  EXPECT_TRUE(Journal::Verify(path_).ok());
}

TEST_F(DamagedJournalTest, RandomBytes) {
  std::string noise(Bytes().size(), '\0');
  std::uint32_t x = 2463534242u;
  for (char& c : noise) {
    x ^= x << 13, x ^= x >> 17, x ^= x << 5;  // xorshift: fixed, so the test is repeatable
    c = static_cast<char>(x);
  }
  Write(noise);
  ExpectDamaged("random bytes");
}

TEST_F(DamagedJournalTest, CutInHalf) {
  std::string bytes = Bytes();
  ASSERT_GT(bytes.size(), 8u * 4096) << "too small to lose pages";
  Write(bytes.substr(0, bytes.size() / 2));
  ExpectDamaged("cut in half");
}

TEST_F(DamagedJournalTest, CutInsideTheHeader) {
  Write(Bytes().substr(0, 50));
  ExpectDamaged("cut inside the 100-byte header");
}

TEST_F(DamagedJournalTest, OverwrittenPages) {
  std::string bytes = Bytes();
  for (size_t i = 2 * 4096; i < 4 * 4096 && i < bytes.size(); ++i) bytes[i] = '\x5a';
  Write(bytes);
  ExpectDamaged("two pages overwritten");
}

TEST_F(DamagedJournalTest, JournalOfAKilledWriterIsSound) {
  // kill -9 leaves the WAL and its index behind: that is a sound journal, not a damaged one.
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto journal = Journal::Open(path_);
    bool ok = journal.ok() && (*journal)->Record("late", "ec2.vpc", NodeState::kCreated, {}).ok();
    ::_exit(ok ? 0 : 1);  // no close, no checkpoint
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  ASSERT_TRUE(std::filesystem::exists(path_.string() + "-wal"));
  EXPECT_TRUE(Journal::Verify(path_).ok()) << Journal::Verify(path_).ToString();
  auto journal = Journal::Open(path_);
  ASSERT_TRUE(journal.ok()) << journal.status().ToString();
  auto late = (*journal)->Get("late");
  ASSERT_TRUE(late.ok());
  EXPECT_TRUE(late->has_value());
}

}  // namespace
}  // namespace tectonic::engine
