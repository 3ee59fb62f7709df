#include "paging.h"

#include <optional>

#include "common.h"
#include "sigv4_verify.h"

namespace awsim {

namespace {

// Tokens only need to resist accidental reuse and tampering, not attackers with the source.
constexpr const char* kTokenKey = "awsim page token v1";

std::optional<std::string> FromHex(const std::string& hex) {
  if (hex.size() % 2) return std::nullopt;
  std::string out;
  for (size_t i = 0; i < hex.size(); i += 2) {
    int v = 0;
    for (size_t j = i; j < i + 2; ++j) {
      char c = hex[j];
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (d < 0) return std::nullopt;
      v = v * 16 + d;
    }
    out.push_back(static_cast<char>(v));
  }
  return out;
}

std::string Mac(const std::string& scope, const std::string& key) {
  return HexEncode(HmacSha256(kTokenKey, scope + "\n" + key)).substr(0, 16);
}

}  // namespace

std::string EncodePageToken(const std::string& scope, const std::string& key) {
  return Mac(scope, key) + HexEncode(key);
}

std::optional<std::string> DecodePageToken(const std::string& scope, const std::string& token) {
  if (token.size() < 16) return std::nullopt;
  auto key = FromHex(token.substr(16));
  if (!key || key->empty() || Mac(scope, *key) != token.substr(0, 16)) return std::nullopt;
  return key;
}

bool Pager::Take(const std::string& key) {
  if (!start_.empty() && key < start_) return false;
  if (limit_ == 0 || taken_ < limit_) {
    ++taken_;
    return true;
  }
  if (next_.empty()) next_ = key;
  return false;
}

Pager ReadPager(const std::string& scope, const std::optional<std::string>& token,
                const std::optional<std::string>& size, const PageRules& rules) {
  size_t limit = rules.default_size;
  if (size) {
    size_t used = 0;
    long long n = -1;
    try {
      n = std::stoll(*size, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != size->size() || n < rules.min || n > rules.max) {
      Fail(rules.status, rules.size_code,
           "Invalid value '" + *size + "' for " + rules.size_param + ": it must be between " +
               std::to_string(rules.min) + " and " + std::to_string(rules.max) + ".");
    }
    limit = static_cast<size_t>(n);
  }
  std::string start;
  if (token && !token->empty()) {
    auto key = DecodePageToken(scope, *token);
    if (!key) {
      Fail(rules.status, rules.token_code,
           "Invalid value for " + std::string(rules.token_param) +
               ": the token was not issued by " + scope + ".");
    }
    start = *key;
  }
  return Pager(scope, start, limit);
}

std::string Pager::NextToken() const { return next_.empty() ? "" : EncodePageToken(scope_, next_); }

}  // namespace awsim
