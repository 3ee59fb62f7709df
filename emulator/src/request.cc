#include "request.h"

#include <cctype>

namespace awsim {

namespace {
int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::string UrlDecode(const std::string& in, bool plus_is_space) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%' && i + 2 < in.size()) {
      int hi = HexValue(in[i + 1]), lo = HexValue(in[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(plus_is_space && c == '+' ? ' ' : c);
  }
  return out;
}

std::string UrlEncode(const std::string& in, bool keep_slash) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : in) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' ||
        (keep_slash && c == '/')) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

ParamMap ParseForm(const std::string& body, bool plus_is_space) {
  ParamMap out;
  size_t start = 0;
  while (start <= body.size()) {
    size_t amp = body.find('&', start);
    if (amp == std::string::npos) amp = body.size();
    std::string pair = body.substr(start, amp - start);
    if (!pair.empty()) {
      size_t eq = pair.find('=');
      std::string key = UrlDecode(pair.substr(0, eq), plus_is_space);
      std::string value =
          eq == std::string::npos ? "" : UrlDecode(pair.substr(eq + 1), plus_is_space);
      out[key] = value;
    }
    start = amp + 1;
  }
  return out;
}

std::optional<std::string> ParamView::Find(const std::string& name) const {
  auto it = p_->find(Key(name));
  if (it == p_->end()) return std::nullopt;
  return it->second;
}

std::string ParamView::Get(const std::string& name, const std::string& fallback) const {
  auto v = Find(name);
  return v ? *v : fallback;
}

bool ParamView::AnyUnder(const std::string& key) const {
  auto it = p_->lower_bound(key + ".");
  return it != p_->end() && it->first.compare(0, key.size() + 1, key + ".") == 0;
}

std::vector<std::string> ParamView::List(const std::string& name) const {
  std::vector<std::string> out;
  for (int i = 1;; ++i) {
    auto v = Find(name + "." + std::to_string(i));
    if (!v) break;
    out.push_back(*v);
  }
  return out;
}

std::vector<ParamView> ParamView::Items(const std::string& name) const {
  std::vector<ParamView> out;
  for (int i = 1;; ++i) {
    std::string key = Key(name + "." + std::to_string(i));
    if (!AnyUnder(key)) break;
    out.emplace_back(p_, key);
  }
  return out;
}

std::string ParamView::Fingerprint(const std::vector<std::string>& skip) const {
  std::string out;
  for (const auto& [k, v] : *p_) {
    bool skipped = false;
    for (const auto& s : skip) skipped = skipped || k == s;
    if (!skipped) out += k + "=" + v + "\n";
  }
  return out;
}

std::string Request::Header(const std::string& name) const {
  auto it = headers.find(name);
  if (it == headers.end() || it->second.empty()) return "";
  std::string joined;
  for (size_t i = 0; i < it->second.size(); ++i) joined += (i ? "," : "") + it->second[i];
  return joined;
}

}  // namespace awsim
