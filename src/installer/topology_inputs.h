// Turns what preflight found (zones, AMI, hosted zone, existing VPC) and what assets wrote
// (Ignition files and digests) into the inputs of topology::BuildGraph.
#pragma once

#include <string>
#include <vector>

#include "assets/assets.h"
#include "model/cluster_dir.h"
#include "preflight/check.h"
#include "topology/topology.h"

namespace tectonic::installer {

topology::TopologyInputs MakeTopologyInputs(const std::string& cluster_id,
                                            const preflight::PreflightFacts& facts,
                                            const assets::AssetSet& assets);

// Inputs for BuildGraph from the cluster directory alone (`tectonic plan`, the GUI's review):
// facts only preflight or assets resolve are placeholders, and *notes says what was assumed.
topology::TopologyInputs OfflineTopologyInputs(const model::ClusterConfig& config,
                                               const model::ClusterDir& dir,
                                               std::vector<std::string>* notes);

}  // namespace tectonic::installer
