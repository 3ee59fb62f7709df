#include "assets/yaml_emit.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdlib>

namespace tectonic::assets {
namespace {

// True when a plain scalar with this text would not read back as the same string.
bool NeedsQuotes(const std::string& s) {
  if (s.empty()) return true;
  std::string lower = s;
  std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
  for (const char* word : {"true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"}) {
    if (lower == word) return true;
  }
  char* end = nullptr;
  std::strtod(s.c_str(), &end);
  if (end != s.c_str() && *end == '\0') return true;
  if (s.find_first_of(":#{}[],&*!|>'\"%@`") != std::string::npos) return true;
  return s.front() == ' ' || s.back() == ' ' || s.front() == '-' || s.front() == '?';
}

void Emit(YAML::Emitter& out, const nlohmann::ordered_json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object:
      out << YAML::BeginMap;
      for (const auto& [key, item] : value.items()) {
        out << YAML::Key << key << YAML::Value;
        Emit(out, item);
      }
      out << YAML::EndMap;
      break;
    case nlohmann::json::value_t::array:
      out << YAML::BeginSeq;
      for (const auto& item : value) Emit(out, item);
      out << YAML::EndSeq;
      break;
    case nlohmann::json::value_t::string: {
      const auto& s = value.get_ref<const std::string&>();
      if (s.find('\n') != std::string::npos) {
        out << YAML::Literal << s;
      } else if (NeedsQuotes(s)) {
        out << YAML::DoubleQuoted << s;
      } else {
        out << s;
      }
      break;
    }
    case nlohmann::json::value_t::boolean:
      out << value.get<bool>();
      break;
    case nlohmann::json::value_t::number_integer:
      out << value.get<long long>();
      break;
    case nlohmann::json::value_t::number_unsigned:
      out << value.get<unsigned long long>();
      break;
    case nlohmann::json::value_t::number_float:
      out << value.get<double>();
      break;
    default:
      out << YAML::Null;
  }
}

}  // namespace

std::string ToYaml(const std::vector<nlohmann::ordered_json>& documents) {
  std::string out;
  for (const auto& doc : documents) {
    YAML::Emitter emitter;
    emitter.SetIndent(2);
    emitter.SetBoolFormat(YAML::TrueFalseBool);
    Emit(emitter, doc);
    if (!out.empty()) out += "---\n";
    out += emitter.c_str();
    out += "\n";
  }
  return out;
}

}  // namespace tectonic::assets
