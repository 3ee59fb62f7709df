// SigV4 (AWS4-HMAC-SHA256) for the emulator: parse an Authorization header, rebuild the
// canonical request exactly over SignedHeaders, and compute the signature. Also a signer,
// used by the emulator's own tests to drive raw HTTP. Pure functions; thread safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "request.h"

namespace awsim {

struct AuthHeader {
  std::string access_key;
  std::string date;  // yyyymmdd from the credential scope
  std::string region;
  std::string service;
  std::vector<std::string> signed_headers;
  std::string signature;
};

// Parses `AWS4-HMAC-SHA256 Credential=AK/d/r/s/aws4_request, SignedHeaders=a;b, Signature=hex`.
// Returns nullopt (and a reason) for anything malformed.
std::optional<AuthHeader> ParseAuthorization(const std::string& header, std::string* reason);

std::string Sha256Hex(const std::string& data);
std::string HmacSha256(const std::string& key, const std::string& data);
std::string HexEncode(const std::string& bytes);

// Canonical URI: for S3 the raw path; otherwise dot segments removed, then encoded again.
std::string CanonicalUri(const std::string& raw_path, bool s3);
// Canonical query: pairs decoded and re-encoded (RFC 3986 unreserved kept), sorted.
std::string CanonicalQuery(const std::string& raw_query);
std::string CanonicalRequest(const std::string& method, const std::string& raw_path,
                             const std::string& raw_query,
                             const std::map<std::string, std::vector<std::string>>& headers,
                             const std::vector<std::string>& signed_headers, bool s3,
                             const std::string& payload_hash);
// Hex signature for the string to sign built from the pieces.
std::string ComputeSignature(const std::string& secret, const std::string& amz_date,
                             const std::string& region, const std::string& service,
                             const std::string& canonical_request);
bool ConstantTimeEquals(const std::string& a, const std::string& b);

// Signs a request: sets host, x-amz-date, (x-amz-security-token), (s3: x-amz-content-sha256)
// and authorization in `headers` (lower-case names); signs every header present.
void SignRequest(const std::string& method, const std::string& raw_path,
                 const std::string& raw_query, std::map<std::string, std::string>& headers,
                 const std::string& body, const std::string& access_key, const std::string& secret,
                 const std::string& session_token, const std::string& region,
                 const std::string& service, const std::string& amz_date);

}  // namespace awsim
