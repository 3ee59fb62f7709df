// Kubelet TLS bootstrapping token ("<id>.<secret>", id 6 and secret 16 chars of [a-z0-9]):
// nodes present it once to obtain their own client certificate through a CSR, so no shared
// admin credential ever lands on a worker. The secret half is registered for redaction.
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "util/result.h"

namespace tectonic::assets {

struct BootstrapToken {
  std::string id;      // public: names the Secret bootstrap-token-<id>
  std::string secret;  // secret
  std::string Token() const { return id + "." + secret; }
};

Result<BootstrapToken> GenerateBootstrapToken();
// Parses "<id>.<secret>" (surrounding whitespace ignored); InvalidInput when malformed.
Result<BootstrapToken> ParseBootstrapToken(std::string_view text);

// The kube-system Secret the API server's bootstrap authenticator reads (YAML).
std::string BootstrapTokenSecretYaml(const BootstrapToken& token);

}  // namespace tectonic::assets
