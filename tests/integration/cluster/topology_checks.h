// Judgments over inspect_cluster.py's report (see that script for its shape): the documented
// topology of DESIGN.md section 4 and src/topology/KINDS.md, counted and cross-referenced;
// no duplicate of any graph key; nothing of the cluster left after destroy. Each function
// records gtest failures (EXPECT_*) naming what is wrong.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace tectonic::testing {

struct ExpectedCluster {
  std::string cluster_id;
  std::string name = "demo";
  std::string domain = "example.com";
  std::string vpc_cidr = "10.0.0.0/16";
  std::vector<std::string> zones = {"us-east-1a", "us-east-1b", "us-east-1c"};
  std::string ami_id;
  std::string existing_vpc_id;  // empty: the installer made the VPC and its gateway
  std::string existing_igw_id;
  int masters = 3, workers = 3, etcd = 3;
};

// Everything of a complete install, with its relationships.
void ExpectFullCluster(const nlohmann::json& report, const ExpectedCluster& want);

// Every tagged item's tectonic.io/resource key appears once per resource type (instances
// launched by an Auto Scaling group share their group's key and are counted against its size).
void ExpectNoDuplicates(const nlohmann::json& report, const ExpectedCluster& want);

// Nothing tagged with the cluster exists any more (the report's lists are all empty).
void ExpectNothingLeft(const nlohmann::json& report);

// Probes that must still exist (decoys, the default VPC): exists and no cluster tag.
void ExpectUntouched(const nlohmann::json& report, const std::vector<std::string>& probes,
                     const std::string& cluster_id);

}  // namespace tectonic::testing
