// Kubelet TLS bootstrapping token ("<id>.<secret>", id 6 and secret 16 chars of [a-z0-9]):
// nodes present it once to obtain their own client certificate through a CSR, so no shared
// admin credential ever lands on a worker. The secret half is registered for redaction.
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "util/result.h"

namespace tectonic::assets {

// How long a new token is accepted: the install and the first joins fit easily (the same
// default as kubeadm); later joins need a new token (docs/assets.md says how).
inline constexpr int kBootstrapTokenTtlHours = 24;
// A stored token with less than this left is replaced by a new one on the next run.
inline constexpr int kBootstrapTokenMinRemainingHours = 2;
// The extra group every tectonic token carries; only it may get node CSRs auto-approved.
inline constexpr const char* kBootstrapTokenGroup = "system:bootstrappers:tectonic:nodes";

struct BootstrapToken {
  std::string id;          // public: names the Secret bootstrap-token-<id>
  std::string secret;      // secret
  std::string expiration;  // RFC 3339 UTC ("2026-12-07T09:00:00Z"); empty = none
  std::string Token() const { return id + "." + secret; }
};

Result<BootstrapToken> GenerateBootstrapToken();
// Parses "<id>.<secret>" (surrounding whitespace ignored); InvalidInput when malformed.
Result<BootstrapToken> ParseBootstrapToken(std::string_view text);

// now + hours as RFC 3339 UTC.
std::string ExpirationFromNow(int hours);
// True when `expiration` (RFC 3339 UTC) is malformed or less than `hours` away.
bool ExpiresWithin(const std::string& expiration, int hours);

// The kube-system Secret the API server's bootstrap authenticator reads (YAML).
std::string BootstrapTokenSecretYaml(const BootstrapToken& token);

}  // namespace tectonic::assets
