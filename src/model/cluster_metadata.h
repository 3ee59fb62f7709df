// metadata.json: the cluster's identity {clusterID, name, region, createdAt}. Written once,
// atomically, 0600, the first time a cluster directory is used; every later run reuses it, so
// the cluster id (in tags, client tokens, the bucket name) never changes.
// Not thread-safe against concurrent first runs in the same directory (the journal lock is).
#pragma once

#include <string>

#include "model/cluster_config.h"
#include "model/cluster_dir.h"
#include "util/result.h"

namespace tectonic::model {

struct ClusterMetadata {
  std::string cluster_id;  // random UUID v4
  std::string name;
  std::string region;
  std::string created_at;  // RFC 3339 UTC, "2024-05-01T12:00:00Z"
};

// Reads metadata.json, or creates it for config. InvalidInput when it exists for another
// name or region (the directory belongs to a different cluster) or is unreadable.
Result<ClusterMetadata> LoadOrCreateMetadata(const ClusterDir& dir, const ClusterConfig& config);

// Reads an existing metadata.json (NotFound when there is none).
Result<ClusterMetadata> LoadMetadata(const ClusterDir& dir);

}  // namespace tectonic::model
