// The shared AWS profile files: ~/.aws/credentials ([name] sections) and ~/.aws/config
// ([default] and [profile name] sections), located through AWS_SHARED_CREDENTIALS_FILE,
// AWS_CONFIG_FILE and HOME. Keys are lower-cased; for a key in both files the credentials
// file wins. Secrets found are registered with Redact() as they are read.
// Thread safety: pure functions over files read at call time.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "aws/credentials.h"
#include "util/result.h"

namespace tectonic::aws {

using IniSections = std::map<std::string, std::map<std::string, std::string>>;

// Parses INI text: [section], key = value, '#' and ';' comments, blank lines. Indented lines
// continue the previous key's nested block and are skipped (we use no nested settings).
IniSections ParseIni(std::string_view text);

struct ProfileFiles {
  std::string credentials_path;
  std::string config_path;
  // profile name -> key -> value, merged from both files.
  std::map<std::string, std::map<std::string, std::string>> profiles;

  const std::map<std::string, std::string>* Find(const std::string& name) const;
};

// Reads both files (a missing file is empty, not an error).
Result<ProfileFiles> LoadProfileFiles(const EnvLookup& env);

// The profile to use: AWS_PROFILE, else "default".
std::string SelectedProfileName(const EnvLookup& env);

}  // namespace tectonic::aws
