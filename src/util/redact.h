// Redaction: secrets never reach a log line, an error message or an event.
// Code that loads a secret (secret key, session token, password, private key, license, pull
// secret) registers it once; Redact() then replaces every occurrence with "[REDACTED]".
// Known secret shapes (PEM private keys, "aws_secret_access_key = ...") are masked even when
// nobody registered them. Thread safety: all functions may be called from any thread.
#pragma once

#include <string>
#include <string_view>

namespace tectonic {

// Remembers a secret value for the life of the process. Values shorter than 8 characters are
// ignored: masking them would mangle ordinary text.
void RegisterSecret(std::string_view secret);

// Returns text with every registered secret and every known secret shape masked.
std::string Redact(std::string_view text);

inline constexpr std::string_view kRedacted = "[REDACTED]";

}  // namespace tectonic
