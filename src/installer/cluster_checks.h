// The pure parts of the wait for the cluster (wait_cluster.h): reading DescribeTargetHealth
// answers and the API server's node list, and writing the progress lines and the diagnosis.
// No I/O. Thread safety: pure functions.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "installer/installer.h"
#include "util/result.h"

namespace tectonic::installer {

// "nlb/api-ext/tg" -> "api-ext", "nlb/console/tg/https" -> "console/https".
std::string GroupLabel(const std::string& group_key);

// Per group: healthy targets and the states of the others, in group order:
// "healthy targets: api-ext 3/3, api-int 3/3, console/https 1/3 (2 initial), ...".
std::string TargetProgress(const std::vector<std::string>& group_keys,
                           const std::vector<TargetReport>& targets, int expected_per_group);

// True when every group has at least expected_per_group healthy targets.
bool TargetsReady(const std::vector<std::string>& group_keys,
                  const std::vector<TargetReport>& targets, int expected_per_group);

// The Kubernetes NodeList of GET /api/v1/nodes: names of the nodes whose Ready condition is
// True, and of the others. InvalidInput when the body is not a NodeList.
struct NodeReadiness {
  std::set<std::string> ready;
  std::set<std::string> not_ready;
};
Result<NodeReadiness> ParseNodeList(const std::string& body);

// The last n lines of text (without a trailing empty line; carriage returns dropped).
std::string LastLines(const std::string& text, int n);

// The human diagnosis when the deadline passed: what was waited for, the targets that are not
// healthy with AWS's reason, every instance's state, the console tails. Redacted.
std::string FormatDiagnosis(const WaitOutcome& outcome, const std::string& waiting_for,
                            long long timeout_seconds);

}  // namespace tectonic::installer
