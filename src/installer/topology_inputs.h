// Turns what preflight found (zones, AMI, hosted zone, existing VPC) and what assets wrote
// (Ignition files and digests) into the inputs of topology::BuildGraph.
#pragma once

#include "assets/assets.h"
#include "preflight/check.h"
#include "topology/topology.h"

namespace tectonic::installer {

topology::TopologyInputs MakeTopologyInputs(const std::string& cluster_id,
                                            const preflight::PreflightFacts& facts,
                                            const assets::AssetSet& assets);

}  // namespace tectonic::installer
