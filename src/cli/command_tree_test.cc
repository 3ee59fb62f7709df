#include "cli/command_tree.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli/sample_app_test_util.h"

namespace tectonic::cli {
namespace {

using ::testing::ElementsAre;

class CommandTreeTest : public ::testing::Test {
 protected:
  CommandTreeTest() { testutil::BuildSampleApp(app_, values_); }
  CLI::App app_{"sample", "tool"};
  testutil::SampleValues values_;
};

const OptionSpec* Find(const std::vector<OptionSpec>& options, const std::string& name) {
  for (const auto& option : options) {
    if (option.names.front() == name) return &option;
  }
  return nullptr;
}

TEST_F(CommandTreeTest, VisibleCommandsInOrderHiddenLeftOut) {
  CommandSpec root = DescribeCommand(app_);
  std::vector<std::string> paths;
  for (const CommandSpec* command : Flatten(root)) paths.push_back(command->PathString());
  EXPECT_THAT(paths,
              ElementsAre("", "create", "create assets", "create cluster", "init", "completion"));
  EXPECT_TRUE(root.needs_subcommand);
  EXPECT_EQ(root.subcommands[0].description, "create assets or a cluster");
  EXPECT_EQ(root.subcommands[0].subcommands[1].Name(), "cluster");
}

TEST_F(CommandTreeTest, OptionsWithValuesChoicesAndShortNames) {
  CommandSpec root = DescribeCommand(app_);
  const OptionSpec* output = Find(root.options, "--output");
  ASSERT_NE(output, nullptr);
  EXPECT_EQ(output->value, OptionSpec::Value::kText);
  EXPECT_THAT(output->choices, ElementsAre("text", "json"));
  EXPECT_EQ(output->ValueName(), "OUTPUT");

  const OptionSpec* yes = Find(root.options, "--yes");
  ASSERT_NE(yes, nullptr);
  EXPECT_THAT(yes->names, ElementsAre("--yes", "-y"));
  EXPECT_EQ(yes->value, OptionSpec::Value::kNone);
  EXPECT_NE(Find(root.options, "--help"), nullptr);
  EXPECT_NE(Find(root.options, "--version"), nullptr);
}

TEST_F(CommandTreeTest, ValueKindsFromNamesAndHiddenOptionLeftOut) {
  CommandSpec root = DescribeCommand(app_);
  const CommandSpec& assets = root.subcommands[0].subcommands[0];
  EXPECT_EQ(Find(assets.options, "--dir")->value, OptionSpec::Value::kDirectory);
  EXPECT_TRUE(Find(assets.options, "--dir")->required);
  EXPECT_EQ(Find(assets.options, "--ca-cert")->value, OptionSpec::Value::kFile);
  EXPECT_EQ(Find(assets.options, "--rsa")->value, OptionSpec::Value::kNone);
  const CommandSpec& init = root.subcommands[1];
  EXPECT_EQ(Find(init.options, "--ssh-key")->value, OptionSpec::Value::kText);  // a name
  EXPECT_EQ(Find(init.options, "--profile")->value, OptionSpec::Value::kText);
  EXPECT_EQ(Find(init.options, "--key-file")->value, OptionSpec::Value::kFile);
  EXPECT_EQ(Find(init.options, "--out")->value, OptionSpec::Value::kFile);  // "FILE"
  EXPECT_EQ(Find(init.options, "--seed-dir")->value, OptionSpec::Value::kDirectory);
  const CommandSpec& cluster = root.subcommands[0].subcommands[1];
  EXPECT_EQ(Find(cluster.options, "--record-calls"), nullptr);
  EXPECT_TRUE(Find(cluster.options, "--waive")->repeatable);
  EXPECT_FALSE(Find(cluster.options, "--dir")->repeatable);
}

TEST_F(CommandTreeTest, PositionalWithChoices) {
  CommandSpec root = DescribeCommand(app_);
  const CommandSpec& completion = root.subcommands[2];
  ASSERT_EQ(completion.positionals.size(), 1u);
  EXPECT_THAT(completion.positionals[0].names, ElementsAre("shell"));
  EXPECT_THAT(completion.positionals[0].choices, ElementsAre("bash", "zsh"));
  EXPECT_TRUE(Find(completion.options, "--help") != nullptr);
}

}  // namespace
}  // namespace tectonic::cli
