// A damaged journal (state.db cut short, overwritten, corrupted) stops create, status and
// destroy before they touch anything, with what is wrong, where, and the two ways out: destroy
// by the cluster's tag, or move the file aside and let create find by tag what exists.
#pragma once

#include <string>

#include "model/cluster_dir.h"
#include "util/status.h"

namespace tectonic::installer {

// Ok when dir's journal is sound, empty or absent; else kInvalidInput saying what to do.
// cluster_id and region name the cluster in the fix ("" when unknown).
Status CheckJournal(const model::ClusterDir& dir, const std::string& cluster_id,
                    const std::string& region);

}  // namespace tectonic::installer
