#include "installer/dir_lock.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <future>
#include <thread>

namespace tectonic::installer {
namespace {

namespace fs = std::filesystem;

class DirLockTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("dir_lock_test_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  DirLockOptions Options(std::string operation) {
    DirLockOptions o;
    o.operation = std::move(operation);
    return o;
  }
  fs::path dir_;
};

TEST_F(DirLockTest, HolderIsRecordedInAPrivateFile) {
  auto lock = DirLock::Acquire(dir_, Options("create cluster"));
  ASSERT_TRUE(lock.ok()) << lock.status().ToString();
  struct stat st {};
  ASSERT_EQ(stat(DirLock::PathFor(dir_).c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  LockHolder holder = DirLock::ReadHolder(dir_);
  EXPECT_EQ(holder.pid, getpid());
  EXPECT_EQ(holder.operation, "create cluster");
  EXPECT_NE(holder.command.find("installer_test"), std::string::npos) << holder.command;
  EXPECT_EQ(holder.started.size(), 20u) << holder.started;  // 2026-12-06T07:30:00Z
}

TEST_F(DirLockTest, SecondRunIsRefusedNamingTheHolderAndTheFix) {
  auto first = DirLock::Acquire(dir_, Options("create cluster"));
  ASSERT_TRUE(first.ok());
  auto second = DirLock::Acquire(dir_, Options("destroy cluster"));
  ASSERT_FALSE(second.ok());
  const Status& s = second.status();
  EXPECT_EQ(s.code(), StatusCode::kPreconditionFailed);
  EXPECT_NE(s.message().find("pid " + std::to_string(getpid())), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("create cluster"), std::string::npos);
  EXPECT_NE(s.message().find("--wait-lock"), std::string::npos);
  EXPECT_NE(s.message().find(dir_.string()), std::string::npos);
  // The refused attempt left the holder's record alone.
  EXPECT_EQ(DirLock::ReadHolder(dir_).operation, "create cluster");
}

TEST_F(DirLockTest, ReleaseEmptiesTheRecordAndFreesTheLock) {
  {
    auto first = DirLock::Acquire(dir_, Options("create cluster"));
    ASSERT_TRUE(first.ok());
  }
  EXPECT_EQ(DirLock::ReadHolder(dir_).pid, 0);
  auto again = DirLock::Acquire(dir_, Options("destroy cluster"));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)->previous().pid, 0);  // a clean release leaves nothing behind
}

TEST_F(DirLockTest, LockOfAProcessThatDiedHoldingItIsTakenOver) {
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto lock = DirLock::Acquire(dir_, Options("create cluster"));
    _exit(lock.ok() ? 0 : 1);  // dies holding it: no destructor runs
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_EQ(DirLock::ReadHolder(dir_).pid, child);  // its record is still there

  auto lock = DirLock::Acquire(dir_, Options("destroy cluster"));
  ASSERT_TRUE(lock.ok()) << lock.status().ToString();
  EXPECT_EQ((*lock)->previous().pid, child);
  EXPECT_EQ(DirLock::ReadHolder(dir_).pid, getpid());
  EXPECT_EQ(DirLock::ReadHolder(dir_).operation, "destroy cluster");
}

TEST_F(DirLockTest, WaitingRunTakesTheLockWhenTheHolderReleasesIt) {
  auto first = DirLock::Acquire(dir_, Options("create cluster"));
  ASSERT_TRUE(first.ok());
  std::promise<LockHolder> waiting;
  DirLockOptions options = Options("destroy cluster");
  options.wait = true;
  options.poll = std::chrono::milliseconds(5);
  options.on_wait = [&waiting](const LockHolder& h) { waiting.set_value(h); };
  auto second = std::async(std::launch::async, [&] { return DirLock::Acquire(dir_, options); });
  LockHolder seen = waiting.get_future().get();  // the waiter saw the holder, then we release
  EXPECT_EQ(seen.operation, "create cluster");
  first->reset();
  auto taken = second.get();
  ASSERT_TRUE(taken.ok()) << taken.status().ToString();
  EXPECT_EQ(DirLock::ReadHolder(dir_).operation, "destroy cluster");
}

TEST_F(DirLockTest, CancelEndsAWait) {
  auto first = DirLock::Acquire(dir_, Options("create cluster"));
  ASSERT_TRUE(first.ok());
  std::atomic<bool> cancel{false};
  DirLockOptions options = Options("destroy cluster");
  options.wait = true;
  options.poll = std::chrono::milliseconds(5);
  options.cancel = &cancel;
  options.on_wait = [&cancel](const LockHolder&) { cancel = true; };
  auto second = DirLock::Acquire(dir_, options);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kCancelled);
  EXPECT_EQ(DirLock::ReadHolder(dir_).operation, "create cluster");
}

TEST_F(DirLockTest, UnwritableDirectoryIsAClearError) {
  auto lock = DirLock::Acquire(dir_ / "missing", Options("create cluster"));
  ASSERT_FALSE(lock.ok());
  EXPECT_EQ(lock.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(lock.status().message().find("missing/.lock"), std::string::npos);
}

}  // namespace
}  // namespace tectonic::installer
