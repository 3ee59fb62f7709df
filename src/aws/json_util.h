// Type-checked reads of a JSON 1.1 answer (KMS, Tagging, Service Quotas). An answer is outside
// input: a member of an unexpected type reads as absent instead of throwing (nlohmann's
// value() and get() throw on a type mismatch; found by fuzz/fuzz_aws_response).
// Thread safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace tectonic::aws::json_read {

// j[key] when j is an object holding key with a value of that type; else the fallback.
inline std::string Str(const nlohmann::json& j, const char* key, std::string fallback = "") {
  auto it = j.find(key);  // end() for a non-object too
  return it != j.end() && it->is_string() ? it->get<std::string>() : fallback;
}
inline double Num(const nlohmann::json& j, const char* key, double fallback = 0) {
  auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<double>() : fallback;
}
inline bool Bool(const nlohmann::json& j, const char* key, bool fallback = false) {
  auto it = j.find(key);
  return it != j.end() && it->is_boolean() ? it->get<bool>() : fallback;
}
// The array j[key], or an empty array.
inline const nlohmann::json& List(const nlohmann::json& j, const char* key) {
  static const nlohmann::json kEmpty = nlohmann::json::array();
  auto it = j.find(key);
  return it != j.end() && it->is_array() ? *it : kEmpty;
}
// The object j[key], or an empty object.
inline const nlohmann::json& Object(const nlohmann::json& j, const char* key) {
  static const nlohmann::json kEmpty = nlohmann::json::object();
  auto it = j.find(key);
  return it != j.end() && it->is_object() ? *it : kEmpty;
}

}  // namespace tectonic::aws::json_read
