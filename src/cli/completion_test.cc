// The generated scripts are run by the real shells: bash completes words through the
// generated function (COMP_WORDS/COMP_CWORD set as bash's completion would set them);
// zsh parses its script (`zsh -n`) when zsh is installed.
#include "cli/completion.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/sample_app_test_util.h"
#include "tests/support/process.h"

namespace tectonic::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

class CompletionTest : public ::testing::Test {
 protected:
  CompletionTest() {
    testutil::BuildSampleApp(app_, values_);
    root_ = DescribeCommand(app_);
  }

  std::string Write(const std::string& name, const std::string& text) {
    auto path = std::filesystem::path(tmp_.path()) / name;
    std::ofstream(path) << text;
    return path.string();
  }

  // What bash offers for the last word of `words` (the word being completed, may be "").
  std::vector<std::string> Complete(std::vector<std::string> words) {
    std::string script = Write("tool.bash", BashCompletion(root_, "tool"));
    std::vector<std::string> argv = {
        "bash",
        "--norc",
        "-c",
        "source \"$1\" && shift && COMP_WORDS=(\"$@\") && COMP_CWORD=$(($# - 1)) && _tool && "
        "printf '%s\\n' \"${COMPREPLY[@]}\"",
        "bash",
        script};
    argv.insert(argv.end(), words.begin(), words.end());
    testing::ProcessOptions options;
    options.cwd = tmp_.path();
    auto result = testing::RunProcess(argv, options);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    std::vector<std::string> out;
    std::istringstream lines(result.out);
    for (std::string line; std::getline(lines, line);) {
      if (!line.empty()) out.push_back(line);
    }
    return out;
  }

  CLI::App app_{"sample", "tool"};
  testutil::SampleValues values_;
  CommandSpec root_;
  testing::TempDir tmp_{"tectonic-completion-test"};
};

TEST_F(CompletionTest, BashScriptParses) {
  std::string script = Write("tool.bash", BashCompletion(root_, "tool"));
  auto result = testing::RunProcess({"bash", "-n", script});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(BashCompletion(root_, "tool"), HasSubstr("complete -F _tool tool"));
}

TEST_F(CompletionTest, BashCommandsAtEachLevelHiddenLeftOut) {
  EXPECT_THAT(Complete({"tool", "cr"}), ElementsAre("create"));
  EXPECT_THAT(Complete({"tool", ""}), UnorderedElementsAre("create", "init", "completion"));
  EXPECT_THAT(Complete({"tool", "create", "cl"}), ElementsAre("cluster"));
  EXPECT_THAT(Complete({"tool", "se"}), IsEmpty());
  // Global options and their values before the command do not count as commands.
  EXPECT_THAT(Complete({"tool", "--output", "json", "-y", "create", ""}),
              UnorderedElementsAre("assets", "cluster"));
}

TEST_F(CompletionTest, BashOptionsOfTheCommandAndGlobalOnes) {
  EXPECT_THAT(Complete({"tool", "create", "cluster", "--"}),
              UnorderedElementsAre("--dir", "--waive", "--help", "--output", "--log-level", "--yes",
                                   "--version"));
  EXPECT_THAT(Complete({"tool", "create", "assets", "--r"}), ElementsAre("--rsa"));
}

TEST_F(CompletionTest, BashValues) {
  EXPECT_THAT(Complete({"tool", "--output", ""}), UnorderedElementsAre("text", "json"));
  EXPECT_THAT(Complete({"tool", "init", "--log-level", "d"}), ElementsAre("debug"));
  EXPECT_THAT(Complete({"tool", "completion", ""}), UnorderedElementsAre("bash", "zsh"));
  EXPECT_THAT(Complete({"tool", "init", "--name", ""}), IsEmpty());  // free text
  std::filesystem::create_directory(std::filesystem::path(tmp_.path()) / "mycluster");
  Write("myfile", "x");
  EXPECT_THAT(Complete({"tool", "create", "cluster", "--dir", "my"}), ElementsAre("mycluster"));
  EXPECT_THAT(Complete({"tool", "create", "assets", "--ca-cert", "my"}),
              UnorderedElementsAre("mycluster", "myfile"));
  // --name=x: bash's completion splits it at '=' (COMP_WORDBREAKS).
  EXPECT_THAT(Complete({"tool", "--output", "=", ""}), UnorderedElementsAre("text", "json"));
  EXPECT_THAT(Complete({"tool", "--output", "="}), UnorderedElementsAre("text", "json"));
  EXPECT_THAT(Complete({"tool", "--output", "=", "j"}), ElementsAre("json"));
  EXPECT_THAT(Complete({"tool", "--output", "=", "json", "cr"}), ElementsAre("create"));
  EXPECT_THAT(Complete({"tool", "create", "cluster", "--dir", "=", "my"}),
              ElementsAre("mycluster"));
  // A value is not taken for a command: `create` after `--dir create` is still to come.
  EXPECT_THAT(Complete({"tool", "create", "cluster", "--dir", "x", "--w"}), ElementsAre("--waive"));
}

TEST_F(CompletionTest, ZshScript) {
  std::string text = ZshCompletion(root_, "tool");
  EXPECT_EQ(text.rfind("#compdef tool\n", 0), 0u);
  EXPECT_THAT(text, HasSubstr("'create:create assets or a cluster'"));
  EXPECT_THAT(text, HasSubstr("('create cluster') reply=('--help:"));
  EXPECT_THAT(text, HasSubstr("'--dir:the cluster directory' '--waive:accept a failed check"));
  EXPECT_THAT(text, HasSubstr("('create cluster|--dir') reply=('@dir')"));
  EXPECT_THAT(text, HasSubstr("*'|--output') reply=('text' 'json')"));
  EXPECT_THAT(text, ::testing::Not(HasSubstr("secret")));
  EXPECT_THAT(text, ::testing::Not(HasSubstr("record-calls")));
  if (testing::RunProcess({"sh", "-c", "command -v zsh"}).exit_code != 0) {
    GTEST_SKIP() << "zsh is not installed; its syntax check is skipped";
  }
  auto result = testing::RunProcess({"zsh", "-n", Write("_tool", text)});
  EXPECT_EQ(result.exit_code, 0) << result.err;
}

// zsh's completion builtins exist only inside a completion widget: stand-ins print what the
// script hands them (candidates of _describe and compadd, file and message requests), and
// sourcing the script with `words` and `CURRENT` set runs it as zsh's completion would.
TEST_F(CompletionTest, ZshCompletesThroughStandIns) {
  if (testing::RunProcess({"sh", "-c", "command -v zsh"}).exit_code != 0) {
    GTEST_SKIP() << "zsh is not installed (scripts/setup installs it)";
  }
  std::string script = Write("_tool", ZshCompletion(root_, "tool"));
  auto complete = [&](std::vector<std::string> words) {
    std::vector<std::string> argv = {
        "zsh",
        "-f",
        "-c",
        "_describe() { local item; for item in \"${(@P)4}\"; do print -r -- ${item%%:*}; done }\n"
        "compadd() { print -rl -- \"${(@P)2}\" }\n"
        "_files() { print -r -- \"@files $*\" }\n"
        "_message() { print -r -- @message }\n"
        "script=$1; shift; words=(\"$@\"); CURRENT=$#; source $script",
        "zsh",
        script};
    argv.insert(argv.end(), words.begin(), words.end());
    auto result = testing::RunProcess(argv);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return result.out;
  };
  EXPECT_EQ(complete({"tool", ""}), "create\ninit\ncompletion\n");
  EXPECT_EQ(complete({"tool", "--output", "json", "create", ""}), "assets\ncluster\n");
  EXPECT_EQ(complete({"tool", "--output", ""}), "text\njson\n");
  EXPECT_EQ(complete({"tool", "create", "cluster", "--dir", ""}), "@files -/\n");
  EXPECT_EQ(complete({"tool", "init", "--name", ""}), "@message\n");
  EXPECT_EQ(complete({"tool", "completion", ""}), "bash\nzsh\n");
  std::string options = complete({"tool", "create", "assets", "--"});
  EXPECT_THAT(options, HasSubstr("--dir\n--rsa\n--ca-cert\n--output\n"));
  EXPECT_THAT(options, ::testing::Not(HasSubstr("--waive")));
}

TEST(CompletionQuoting, QuotesInDescriptionsStayInsideTheirWord) {
  CLI::App app{"sample", "tool"};
  std::string value;
  app.add_subcommand("it", "it's \"quoted\"")->add_option("--x", value, "a 'b' c");
  std::string zsh = ZshCompletion(DescribeCommand(app), "tool");
  EXPECT_THAT(zsh, HasSubstr("'it:it'\\''s \"quoted\"'"));
  EXPECT_THAT(zsh, HasSubstr("'--x:a '\\''b'\\'' c'"));
}

}  // namespace
}  // namespace tectonic::cli
