#include "aws/profile_files.h"

#include <filesystem>

#include "util/files.h"
#include "util/redact.h"

namespace tectonic::aws {
namespace {

std::string Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return std::string(s);
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Result<std::string> ReadIfExists(const std::string& path) {
  std::error_code ec;
  if (path.empty() || !std::filesystem::exists(path, ec)) return std::string();
  return files::ReadFile(path);
}

}  // namespace

IniSections ParseIni(std::string_view text) {
  IniSections sections;
  std::string current;
  bool in_section = false;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view raw = text.substr(pos, end - pos);
    pos = end + 1;
    bool indented = !raw.empty() && (raw.front() == ' ' || raw.front() == '\t');
    std::string line = Trim(raw);
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    if (line.front() == '[') {
      size_t close = line.find(']');
      current = Trim(line.substr(1, close == std::string::npos ? std::string::npos : close - 1));
      in_section = true;
      sections[current];
      continue;
    }
    if (!in_section || indented) continue;
    size_t eq = line.find('=');
    if (eq == std::string::npos) continue;
    std::string key = Lower(Trim(line.substr(0, eq)));
    std::string value = Trim(line.substr(eq + 1));
    // Inline comments need whitespace before them, as in the AWS CLI.
    for (const char* marker : {" #", "\t#", " ;", "\t;"}) {
      if (auto c = value.find(marker); c != std::string::npos) value = Trim(value.substr(0, c));
    }
    sections[current][key] = value;
  }
  return sections;
}

const std::map<std::string, std::string>* ProfileFiles::Find(const std::string& name) const {
  auto it = profiles.find(name);
  return it == profiles.end() ? nullptr : &it->second;
}

std::string SelectedProfileName(const EnvLookup& env) {
  std::string name = env("AWS_PROFILE").value_or("");
  return name.empty() ? "default" : name;
}

Result<ProfileFiles> LoadProfileFiles(const EnvLookup& env) {
  ProfileFiles out;
  std::string home = env("HOME").value_or("");
  out.credentials_path = env("AWS_SHARED_CREDENTIALS_FILE").value_or("");
  if (out.credentials_path.empty() && !home.empty()) {
    out.credentials_path = home + "/.aws/credentials";
  }
  out.config_path = env("AWS_CONFIG_FILE").value_or("");
  if (out.config_path.empty() && !home.empty()) out.config_path = home + "/.aws/config";

  TECTONIC_ASSIGN_OR_RETURN(std::string config_text, ReadIfExists(out.config_path));
  for (auto& [section, values] : ParseIni(config_text)) {
    std::string name;
    if (section == "default") {
      name = "default";
    } else if (section.starts_with("profile ")) {
      name = Trim(section.substr(8));
    } else {
      continue;  // sso-session, services, ...: not profiles
    }
    for (auto& [k, v] : values) out.profiles[name][k] = v;
  }
  TECTONIC_ASSIGN_OR_RETURN(std::string creds_text, ReadIfExists(out.credentials_path));
  for (auto& [section, values] : ParseIni(creds_text)) {
    for (auto& [k, v] : values) out.profiles[section][k] = v;
  }
  for (auto& [name, values] : out.profiles) {
    for (const char* key : {"aws_secret_access_key", "aws_session_token"}) {
      if (auto it = values.find(key); it != values.end()) RegisterSecret(it->second);
    }
  }
  return out;
}

}  // namespace tectonic::aws
