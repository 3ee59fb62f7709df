// Manual pages in roff (man(7)), generated from the command tree (command_tree.h): tectonic(1)
// with the global options, the command list, exit status and environment, and one page per
// command, e.g. tectonic-create-cluster(1).
// Thread safety: pure functions.
#pragma once

#include <map>
#include <string>

#include "cli/command_tree.h"

namespace tectonic::cli {

struct ManInfo {
  std::string program;  // "tectonic"
  std::string version;  // "tectonic 0.1.0", the page footer
  std::string summary;  // one line for NAME of the program's own page
  std::string extra;    // roff appended to the program's page (EXIT STATUS, ENVIRONMENT ...)
};

// The page file name of a command: "tectonic.1", "tectonic-create-cluster.1".
std::string ManPageFile(const CommandSpec& command, const ManInfo& info);

// Every page: file name -> roff. The program's page, then one per command at every level.
std::map<std::string, std::string> ManPages(const CommandSpec& root, const ManInfo& info);

// One page with everything: the program's page with each command as a section.
std::string SingleManPage(const CommandSpec& root, const ManInfo& info);

}  // namespace tectonic::cli
