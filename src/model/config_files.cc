// Secret files named by cluster.yaml: the Tectonic license and the registry pull secret.
// Their content is registered for redaction as soon as it is read and never quoted.
#include <optional>
#include <system_error>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "model/config_validate.h"
#include "util/files.h"
#include "util/redact.h"

namespace tectonic::model {
namespace {

namespace fs = std::filesystem;
constexpr uintmax_t kMaxSecretFileBytes = 64 * 1024;

bool IsBase64(const std::string& text) {
  if (text.empty() || text.size() % 4 != 0) return false;
  size_t pad = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '=') {
      ++pad;
      continue;
    }
    if (pad > 0) return false;  // '=' only at the end
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '/') return false;
  }
  return pad <= 2;
}

// Reads a secret file named by field; reports a missing, empty or oversized file.
std::optional<std::string> ReadSecretFile(const ParsedConfig& p, const std::string& field,
                                          const std::string& path, const fs::path& dir,
                                          const std::string& what, const std::string& get_it,
                                          std::vector<ConfigError>* errors) {
  if (p.Bad(field)) return std::nullopt;
  if (path.empty()) {
    p.Error(errors, field, fmt::format("{} is empty: the {} file is required", field, what),
            fmt::format("name the file, for example '{}'", get_it));
    return std::nullopt;
  }
  fs::path full = fs::path(path).is_absolute() ? fs::path(path) : dir / path;
  std::error_code ec;
  auto status = fs::status(full, ec);
  if (ec || !fs::exists(status)) {
    p.Error(errors, field, fmt::format("the {} file '{}' does not exist", what, full.string()),
            fmt::format("{}; paths are relative to the cluster directory", get_it));
    return std::nullopt;
  }
  if (!fs::is_regular_file(status)) {
    p.Error(errors, field,
            fmt::format("the {} file '{}' is not a regular file", what, full.string()),
            fmt::format("{}", get_it));
    return std::nullopt;
  }
  uintmax_t size = fs::file_size(full, ec);
  if (!ec && size > kMaxSecretFileBytes) {
    p.Error(errors, field,
            fmt::format("the {} file '{}' is {} bytes; at most {} are expected", what,
                        full.string(), size, kMaxSecretFileBytes),
            fmt::format("check that '{}' is the right file", path));
    return std::nullopt;
  }
  auto content = files::ReadFile(full);
  if (!content.ok()) {
    p.Error(errors, field, fmt::format("cannot read the {} file '{}'", what, full.string()),
            "check the file's permissions");
    return std::nullopt;
  }
  RegisterSecret(*content);
  if (content->find_first_not_of(" \t\r\n") == std::string::npos) {
    p.Error(errors, field, fmt::format("the {} file '{}' is empty", what, full.string()), get_it);
    return std::nullopt;
  }
  return std::move(content).value();
}

void CheckLicense(const ParsedConfig& p, const fs::path& dir, std::vector<ConfigError>* errors) {
  const std::string field = "tectonic.license";
  const std::string& path = p.config.tectonic.license_path;
  auto content =
      ReadSecretFile(p, field, path, dir, "license",
                     "download the license from your CoreOS account as license.txt", errors);
  if (!content) return;
  std::string trimmed = *content;
  trimmed.erase(trimmed.find_last_not_of(" \t\r\n") + 1);
  RegisterSecret(trimmed);
  for (size_t i = 0; i < content->size(); ++i) {
    char c = (*content)[i];
    bool printable = (c >= 0x20 && c < 0x7f) || c == '\n' || c == '\r' || c == '\t';
    if (!printable) {
      p.Error(errors, field,
              fmt::format("the license file '{}' is not text: byte {} is not printable "
                          "(content not shown)",
                          path, i),
              "save the license exactly as downloaded, as plain text");
      return;
    }
  }
}

void CheckPullSecret(const ParsedConfig& p, const fs::path& dir, std::vector<ConfigError>* errors) {
  const std::string field = "tectonic.pullSecret";
  const std::string& path = p.config.tectonic.pull_secret_path;
  const std::string get_it = "download the pull secret (config.json) from your CoreOS account";
  auto content = ReadSecretFile(p, field, path, dir, "pull secret", get_it, errors);
  if (!content) return;
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(*content);
  } catch (const nlohmann::json::parse_error& e) {
    // The library's message may quote the content: report only the position.
    size_t line = 1, column = 1;
    for (size_t i = 0; i + 1 < e.byte && i < content->size(); ++i) {
      if ((*content)[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    p.Error(errors, field,
            fmt::format("the pull secret '{}' is not valid JSON (error at its line {}, column "
                        "{}; content not shown)",
                        path, line, column),
            get_it);
    return;
  }
  // Register every credential before judging the structure.
  if (doc.is_object() && doc.contains("auths") && doc["auths"].is_object()) {
    for (auto& [registry, entry] : doc["auths"].items()) {
      if (!entry.is_object()) continue;
      for (const char* key : {"auth", "password", "identitytoken", "registrytoken"}) {
        if (entry.contains(key) && entry[key].is_string()) {
          RegisterSecret(entry[key].get<std::string>());
        }
      }
    }
  }
  if (!doc.is_object() || !doc.contains("auths") || !doc["auths"].is_object()) {
    p.Error(errors, field,
            fmt::format("the pull secret '{}' has no \"auths\" object (a docker config JSON "
                        "is expected)",
                        path),
            get_it);
    return;
  }
  if (doc["auths"].empty()) {
    p.Error(errors, field, fmt::format("the pull secret '{}' has an empty \"auths\" object", path),
            get_it);
    return;
  }
  for (auto& item : doc["auths"].items()) {
    // Named here, not bound: clang 14 (the fuzz build) cannot capture structured bindings.
    const std::string& registry = item.key();
    nlohmann::json& entry = item.value();
    auto string_field = [&](const char* key) {
      return entry.is_object() && entry.contains(key) && entry[key].is_string() &&
             !entry[key].get<std::string>().empty();
    };
    bool has_auth = string_field("auth");
    bool auth_ok = has_auth && IsBase64(entry["auth"].get<std::string>());
    bool user_pass = string_field("username") && string_field("password");
    if (has_auth && !auth_ok) {
      p.Error(errors, field,
              fmt::format("in the pull secret '{}', the \"auth\" of registry '{}' is not base64 "
                          "(value not shown)",
                          path, registry),
              get_it);
    } else if (!auth_ok && !user_pass) {
      p.Error(errors, field,
              fmt::format("in the pull secret '{}', registry '{}' has neither \"auth\" nor "
                          "\"username\" and \"password\"",
                          path, registry),
              get_it);
    }
  }
}

}  // namespace

void ValidateSecretFiles(const ParsedConfig& parsed, const fs::path& dir,
                         std::vector<ConfigError>* errors) {
  CheckLicense(parsed, dir, errors);
  CheckPullSecret(parsed, dir, errors);
}

}  // namespace tectonic::model
