#include "iam_eval.h"

#include <cctype>

#include <nlohmann/json.hpp>

namespace awsim {

const char* DecisionName(Decision d) {
  switch (d) {
    case Decision::kAllowed:
      return "allowed";
    case Decision::kExplicitDeny:
      return "explicitDeny";
    default:
      return "implicitDeny";
  }
}

bool WildcardMatch(const std::string& pattern, const std::string& value, bool ignore_case) {
  auto eq = [&](char a, char b) {
    return ignore_case ? std::tolower(static_cast<unsigned char>(a)) ==
                             std::tolower(static_cast<unsigned char>(b))
                       : a == b;
  };
  size_t p = 0, v = 0, star = std::string::npos, mark = 0;
  while (v < value.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || eq(pattern[p], value[v]))) {
      ++p;
      ++v;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = v;
    } else if (star != std::string::npos) {
      p = star + 1;
      v = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

namespace {

std::vector<std::string> Strings(const nlohmann::json& j) {
  std::vector<std::string> out;
  if (j.is_string()) out.push_back(j.get<std::string>());
  if (j.is_array()) {
    for (const auto& e : j) {
      if (e.is_string()) out.push_back(e.get<std::string>());
    }
  }
  return out;
}

bool AnyMatch(const nlohmann::json& patterns, const std::string& value, bool ignore_case) {
  for (const auto& p : Strings(patterns)) {
    if (WildcardMatch(p, value, ignore_case)) return true;
  }
  return false;
}

// Does the statement apply to (action, resource)?
bool Applies(const nlohmann::json& st, const std::string& action, const std::string& resource) {
  bool action_ok = st.contains("Action")      ? AnyMatch(st["Action"], action, true)
                   : st.contains("NotAction") ? !AnyMatch(st["NotAction"], action, true)
                                              : false;
  if (!action_ok) return false;
  if (st.contains("Resource")) return AnyMatch(st["Resource"], resource, false);
  if (st.contains("NotResource")) return !AnyMatch(st["NotResource"], resource, false);
  return false;
}

}  // namespace

Decision Evaluate(const std::vector<std::string>& documents, const std::string& action,
                  const std::string& resource) {
  bool allowed = false;
  for (const auto& doc : documents) {
    auto j = nlohmann::json::parse(doc, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("Statement")) continue;
    nlohmann::json statements = j["Statement"];
    if (statements.is_object()) statements = nlohmann::json::array({statements});
    if (!statements.is_array()) continue;
    for (const auto& st : statements) {
      if (!st.is_object() || !Applies(st, action, resource)) continue;
      std::string effect = st.value("Effect", "");
      if (effect == "Deny") return Decision::kExplicitDeny;
      if (effect == "Allow") allowed = true;
    }
  }
  return allowed ? Decision::kAllowed : Decision::kImplicitDeny;
}

bool ValidPolicyDocument(const std::string& document, std::string* reason) {
  auto j = nlohmann::json::parse(document, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    *reason = "Syntax errors in policy.";
    return false;
  }
  if (!j.contains("Statement")) {
    *reason = "Policy document must contain a Statement.";
    return false;
  }
  nlohmann::json statements = j["Statement"];
  if (statements.is_object()) statements = nlohmann::json::array({statements});
  for (const auto& st : statements) {
    std::string effect = st.is_object() ? st.value("Effect", "") : "";
    if (effect != "Allow" && effect != "Deny") {
      *reason = "Statement Effect must be Allow or Deny.";
      return false;
    }
  }
  return true;
}

}  // namespace awsim
