// A small streaming XML writer for response bodies: Open/Leaf/Close with escaping.
// Thread safety: one writer per response.
#pragma once

#include <string>
#include <vector>

namespace awsim {

std::string XmlEscape(const std::string& in);

class XmlWriter {
 public:
  explicit XmlWriter(bool declaration = true);
  // Opens <name attrs>; attrs is raw text such as `xmlns="..."`.
  XmlWriter& Open(const std::string& name, const std::string& attrs = "");
  XmlWriter& Close();
  XmlWriter& Leaf(const std::string& name, const std::string& value);
  XmlWriter& Leaf(const std::string& name, const char* value) {
    return Leaf(name, std::string(value));
  }
  XmlWriter& Leaf(const std::string& name, long long value) {
    return Leaf(name, std::to_string(value));
  }
  XmlWriter& Leaf(const std::string& name, int value) { return Leaf(name, std::to_string(value)); }
  XmlWriter& Bool(const std::string& name, bool value) {
    return Leaf(name, std::string(value ? "true" : "false"));
  }
  // Leaf only when value is non-empty.
  XmlWriter& Opt(const std::string& name, const std::string& value) {
    return value.empty() ? *this : Leaf(name, value);
  }
  XmlWriter& Raw(const std::string& text);
  std::string Finish();

 private:
  std::string out_;
  std::vector<std::string> stack_;
};

}  // namespace awsim
