#include "aws/sigv4.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <strings.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <vector>

namespace tectonic::aws {
namespace {

// Headers botocore never signs (auth.py SIGNED_HEADERS_BLACKLIST plus hop-by-hop ones).
constexpr std::string_view kUnsignedHeaders[] = {"authorization",
                                                 "connection",
                                                 "expect",
                                                 "keep-alive",
                                                 "proxy-authenticate",
                                                 "proxy-authorization",
                                                 "te",
                                                 "trailer",
                                                 "transfer-encoding",
                                                 "upgrade",
                                                 "user-agent",
                                                 "x-amzn-trace-id"};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsUnreserved(unsigned char c) {
  return std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~';
}

// Leading/trailing whitespace removed, inner runs collapsed to one space.
std::string TrimAll(std::string_view value) {
  std::string out;
  bool pending_space = false;
  for (char c : value) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

struct UrlParts {
  std::string authority;  // host[:port]
  std::string path;
  std::string query;
};

UrlParts SplitUrl(const std::string& url) {
  UrlParts parts;
  size_t start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  size_t path_start = url.find_first_of("/?", start);
  parts.authority =
      url.substr(start, path_start == std::string::npos ? std::string::npos : path_start - start);
  if (path_start == std::string::npos) return parts;
  size_t q = url.find('?', path_start);
  parts.path = url.substr(path_start, q == std::string::npos ? std::string::npos : q - path_start);
  if (q != std::string::npos) parts.query = url.substr(q + 1);
  return parts;
}

// RFC 3986 5.2.4 dot-segment removal; AWS also collapses repeated slashes.
std::string NormalizePath(const std::string& path) {
  if (path.empty()) return "/";
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    std::string seg = path.substr(i, j - i);
    if (seg == "..") {
      if (!out.empty()) out.pop_back();
    } else if (!seg.empty() && seg != ".") {
      out.push_back(seg);
    }
    i = j + 1;
  }
  std::string result = path[0] == '/' ? "/" : "";
  for (size_t k = 0; k < out.size(); ++k) {
    if (k) result += '/';
    result += out[k];
  }
  if (path.back() == '/' && !out.empty()) result += '/';
  return result.empty() ? "/" : result;
}

std::string CanonicalQuery(const std::string& query) {
  if (query.empty()) return "";
  std::vector<std::pair<std::string, std::string>> pairs;
  size_t i = 0;
  while (i <= query.size()) {
    size_t j = query.find('&', i);
    if (j == std::string::npos) j = query.size();
    std::string_view pair(query.data() + i, j - i);
    if (!pair.empty()) {
      size_t eq = pair.find('=');
      std::string_view key = pair.substr(0, eq);
      std::string_view value = eq == std::string_view::npos ? "" : pair.substr(eq + 1);
      pairs.emplace_back(UriEncode(UriDecode(key), false), UriEncode(UriDecode(value), false));
    }
    i = j + 1;
  }
  std::sort(pairs.begin(), pairs.end());
  std::string out;
  for (const auto& [k, v] : pairs) {
    if (!out.empty()) out += '&';
    out += k + "=" + v;
  }
  return out;
}

void RemoveHeader(Headers& headers, std::string_view name) {
  std::erase_if(headers, [&](const auto& h) {
    return h.first.size() == name.size() &&
           strncasecmp(h.first.data(), name.data(), name.size()) == 0;
  });
}

bool HasHeader(const Headers& headers, std::string_view name) {
  return std::any_of(headers.begin(), headers.end(), [&](const auto& h) {
    return h.first.size() == name.size() &&
           strncasecmp(h.first.data(), name.data(), name.size()) == 0;
  });
}

}  // namespace

std::string HexEncode(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 0xf]);
  }
  return out;
}

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  return HexEncode(std::string_view(reinterpret_cast<char*>(digest), sizeof(digest)));
}

std::string HmacSha256(std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), out, &len);
  return std::string(reinterpret_cast<char*>(out), len);
}

std::string UriEncode(std::string_view text, bool keep_slash) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if (IsUnreserved(c) || (keep_slash && c == '/')) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xf]);
    }
  }
  return out;
}

std::string UriDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string FormatAmzDate(std::chrono::system_clock::time_point t) {
  std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

std::string CanonicalRequest(const HttpRequest& request, bool s3, std::string* signed_headers) {
  UrlParts url = SplitUrl(request.url);
  std::string path = url.path.empty() ? "/" : url.path;
  std::string canonical_uri = s3 ? path : UriEncode(NormalizePath(path), true);

  std::map<std::string, std::string> headers;  // sorted by lower-case name
  for (const auto& [name, value] : request.headers) {
    std::string lower = Lower(name);
    if (std::find(std::begin(kUnsignedHeaders), std::end(kUnsignedHeaders), lower) !=
        std::end(kUnsignedHeaders)) {
      continue;
    }
    auto [it, inserted] = headers.emplace(lower, TrimAll(value));
    if (!inserted) it->second += "," + TrimAll(value);
  }
  if (!headers.count("host")) headers.emplace("host", url.authority);

  std::string canonical_headers;
  signed_headers->clear();
  for (const auto& [name, value] : headers) {
    canonical_headers += name + ":" + value + "\n";
    if (!signed_headers->empty()) *signed_headers += ';';
    *signed_headers += name;
  }
  auto payload = headers.find("x-amz-content-sha256");
  std::string payload_hash = payload != headers.end() ? payload->second : Sha256Hex(request.body);

  return request.method + "\n" + canonical_uri + "\n" + CanonicalQuery(url.query) + "\n" +
         canonical_headers + "\n" + *signed_headers + "\n" + payload_hash;
}

std::string SigV4Signer::SigningKey(const std::string& secret, const std::string& date,
                                    const std::string& region, const std::string& service) {
  auto key = std::make_tuple(Sha256Hex(secret), date, region, service);
  {
    std::lock_guard lock(mu_);
    auto it = keys_.find(key);
    if (it != keys_.end()) return it->second;
  }
  std::string k = HmacSha256("AWS4" + secret, date);
  k = HmacSha256(k, region);
  k = HmacSha256(k, service);
  k = HmacSha256(k, "aws4_request");
  std::lock_guard lock(mu_);
  if (keys_.size() > 256) keys_.clear();  // dates roll over; keep the cache bounded
  keys_[key] = k;
  return k;
}

SigningResult SigV4Signer::Sign(HttpRequest& request, const Credentials& credentials,
                                const SigningParams& params) {
  RemoveHeader(request.headers, "Authorization");
  RemoveHeader(request.headers, "X-Amz-Date");
  RemoveHeader(request.headers, "X-Amz-Security-Token");
  if (!HasHeader(request.headers, "Host")) {
    std::string host = SplitUrl(request.url).authority;
    // Default ports are not part of the Host header (curl and botocore agree).
    if (request.url.starts_with("https://") && host.ends_with(":443")) host.resize(host.size() - 4);
    if (request.url.starts_with("http://") && host.ends_with(":80")) host.resize(host.size() - 3);
    request.headers.emplace_back("Host", host);
  }
  std::string timestamp = FormatAmzDate(params.time);
  std::string date = timestamp.substr(0, 8);
  request.headers.emplace_back("X-Amz-Date", timestamp);
  if (!credentials.session_token.empty()) {
    request.headers.emplace_back("X-Amz-Security-Token", credentials.session_token);
  }
  if (params.s3 && !HasHeader(request.headers, "X-Amz-Content-SHA256")) {
    request.headers.emplace_back("X-Amz-Content-SHA256", Sha256Hex(request.body));
  }

  SigningResult result;
  result.canonical_request = CanonicalRequest(request, params.s3, &result.signed_headers);
  std::string scope = date + "/" + params.region + "/" + params.service + "/aws4_request";
  result.string_to_sign =
      "AWS4-HMAC-SHA256\n" + timestamp + "\n" + scope + "\n" + Sha256Hex(result.canonical_request);
  std::string key = SigningKey(credentials.secret_access_key, date, params.region, params.service);
  result.signature = HexEncode(HmacSha256(key, result.string_to_sign));
  result.authorization = "AWS4-HMAC-SHA256 Credential=" + credentials.access_key_id + "/" + scope +
                         ", SignedHeaders=" + result.signed_headers +
                         ", Signature=" + result.signature;
  request.headers.emplace_back("Authorization", result.authorization);
  return result;
}

}  // namespace tectonic::aws
