// `create cluster --via cloudformation` and `destroy cluster` for real against moto, judged
// with boto3 (judge_stack.py). moto cannot complete the cluster's stack: it refuses TCP
// listeners in CloudFormation ("Listener protocol 'TCP' must be one of 'HTTP, HTTPS'") and
// leaves the stack CREATE_IN_PROGRESS; the stack's content is covered by the template tests
// (src/cloudformation, cfn-lint). What runs here: the pre-stack part, the template upload,
// the stack with its tag, the failure reported, and a destroy that leaves nothing while the
// user's key pair, zone and default VPC stay.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/integration/cluster/cluster_fixture.h"
#include "util/files.h"

namespace tectonic::testing {
namespace {

class StackMotoTest : public ClusterTest {
 protected:
  nlohmann::json Judge(const std::string& bucket) {
    ProcessOptions options;
    options.env_set = env();
    auto r = RunProcess(
        {"python3", TECTONIC_SOURCE_DIR "/tests/integration/cloudformation/judge_stack.py", bucket,
         "tectonic-demo"},
        options);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(r.out, nullptr, false);
  }
};

TEST_F(StackMotoTest, PreStackPartTemplateAndStackThenDestroyLeavesNothing) {
  auto seed = Seed({});
  ASSERT_TRUE(seed.is_object());
  InitCluster(seed["ami_id"]);
  auto created = Tectonic({"create", "cluster", "--dir", dir(), "--via", "cloudformation",
                           "--no-wait", "--on-failure", "delete"});
  // The stack could not be built by moto (see above): the run says which call and why.
  EXPECT_NE(created.exit_code, 0);
  EXPECT_NE(created.err.find("CreateStack"), std::string::npos) << created.err;
  EXPECT_NE(created.out.find("== template done"), std::string::npos) << created.out;

  const std::string id = ClusterId();
  const std::string bucket = "demo-tectonic-" + id.substr(0, 8) + id.substr(9, 4);
  auto record = nlohmann::json::parse(files::ReadFile(dir() + "/cloudformation.json").value());
  EXPECT_EQ(record["stack"], "tectonic-demo");
  EXPECT_EQ(record["onFailure"], "delete");
  EXPECT_EQ(record["templateUrl"],
            "https://" + bucket + ".s3.amazonaws.com/cloudformation/tectonic-demo.json");

  auto before = Judge(bucket);
  ASSERT_TRUE(before.is_object());
  EXPECT_EQ(before["bucket"], "aws:kms");
  EXPECT_EQ(before["aliases"], nlohmann::json::array({"alias/tectonic/demo"}));
  std::set<std::string> objects(before["objects"].begin(), before["objects"].end());
  EXPECT_TRUE(objects.count("cloudformation/tectonic-demo.json"));
  for (const char* role : {"master", "worker", "etcd-0", "etcd-1", "etcd-2"}) {
    EXPECT_TRUE(objects.count(std::string("ignition/") + role + ".ign")) << role;
  }
  ASSERT_EQ(before["stacks"].size(), 1u);
  EXPECT_EQ(before["stacks"][0]["tags"]["tectonicClusterID"], id);

  // status shows the recorded stack beside the journal of the pre-stack part.
  auto status = Tectonic({"status", "--dir", dir(), "--output", "json"});
  auto status_json = nlohmann::json::parse(status.out, nullptr, false);
  ASSERT_TRUE(status_json.is_object()) << status.out << status.err;
  EXPECT_EQ(status_json["stack"]["name"], "tectonic-demo");
  EXPECT_EQ(status_json["stack"]["status"], before["stacks"][0]["status"]);
  EXPECT_EQ(status_json["calls"].value("mutating", -1), 0);

  DestroyCluster({"--dir", dir()});
  auto after = Judge(bucket);
  ASSERT_TRUE(after.is_object());
  EXPECT_EQ(after["stacks"], nlohmann::json::array());
  EXPECT_TRUE(after["bucket"].is_null());
  EXPECT_EQ(after["aliases"], nlohmann::json::array());
  EXPECT_EQ(after["key_pairs"], nlohmann::json::array({"demo-key"}));
  EXPECT_EQ(after["zones"], nlohmann::json::array({"example.com."}));
  EXPECT_EQ(after["default_vpcs"], 1);
  EXPECT_EQ(after["vpcs"], 1);
  // Nothing left: the id is retired with the stack record, so a create here is a new cluster
  // (new bucket, new CreateStack token) rather than the destroyed stack's.
  auto metadata = nlohmann::json::parse(files::ReadFile(dir() + "/metadata.json").value());
  EXPECT_FALSE(metadata.contains("clusterID")) << metadata.dump();
  EXPECT_EQ(metadata["destroyed"][0]["clusterID"], id) << metadata.dump();
  EXPECT_FALSE(files::ReadFile(dir() + "/cloudformation.json").ok());
}

}  // namespace
}  // namespace tectonic::testing
