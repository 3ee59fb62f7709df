// The realistic duration of one graph node, per kind, in seconds: from the start of its Create
// to the end of its Wait, under the latency model of aws-wire.md 7.1 / peer-installers.md C1
// (the same figures awsim's "realistic" mode uses). The plan's critical-path lower bound and
// bench/'s makespan ratio (DESIGN.md section 8) are computed with this one table.
// Thread safety: immutable data; safe from any thread.
#pragma once

#include <string_view>
#include <vector>

#include "engine/plan.h"

namespace tectonic::topology {

// One round trip of a synchronous AWS API call.
inline constexpr double kApiCallSeconds = 0.3;

struct KindLatency {
  std::string_view kind;
  double seconds;          // create + wait until usable
  std::string_view basis;  // where the figure comes from
};

// Every kind of KINDS.md, in that order.
const std::vector<KindLatency>& LatencyTable();

// The table's value for kind; kApiCallSeconds for a kind not in the table.
double RealisticSeconds(std::string_view kind);

// The table in the engine's form, for engine::Plan / ComputeCriticalPath (default for an
// unknown kind: kApiCallSeconds).
engine::LatencyTable RealisticLatencyTable();

}  // namespace tectonic::topology
