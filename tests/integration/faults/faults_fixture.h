// The installer against awsim's faults on the wire and its kill-point gate: the real tectonic
// and the real awsim over HTTP, every kind of resource counted account wide by boto3
// (count_kinds.py) and compared with a clean install (no duplicate) and with the account before
// the install (no leftover after destroy).
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/integration/awsim_cluster/awsim_cluster_fixture.h"

namespace tectonic::testing {

class FaultsTest : public AwsimClusterTest {
 protected:
  // awsim with room for every call tectonic makes at once (the gate holds them all).
  void StartAwsim() {
    cluster_id_.clear();
    Start({"--threads", "48"});
  }

  // {"vpcs": n, ...} of the whole account, through boto3.
  nlohmann::json CountKinds();

  // The counts of a clean install (made once per test binary, in its own awsim) and the number
  // of mutating calls its create and destroy made.
  struct Reference {
    nlohmann::json before, installed;
    int create_mutating = 0, destroy_mutating = 0;
  };
  const Reference& Clean();

  // Wire fault rules (replaces the current ones; {} clears).
  void SetRules(const nlohmann::json& rules);

  // `tectonic <verb> cluster --dir ... --output json` with the env override.
  ProcessResult Run(const std::string& verb, const std::map<std::string, std::string>& env = {});

  // Starts `tectonic <verb> cluster`, waits for awsim's gate to hold after the k-th mutating
  // call, SIGKILLs tectonic there and releases the gate. False when tectonic ended before the
  // k-th call (the point is past the end of the run).
  bool KillAfterMutating(const std::string& verb, int k);

  // Re-runs (at most `runs` times) until exit 0; returns the runs it took, -1 when none ended
  // in 0 (the last result in *last).
  int RunUntilDone(const std::string& verb, int runs, ProcessResult* last,
                   const std::map<std::string, std::string>& env = {});

  // Kinds whose count differs between a and b: "kind a->b".
  static std::vector<std::string> Diff(const nlohmann::json& a, const nlohmann::json& b);
};

}  // namespace tectonic::testing
