// metadata.json: the cluster's identity {clusterID, name, region, createdAt}. Written once,
// atomically, 0600, the first time a cluster directory is used; every later run reuses it, so
// the cluster id (in tags, client tokens, the bucket name) never changes while the cluster lives.
// A destroy that proved nothing is left retires the id: it moves to the "destroyed" history and
// the next create draws a new one (EC2 remembers client tokens, so an id is never used twice).
// Not thread-safe against concurrent first runs in the same directory (the journal lock is).
#pragma once

#include <string>
#include <vector>

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

// A cluster that lived in the directory and was destroyed, from metadata.json's history.
struct DestroyedCluster {
  ClusterMetadata cluster;
  std::string destroyed_at;  // RFC 3339 UTC
};

// Reads metadata.json, or creates it for config (with a new id, keeping the history, when the
// last cluster was destroyed). InvalidInput when it holds a living cluster of another name or
// region (the directory belongs to a different cluster) or is unreadable.
Result<ClusterMetadata> LoadOrCreateMetadata(const ClusterDir& dir, const ClusterConfig& config);

// Reads the living cluster of metadata.json: NotFound when there is none (no file, or its
// cluster was destroyed: the message then says which and when).
Result<ClusterMetadata> LoadMetadata(const ClusterDir& dir);

// The directory's destroyed clusters, oldest first (empty when none or no metadata.json).
Result<std::vector<DestroyedCluster>> LoadDestroyedClusters(const ClusterDir& dir);

// Moves the living cluster's id to the destroyed history, in one atomic write (0600). Ok and
// changes nothing when no cluster lives in dir (already retired, or none). Only for a cluster
// proven gone: a retired id is never used again by this directory.
Status RetireMetadata(const ClusterDir& dir);

}  // namespace tectonic::model
