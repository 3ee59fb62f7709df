// The subnets tectonic would create in an existing VPC, and whether they fit: inside the VPC
// CIDR, no overlap with each other, with existing subnets (an exactly equal one is reused), nor
// with the pod or service CIDR. Pure functions (util/cidr.h arithmetic); thread-safe.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "model/cluster_config.h"
#include "util/result.h"

namespace tectonic::preflight {

struct PlannedSubnet {
  std::string role;  // "master" | "worker"
  std::string zone;
  std::string cidr;       // empty when the config names an existing subnet id
  std::string subnet_id;  // "subnet-..." when given by id
};

// masterSubnets/workerSubnets as given (CIDRs or subnet ids), else cidrsubnet(vpc, 4, i) for
// masters and cidrsubnet(vpc, 4, i + N) for workers, as the topology derives them.
Result<std::vector<PlannedSubnet>> PlanSubnets(const model::ClusterConfig& config,
                                               const std::vector<std::string>& zones,
                                               const std::string& vpc_cidr);

struct SubnetFit {
  std::vector<std::string> problems;          // one line each; empty = fits
  std::map<std::string, std::string> reused;  // planned cidr -> existing subnet id
};

// existing: subnet id -> cidr of the subnets already in the VPC.
SubnetFit CheckSubnetFit(const std::vector<PlannedSubnet>& planned, const std::string& vpc_cidr,
                         const std::map<std::string, std::string>& existing,
                         const std::string& pod_cidr, const std::string& service_cidr);

}  // namespace tectonic::preflight
