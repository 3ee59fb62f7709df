// IPv4 CIDR blocks: strict parsing, containment, overlap, and Terraform-style cidrsubnet /
// cidrhost arithmetic, so the model, topology and preflight compute subnets the same way.
// Plain values; no I/O; every function is thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "util/result.h"

namespace tectonic {

class Cidr {
 public:
  Cidr() = default;

  // Parses "a.b.c.d/n" strictly: four decimal octets 0-255 without leading zeros, a prefix
  // 0-32, and no host bits set ("10.0.0.1/16" is rejected with a hint of the network address).
  static Result<Cidr> Parse(std::string_view text);
  // Builds a block from an address and prefix, clearing host bits.
  static Cidr FromAddress(uint32_t address, int prefix);

  uint32_t network() const { return network_; }
  int prefix() const { return prefix_; }
  uint32_t Mask() const { return prefix_ == 0 ? 0u : ~uint32_t{0} << (32 - prefix_); }
  uint32_t First() const { return network_; }
  uint32_t Last() const { return network_ | ~Mask(); }
  uint64_t Size() const { return uint64_t{1} << (32 - prefix_); }

  bool Contains(uint32_t address) const { return (address & Mask()) == network_; }
  // True when every address of other lies inside this block.
  bool Contains(const Cidr& other) const {
    return other.prefix_ >= prefix_ && Contains(other.network_);
  }
  bool Overlaps(const Cidr& other) const { return Contains(other) || other.Contains(*this); }

  // Terraform's cidrsubnet(prefix, newbits, netnum): the netnum-th block of prefix+newbits.
  // Fails when the new prefix exceeds 32 or netnum does not fit in newbits.
  Result<Cidr> Subnet(int newbits, uint64_t netnum) const;
  // Terraform's cidrhost(prefix, n): the n-th address; negative n counts back from the end
  // (-1 is the last address). Fails when n is outside the block.
  Result<uint32_t> Host(int64_t n) const;

  std::string ToString() const;
  bool operator==(const Cidr&) const = default;

 private:
  Cidr(uint32_t network, int prefix) : network_(network), prefix_(prefix) {}
  uint32_t network_ = 0;
  int prefix_ = 0;
};

// "10.0.0.1" from 0x0a000001.
std::string FormatIpv4(uint32_t address);
// Parses a dotted-quad IPv4 address strictly (no leading zeros, each octet 0-255).
Result<uint32_t> ParseIpv4(std::string_view text);

}  // namespace tectonic
