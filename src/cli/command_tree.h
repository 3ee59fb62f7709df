// A plain description of the `tectonic` command tree (commands, options, their choices), read
// from the very CLI::App the binary parses with, so completion scripts and man pages follow the
// code: a new command or flag appears in them without editing a generator.
// Thread safety: DescribeCommand reads the app; call it while nothing else mutates it.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace tectonic::cli {

struct OptionSpec {
  enum class Value { kNone, kText, kDirectory, kFile };
  std::vector<std::string> names;  // long names first ("--dir"), then short ones ("-y")
  std::string description;
  Value value = Value::kNone;        // what the option takes; kNone for a flag
  std::vector<std::string> choices;  // the allowed values, when CLI::IsMember checks them
  bool required = false;
  bool repeatable = false;  // the value may be given more than once (a vector)

  // "DIR", "ARN", ... the name of the value in synopses: the long name upper-cased.
  std::string ValueName() const;
};

struct CommandSpec {
  std::vector<std::string> path;  // {"create", "cluster"}; empty for the program itself
  std::string description;
  std::vector<OptionSpec> options;      // named options and flags, hidden ones left out
  std::vector<OptionSpec> positionals;  // names = {"shell"}
  std::vector<CommandSpec> subcommands;
  bool needs_subcommand = false;

  std::string Name() const { return path.empty() ? "" : path.back(); }
  std::string PathString() const;  // "create cluster"
};

// Describes `app` and every visible subcommand under it. Hidden commands and options (those
// in the empty CLI11 group) are left out: they are for tests and tooling, not for users.
CommandSpec DescribeCommand(CLI::App& app);

// The tree in pre-order: the root first, then each command before its subcommands.
std::vector<const CommandSpec*> Flatten(const CommandSpec& root);

}  // namespace tectonic::cli
