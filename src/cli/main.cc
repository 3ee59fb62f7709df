// tectonic: installs a highly available Kubernetes cluster on AWS.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/version_info.h"
#include "util/did_you_mean.h"
#include "util/log.h"

namespace tectonic::cli {
namespace {

const std::vector<CommandEntry>& Commands() {
  static const std::vector<CommandEntry> kCommands = {
      {"init", "write a commented starter cluster.yaml", AddInitCommand},
      {"validate", "check cluster.yaml offline; errors carry file:line:col", AddValidateCommand},
      {"create", "create assets (offline) or a cluster (AWS)", AddCreateCommands},
      {"preflight", "check every requirement against AWS, read-only", AddPreflightCommand},
      {"plan", "show what create would do and the critical path", AddPlanCommand},
      {"status", "what the journal and AWS say now", AddStatusCommand},
      {"destroy", "destroy a cluster and prove nothing is left", AddDestroyCommands},
      {"policy", "print the minimum IAM policy, or a trust policy", AddPolicyCommand},
      {"wait", "wait until the cluster's load balancers and API answer, or diagnose",
       AddWaitCommand},
      {"export", "the cluster as a CloudFormation template (offline)", AddExportCommands},
      {"gui", "the installer wizard in your browser, on 127.0.0.1", AddGuiCommand},
      {"version", "print the version, the git commit and the Kubernetes version",
       AddVersionCommand},
      {"completion", "print a bash or zsh completion script", AddCompletionCommand},
      {"man", "print the manual page (hidden; the build installs it)", AddManCommand},
  };
  return kCommands;
}

int Run(int argc, char** argv) {
  CLI::App app{"tectonic: a highly available Kubernetes cluster on AWS, checked before it is built",
               "tectonic"};
  app.require_subcommand(1);
  app.fallthrough();  // global flags (--yes, --output, --log-level) may follow the command
  app.set_version_flag("--version", VersionText(BuildVersion()));
  GlobalOptions globals;
  app.add_option("--log-level", globals.log_level, "trace|debug|info|warn|error|off")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));
  app.add_option("--output", globals.output, "text or json (one object per line)")
      ->check(CLI::IsMember({"text", "json"}));
  app.add_flag("--yes,-y", globals.yes, "answer yes to confirmations");

  int exit_code = kExitOk;
  std::vector<std::string> names;
  for (const auto& command : Commands()) {
    command.add(app, globals, &exit_code);
    names.emplace_back(command.path);
  }

  // "did you mean": the first word that is not a flag must be a command.
  for (int i = 1; i < argc; ++i) {
    std::string word = argv[i];
    if (word.empty() || word[0] == '-') {
      if (word == "--log-level" || word == "--output") ++i;  // skip the flag's value
      continue;
    }
    if (std::find(names.begin(), names.end(), word) == names.end()) {
      std::string message = fmt::format("tectonic: unknown command '{}'.", word);
      auto close = DidYouMean(word, names);
      if (!close.empty()) message += fmt::format(" Did you mean '{}'?", close.front());
      std::cerr << message << "\nRun 'tectonic --help' for the list of commands.\n";
      return kExitBadInput;
    }
    break;
  }

  app.parse_complete_callback([&] {
    log::Level level = log::Level::kWarn;
    log::ParseLevel(globals.log_level, &level);
    log::SetLevel(level);
  });
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitBadInput;
  }
  return exit_code;
}

}  // namespace
}  // namespace tectonic::cli

int main(int argc, char** argv) { return tectonic::cli::Run(argc, argv); }
