#include "cli/version_info.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "assets/versions.h"
#include "tests/support/process.h"
#include "version.h"

namespace tectonic::cli {
namespace {

TEST(VersionInfo, FromTheBuild) {
  VersionInfo info = BuildVersion();
  EXPECT_EQ(info.version, kTectonicVersion);
  EXPECT_EQ(info.kubernetes, assets::kKubernetesVersion);
  // A short commit id, maybe "-dirty", or "unknown" outside a git checkout.
  EXPECT_THAT(info.commit, ::testing::MatchesRegex("unknown|[0-9a-f]{12}(-dirty)?"));
}

TEST(VersionInfo, TextAndJson) {
  VersionInfo info{"1.2.3", "abcdef012345", "v1.29.4"};
  EXPECT_EQ(VersionText(info), "tectonic 1.2.3\ncommit: abcdef012345\nkubernetes: v1.29.4");
  auto json = nlohmann::json::parse(VersionJson(info));
  EXPECT_EQ(json,
            (nlohmann::json{
                {"version", "1.2.3"}, {"commit", "abcdef012345"}, {"kubernetes", "v1.29.4"}}));
}

// cmake/git_commit.cmake, as the build runs it, on a directory without and with a checkout.
class GitCommitScript : public ::testing::Test {
 protected:
  std::string Generate() {
    auto result = testing::RunProcess({"cmake", "-DSOURCE_DIR=" + tmp_.path(),
                                       "-DOUTPUT=" + tmp_.path() + "/git_commit.cc", "-P",
                                       TECTONIC_SOURCE_DIR "/cmake/git_commit.cmake"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    std::ifstream in(tmp_.path() + "/git_commit.cc");
    std::stringstream text;
    text << in.rdbuf();
    std::filesystem::remove(tmp_.path() + "/git_commit.cc");
    return text.str();
  }
  void Git(std::vector<std::string> args) {
    args.insert(args.begin(),
                {"git", "-C", tmp_.path(), "-c", "user.name=t", "-c", "user.email=t@t.invalid"});
    auto result = testing::RunProcess(args);
    ASSERT_EQ(result.exit_code, 0) << result.err;
  }
  testing::TempDir tmp_{"tectonic-git-commit-test"};
};

TEST_F(GitCommitScript, UnknownWithoutACheckout) {
  EXPECT_THAT(Generate(), ::testing::HasSubstr("kGitCommit = \"unknown\";"));
}

TEST_F(GitCommitScript, ShortCommitAndDirty) {
  Git({"init", "-q"});
  std::ofstream(tmp_.path() + "/file") << "one";
  Git({"add", "file"});
  Git({"commit", "-q", "-m", "one"});
  auto head = testing::RunProcess({"git", "-C", tmp_.path(), "rev-parse", "--short=12", "HEAD"});
  std::string commit = head.out.substr(0, 12);
  EXPECT_THAT(Generate(), ::testing::HasSubstr("kGitCommit = \"" + commit + "\";"));
  std::ofstream(tmp_.path() + "/file") << "two";
  EXPECT_THAT(Generate(), ::testing::HasSubstr("kGitCommit = \"" + commit + "-dirty\";"));
}

}  // namespace
}  // namespace tectonic::cli
