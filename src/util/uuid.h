// Random (version 4) UUIDs from OpenSSL's CSPRNG, for cluster ids and idempotency tokens.
// Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "util/result.h"

namespace tectonic {

// "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx", lower-case hex, y in [89ab]. Fails only when the
// random generator cannot be seeded.
Result<std::string> NewUuidV4();

// True for a canonical lower- or upper-case UUID string of any version.
bool IsUuid(std::string_view text);

}  // namespace tectonic
