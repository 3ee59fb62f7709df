#include "gui/token.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <array>

namespace tectonic::gui {

Result<std::string> NewToken() {
  std::array<unsigned char, kTokenBytes> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    return Status::Internal("OpenSSL RAND_bytes failed: no random source for the GUI token");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char b : bytes) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 0xf]);
  }
  return out;
}

bool TokenEquals(std::string_view given, std::string_view expected) {
  // The length is not secret (always 64); the content is compared without early exit.
  if (given.size() != expected.size() || expected.empty()) return false;
  return CRYPTO_memcmp(given.data(), expected.data(), expected.size()) == 0;
}

}  // namespace tectonic::gui
