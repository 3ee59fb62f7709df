#include "cli/man_page.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli/sample_app_test_util.h"

namespace tectonic::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

class ManPageTest : public ::testing::Test {
 protected:
  ManPageTest() {
    testutil::BuildSampleApp(app_, values_);
    root_ = DescribeCommand(app_);
  }
  CLI::App app_{"sample", "tool"};
  testutil::SampleValues values_;
  CommandSpec root_;
  ManInfo info_{"tool", "tool 1.0", "does things", ".SH EXIT STATUS\n0 ok\n"};
};

TEST_F(ManPageTest, OnePagePerVisibleCommand) {
  std::vector<std::string> files;
  for (const auto& [file, page] : ManPages(root_, info_)) files.push_back(file);
  EXPECT_THAT(files,
              ElementsAre("tool-completion.1", "tool-create-assets.1", "tool-create-cluster.1",
                          "tool-create.1", "tool-init.1", "tool.1"));
}

TEST_F(ManPageTest, ProgramPage) {
  std::string page = ManPages(root_, info_).at("tool.1");
  EXPECT_THAT(page, HasSubstr(".TH TOOL 1 \"\" \"tool 1.0\" \"User Commands\"\n"));
  EXPECT_THAT(page, HasSubstr(".SH NAME\ntool \\- does things\n"));
  EXPECT_THAT(page, HasSubstr(".TP\n\\fB\\-\\-output\\fR \\fItext|json\\fR\ntext or json\n"));
  EXPECT_THAT(page, HasSubstr(".TP\n\\fB\\-\\-yes\\fR, \\fB\\-y\\fR\nanswer yes\n"));
  EXPECT_THAT(page, HasSubstr(".TP\n\\fBcreate\\fR\ncreate assets or a cluster See "
                              "\\fBtool\\-create\\fR(1).\n"));
  EXPECT_THAT(page, HasSubstr(".SH EXIT STATUS\n0 ok\n"));
  EXPECT_THAT(page, Not(HasSubstr("secret")));
}

TEST_F(ManPageTest, CommandPage) {
  std::string page = ManPages(root_, info_).at("tool-create-cluster.1");
  EXPECT_THAT(page, HasSubstr(".SH NAME\ntool\\-create\\-cluster \\- create the cluster on AWS\n"));
  EXPECT_THAT(page, HasSubstr(".SH SYNOPSIS\n.B tool create cluster\n\\fB\\-\\-dir\\fR "
                              "\\fIDIR\\fR\n[\\fB\\-\\-waive\\fR \\fIWAIVE\\fR]\n"));
  EXPECT_THAT(page, HasSubstr("the cluster directory (required)\n"));
  EXPECT_THAT(page, HasSubstr("\naccept a failed check (repeatable)\n"));
  EXPECT_THAT(page, HasSubstr(".SH GLOBAL OPTIONS\n"));
  EXPECT_THAT(page, Not(HasSubstr("record")));
  EXPECT_THAT(page, HasSubstr(".SH SEE ALSO\n\\fBtool\\-create\\fR(1)\n"));
  EXPECT_THAT(ManPages(root_, info_).at("tool-completion.1"), HasSubstr("\\fISHELL\\fR\n"));
}

TEST_F(ManPageTest, RoffEscapes) {
  std::string page = ManPages(root_, info_).at("tool-init.1");
  EXPECT_THAT(page, HasSubstr("cluster name; a \\ebackslash and \\-dash"));
}

TEST_F(ManPageTest, SinglePageHasEveryLeafCommand) {
  std::string page = SingleManPage(root_, info_);
  EXPECT_THAT(page, HasSubstr(".SH TOOL CREATE ASSETS\n"));
  EXPECT_THAT(page, HasSubstr(".SH TOOL CREATE CLUSTER\n"));
  EXPECT_THAT(page, HasSubstr(".SH TOOL INIT\n"));
  EXPECT_THAT(page, Not(HasSubstr(".SH TOOL CREATE\n")));  // a parent, its leaves say it all
  EXPECT_THAT(page, HasSubstr(".SH EXIT STATUS\n"));
}

}  // namespace
}  // namespace tectonic::cli
