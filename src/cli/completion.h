// Shell completion scripts for bash and zsh, generated from the command tree (command_tree.h):
// subcommands at each level, each command's options with the global ones (they may follow the
// command), the values of options checked by CLI::IsMember, directories after --dir.
// Thread safety: pure functions.
#pragma once

#include <string>

#include "cli/command_tree.h"

namespace tectonic::cli {

// A script to source in bash, or to install as bash-completion/completions/<program>. It
// needs only bash itself (no bash-completion helpers): `complete -F _<program> <program>`.
std::string BashCompletion(const CommandSpec& root, const std::string& program);

// A zsh completion function file (`#compdef <program>`), to install as _<program> in $fpath.
std::string ZshCompletion(const CommandSpec& root, const std::string& program);

}  // namespace tectonic::cli
