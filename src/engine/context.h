// NodeContext construction shared by apply and destroy: the tags every created resource
// carries and the idempotency token, both stable across runs and machines.
// Thread safety: pure functions.
#pragma once

#include <map>
#include <string>

#include "engine/graph.h"
#include "engine/resource.h"

namespace tectonic::engine {

struct ClusterIdentity {
  std::string cluster_id;    // uuid: tectonicClusterID and kubernetes.io/cluster/<id>
  std::string cluster_name;  // user's cluster name, prefix of Name tags
  std::map<std::string, std::string> tags;  // user's extra tags (override nothing of ours)
};

// First 32 hex digits of SHA-256(cluster_id + "/" + key).
std::string ClientToken(const std::string& cluster_id, const std::string& key);
// Hex SHA-256 of the props' canonical JSON (nlohmann sorts object keys).
std::string PropsHash(const nlohmann::json& props);

// Tags: user tags, then kubernetes.io/cluster/<id>=owned, tectonicClusterID=<id>,
// tectonic.io/resource=<key>, Name=<cluster_name>-<key with '/' as '-'>.
NodeContext MakeNodeContext(const ClusterIdentity& identity, const std::string& key,
                            const std::string& kind, bool shared);

}  // namespace tectonic::engine
