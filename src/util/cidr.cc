#include "util/cidr.h"

#include <charconv>

#include <fmt/format.h>

namespace tectonic {
namespace {

// Parses a decimal number made only of digits, without leading zeros ("0" itself is fine).
bool ParseDecimal(std::string_view text, uint32_t max, uint32_t* out) {
  if (text.empty() || text.size() > 3) return false;
  if (text.size() > 1 && text[0] == '0') return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  uint32_t value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  if (value > max) return false;
  *out = value;
  return true;
}

}  // namespace

Result<uint32_t> ParseIpv4(std::string_view text) {
  uint32_t address = 0;
  size_t start = 0;
  for (int i = 0; i < 4; ++i) {
    size_t end = i < 3 ? text.find('.', start) : text.size();
    if (end == std::string_view::npos) {
      return Status::InvalidInput(fmt::format("'{}' is not an IPv4 address (a.b.c.d)", text));
    }
    uint32_t octet = 0;
    if (!ParseDecimal(text.substr(start, end - start), 255, &octet)) {
      return Status::InvalidInput(
          fmt::format("'{}' is not an IPv4 address: each of the four parts must be a number 0-255 "
                      "without leading zeros",
                      text));
    }
    address = (address << 8) | octet;
    start = end + 1;
  }
  return address;
}

Result<Cidr> Cidr::Parse(std::string_view text) {
  size_t slash = text.find('/');
  if (slash == std::string_view::npos) {
    return Status::InvalidInput(
        fmt::format("'{}' is not a CIDR block: expected address/prefix like 10.0.0.0/16", text));
  }
  auto address = ParseIpv4(text.substr(0, slash));
  if (!address.ok()) {
    return Status::InvalidInput(
        fmt::format("'{}' is not a CIDR block: {}", text, address.status().message()));
  }
  uint32_t prefix = 0;
  if (!ParseDecimal(text.substr(slash + 1), 32, &prefix)) {
    return Status::InvalidInput(
        fmt::format("'{}' is not a CIDR block: the prefix must be a number 0-32", text));
  }
  Cidr block = FromAddress(*address, static_cast<int>(prefix));
  if (block.network_ != *address) {
    return Status::InvalidInput(
        fmt::format("'{}' has host bits set: the block starts at {}", text, block.ToString()));
  }
  return block;
}

Cidr Cidr::FromAddress(uint32_t address, int prefix) {
  Cidr block(0, prefix);
  block.network_ = address & block.Mask();
  return block;
}

Result<Cidr> Cidr::Subnet(int newbits, uint64_t netnum) const {
  if (newbits < 0 || prefix_ + newbits > 32) {
    return Status::InvalidInput(
        fmt::format("cannot extend prefix /{} of {} by {} bits", prefix_, ToString(), newbits));
  }
  if (newbits < 64 && netnum >= (uint64_t{1} << newbits)) {
    return Status::InvalidInput(
        fmt::format("{} has no subnet number {} of {} new bits", ToString(), netnum, newbits));
  }
  int new_prefix = prefix_ + newbits;
  uint32_t offset = static_cast<uint32_t>(netnum << (32 - new_prefix));
  return Cidr(network_ | offset, new_prefix);
}

Result<uint32_t> Cidr::Host(int64_t n) const {
  int64_t size = static_cast<int64_t>(Size());
  int64_t index = n < 0 ? size + n : n;
  if (index < 0 || index >= size) {
    return Status::InvalidInput(fmt::format("{} has no host number {}", ToString(), n));
  }
  return network_ + static_cast<uint32_t>(index);
}

std::string Cidr::ToString() const { return fmt::format("{}/{}", FormatIpv4(network_), prefix_); }

std::string FormatIpv4(uint32_t a) {
  return fmt::format("{}.{}.{}.{}", a >> 24, (a >> 16) & 0xff, (a >> 8) & 0xff, a & 0xff);
}

}  // namespace tectonic
