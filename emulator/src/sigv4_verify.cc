#include "sigv4_verify.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <sstream>

namespace awsim {

namespace {

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

// Trims and collapses inner whitespace runs to one space.
std::string TrimAll(const std::string& s) {
  std::string out;
  bool space = false;
  for (char c : Trim(s)) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  std::istringstream in(s);
  while (std::getline(in, cur, sep)) out.push_back(cur);
  return out;
}

// RFC 3986 section 5.2.4, keeping a trailing slash.
std::string RemoveDotSegments(const std::string& path) {
  std::vector<std::string> out;
  auto parts = Split(path, '/');
  for (const auto& part : parts) {
    if (part == "." || part.empty()) continue;
    if (part == "..") {
      if (!out.empty()) out.pop_back();
      continue;
    }
    out.push_back(part);
  }
  std::string joined = "/";
  for (size_t i = 0; i < out.size(); ++i) joined += (i ? "/" : "") + out[i];
  if (path.size() > 1 && path.back() == '/' && joined != "/") joined += "/";
  return joined;
}

}  // namespace

std::optional<AuthHeader> ParseAuthorization(const std::string& header, std::string* reason) {
  const std::string kAlgo = "AWS4-HMAC-SHA256 ";
  if (header.compare(0, kAlgo.size(), kAlgo) != 0) {
    *reason = "Unsupported authorization type";
    return std::nullopt;
  }
  AuthHeader out;
  std::string credential;
  std::string signed_headers;
  for (const auto& raw : Split(header.substr(kAlgo.size()), ',')) {
    std::string item = Trim(raw);
    size_t eq = item.find('=');
    if (eq == std::string::npos) continue;
    std::string key = item.substr(0, eq), value = item.substr(eq + 1);
    if (key == "Credential") credential = value;
    if (key == "SignedHeaders") signed_headers = value;
    if (key == "Signature") out.signature = value;
  }
  auto scope = Split(credential, '/');
  if (scope.size() != 5 || scope[4] != "aws4_request" || signed_headers.empty() ||
      out.signature.empty()) {
    *reason =
        "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters "
        "with a well-formed credential scope";
    return std::nullopt;
  }
  out.access_key = scope[0];
  out.date = scope[1];
  out.region = scope[2];
  out.service = scope[3];
  out.signed_headers = Split(signed_headers, ';');
  return out;
}

std::string HexEncode(const std::string& bytes) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

std::string Sha256Hex(const std::string& data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr);
  return HexEncode(std::string(reinterpret_cast<char*>(md), len));
}

std::string HmacSha256(const std::string& key, const std::string& data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), md, &len);
  return std::string(reinterpret_cast<char*>(md), len);
}

std::string CanonicalUri(const std::string& raw_path, bool s3) {
  std::string path = raw_path.empty() ? "/" : raw_path;
  if (s3) return path;
  return UrlEncode(RemoveDotSegments(path), /*keep_slash=*/true);
}

std::string CanonicalQuery(const std::string& raw_query) {
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const auto& pair : Split(raw_query, '&')) {
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::string k = UrlDecode(pair.substr(0, eq), false);
    std::string v = eq == std::string::npos ? "" : UrlDecode(pair.substr(eq + 1), false);
    pairs.emplace_back(UrlEncode(k), UrlEncode(v));
  }
  std::sort(pairs.begin(), pairs.end());
  std::string out;
  for (size_t i = 0; i < pairs.size(); ++i) {
    out += (i ? "&" : "") + pairs[i].first + "=" + pairs[i].second;
  }
  return out;
}

std::string CanonicalRequest(const std::string& method, const std::string& raw_path,
                             const std::string& raw_query,
                             const std::map<std::string, std::vector<std::string>>& headers,
                             const std::vector<std::string>& signed_headers, bool s3,
                             const std::string& payload_hash) {
  std::string out =
      method + "\n" + CanonicalUri(raw_path, s3) + "\n" + CanonicalQuery(raw_query) + "\n";
  std::string names;
  for (size_t i = 0; i < signed_headers.size(); ++i) {
    const std::string& name = signed_headers[i];
    std::string value;
    auto it = headers.find(name);
    if (it != headers.end()) {
      for (size_t j = 0; j < it->second.size(); ++j)
        value += (j ? "," : "") + TrimAll(it->second[j]);
    }
    out += name + ":" + value + "\n";
    names += (i ? ";" : "") + name;
  }
  out += "\n" + names + "\n" + payload_hash;
  return out;
}

std::string ComputeSignature(const std::string& secret, const std::string& amz_date,
                             const std::string& region, const std::string& service,
                             const std::string& canonical_request) {
  std::string date = amz_date.substr(0, 8);
  std::string scope = date + "/" + region + "/" + service + "/aws4_request";
  std::string to_sign =
      "AWS4-HMAC-SHA256\n" + amz_date + "\n" + scope + "\n" + Sha256Hex(canonical_request);
  std::string k = HmacSha256("AWS4" + secret, date);
  k = HmacSha256(k, region);
  k = HmacSha256(k, service);
  k = HmacSha256(k, "aws4_request");
  return HexEncode(HmacSha256(k, to_sign));
}

bool ConstantTimeEquals(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

void SignRequest(const std::string& method, const std::string& raw_path,
                 const std::string& raw_query, std::map<std::string, std::string>& headers,
                 const std::string& body, const std::string& access_key, const std::string& secret,
                 const std::string& session_token, const std::string& region,
                 const std::string& service, const std::string& amz_date) {
  headers.erase("authorization");
  headers["x-amz-date"] = amz_date;
  if (!session_token.empty()) headers["x-amz-security-token"] = session_token;
  std::string payload_hash = Sha256Hex(body);
  if (service == "s3") headers["x-amz-content-sha256"] = payload_hash;
  std::map<std::string, std::vector<std::string>> multi;
  std::vector<std::string> names;
  for (const auto& [k, v] : headers) {
    multi[k] = {v};
    names.push_back(k);
  }
  std::string creq =
      CanonicalRequest(method, raw_path, raw_query, multi, names, service == "s3", payload_hash);
  std::string sig = ComputeSignature(secret, amz_date, region, service, creq);
  std::string signed_list;
  for (size_t i = 0; i < names.size(); ++i) signed_list += (i ? ";" : "") + names[i];
  headers["authorization"] = "AWS4-HMAC-SHA256 Credential=" + access_key + "/" +
                             amz_date.substr(0, 8) + "/" + region + "/" + service +
                             "/aws4_request, SignedHeaders=" + signed_list + ", Signature=" + sig;
}

}  // namespace awsim
