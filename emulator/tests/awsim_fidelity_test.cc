// Fidelity checks of one awsim (--enforce-iam) driven by boto3 in one process
// (fidelity_driver.py): paging tokens of EC2, ELBv2, Auto Scaling, IAM and KMS; target health
// and console output; the S3 IAM action
// names; IAM resource-level enforcement; throttling buckets refilled by the emulator clock.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
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

// Starts awsim --enforce-iam and runs the driver against it; returns the driver's checks.
json RunDriver() {
  tectonic::testing::AwsimProcess awsim({"--enforce-iam"});
  const std::string& url = awsim.url();
  tectonic::testing::ProcessOptions o;
  o.env_set = tectonic::testing::EmulatorEnv(url, awsim.dir());
  // `tectonic policy` (the product's binary, run as a user would) for the iam:PassRole checks.
  auto policy = RunProcess({TECTONIC_BINARY_DIR "/bin/tectonic", "policy"});
  EXPECT_EQ(policy.exit_code, 0) << policy.err;
  std::string policy_path = awsim.dir() + "/tectonic-policy.json";
  std::ofstream(policy_path) << policy.out;
  auto r = RunProcess(
      {"python3", std::string(AWSIM_TESTS_DIR) + "/fidelity_driver.py", url, policy_path}, o);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto out = json::parse(r.out, nullptr, false);
  return out.is_object() ? out.value("checks", json::object()) : json::object();
}

TEST(AwsimFidelity, PagingS3ActionsIamResourcesThrottleClock) {
  json c = RunDriver();
  ASSERT_FALSE(c.empty());
  // Paging: every page within its size, nothing twice, tokens bound to their operation.
  EXPECT_EQ(c["subnet_pages"], json({5, 5, 2}));
  EXPECT_EQ(c["subnet_unique"], true);
  EXPECT_EQ(c["subnet_small_page"], "InvalidParameterValue");
  EXPECT_EQ(c["subnet_bad_token"], "InvalidParameterValue");
  EXPECT_EQ(c["token_of_other_operation"], "InvalidParameterValue");
  // One latency figure overridden through the admin API, the others kept.
  EXPECT_EQ(c["latency_override_error"], nullptr) << c["latency_override_error"];
  EXPECT_EQ(c["latency_override"], 42.5);
  EXPECT_EQ(c["latency_others_kept"], true);
  EXPECT_EQ(c["sg_pages"], json({5, 2}));  // six groups and the VPC's default
  EXPECT_EQ(c["instance_pages"], json({5, 2}));
  EXPECT_EQ(c["instance_ids_and_max"], "InvalidParameterCombination");
  EXPECT_EQ(c["lt_pages"], json({2, 1}));
  EXPECT_EQ(c["lb_pages"], json({2, 1}));
  EXPECT_EQ(c["lb_unique"], true);
  EXPECT_EQ(c["tg_pages"], json({2, 1}));
  EXPECT_EQ(c["lb_bad_marker"], "ValidationError");
  EXPECT_EQ(c["asg_pages"], json({2, 1}));
  EXPECT_EQ(c["asg_bad_token"], "InvalidNextToken");
  EXPECT_EQ(c["role_pages"], json({2, 1}));
  EXPECT_EQ(c["profile_pages"], json({2, 1}));
  EXPECT_EQ(c["profiles_for_role"], json({"app-1"}));
  EXPECT_EQ(c["role_tags"], json({{{"Key", "n"}, {"Value", "2"}}}));
  EXPECT_EQ(c["iam_bad_marker"], "ValidationError");
  EXPECT_EQ(c["kms_key_pages"], json({2, 1}));
  EXPECT_EQ(c["kms_alias_pages"], json({2, 1}));
  EXPECT_EQ(c["kms_bad_marker"], "InvalidMarkerException");
  EXPECT_EQ(c["big_policy_actions"], 300);  // a 10 KiB form body is read, not refused
  // Target health of ASG-registered instances: unused without a listener or outside the load
  // balancer's zones, initial for target_healthy (90 s here) once running, then healthy;
  // unhealthy while the admin hook fails the node, whose console then shows the kubelet failing.
  EXPECT_EQ(c["th_no_listener"],
            json({{"us-east-1a", {"unused", "Target.NotInUse", "6443", 443}},
                  {"us-east-1b", {"unused", "Target.NotInUse", "6443", 443}}}));
  EXPECT_EQ(c["th_registered"],
            json({{"us-east-1a", {"initial", "Elb.InitialHealthChecking", "6443", 443}},
                  {"us-east-1b", {"unused", "Target.NotInUse", "6443", 443}}}));
  EXPECT_EQ(c["th_after_latency"]["us-east-1a"], json({"healthy", "", "6443", 443}));
  EXPECT_EQ(c["th_failing"]["us-east-1a"],
            json({"unhealthy", "Target.FailedHealthChecks", "6443", 443}));
  ASSERT_EQ(c["console_lines"].size(), 3u) << c["console_lines"];
  EXPECT_NE(c["console_lines"][0].get<std::string>().find("login:"), std::string::npos);
  EXPECT_NE(c["console_lines"][1].get<std::string>().find("status=1/FAILURE"), std::string::npos);
  EXPECT_EQ(c["console_lines"][2], "hook line for the test");
  EXPECT_EQ(c["console_timestamp"], true);
  EXPECT_EQ(c["th_recovered"], "healthy");
  EXPECT_EQ(c["th_not_registered"], "Target.NotRegistered");
  EXPECT_EQ(c["th_invalid_target"], "InvalidTarget");
  EXPECT_EQ(c["th_no_group"], "TargetGroupNotFound");
  EXPECT_EQ(c["console_unknown"], "InvalidInstanceID.NotFound");
  // S3: the installer's IAM action names allow its whole bucket lifecycle; an operation name
  // that is not the action name (s3:PutBucketEncryption) allows nothing.
  EXPECT_EQ(c["s3_installer_actions"], json(std::vector<std::string>(13, "none")));
  EXPECT_EQ(c["s3_operation_name_denied"], "AccessDenied");
  // IAM resources: a role-scoped statement allows its roles only, and listing every role
  // needs a grant on role/* (awsim's rule; AWS's resource for ListRoles is not modelled).
  EXPECT_EQ(c["iam_role_in_scope"], "none");
  EXPECT_EQ(c["iam_role_out_of_scope"], "AccessDenied");
  EXPECT_EQ(c["iam_list_roles"], "AccessDenied");
  EXPECT_EQ(c["iam_simulated"], json({"allowed", "implicitDeny"}));
  // iam:PassRole as AWS checks it, with AWS's errors: RunInstances naming an instance profile
  // and CreateAutoScalingGroup with a template naming one are refused without it (nothing is
  // created); CreateLaunchTemplate is not checked (AWS authorises a template when it is used).
  // `tectonic policy` grants it: its holder does all three.
  EXPECT_EQ(c["pr_without_create_template"], json({"none", ""}));
  ASSERT_EQ(c["pr_without_run_instances"][0], "UnauthorizedOperation")
      << c["pr_without_run_instances"];
  EXPECT_NE(c["pr_without_run_instances"][1].get<std::string>().find(
                "user/no-pass-role is not authorized to perform: iam:PassRole on resource: "
                "arn:aws:iam::123456789012:role/pr-node-role"),
            std::string::npos)
      << c["pr_without_run_instances"];
  EXPECT_EQ(c["pr_without_run_without_profile"], json({"none", ""}));
  EXPECT_EQ(c["pr_without_create_group"],
            json({"AccessDenied", "You are not authorized to use launch template: " +
                                      c["pr_without_template_id"].get<std::string>()}));
  EXPECT_EQ(c["pr_without_groups"], 0);
  EXPECT_EQ(c["pr_granted_create_template"], json({"none", ""}));
  EXPECT_EQ(c["pr_granted_run_instances"], json({"none", ""}));
  EXPECT_EQ(c["pr_granted_run_without_profile"], json({"none", ""}));
  EXPECT_EQ(c["pr_granted_create_group"], json({"none", ""}));
  EXPECT_EQ(c["pr_granted_groups"], 1);
  EXPECT_EQ(c["pr_instances_with_profile"], 2);
  // Throttling follows the emulator clock and its time scale, not the wall clock.
  EXPECT_EQ(c["burst"], json({"none", "none", "none", "none", "none", "Throttling"}));
  EXPECT_EQ(c["after_10s"], "Throttling");
  EXPECT_EQ(c["after_22s"], json({"none", "Throttling"}));
}

}  // namespace
}  // namespace awsim
