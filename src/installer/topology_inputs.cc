#include "installer/topology_inputs.h"

#include <fmt/format.h>

#include <filesystem>

#include "model/cluster_metadata.h"

namespace tectonic::installer {
namespace {

constexpr char kPlaceholderClusterId[] = "00000000-0000-4000-8000-000000000000";
constexpr char kUnresolved[] = "(resolved by preflight)";

}  // namespace

topology::TopologyInputs MakeTopologyInputs(const std::string& cluster_id,
                                            const preflight::PreflightFacts& facts,
                                            const assets::AssetSet& assets) {
  topology::TopologyInputs in;
  in.cluster_id = cluster_id;
  in.zones = facts.zones;
  in.ami_id = facts.ami_id;
  in.public_zone_id = facts.hosted_zone_id;
  for (const auto& ignition : assets.ignition) {
    in.ignition[ignition.role] = {ignition.sha512, ignition.path.string(), ""};
  }
  if (facts.existing_vpc) {
    in.existing_vpc.cidr = facts.existing_vpc->cidr;
    in.existing_vpc.internet_gateway_id = facts.existing_vpc->internet_gateway_id;
    for (const auto& [id, subnet] : facts.existing_vpc->subnets) {
      in.existing_vpc.subnets[id] = {subnet.cidr, subnet.zone};
    }
  }
  return in;
}

topology::TopologyInputs OfflineTopologyInputs(const model::ClusterConfig& config,
                                               const model::ClusterDir& dir,
                                               std::vector<std::string>* notes) {
  topology::TopologyInputs in;
  auto metadata = model::LoadMetadata(dir);
  if (metadata.ok()) {
    in.cluster_id = metadata->cluster_id;
  } else {
    in.cluster_id = kPlaceholderClusterId;
    notes->push_back("no metadata.json yet: names derived from the cluster id use a placeholder");
  }
  if (config.aws.zones.empty()) {
    for (const char* suffix : {"a", "b", "c"}) in.zones.push_back(config.aws.region + suffix);
    notes->push_back(fmt::format("zones assumed {}a,b,c; preflight resolves the first 3 available",
                                 config.aws.region));
  }
  if (config.aws.ami_id.empty()) {
    in.ami_id = kUnresolved;
    notes->push_back("AMI: the newest Flatcar stable, resolved by preflight");
  }
  if (config.aws.hosted_zone_id.empty()) {
    in.public_zone_id = kUnresolved;
    notes->push_back("public hosted zone of " + config.base_domain + ": resolved by preflight");
  }
  if (config.UsesExistingVpc()) {
    in.existing_vpc.cidr = config.aws.vpc.cidr;
    in.existing_vpc.internet_gateway_id = kUnresolved;
    notes->push_back("existing VPC " + config.aws.vpc.id +
                     ": its gateway and subnets are read by preflight (reuse not shown)");
  }
  bool missing_ignition = false;
  for (const auto& role : topology::IgnitionRoles(config)) {
    const auto path = dir.IgnitionDir() / (role + ".ign");
    missing_ignition = missing_ignition || !std::filesystem::exists(path);
    in.ignition[role] = {"(computed by create assets)", path.string(), ""};
  }
  if (missing_ignition) notes->push_back("ignition configs not generated yet (create assets)");
  return in;
}

}  // namespace tectonic::installer
