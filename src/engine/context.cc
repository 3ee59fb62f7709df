#include "engine/context.h"

#include <openssl/evp.h>

#include <algorithm>

namespace tectonic::engine {
namespace {

std::string Sha256Hex(const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0xf];
  }
  return hex;
}

}  // namespace

std::string ClientToken(const std::string& cluster_id, const std::string& key) {
  return Sha256Hex(cluster_id + "/" + key).substr(0, 32);
}

std::string PropsHash(const nlohmann::json& props) { return Sha256Hex(props.dump()); }

NodeContext MakeNodeContext(const ClusterIdentity& identity, const std::string& key,
                            const std::string& kind, bool shared) {
  NodeContext ctx;
  ctx.key = key;
  ctx.kind = kind;
  ctx.cluster_id = identity.cluster_id;
  ctx.cluster_name = identity.cluster_name;
  ctx.shared = shared;
  ctx.client_token = ClientToken(identity.cluster_id, key);
  ctx.tags = identity.tags;
  if (!identity.cluster_id.empty()) {
    ctx.tags["kubernetes.io/cluster/" + identity.cluster_id] = "owned";
    ctx.tags["tectonicClusterID"] = identity.cluster_id;
  }
  ctx.tags["tectonic.io/resource"] = key;
  std::string name = key;
  std::replace(name.begin(), name.end(), '/', '-');
  ctx.tags["Name"] = identity.cluster_name.empty() ? name : identity.cluster_name + "-" + name;
  return ctx;
}

}  // namespace tectonic::engine
