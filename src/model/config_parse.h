// Internal to the loader: cluster.yaml text -> ClusterConfig with the source position of every
// field, so validation can point at file:line:col. Reports syntax errors, unknown or duplicate
// keys and wrong types; applies defaults for absent fields. No I/O.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "model/cluster_config.h"
#include "model/config_loader.h"

namespace tectonic::model {

struct SourcePos {
  int line = 0;  // 1-based; 0 = unknown
  int column = 0;
};

struct ParsedConfig {
  ClusterConfig config;
  std::string file;  // path as shown in errors
  // Dotted field ("aws.zones[1]", "aws.tags.team") -> position of its value. Absent fields
  // map to the position of their parent mapping, when there is one.
  std::map<std::string, SourcePos> where;
  std::set<std::string> given;  // fields present in the file
  std::set<std::string> bad;    // fields already reported (wrong type): skip their rules
  // Enumerations as written ("perZone", "internal"); validation maps them onto the config.
  std::map<std::string, std::string> enum_values;

  SourcePos Where(const std::string& field) const;
  bool Given(const std::string& field) const { return given.count(field) > 0; }
  bool Bad(const std::string& field) const { return bad.count(field) > 0; }
  // Appends an error positioned at field's value.
  void Error(std::vector<ConfigError>* errors, const std::string& field, std::string message,
             std::string fix) const;
};

// Parses the YAML text. Returns false when the text is not YAML at all (syntax error) or its
// top level is not a mapping; errors then explain why and parsed->config holds defaults.
bool ParseClusterYaml(std::string_view text, ParsedConfig* parsed,
                      std::vector<ConfigError>* errors);

}  // namespace tectonic::model
