// Paged listings: one pass over items in key order decides which belong on the requested
// page and which key starts the next. Page tokens are opaque to clients (the next key plus a
// MAC bound to the operation), so a token from another operation or a tampered one is refused.
// Thread safety: a Pager is used by one call.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace awsim {

// Encodes the key the next page of `scope` (an operation name) starts at.
std::string EncodePageToken(const std::string& scope, const std::string& key);
// The key inside `token`, or nullopt when it was not made by EncodePageToken for `scope`.
std::optional<std::string> DecodePageToken(const std::string& scope, const std::string& token);

class Pager {
 public:
  // `start_key` empty = first page (else a decoded token); `limit` 0 = unlimited.
  Pager(std::string scope, std::string start_key, size_t limit)
      : scope_(std::move(scope)), start_(std::move(start_key)), limit_(limit) {}
  // Call for every matching item, in ascending key order: true when it goes on this page.
  bool Take(const std::string& key);
  // The token of the next page, "" after the last one.
  std::string NextToken() const;
  bool Truncated() const { return !next_.empty(); }

 private:
  std::string scope_, start_, next_;
  size_t limit_ = 0, taken_ = 0;
};

// How one operation pages: the size parameter's range and default (0 = everything), and the
// error status and codes for a bad size or token.
struct PageRules {
  long long min = 1, max = 1000;
  size_t default_size = 0;
  int status = 400;
  const char* size_param = "MaxResults";
  const char* token_param = "NextToken";
  const char* size_code = "InvalidParameterValue";
  const char* token_code = "InvalidParameterValue";
};

// A Pager for the request's token and size text (either may be absent); throws ApiError.
Pager ReadPager(const std::string& scope, const std::optional<std::string>& token,
                const std::optional<std::string>& size, const PageRules& rules);

}  // namespace awsim
