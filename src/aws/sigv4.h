// SigV4: signs an HttpRequest in place (Authorization, X-Amz-Date, X-Amz-Security-Token and,
// for S3, X-Amz-Content-SHA256), with the rules of aws-wire.md section 3.
// The free functions are exposed for tests and for the emulator-facing checks.
// Thread safety: SigV4Signer is safe from many threads (its signing-key cache is locked).
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>

#include "aws/credentials.h"
#include "aws/http.h"

namespace tectonic::aws {

// Lower-case hex of SHA-256(data).
std::string Sha256Hex(std::string_view data);
// Raw HMAC-SHA256(key, data).
std::string HmacSha256(std::string_view key, std::string_view data);
std::string HexEncode(std::string_view bytes);

// RFC 3986 percent-encoding: unreserved A-Za-z0-9-_.~ kept; '/' kept when keep_slash.
std::string UriEncode(std::string_view text, bool keep_slash);
// Decodes %XX (and '+' as space when plus_is_space).
std::string UriDecode(std::string_view text, bool plus_is_space = false);

// "20150830T123600Z".
std::string FormatAmzDate(std::chrono::system_clock::time_point t);

struct SigningParams {
  std::string region;
  std::string service;  // signing name: "ec2", "s3", ...
  std::chrono::system_clock::time_point time;
  bool s3 = false;  // S3 rules: no path normalisation or double-encoding, content-sha256 header
};

// The pieces of one signature, for tests and debugging (no secret in any of them).
struct SigningResult {
  std::string canonical_request;
  std::string string_to_sign;
  std::string signed_headers;
  std::string signature;
  std::string authorization;
};

class SigV4Signer {
 public:
  // Adds the signing headers to request and returns what was computed.
  SigningResult Sign(HttpRequest& request, const Credentials& credentials,
                     const SigningParams& params);

 private:
  std::string SigningKey(const std::string& secret, const std::string& date,
                         const std::string& region, const std::string& service);
  std::mutex mu_;
  // (secret hash, date, region, service) -> key; small, entries only change daily.
  std::map<std::tuple<std::string, std::string, std::string, std::string>, std::string> keys_;
};

// Canonical request of an already-prepared request (headers as they will be sent, including
// host and x-amz-date). Returns the canonical request and fills signed_headers.
std::string CanonicalRequest(const HttpRequest& request, bool s3, std::string* signed_headers);

}  // namespace tectonic::aws
