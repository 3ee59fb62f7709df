// JSON values rendered as YAML documents (yaml-cpp). Manifests are built as nlohmann JSON
// (compact, typed) and written as YAML so people can read them; strings that YAML would read
// as something else ("true", "10", "") are quoted.
// Thread safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace tectonic::assets {

// One YAML document per element, separated by "---".
std::string ToYaml(const std::vector<nlohmann::ordered_json>& documents);

}  // namespace tectonic::assets
