// The package a user installs: `cpack -G DEB` from this build tree, `dpkg-deb -x` into a
// temporary root, then the files list, the control fields (Depends from dpkg-shlibdeps), and
// the installed tectonic run from there: --version, version --output json, init + validate,
// the bash completion script completing real words, the man pages rendering without warnings.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/process.h"

namespace tectonic {
namespace {

namespace fs = std::filesystem;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using testing::ProcessResult;
using testing::RunProcess;
using testing::TempDir;

// One package for the whole binary: cpack (strip, dpkg-shlibdeps, compression) is the slow part.
class PackageTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    tmp_ = new TempDir("tectonic-package-test");
    fs::path out = fs::path(tmp_->path()) / "out";
    // gzip instead of the release's xz: the same files, packed in a third of the time.
    cpack_ = RunProcess({"cpack", "-G", "DEB", "-B", out.string(), "--config",
                         TECTONIC_BINARY_DIR "/CPackConfig.cmake", "-D",
                         "CPACK_DEBIAN_COMPRESSION_TYPE=gzip"});
    deb_ = out / ("tectonic_" TECTONIC_VERSION "_amd64.deb");
    root_ = fs::path(tmp_->path()) / "root";
    if (cpack_.exit_code == 0) {
      unpacked_ = RunProcess({"dpkg-deb", "-x", deb_.string(), root_.string()});
    }
  }
  static void TearDownTestSuite() {
    delete tmp_;
    tmp_ = nullptr;
  }
  void SetUp() override {
    ASSERT_EQ(cpack_.exit_code, 0) << cpack_.out << cpack_.err;
    ASSERT_EQ(unpacked_.exit_code, 0) << unpacked_.err;
  }

  static std::string Tectonic() { return (root_ / "usr/bin/tectonic").string(); }

  // What the installed bash completion offers for the last of `words`.
  static std::string BashComplete(const std::vector<std::string>& words) {
    std::vector<std::string> argv = {
        "bash",
        "--norc",
        "-c",
        "source \"$1\" && shift && COMP_WORDS=(\"$@\") && COMP_CWORD=$(($# - 1)) && "
        "_tectonic && echo \"${COMPREPLY[*]}\"",
        "bash",
        (root_ / "usr/share/bash-completion/completions/tectonic").string()};
    argv.insert(argv.end(), words.begin(), words.end());
    ProcessResult result = RunProcess(argv);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return result.out;
  }

  static TempDir* tmp_;
  static ProcessResult cpack_, unpacked_;
  static fs::path deb_, root_;
};
TempDir* PackageTest::tmp_ = nullptr;
ProcessResult PackageTest::cpack_, PackageTest::unpacked_;
fs::path PackageTest::deb_, PackageTest::root_;

TEST_F(PackageTest, FilesList) {
  std::set<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(root_)) {
    if (!entry.is_directory()) files.insert(fs::relative(entry.path(), root_).string());
  }
  for (const char* expected :
       {"usr/bin/tectonic", "usr/bin/awsim", "usr/share/man/man1/tectonic.1.gz",
        "usr/share/man/man1/tectonic-create-cluster.1.gz",
        "usr/share/man/man1/tectonic-completion.1.gz",
        "usr/share/bash-completion/completions/tectonic",
        "usr/share/zsh/vendor-completions/_tectonic", "usr/share/doc/tectonic/README.md",
        "usr/share/doc/tectonic/CHANGELOG.md", "usr/share/doc/tectonic/docs/cluster-yaml.md",
        "usr/share/doc/tectonic/emulator/README.md", "usr/share/tectonic/cluster.schema.json"}) {
    EXPECT_EQ(files.count(expected), 1u) << expected;
  }
  for (const auto& file : files) {
    // Only the two programs run; nothing of the tests, no hidden man page.
    if (file.rfind("usr/bin/", 0) == 0) {
      EXPECT_TRUE(file == "usr/bin/tectonic" || file == "usr/bin/awsim") << file;
    }
    EXPECT_EQ(file.rfind("usr/", 0), 0u) << file;
    EXPECT_EQ(file.find("_test"), std::string::npos) << file;
    EXPECT_EQ(file.find("testdata"), std::string::npos) << file;
    EXPECT_EQ(file.find("tectonic-man."), std::string::npos) << file;
  }
}

TEST_F(PackageTest, ControlFields) {
  ProcessResult info = RunProcess({"dpkg-deb", "-I", deb_.string()});
  ASSERT_EQ(info.exit_code, 0) << info.err;
  EXPECT_THAT(info.out, HasSubstr("Package: tectonic\n"));
  EXPECT_THAT(info.out, HasSubstr("Version: " TECTONIC_VERSION "\n"));
  EXPECT_THAT(info.out, HasSubstr("Architecture: amd64\n"));
  EXPECT_THAT(info.out, HasSubstr("Section: admin\n"));
  EXPECT_THAT(info.out, MatchesRegex("(.|\n)*Maintainer: [^\n<]+ <[^\n>]+@[^\n>]+>\n(.|\n)*"));
  EXPECT_THAT(info.out, HasSubstr("Description: installs a highly available Kubernetes"));
  // dpkg-shlibdeps found what the binaries link, with versions.
  std::string depends;
  std::istringstream lines(info.out);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(" Depends: ", 0) == 0) depends = line;
  }
  EXPECT_THAT(depends,
              AllOf(HasSubstr("libc6 (>="), HasSubstr("libcurl4 (>="), HasSubstr("libssl3 (>="),
                    HasSubstr("libyaml-cpp0.7"), HasSubstr("libpugixml1v5"),
                    HasSubstr("libsqlite3-0"), HasSubstr("libfmt9"), HasSubstr("libspdlog1")));
  EXPECT_THAT(depends, ::testing::Not(HasSubstr("gtest")));
}

TEST_F(PackageTest, InstalledTectonicRuns) {
  ProcessResult version = RunProcess({Tectonic(), "--version"});
  ASSERT_EQ(version.exit_code, 0) << version.err;
  EXPECT_THAT(version.out, MatchesRegex("tectonic " TECTONIC_VERSION
                                        "\ncommit: (unknown|[0-9a-f]{12}(-dirty)?)\n"
                                        "kubernetes: v1\\.[0-9]+\\.[0-9]+\n"));
  ProcessResult json = RunProcess({Tectonic(), "version", "--output", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  auto parsed = nlohmann::json::parse(json.out);
  EXPECT_EQ(parsed["version"], TECTONIC_VERSION);
  EXPECT_NE(version.out.find(parsed["commit"].get<std::string>()), std::string::npos);
  EXPECT_NE(version.out.find(parsed["kubernetes"].get<std::string>()), std::string::npos);

  fs::path dir = fs::path(tmp_->path()) / "cluster";
  ProcessResult init =
      RunProcess({Tectonic(), "init", "--dir", dir.string(), "--name", "demo", "--base-domain",
                  "example.com", "--region", "us-east-1", "--ssh-key", "demo-key"});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  std::ofstream(dir / "license.txt") << "LICENSE-eyJsaWNlbnNlIjoicGFja2FnZS10ZXN0In0.c2ln\n";
  std::ofstream(dir / "pull-secret.json") << R"({"auths":{"quay.io":{"auth":"cDpxCg=="}}})";
  fs::permissions(dir / "license.txt", fs::perms::owner_read | fs::perms::owner_write);
  fs::permissions(dir / "pull-secret.json", fs::perms::owner_read | fs::perms::owner_write);
  ProcessResult valid = RunProcess({Tectonic(), "validate", "--dir", dir.string()});
  EXPECT_EQ(valid.exit_code, 0) << valid.out << valid.err;
  EXPECT_THAT(valid.out, HasSubstr("cluster.yaml is valid"));
}

TEST_F(PackageTest, BashCompletionLoadsAndCompletes) {
  std::string script = (root_ / "usr/share/bash-completion/completions/tectonic").string();
  ProcessResult syntax = RunProcess({"bash", "-n", script});
  EXPECT_EQ(syntax.exit_code, 0) << syntax.err;
  EXPECT_EQ(BashComplete({"tectonic", "cre"}), "create\n");
  EXPECT_EQ(BashComplete({"tectonic", "create", "cl"}), "cluster\n");
  EXPECT_EQ(BashComplete({"tectonic", "--output", "j"}), "json\n");
  EXPECT_EQ(BashComplete({"tectonic", "completion", "z"}), "zsh\n");
  EXPECT_EQ(BashComplete({"tectonic", "m"}), "\n");  // `man` is hidden
}

TEST_F(PackageTest, ZshCompletionParses) {
  if (RunProcess({"sh", "-c", "command -v zsh"}).exit_code != 0) {
    GTEST_SKIP() << "zsh is not installed (scripts/setup installs it)";
  }
  ProcessResult syntax =
      RunProcess({"zsh", "-n", (root_ / "usr/share/zsh/vendor-completions/_tectonic").string()});
  EXPECT_EQ(syntax.exit_code, 0) << syntax.err;
}

TEST_F(PackageTest, ManPagesRenderWithoutWarnings) {
  int pages = 0;
  for (const auto& entry : fs::directory_iterator(root_ / "usr/share/man/man1")) {
    ++pages;
    ProcessResult render = RunProcess(
        {"sh", "-c", "gzip -dc \"$1\" | groff -man -Tutf8 -ww -z", "sh", entry.path().string()});
    EXPECT_EQ(render.exit_code, 0) << entry.path();
    EXPECT_EQ(render.err, "") << entry.path();
  }
  EXPECT_GE(pages, 10);  // tectonic(1) and one per command
}

}  // namespace
}  // namespace tectonic
