// ClusterConfig: cluster.yaml as a typed value (the contract of DESIGN.md section 2a), after
// defaults are applied and validation passed. Produced by LoadClusterDir (config_loader.h);
// read by assets, topology and preflight. Plain value; no I/O.
#pragma once

#include <array>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace tectonic::model {

// AWS name limits the derived names below must respect; the loader rejects a name that would
// break one of them, so later layers may use these helpers without checking again.
inline constexpr size_t kMaxClusterNameLength = 28;
inline constexpr size_t kMaxLoadBalancerNameLength = 32;  // ELBv2 load balancers, target groups
inline constexpr size_t kMaxIamRoleNameLength = 64;
inline constexpr std::array<std::string_view, 3> kLoadBalancerRoles = {"api-ext", "api-int",
                                                                       "console"};
inline constexpr std::array<std::string_view, 3> kNodeRoles = {"master", "worker", "etcd"};

struct NodePool {
  int count = 3;
  std::string instance_type = "m5.large";
  int root_volume_gib = 30;
};

enum class NatMode { kPerZone, kSingle };
enum class ApiAccess { kPublic, kInternal };

struct VpcConfig {
  std::string id;  // empty: create a new VPC
  std::string cidr = "10.0.0.0/16";
  std::vector<std::string> master_subnets;  // per-zone CIDRs or subnet ids; empty = derived
  std::vector<std::string> worker_subnets;
  NatMode nat_gateways = NatMode::kPerZone;
};

struct AwsConfig {
  std::string region;
  std::vector<std::string> zones;  // empty before preflight picks the first 3 available
  std::string hosted_zone_id;
  std::string ssh_key_name;
  std::string kms_key_arn;  // empty: create alias/tectonic/<name>
  std::string ami_id;       // empty: newest Flatcar stable by owner + name pattern
  VpcConfig vpc;
  std::map<std::string, std::string> tags;
};

struct NetworkingConfig {
  std::string pod_cidr = "10.2.0.0/16";
  std::string service_cidr = "10.3.0.0/16";
  ApiAccess api_access = ApiAccess::kPublic;
  // Who may SSH to the masters; empty: the VPC CIDR (workers and etcd never from outside).
  std::string ssh_source_cidr;
};

struct NodesConfig {
  NodePool masters;
  NodePool workers;
  NodePool etcd;
};

struct TectonicConfig {
  std::string license_path = "license.txt";  // relative to the cluster directory
  std::string pull_secret_path = "pull-secret.json";
  std::string admin_email;
  std::string admin_password_hash;  // bcrypt; secret
};

struct ClusterConfig {
  std::string name;
  std::string base_domain;
  AwsConfig aws;
  NetworkingConfig networking;
  NodesConfig nodes;
  TectonicConfig tectonic;

  // Derived names, so every layer spells them the same way.
  std::string ApiHost() const { return name + "-api." + base_domain; }
  std::string ConsoleHost() const { return name + "." + base_domain; }
  std::string InternalZone() const { return name + "." + base_domain; }
  std::string InternalApiHost() const { return "api." + name + "." + base_domain; }
  std::string EtcdHost(int i) const {
    return "etcd-" + std::to_string(i) + "." + name + "." + base_domain;
  }
  bool UsesExistingVpc() const { return !aws.vpc.id.empty(); }
  // "<name>-api-int": load balancer and target group names (role from kLoadBalancerRoles).
  std::string LoadBalancerName(std::string_view role) const {
    return name + "-" + std::string(role);
  }
  // "<name>-master-role": IAM role and instance profile names (role from kNodeRoles).
  std::string IamRoleName(std::string_view role) const {
    return name + "-" + std::string(role) + "-role";
  }
};

}  // namespace tectonic::model
