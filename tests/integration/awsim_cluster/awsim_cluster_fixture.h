// The installer against awsim: one awsim process per scenario (started with the scenario's
// fault and latency flags), the account seeded through awsim's admin API, a cluster directory
// written by `tectonic init`, the real tectonic binary, and judge.py (boto3 plus awsim's call
// log) as the judge of what exists and what was called. Each TEST is one whole scenario.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/awsim_process.h"
#include "tests/support/process.h"

namespace tectonic::testing {

// The tectonic binary the tests run: $TECTONIC_TEST_BINARY, or the build directory's.
std::string TectonicBinary();

class AwsimClusterTest : public ::testing::Test {
 protected:
  // Starts awsim with `flags`, seeds a public zone, a key pair and a Flatcar AMI, and writes
  // the cluster directory. Fatal failures end the test.
  void Start(const std::vector<std::string>& flags);

  // Runs tectonic (with --yes) as the admin user, or with other keys.
  ProcessResult Tectonic(const std::vector<std::string>& args,
                         const std::map<std::string, std::string>& env_override = {});
  // The "result" event of an NDJSON run (null when absent).
  static nlohmann::json ResultEvent(const std::string& ndjson);

  // create -> re-run (no create, no mutating call) -> destroy (nothing left), judged by boto3
  // and the call log; returns the judge's report after the re-run (codes met, keys).
  nlohmann::json CreateRerunDestroy(const std::map<std::string, std::string>& env_override = {});

  // judge.py; calls_since >= 0 adds the mutating calls logged from that entry on.
  nlohmann::json Judge(int calls_since = -1);
  // Entries in awsim's call log so far.
  int CallCount();
  std::string ClusterId();

  std::unique_ptr<AwsimProcess> awsim_;
  std::unique_ptr<TempDir> work_;
  std::string cluster_dir_;
  std::map<std::string, std::string> env_;
  std::string cluster_id_;
};

}  // namespace tectonic::testing
