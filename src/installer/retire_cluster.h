// Retiring a destroyed cluster's directory, as kops and openshift-install users expect: after a
// destroy that proved nothing is left, the same directory installs a fresh cluster with a new
// id. EC2 remembers client tokens (derived from the cluster id, DESIGN.md section 4) for a
// while, so reusing the id would make the next create fail with IdempotentParameterMismatch.
// cluster.yaml, tls/, auth/ and the other assets stay: they hold no cluster id.
#pragma once

#include "model/cluster_dir.h"
#include "util/status.h"

namespace tectonic::installer {

// Moves the cluster id to metadata.json's "destroyed" history, then removes the journal
// (state.db and its WAL/SHM) and the stack record (cloudformation.json). Only for a cluster
// proven gone. A kill in between loses nothing: the id is retired first, and
// ClearRetiredState finishes the rest on the next create.
Status RetireClusterDir(const model::ClusterDir& dir);

// When no cluster lives in dir but one was destroyed there, removes the journal and stack
// record it may have left (a retirement cut short). Ok and no change otherwise.
Status ClearRetiredState(const model::ClusterDir& dir);

}  // namespace tectonic::installer
