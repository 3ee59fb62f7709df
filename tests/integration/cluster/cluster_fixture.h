// The fixture of the end-to-end cluster tests: one moto for the suite, reset before each TEST
// (each TEST is a whole scenario), the account seeded by seed_account.py, a cluster directory
// written by `tectonic init`, the real tectonic binary, and inspect_cluster.py (boto3) as the
// judge of what exists.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/moto_server.h"
#include "tests/support/process.h"

namespace tectonic::testing {

inline constexpr const char* kClusterName = "demo";
inline constexpr const char* kBaseDomain = "example.com";

class ClusterTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();
  void SetUp() override;

  // seed_account.py with extra flags (--decoys, --existing-vpc CIDR); returns its JSON.
  nlohmann::json Seed(const std::vector<std::string>& flags);
  // `tectonic init` into dir(), the seeded AMI named, license and pull secret written.
  // vpc_id: existing-VPC mode when non-empty.
  void InitCluster(const std::string& ami_id, const std::string& vpc_id = "");

  // Runs tectonic with the emulator's environment; "--yes" goes first.
  ProcessResult Tectonic(const std::vector<std::string>& args);
  // The "result" event of an NDJSON run (null when absent).
  static nlohmann::json ResultEvent(const std::string& ndjson);
  // Number of events of this type ("node_created") in an NDJSON run.
  static int CountEvents(const std::string& ndjson, const std::string& type);

  // `create cluster --dir dir() --output json`: asserts exit 0 and returns the result event.
  nlohmann::json CreateCluster();
  // `destroy cluster` with these selector flags (--dir D, or --cluster-id ID --region R):
  // asserts exit 0 and an empty "remaining" list; returns the result event.
  nlohmann::json DestroyCluster(const std::vector<std::string>& selector);
  // `status --dir dir() --output json`: every journaled node is present in AWS; returns it.
  nlohmann::json StatusAllPresent(size_t nodes);

  // inspect_cluster.py for the cluster id, with probes ("vpc:vpc-1", "role:name").
  nlohmann::json Inspect(const std::vector<std::string>& probes = {});
  // The cluster id from metadata.json of dir(), remembered once read (destroy may remove it).
  std::string ClusterId();

  const std::string& dir() const { return dir_->path(); }
  const std::map<std::string, std::string>& env() const { return env_; }
  std::string LogPath(const std::string& name) const { return work_->path() + "/" + name; }

  static MotoServer* moto_;
  std::unique_ptr<TempDir> work_;
  std::unique_ptr<TempDir> dir_;
  std::map<std::string, std::string> env_;
  std::string cluster_id_;
};

std::string TectonicBinary();

}  // namespace tectonic::testing
