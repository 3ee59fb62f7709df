#include "aws/xml_util.h"

#include <openssl/evp.h>

#include <cstdlib>

namespace tectonic::aws::xml {

std::string Text(pugi::xml_node node, const char* name) {
  return node.child(name).text().as_string();
}

int64_t Int(pugi::xml_node node, const char* name) { return node.child(name).text().as_llong(0); }

bool Bool(pugi::xml_node node, const char* name) { return node.child(name).text().as_bool(); }

std::vector<pugi::xml_node> Items(pugi::xml_node node, const char* list, const char* item) {
  std::vector<pugi::xml_node> out;
  for (pugi::xml_node child : node.child(list).children(item)) out.push_back(child);
  return out;
}

std::vector<std::string> Texts(pugi::xml_node node, const char* list, const char* item) {
  std::vector<std::string> out;
  for (pugi::xml_node child : node.child(list).children(item)) {
    out.emplace_back(child.text().as_string());
  }
  return out;
}

Tags Ec2Tags(pugi::xml_node node) {
  Tags tags;
  for (pugi::xml_node item : node.child("tagSet").children("item")) {
    tags[Text(item, "key")] = Text(item, "value");
  }
  return tags;
}

Tags QueryTags(pugi::xml_node node, const char* list) {
  Tags tags;
  for (pugi::xml_node member : node.child(list).children("member")) {
    tags[Text(member, "Key")] = Text(member, "Value");
  }
  return tags;
}

}  // namespace tectonic::aws::xml

namespace tectonic::aws::encoding {

std::string Base64Encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()),
                          static_cast<int>(bytes.size()));
  out.resize(n < 0 ? 0 : static_cast<size_t>(n));
  return out;
}

bool Base64Decode(std::string_view text, std::string* out) {
  std::string clean;
  for (char c : text) {
    if (c != '\n' && c != '\r' && c != ' ') clean.push_back(c);
  }
  if (clean.size() % 4 != 0) return false;
  std::string buf(clean.size() / 4 * 3, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(buf.data()),
                          reinterpret_cast<const unsigned char*>(clean.data()),
                          static_cast<int>(clean.size()));
  if (n < 0) return false;
  size_t len = static_cast<size_t>(n);
  // EVP_DecodeBlock keeps the bytes that padding stands for; drop them.
  if (!clean.empty() && clean.back() == '=') --len;
  if (clean.size() > 1 && clean[clean.size() - 2] == '=') --len;
  buf.resize(len);
  *out = std::move(buf);
  return true;
}

std::string ContentMd5(std::string_view body) {
  unsigned char digest[16];
  unsigned int len = 0;
  EVP_Digest(body.data(), body.size(), digest, &len, EVP_md5(), nullptr);
  return Base64Encode(std::string_view(reinterpret_cast<const char*>(digest), len));
}

std::string PercentDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      char hex[3] = {text[i + 1], text[i + 2], '\0'};
      char* end = nullptr;
      long v = std::strtol(hex, &end, 16);
      if (end == hex + 2) {
        out.push_back(static_cast<char>(v));
        i += 2;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

std::string PercentEncode(std::string_view text, bool keep_slash) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_' || c == '.' || c == '~';
    if (unreserved || (keep_slash && c == '/')) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

}  // namespace tectonic::aws::encoding

namespace tectonic::aws::query {

void AddTagList(FormParams& p, const Tags& tags) {
  int i = 1;
  for (const auto& [key, value] : tags) {
    std::string base = "Tags.member." + std::to_string(i++);
    p.Add(base + ".Key", key).Add(base + ".Value", value);
  }
}

}  // namespace tectonic::aws::query
