// The per-run API token of `tectonic gui`: 32 random bytes (OpenSSL RAND_bytes) as 64 hex
// characters, compared in constant time. The token is the only credential of the local API.
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "util/result.h"

namespace tectonic::gui {

inline constexpr size_t kTokenBytes = 32;

// 64 lower-case hex characters; fails only when the system has no entropy source.
Result<std::string> NewToken();

// True when both are equal; the time taken does not depend on where they differ.
bool TokenEquals(std::string_view given, std::string_view expected);

}  // namespace tectonic::gui
