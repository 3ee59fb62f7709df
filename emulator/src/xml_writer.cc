#include "xml_writer.h"

namespace awsim {

std::string XmlEscape(const std::string& in) {
  std::string out;
  out.reserve(in.size());
  for (char c : in) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

XmlWriter::XmlWriter(bool declaration) {
  if (declaration) out_ = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
}

XmlWriter& XmlWriter::Open(const std::string& name, const std::string& attrs) {
  out_ += "<" + name + (attrs.empty() ? "" : " " + attrs) + ">";
  stack_.push_back(name);
  return *this;
}

XmlWriter& XmlWriter::Close() {
  out_ += "</" + stack_.back() + ">";
  stack_.pop_back();
  return *this;
}

XmlWriter& XmlWriter::Leaf(const std::string& name, const std::string& value) {
  out_ += "<" + name + ">" + XmlEscape(value) + "</" + name + ">";
  return *this;
}

XmlWriter& XmlWriter::Raw(const std::string& text) {
  out_ += text;
  return *this;
}

std::string XmlWriter::Finish() {
  while (!stack_.empty()) Close();
  return out_;
}

}  // namespace awsim
