#include "assets/bootstrap_token.h"

#include <time.h>

#include <nlohmann/json.hpp>

#include "assets/pki.h"
#include "assets/yaml_emit.h"
#include "util/redact.h"

namespace tectonic::assets {
namespace {

constexpr std::string_view kAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

bool Valid(std::string_view s, size_t length) {
  return s.size() == length && s.find_first_not_of(kAlphabet) == std::string_view::npos;
}

}  // namespace

Result<BootstrapToken> GenerateBootstrapToken() {
  BootstrapToken token;
  TECTONIC_ASSIGN_OR_RETURN(token.id, RandomString(6, kAlphabet));
  TECTONIC_ASSIGN_OR_RETURN(token.secret, RandomString(16, kAlphabet));
  RegisterSecret(token.secret);
  RegisterSecret(token.Token());
  return token;
}

Result<BootstrapToken> ParseBootstrapToken(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  auto dot = text.find('.');
  if (dot == std::string_view::npos || !Valid(text.substr(0, dot), 6) ||
      !Valid(text.substr(dot + 1), 16)) {
    return Status::InvalidInput(
        "the stored bootstrap token is malformed (want <6 chars>.<16 chars> of [a-z0-9]); "
        "delete auth/bootstrap-token to have a new one generated");
  }
  BootstrapToken token{std::string(text.substr(0, dot)), std::string(text.substr(dot + 1))};
  RegisterSecret(token.secret);
  RegisterSecret(token.Token());
  return token;
}

std::string ExpirationFromNow(int hours) {
  time_t when = time(nullptr) + static_cast<time_t>(hours) * 3600;
  struct tm utc {};
  gmtime_r(&when, &utc);
  char text[32];
  strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

bool ExpiresWithin(const std::string& expiration, int hours) {
  struct tm utc {};
  const char* end = strptime(expiration.c_str(), "%Y-%m-%dT%H:%M:%SZ", &utc);
  if (end == nullptr || *end != '\0') return true;
  time_t when = timegm(&utc);
  return when - time(nullptr) < static_cast<time_t>(hours) * 3600;
}

std::string BootstrapTokenSecretYaml(const BootstrapToken& token) {
  nlohmann::ordered_json secret = {
      {"apiVersion", "v1"},
      {"kind", "Secret"},
      {"metadata", {{"name", "bootstrap-token-" + token.id}, {"namespace", "kube-system"}}},
      {"type", "bootstrap.kubernetes.io/token"},
      {"stringData",
       {{"description", "kubelet TLS bootstrapping token written by tectonic"},
        {"token-id", token.id},
        {"token-secret", token.secret},
        {"usage-bootstrap-authentication", "true"},
        {"usage-bootstrap-signing", "true"},
        {"auth-extra-groups", kBootstrapTokenGroup}}}};
  // The token controller (tokencleaner) deletes the Secret once it has expired.
  if (!token.expiration.empty()) secret["stringData"]["expiration"] = token.expiration;
  return ToYaml({secret});
}

}  // namespace tectonic::assets
