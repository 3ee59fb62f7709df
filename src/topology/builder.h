// Internal to src/topology: the state shared by the layer functions that fill the graph
// (storage_iam.cc, network.cc, security_groups.cc, compute.cc). Not a public API.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "engine/graph.h"
#include "model/cluster_config.h"
#include "topology/topology.h"
#include "util/cidr.h"
#include "util/result.h"

namespace tectonic::topology::internal {

// What every layer needs, computed once by BuildGraph before the layers run.
struct Context {
  const model::ClusterConfig* config = nullptr;
  const TopologyInputs* in = nullptr;
  std::vector<std::string> zones;
  std::string ami_id;
  std::string public_zone_id;
  std::string bucket;      // S3 bucket name (known statically: ARNs in policies are literal)
  nlohmann::json kms_arn;  // literal user key ARN, or Ref("kms/key", "arn")
  Cidr vpc_cidr;
  bool existing_vpc = false;
  bool public_api = true;
  int etcd_count = 3;
  std::vector<std::string> ignition_roles;
  // The node after which the VPC has a usable internet gateway: "igw/attach" for a new VPC,
  // "igw" (shared, found) for an existing one. Set by AddNetwork.
  std::string igw_ready;
  // Target groups the master ASG registers into. Set by AddLoadBalancers.
  std::vector<std::string> master_target_groups;
  engine::Graph graph;

  // Adds a node; tags (when tagged) are the standard set plus extra_tags, Name = name.
  engine::NodeSpec& Add(const std::string& key, const std::string& kind, nlohmann::json props,
                        std::vector<std::string> deps = {});
  // The standard tag set of an owned resource: cluster tags, Name, graph key, user tags.
  nlohmann::json Tags(const std::string& key, const std::string& name,
                      const std::map<std::string, std::string>& extra = {}) const;
  // "<cluster>-<suffix>" fitted into limit characters (see names.h).
  std::string Name(const std::string& suffix, size_t limit = 255) const;
  // "s3://bucket/key" and the object ARN for an ignition role.
  std::string IgnitionKey(const std::string& role) const;
  std::string IgnitionUrl(const std::string& role) const;
  std::string IgnitionArn(const std::string& role) const;
  // Borrowed resources get one ec2.tag node "tag/<key>" adding the cluster's shared tag.
  void AddSharedTag(const std::string& key);
  // The key of the NAT gateway serving zone az (per zone, or the single one).
  std::string NatKeyFor(const std::string& az) const;
};

// The layers, called in this order by BuildGraph.
Status AddStorageAndIam(Context* ctx);
Status AddNetwork(Context* ctx);
Status AddSecurityGroups(Context* ctx);
Status AddLoadBalancers(Context* ctx);
Status AddComputeAndDns(Context* ctx);

}  // namespace tectonic::topology::internal
