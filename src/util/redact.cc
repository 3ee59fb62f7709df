#include "util/redact.h"

#include <algorithm>
#include <mutex>
#include <regex>
#include <set>

namespace tectonic {
namespace {

std::mutex& SecretsMutex() {
  static std::mutex mutex;
  return mutex;
}

// Longest first, so a secret that contains another is masked whole.
struct LongestFirst {
  bool operator()(const std::string& a, const std::string& b) const {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  }
};

std::set<std::string, LongestFirst>& Secrets() {
  static std::set<std::string, LongestFirst> secrets;
  return secrets;
}

void ReplaceAll(std::string& text, std::string_view needle) {
  for (size_t pos = text.find(needle); pos != std::string::npos;
       pos = text.find(needle, pos + kRedacted.size())) {
    text.replace(pos, needle.size(), kRedacted);
  }
}

}  // namespace

void RegisterSecret(std::string_view secret) {
  if (secret.size() < 8) return;
  std::lock_guard lock(SecretsMutex());
  Secrets().emplace(secret);
}

std::string Redact(std::string_view text) {
  std::string out(text);
  {
    std::lock_guard lock(SecretsMutex());
    for (const auto& secret : Secrets()) ReplaceAll(out, secret);
  }
  static const std::regex kPemKey(
      "-----BEGIN ([A-Z ]*)PRIVATE KEY-----[\\s\\S]*?-----END ([A-Z ]*)PRIVATE KEY-----");
  static const std::regex kSecretAssignment(
      "((aws_secret_access_key|aws_session_token|secret_access_key|SecretAccessKey|SessionToken|"
      "X-Amz-Security-Token|password)[\"']?\\s*[:=]\\s*[\"']?)[^\\s\"'&,<]+",
      std::regex::icase);
  if (out.find("PRIVATE KEY") != std::string::npos) {
    out = std::regex_replace(out, kPemKey, std::string(kRedacted));
  }
  out = std::regex_replace(out, kSecretAssignment, "$1" + std::string(kRedacted));
  return out;
}

}  // namespace tectonic
