#include "util/files.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

namespace tectonic::files {
namespace {
namespace fs = std::filesystem;

class FilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("files_test_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    ASSERT_TRUE(EnsureDir(dir_).ok());
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

int ModeOf(const fs::path& p) {
  struct stat st {};
  ::stat(p.c_str(), &st);
  return st.st_mode & 0777;
}

TEST_F(FilesTest, WritesSecretFilesWith0600) {
  fs::path p = dir_ / "key.pem";
  ASSERT_TRUE(WriteAtomic(p, "secret", kSecretMode).ok());
  EXPECT_EQ(ModeOf(p), 0600);
  EXPECT_EQ(ReadFile(p).value(), "secret");
}

TEST_F(FilesTest, ReplacesWholeFileAndLeavesNoTemporaries) {
  fs::path p = dir_ / "a.txt";
  ASSERT_TRUE(WriteAtomic(p, "one").ok());
  ASSERT_TRUE(WriteAtomic(p, "two").ok());
  EXPECT_EQ(ReadFile(p).value(), "two");
  int count = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir_)) ++count;
  EXPECT_EQ(count, 1);
}

TEST_F(FilesTest, DirectoryIs0700) { EXPECT_EQ(ModeOf(dir_), 0700); }

TEST_F(FilesTest, MissingFileIsNotFound) {
  EXPECT_EQ(ReadFile(dir_ / "nope").status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace tectonic::files
