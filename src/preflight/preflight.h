// RunPreflight: every requirement of DESIGN.md section 6 checked against the user's AWS account
// before the first mutating call. Each check is read-only, has a stable id (check.h) and, when
// it fails, a precise reason and a fix. Checks run concurrently; a check whose inputs failed
// (everything after bad credentials, say) is skipped with the reason. The report carries the
// facts the install needs (zones, AMI, hosted zone, KMS key, existing VPC), so `tectonic create
// cluster` calls RunPreflight once and uses both.
// Thread safety: RunPreflight may be called from any thread; it uses the client concurrently.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "aws/client.h"
#include "model/config_loader.h"
#include "preflight/check.h"
#include "util/clock.h"

namespace tectonic::preflight {

struct PreflightOptions {
  // How long the install is expected to take: temporary credentials must outlive it.
  std::chrono::minutes expected_install_time{45};
  // Check ids whose failure the user accepts (--waive); they are reported as "waived".
  std::vector<std::string> waived;
  // Wall clock for expiry comparisons; null = the client's clock.
  Clock* clock = nullptr;
  // The cluster's tectonicClusterID when known: what it already owns (a resumed install) is
  // part of what it needs, not usage by others, in the quota checks.
  std::string cluster_id;
  // When not empty: run only these check ids and the checks they depend on (the GUI checks
  // one wizard step at a time); every other check is reported as skipped.
  std::vector<std::string> only;
};

PreflightReport RunPreflight(const model::LoadedConfig& loaded, aws::AwsClient& client,
                             const PreflightOptions& options);

// Fails with InvalidInput naming the unknown ids (and the known ones) when a waiver names no
// check. Call before RunPreflight so a typo does not silently waive nothing.
Status ValidateWaivers(const std::vector<std::string>& waived);
// Turns every failed check named in `waived` into kWaived (the summary is kept).
void ApplyWaivers(const std::vector<std::string>& waived, PreflightReport* report);

}  // namespace tectonic::preflight
