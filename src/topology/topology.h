// Topology: the desired AWS resource graph of a cluster (DESIGN.md section 4), computed from
// the validated ClusterConfig plus facts resolved before (zones, AMI, hosted zone, existing
// VPC, ignition digests). Pure: no I/O, no clock, no randomness; the same inputs always give
// the same graph, byte for byte, so plans and golden files are stable.
// Every node's kind and props follow src/topology/KINDS.md, the contract of src/resources.
// Thread safety: BuildGraph is a pure function; call it from any thread.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "engine/graph.h"
#include "model/cluster_config.h"
#include "util/result.h"

namespace tectonic::topology {

// One Ignition config to upload: role is "master", "worker" or "etcd-<i>".
struct IgnitionInput {
  std::string sha512;       // hex digest of the file's bytes (assets::IgnitionConfig::sha512)
  std::string source_path;  // local file the s3.object handler uploads (ignition/<role>.ign)
  std::string s3_key;       // object key in the bucket; empty: "ignition/<role>.ign"
};

// A subnet that already exists in the user's VPC (existing-VPC mode).
struct ExistingSubnet {
  std::string cidr;  // "10.0.0.0/20"
  std::string zone;  // "us-east-1a"
};

// Facts about the user's VPC, found by preflight (config.aws.vpc.id is set).
struct ExistingVpc {
  std::string cidr;                               // the VPC's primary CIDR
  std::string internet_gateway_id;                // attached and available (checked by preflight)
  std::map<std::string, ExistingSubnet> subnets;  // subnet id -> facts
};

struct TopologyInputs {
  std::string cluster_id;          // tectonicClusterID (uuid), from metadata.json
  std::vector<std::string> zones;  // resolved zones; empty: config.aws.zones
  // role -> ignition file; every role of RolesFor(config) must be present.
  std::map<std::string, IgnitionInput> ignition;
  std::string ami_id;  // resolved AMI; empty: config.aws.ami_id
  std::string
      public_zone_id;        // public hosted zone of base_domain; empty: config.aws.hosted_zone_id
  ExistingVpc existing_vpc;  // read only when config.UsesExistingVpc()
};

// The ignition roles a config needs: "master", "worker", "etcd-0" .. "etcd-<E-1>".
std::vector<std::string> IgnitionRoles(const model::ClusterConfig& config);

// The graph of every resource the cluster owns or borrows. Nodes appear in a stable order
// (layer by layer). Fails with InvalidInput when inputs are missing or inconsistent (no zones,
// a missing ignition digest, a subnet CIDR outside the VPC or overlapping another, ...).
Result<engine::Graph> BuildGraph(const model::ClusterConfig& config, const TopologyInputs& in);

// The graph as JSON: {"nodes": [{"key","kind","shared","deps","props"}...]} sorted by key,
// deps being Graph::AllDeps (explicit + referenced). Used by golden tests and `plan`.
nlohmann::json GraphToJson(const engine::Graph& graph);

}  // namespace tectonic::topology
