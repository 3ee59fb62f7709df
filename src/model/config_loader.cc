#include "model/config_loader.h"

#include <algorithm>
#include <system_error>

#include <fmt/format.h>

#include "model/cluster_dir.h"
#include "model/config_parse.h"
#include "model/config_validate.h"
#include "util/files.h"

namespace tectonic::model {

std::string ConfigError::ToString() const {
  std::string out = file;
  if (line > 0) out += fmt::format(":{}:{}", line, column);
  out += ": ";
  if (!field.empty()) out += field + ": ";
  out += message;
  if (!fix.empty()) out += fmt::format(" (fix: {})", fix);
  return out;
}

Result<ClusterConfig> LoadClusterYaml(std::string_view yaml, const std::string& file_label,
                                      const std::filesystem::path& dir, const LoadOptions& options,
                                      std::vector<ConfigError>* errors) {
  size_t before = errors->size();
  ParsedConfig parsed;
  parsed.file = file_label;
  if (ParseClusterYaml(yaml, &parsed, errors)) {
    ValidateFields(&parsed, errors);
    ValidateNetwork(&parsed, errors);
    if (options.check_files) ValidateSecretFiles(parsed, dir, errors);
  }
  // Reading order: by position; errors without one (line 0) last.
  std::stable_sort(errors->begin() + static_cast<std::ptrdiff_t>(before), errors->end(),
                   [](const ConfigError& a, const ConfigError& b) {
                     auto key = [](const ConfigError& e) {
                       return std::pair(e.line == 0 ? INT32_MAX : e.line, e.column);
                     };
                     return key(a) < key(b);
                   });
  size_t found = errors->size() - before;
  if (found > 0) {
    return Status::InvalidInput(
        fmt::format("{} has {} error{}", file_label, found, found == 1 ? "" : "s"));
  }
  return std::move(parsed.config);
}

Result<LoadedConfig> LoadClusterDir(const std::filesystem::path& dir,
                                    std::vector<ConfigError>* errors) {
  ClusterDir layout{dir};
  std::string file = layout.ConfigFile().string();
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    errors->push_back(ConfigError{
        file, 0, 0, "", fmt::format("the cluster directory '{}' does not exist", dir.string()),
        fmt::format("run 'tectonic init --dir {}' first", dir.string())});
    return Status::InvalidInput(errors->back().message);
  }
  if (!std::filesystem::exists(layout.ConfigFile(), ec)) {
    errors->push_back(
        ConfigError{file, 0, 0, "", fmt::format("'{}' has no cluster.yaml", dir.string()),
                    fmt::format("run 'tectonic init --dir {}' to write one", dir.string())});
    return Status::InvalidInput(errors->back().message);
  }
  auto text = files::ReadFile(layout.ConfigFile());
  if (!text.ok()) {
    errors->push_back(
        ConfigError{file, 0, 0, "", text.status().message(), "check the file's permissions"});
    return text.status();
  }
  TECTONIC_ASSIGN_OR_RETURN(ClusterConfig config,
                            LoadClusterYaml(*text, file, dir, LoadOptions{}, errors));
  return LoadedConfig{std::move(config), dir, layout.ConfigFile()};
}

}  // namespace tectonic::model
