// Fixed inputs for topology tests: a default 3-zone cluster and an existing-VPC cluster.
#pragma once

#include <string>

#include "model/cluster_config.h"
#include "topology/topology.h"

namespace tectonic::topology::testing {

inline constexpr char kClusterId[] = "0b8a3c1e-5f2d-4c6b-9a7e-1d2c3b4a5f60";

inline model::ClusterConfig DefaultConfig(int zones = 3) {
  model::ClusterConfig c;
  c.name = "demo";
  c.base_domain = "example.com";
  c.aws.region = "us-east-1";
  const char* letters = "abcdefgh";
  for (int i = 0; i < zones; ++i) c.aws.zones.push_back(std::string("us-east-1") + letters[i]);
  c.aws.ssh_key_name = "demo-key";
  c.aws.tags = {{"team", "platform"}};
  return c;
}

inline TopologyInputs DefaultInputs(const model::ClusterConfig& config) {
  TopologyInputs in;
  in.cluster_id = kClusterId;
  in.ami_id = "ami-0123456789abcdef0";
  in.public_zone_id = "Z0123456789ABCDEFGHIJ";
  int n = 0;
  for (const auto& role : IgnitionRoles(config)) {
    // A 128-hex-digit stand-in digest, different per role.
    std::string digest;
    for (int i = 0; i < 128; ++i) digest += "0123456789abcdef"[(i + n) % 16];
    in.ignition[role] = {digest, "/clusters/demo/ignition/" + role + ".ign", ""};
    ++n;
  }
  return in;
}

inline model::ClusterConfig ExistingVpcConfig() {
  model::ClusterConfig c = DefaultConfig();
  c.aws.vpc.id = "vpc-0a1b2c3d4e5f60718";
  c.aws.vpc.cidr = "10.20.0.0/16";
  c.aws.vpc.nat_gateways = model::NatMode::kSingle;
  return c;
}

inline TopologyInputs ExistingVpcInputs(const model::ClusterConfig& config) {
  TopologyInputs in = DefaultInputs(config);
  in.existing_vpc.cidr = "10.20.0.0/16";
  in.existing_vpc.internet_gateway_id = "igw-0fedcba9876543210";
  // Equal to the planned master subnet of us-east-1a: reused. The other one is unrelated.
  in.existing_vpc.subnets["subnet-0aaaaaaaaaaaaaaaa"] = {"10.20.0.0/20", "us-east-1a"};
  in.existing_vpc.subnets["subnet-0bbbbbbbbbbbbbbbb"] = {"10.20.200.0/24", "us-east-1b"};
  return in;
}

}  // namespace tectonic::topology::testing
