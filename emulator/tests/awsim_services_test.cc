// Integration tests of the compute, load balancing, DNS, storage, key and tagging services:
// the real awsim binary driven by boto3 (services_driver.py: create, describe, delete) with
// one describe answer per service compared, by shape, with moto's answer to the same calls.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <set>
#include <thread>

#include "tests/support/awsim_process.h"
#include "tests/support/moto_server.h"
#include "tests/support/process.h"

namespace awsim {
namespace {

using nlohmann::json;
using tectonic::testing::BackgroundProcess;
using tectonic::testing::RunProcess;
using tectonic::testing::TempDir;

const std::string kDriver = std::string(AWSIM_TESTS_DIR) + "/services_driver.py";

using Awsim = tectonic::testing::AwsimProcess;

json Drive(const std::string& url, const std::string& service, bool strict) {
  TempDir home("awsim-driver");
  tectonic::testing::ProcessOptions o;
  o.env_set = tectonic::testing::EmulatorEnv(url, home.path());
  std::vector<std::string> argv = {"python3", kDriver, url, service};
  if (strict) argv.push_back("strict");
  auto r = RunProcess(argv, o);
  EXPECT_EQ(r.exit_code, 0) << service << " against " << url << ":\n" << r.err;
  if (r.exit_code != 0) return json::object();
  return json::parse(r.out);
}

json Shape(const json& j) {
  if (j.is_object()) {
    json out = json::object();
    for (auto it = j.begin(); it != j.end(); ++it) out[it.key()] = Shape(it.value());
    return out;
  }
  if (j.is_array()) return j.empty() ? json::array() : json::array({Shape(j[0])});
  return j.type_name();
}

// Keys moto answers that AWS sends only in other situations (signing keys, NLBs with security
// groups, stopped/terminated instances, SR-IOV instance types) or that awsim does not model.
const std::set<std::string> kMotoOnly = {"SigningAlgorithms", "SecurityGroups", "StateReason",
                                         "SriovNetSupport", "HibernationOptions"};

// Every top-level key of moto's answer must be in ours with the same JSON type (one level
// deeper for objects such as DelegationSet is too strict: moto adds fields AWS omits).
void ExpectShapeCovers(const json& ours, const json& moto, const std::string& path) {
  if (!moto.is_object()) return;
  for (auto it = moto.begin(); it != moto.end(); ++it) {
    if (kMotoOnly.count(it.key())) continue;
    std::string where = path + "." + it.key();
    if (!ours.contains(it.key())) {
      ADD_FAILURE() << "awsim lacks " << where;
      continue;
    }
    if (it.value().is_array() && it.value().empty()) continue;
    EXPECT_EQ(ours[it.key()].type_name(), it.value().type_name()) << where;
  }
}

// One moto for the whole binary (a fresh moto spends seconds loading each service), emptied
// before each use; destroyed (stopped) at exit.
tectonic::testing::MotoServer& SharedMoto() {
  static tectonic::testing::MotoServer moto;
  moto.Reset();
  return moto;
}

// Runs the driver against awsim (returning its checks) and moto (comparing shapes).
json RunBoth(const std::string& service) {
  Awsim sim;
  json ours = Drive(sim.url(), service, true);
  json theirs = Drive(SharedMoto().url(), service, false);
  if (ours.contains("describe") && theirs.contains("describe"))
    ExpectShapeCovers(Shape(ours["describe"]), Shape(theirs["describe"]), service);
  return ours.value("checks", json::object());
}

TEST(AwsimServices, Ec2ComputeInstancesKeysImagesTemplates) {
  json c = RunBoth("ec2");
  EXPECT_EQ(c["dup_key"], "InvalidKeyPair.Duplicate");
  EXPECT_EQ(c["images_self"], 1);
  EXPECT_EQ(c["idempotent"], true);
  EXPECT_EQ(c["bad_profile"], "InvalidParameterValue");
  EXPECT_EQ(c["reservations"], 1);
  EXPECT_EQ(c["lt_count"], 1);
  EXPECT_EQ(c["subnet_in_use"], "DependencyViolation");
  EXPECT_EQ(c["offerings"], true);
}

TEST(AwsimServices, Elbv2NetworkLoadBalancer) {
  json c = RunBoth("elbv2");
  EXPECT_EQ(c["tg_in_use"], "ResourceInUse");
  EXPECT_EQ(c["vpc_dependency"], "DependencyViolation");
  EXPECT_EQ(c["dns_suffix"], true);
  EXPECT_EQ(c["zone"], "Z26RNL4JYFTOTI");
  EXPECT_EQ(c["tags"].size(), 1u);
}

TEST(AwsimServices, AutoScalingLaunchesRoundRobin) {
  json c = RunBoth("autoscaling");
  EXPECT_EQ(c["instances"], 3);
  EXPECT_EQ(c["zones"], json({"us-east-1a", "us-east-1b"}));
  EXPECT_EQ(c["activities"], true);
}

TEST(AwsimServices, Route53ZonesRecordsChanges) {
  json c = RunBoth("route53");
  EXPECT_EQ(c["dup_ref"], "HostedZoneAlreadyExists");
  EXPECT_EQ(c["change"], "INSYNC");   // fast latency: in sync at once
  EXPECT_EQ(c["dup_record"], "400");  // InvalidChangeBatch root (botocore reads no code)
  EXPECT_EQ(c["not_empty"], "HostedZoneNotEmpty");
  EXPECT_EQ(c["records"], 3);
  EXPECT_EQ(c["tags"].size(), 1u);
  EXPECT_EQ(c["by_name"], 0);
}

TEST(AwsimServices, KmsKeysAliasesDeletion) {
  json c = RunBoth("kms");
  EXPECT_EQ(c["same"], true);
  EXPECT_EQ(c["datakey"], 32);
  EXPECT_EQ(c["pending"], "KMSInvalidStateException");
}

TEST(AwsimServices, S3BucketsObjectsPaging) {
  json c = RunBoth("s3");
  EXPECT_EQ(c["meta"], json({{"m", "1"}}));
  EXPECT_EQ(c["length"], 4);
  EXPECT_EQ(c["get"], "data");
  EXPECT_EQ(c["pages"], 2);
  EXPECT_EQ(c["not_empty"], "BucketNotEmpty");
}

TEST(AwsimServices, TaggingGetResourcesAndQuotas) {
  json c = RunBoth("tagging");
  EXPECT_EQ(c["total"], 4);
  EXPECT_EQ(c["vpcs"], 3);
  EXPECT_EQ(c["quota"], 5.0);
}

}  // namespace
}  // namespace awsim
