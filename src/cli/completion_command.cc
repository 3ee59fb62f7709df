// `tectonic completion bash|zsh` prints a completion script; the hidden `tectonic man` prints
// the manual (or writes one page per command with --dir). Both read the live command tree
// (`parent` is the program's own CLI::App), so every registered command is in them.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/command.h"
#include "cli/command_tree.h"
#include "cli/completion.h"
#include "cli/man_page.h"
#include "version.h"

namespace tectonic::cli {
namespace {

constexpr const char* kProgram = "tectonic";

// The program page's sections that are not options or commands.
constexpr const char* kManExtra = R"(.SH EXIT STATUS
.TP
\fB0\fR
success
.TP
\fB1\fR
a failure not covered below
.TP
\fB2\fR
bad input: cluster.yaml, flags or files are wrong; nothing was changed
.TP
\fB3\fR
preflight failed: a requirement of the environment is not met
.TP
\fB4\fR
AWS refused or failed during create or destroy
.TP
\fB5\fR
destroy finished but tagged resources remain
.TP
\fB6\fR
the cluster did not answer before the wait's deadline
.TP
\fB7\fR
another create or destroy holds the cluster directory
.TP
\fB130\fR
interrupted; a re\-run resumes
.SH ENVIRONMENT
Credentials are found where the AWS CLI finds them:
\fBAWS_ACCESS_KEY_ID\fR, \fBAWS_SECRET_ACCESS_KEY\fR, \fBAWS_SESSION_TOKEN\fR,
\fBAWS_PROFILE\fR with \fI~/.aws/credentials\fR and \fI~/.aws/config\fR.
\fBAWS_ENDPOINT_URL\fR and \fBAWS_ENDPOINT_URL_\fR\fISERVICE\fR point it at an emulator.
Secrets are never accepted as flags.
.SH FILES
.TP
\fIDIR/cluster.yaml\fR
the cluster's configuration; its JSON Schema is share/tectonic/cluster.schema.json under the
installation prefix (/usr/share/tectonic with the Debian package)
)";

ManInfo TectonicManInfo() {
  return ManInfo{kProgram, fmt::format("{} {}", kProgram, kTectonicVersion),
                 "install a highly available Kubernetes cluster on AWS", kManExtra};
}

int WriteManPages(CLI::App& root, const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    std::cerr << fmt::format("tectonic man: cannot create {}: {}\n", dir, ec.message());
    return kExitFailure;
  }
  for (const auto& [file, page] : ManPages(DescribeCommand(root), TectonicManInfo())) {
    auto path = std::filesystem::path(dir) / file;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << page;
    if (!out.flush()) {
      std::cerr << fmt::format("tectonic man: cannot write {}\n", path.string());
      return kExitFailure;
    }
  }
  return kExitOk;
}

}  // namespace

void AddCompletionCommand(CLI::App& parent, const GlobalOptions&, int* exit_code) {
  auto* cmd = parent.add_subcommand("completion", "print a shell completion script (bash or zsh)");
  auto shell = std::make_shared<std::string>();
  cmd->add_option("shell", *shell, "the shell: bash or zsh")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh"}));
  cmd->footer(
      "bash: source <(tectonic completion bash), or install it as\n"
      "  /usr/share/bash-completion/completions/tectonic\n"
      "zsh:  tectonic completion zsh > \"${fpath[1]}/_tectonic\"\n");
  cmd->callback([&parent, shell, exit_code] {
    CommandSpec tree = DescribeCommand(parent);
    std::cout << (*shell == "zsh" ? ZshCompletion(tree, kProgram) : BashCompletion(tree, kProgram));
    *exit_code = kExitOk;
  });
}

void AddManCommand(CLI::App& parent, const GlobalOptions&, int* exit_code) {
  auto* cmd = parent.add_subcommand("man", "print the manual page, or write one per command");
  cmd->group("");  // hidden: the build runs it; users read `man tectonic`
  auto dir = std::make_shared<std::string>();
  cmd->add_option("--dir", *dir, "write tectonic.1 and one page per command into this directory");
  cmd->callback([&parent, dir, exit_code] {
    if (!dir->empty()) {
      *exit_code = WriteManPages(parent, *dir);
      return;
    }
    std::cout << SingleManPage(DescribeCommand(parent), TectonicManInfo());
    *exit_code = kExitOk;
  });
}

}  // namespace tectonic::cli
