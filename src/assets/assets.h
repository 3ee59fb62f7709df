// Assets: everything the nodes need, generated offline into the cluster directory before any
// AWS call: PKI (tls/), the admin kubeconfig (auth/), Ignition configs per role (ignition/),
// manifests (manifests/). Re-running keeps what exists (no new CA unless asked).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "model/cluster_config.h"
#include "util/result.h"

namespace tectonic::assets {

enum class KeyAlgorithm { kEcdsaP256, kRsa2048 };

struct AssetOptions {
  KeyAlgorithm key_algorithm = KeyAlgorithm::kEcdsaP256;
  int validity_days = 3 * 365;
  bool regenerate_ca = false;          // explicit request to replace the cluster CA
  std::filesystem::path user_ca_cert;  // optional: the user's own CA (checked before use)
  std::filesystem::path user_ca_key;
};

struct IgnitionConfig {
  std::string role;            // "master", "worker", "etcd-0", ...
  std::filesystem::path path;  // ignition/<role>.ign
  std::string sha512;          // hex digest of the file's bytes
};

struct AssetSet {
  std::vector<IgnitionConfig> ignition;
  std::filesystem::path kubeconfig;
  std::vector<std::filesystem::path> written;  // files created by this run (not kept ones)
  std::vector<std::filesystem::path> kept;     // files that already had the right content
};

// Generates (or keeps) every asset for config in cluster_dir.
Result<AssetSet> GenerateAssets(const model::ClusterConfig& config,
                                const std::filesystem::path& cluster_dir,
                                const AssetOptions& options = {});

// The rules of `create assets --ca-cert/--ca-key` on PEM text (the GUI's upload): an unencrypted
// private key, a certificate that is a CA, matches the key and is valid now. Nothing is written.
Status CheckUserCa(const std::string& cert_pem, const std::string& key_pem);
// Checks as above, then writes the pair where GenerateAssets keeps an existing cluster CA
// (tls/ca.crt 0644, tls/ca.key 0600), so `create assets`/`create cluster` use it.
Status InstallUserCa(const std::filesystem::path& cluster_dir, const std::string& cert_pem,
                     const std::string& key_pem);

// The small Ignition (spec 3.3) config carried in launch-template user data: it tells the
// node to fetch the full config from `url` (s3://bucket/key) and verify it with sha512.
std::string IgnitionPointer(const std::string& url, const std::string& sha512_hex);

}  // namespace tectonic::assets
