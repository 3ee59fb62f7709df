// RenderYaml: the template through yaml-cpp's emitter. Strings are double-quoted so that
// values such as "443", "true" or "2010-09-09" stay strings; intrinsic functions keep their
// long form ("Fn::GetAtt"), which every CloudFormation YAML reader accepts.
#include <yaml-cpp/yaml.h>

#include "cloudformation/template.h"

namespace tectonic::cloudformation {
namespace {

void Emit(YAML::Emitter& out, const Json& value) {
  switch (value.type()) {
    case Json::value_t::object:
      out << YAML::BeginMap;
      for (const auto& [key, item] : value.items()) {
        out << YAML::Key << key << YAML::Value;
        Emit(out, item);
      }
      out << YAML::EndMap;
      break;
    case Json::value_t::array:
      out << YAML::BeginSeq;
      for (const auto& item : value) Emit(out, item);
      out << YAML::EndSeq;
      break;
    case Json::value_t::string:
      out << YAML::DoubleQuoted << value.get<std::string>();
      break;
    case Json::value_t::boolean:
      out << value.get<bool>();
      break;
    case Json::value_t::null:
      out << YAML::Null;
      break;
    default:  // numbers
      out << value.dump();
      break;
  }
}

}  // namespace

std::string RenderYaml(const Template& tmpl) {
  YAML::Emitter out;
  Emit(out, tmpl.body);
  return std::string(out.c_str()) + "\n";
}

}  // namespace tectonic::cloudformation
