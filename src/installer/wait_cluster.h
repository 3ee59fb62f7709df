// WaitForCluster: after the AWS resources exist, wait until the cluster answers, or say why it
// does not. Three checks, in order, each reported through options.events as a node of the
// "wait" phase (node_waiting events carry the current state):
//   wait/targets  every target group of the cluster (journal, else found by its tags) has
//                 `masters` healthy targets (elbv2 DescribeTargetHealth);
//   wait/readyz   when <name>-api.<baseDomain> resolves from this machine: GET /readyz answers
//                 200 over TLS verified with the cluster CA, as the admin (tls/);
//   wait/nodes    GET /api/v1/nodes lists masters + workers nodes Ready.
// When the name does not resolve (always against emulators) the last two are skipped and the
// outcome says so. At the deadline the outcome carries a diagnosis: the targets that are not
// healthy and why, every cluster instance's state, and the console tail of failing nodes
// (ec2 GetConsoleOutput), redacted. The CLI's `create cluster` and `wait`, and the GUI, call
// this one function (installer.h: WaitForCluster, WaitOptions, WaitOutcome).
// Thread safety: one wait per cluster directory at a time.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "aws/client.h"
#include "engine/journal.h"
#include "installer/installer.h"
#include "model/cluster_config.h"

namespace tectonic::installer {

// A target group of the cluster: its graph key ("nlb/api-ext/tg") and ARN.
struct TargetGroupRef {
  std::string key;
  std::string arn;
};

// The target groups the journal recorded as created (kind elbv2.target_group), in key order.
std::vector<TargetGroupRef> TargetGroupsOf(const std::vector<engine::JournalEntry>& entries);

// The target groups AWS holds with the cluster's tags (tectonicClusterID; the key from
// tectonic.io/resource): DescribeTargetGroups, then DescribeTags 20 ARNs at a time. The wait
// falls back on it when the journal lists none.
Result<std::vector<TargetGroupRef>> TargetGroupsByTag(aws::AwsClient& client,
                                                      const std::string& cluster_id);

// The wait on an open client and a loaded config (CreateCluster's last step). outcome.calls is
// left for the caller, who owns the call counters.
WaitOutcome WaitForClusterWith(aws::AwsClient& client, const model::ClusterConfig& config,
                               const std::string& cluster_id,
                               const std::vector<TargetGroupRef>& target_groups,
                               const CommonOptions& common, const WaitSettings& settings);

}  // namespace tectonic::installer
