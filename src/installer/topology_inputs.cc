#include "installer/topology_inputs.h"

namespace tectonic::installer {

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

}  // namespace tectonic::installer
