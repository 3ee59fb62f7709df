// Unit tests of the pure rules: quotas, subnet fit, credential expiry, waivers, rendering.
#include <gtest/gtest.h>

#include "preflight/checks.h"
#include "preflight/preflight.h"
#include "preflight/quota.h"
#include "preflight/report_text.h"
#include "preflight/vpc_plan.h"

namespace tectonic::preflight {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

model::ClusterConfig Config(model::NatMode nat, std::string vpc_id = "") {
  model::ClusterConfig c;
  c.name = "demo";
  c.aws.vpc.nat_gateways = nat;
  c.aws.vpc.id = std::move(vpc_id);
  return c;
}

TEST(QuotaTest, NeedsFollowNatModeAndVpc) {
  std::vector<std::string> zones = {"us-east-1a", "us-east-1b", "us-east-1c"};
  auto per_zone = Config(model::NatMode::kPerZone);
  EXPECT_EQ(EipsNeeded(per_zone, zones), 3);
  EXPECT_EQ(NatGatewaysNeeded(per_zone, zones).size(), 3u);
  EXPECT_EQ(VpcsNeeded(per_zone), 1);
  auto single = Config(model::NatMode::kSingle, "vpc-123");
  EXPECT_EQ(EipsNeeded(single, zones), 1);
  auto nat = NatGatewaysNeeded(single, zones);
  ASSERT_EQ(nat.size(), 1u);
  EXPECT_EQ(nat.begin()->first, "us-east-1a");
  EXPECT_EQ(VpcsNeeded(single), 0);
}

TEST(QuotaTest, FailsWhenUsagePlusNeedExceedsLimit) {
  QuotaLimit defaults{5, false};
  EXPECT_EQ(EvaluateQuota(kVpcQuota, defaults, 4, 1).state, CheckState::kPass);
  CheckResult r = EvaluateQuota(kVpcQuota, defaults, 5, 1);
  EXPECT_EQ(r.state, CheckState::kFail);
  EXPECT_NE(r.summary.find("5 in use + 1 needed, limit 5"), std::string::npos) << r.summary;
  EXPECT_NE(r.summary.find("AWS default"), std::string::npos);
  EXPECT_NE(r.fix.find("L-F678F1CE"), std::string::npos);
  EXPECT_NE(r.fix.find("--desired-value 6"), std::string::npos) << r.fix;
  CheckResult raised = EvaluateQuota(kEipQuota, QuotaLimit{10, true}, 5, 3);
  EXPECT_EQ(raised.state, CheckState::kPass);
  EXPECT_NE(raised.summary.find("Service Quotas ec2/L-0263D0A3"), std::string::npos);
}

TEST(SubnetPlanTest, DerivesPerZoneBlocksLikeTopology) {
  auto c = Config(model::NatMode::kPerZone, "vpc-1");
  auto plan = PlanSubnets(c, {"a", "b", "c"}, "10.0.0.0/16");
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->size(), 6u);
  EXPECT_EQ((*plan)[0].cidr, "10.0.0.0/20");
  EXPECT_EQ((*plan)[2].cidr, "10.0.32.0/20");
  EXPECT_EQ((*plan)[3].role, "worker");
  EXPECT_EQ((*plan)[3].cidr, "10.0.48.0/20");
}

TEST(SubnetFitTest, EqualExistingSubnetIsReusedOverlapIsNot) {
  auto c = Config(model::NatMode::kPerZone, "vpc-1");
  auto plan = *PlanSubnets(c, {"a", "b", "c"}, "10.0.0.0/16");
  auto fit = CheckSubnetFit(plan, "10.0.0.0/16", {{"subnet-eq", "10.0.16.0/20"}}, "10.2.0.0/16",
                            "10.3.0.0/16");
  EXPECT_TRUE(fit.problems.empty());
  EXPECT_EQ(fit.reused["10.0.16.0/20"], "subnet-eq");

  fit = CheckSubnetFit(plan, "10.0.0.0/16", {{"subnet-big", "10.0.0.0/19"}}, "10.2.0.0/16",
                       "10.3.0.0/16");
  ASSERT_EQ(fit.problems.size(), 2u);  // 10.0.0.0/20 and 10.0.16.0/20 both inside the /19
  EXPECT_NE(fit.problems[0].find("subnet-big"), std::string::npos);
}

TEST(SubnetFitTest, OutsideVpcAndPodServiceOverlapAreReported) {
  auto c = Config(model::NatMode::kPerZone, "vpc-1");
  c.aws.vpc.master_subnets = {"192.168.0.0/24"};
  auto plan = *PlanSubnets(c, {"a"}, "10.0.0.0/16");
  auto fit = CheckSubnetFit(plan, "10.0.0.0/16", {}, "10.0.0.0/8", "10.3.0.0/16");
  std::string all;
  for (const auto& p : fit.problems) all += p + "\n";
  EXPECT_NE(all.find("not inside the VPC CIDR"), std::string::npos) << all;
  EXPECT_NE(all.find("the pod CIDR 10.0.0.0/8 overlaps the VPC"), std::string::npos) << all;
  EXPECT_NE(all.find("overlaps the pod CIDR"), std::string::npos) << all;  // worker 10.0.16/20
}

TEST(SubnetFitTest, PlannedSubnetsMustNotOverlapEachOther) {
  auto c = Config(model::NatMode::kPerZone, "vpc-1");
  c.aws.vpc.master_subnets = {"10.0.0.0/24"};
  c.aws.vpc.worker_subnets = {"10.0.0.128/25"};
  auto fit = CheckSubnetFit(*PlanSubnets(c, {"a"}, "10.0.0.0/16"), "10.0.0.0/16", {}, "10.2.0.0/16",
                            "10.3.0.0/16");
  ASSERT_EQ(fit.problems.size(), 1u);
  EXPECT_NE(fit.problems[0].find("overlaps master subnet"), std::string::npos);
}

TEST(SubnetFitTest, SubnetIdMustBelongToVpc) {
  auto c = Config(model::NatMode::kPerZone, "vpc-1");
  c.aws.vpc.master_subnets = {"subnet-mine"};
  auto plan = *PlanSubnets(c, {"a"}, "10.0.0.0/16");
  EXPECT_TRUE(CheckSubnetFit(plan, "10.0.0.0/16", {{"subnet-mine", "10.0.0.0/20"}}, "10.2.0.0/16",
                             "10.3.0.0/16")
                  .problems.empty());
  EXPECT_EQ(CheckSubnetFit(plan, "10.0.0.0/16", {}, "10.2.0.0/16", "10.3.0.0/16").problems.size(),
            1u);
}

TEST(CredentialExpiryTest, TemporaryCredentialsMustOutliveTheInstall) {
  auto now = std::chrono::system_clock::now();
  aws::Credentials creds;
  creds.access_key_id = "ASIAEXAMPLE";
  creds.session_token = "token";
  creds.expiration = now + minutes(10);
  CheckResult r = EvaluateCredentialExpiry(creds, now, minutes(45));
  EXPECT_EQ(r.state, CheckState::kFail);
  EXPECT_NE(r.summary.find("10 min left"), std::string::npos) << r.summary;
  EXPECT_FALSE(r.fix.empty());

  creds.expiration = now + hours(2);
  r = EvaluateCredentialExpiry(creds, now, minutes(45));
  EXPECT_EQ(r.state, CheckState::kPass) << r.summary;
  EXPECT_NE(r.summary.find("120 min left"), std::string::npos) << r.summary;

  // A longer expected install turns the same credentials into a failure.
  EXPECT_EQ(EvaluateCredentialExpiry(creds, now, minutes(150)).state, CheckState::kFail);
  creds.expiration.reset();
  EXPECT_EQ(EvaluateCredentialExpiry(creds, now, minutes(45)).state, CheckState::kWarn);
  creds.session_token.clear();
  EXPECT_EQ(EvaluateCredentialExpiry(creds, now, minutes(45)).state, CheckState::kPass);
}

PreflightReport SampleReport() {
  PreflightReport report;
  for (auto id : CheckIds()) {
    CheckResult r = CheckResult::Pass("fine");
    r.id = std::string(id);
    report.results.push_back(r);
  }
  report.results[6] = CheckResult::Fail("key pair 'k' does not exist", "import it");
  report.results[6].id = "ssh-key";
  return report;
}

TEST(WaiverTest, WaivedFailureNoLongerBlocks) {
  PreflightReport report = SampleReport();
  EXPECT_FALSE(report.ok());
  ApplyWaivers({"quota-nlbs"}, &report);
  EXPECT_FALSE(report.ok());  // waiving another check changes nothing
  ApplyWaivers({"ssh-key"}, &report);
  EXPECT_TRUE(report.ok());
  EXPECT_EQ(report.Find("ssh-key")->state, CheckState::kWaived);
  EXPECT_EQ(report.Find("region")->state, CheckState::kPass);  // waivers touch failures only
}

TEST(WaiverTest, UnknownIdsAreRejected) {
  EXPECT_TRUE(ValidateWaivers({"ssh-key", "quota-vpcs"}).ok());
  Status s = ValidateWaivers({"ssh-keys"});
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_NE(s.message().find("'ssh-keys'"), std::string::npos);
}

TEST(ReportTest, JsonAndTextCarryEveryCheck) {
  PreflightReport report = SampleReport();
  report.facts.zones = {"us-east-1a"};
  auto j = ReportJson(report);
  EXPECT_EQ(j["ok"], false);
  EXPECT_EQ(j["checks"].size(), CheckIds().size());
  EXPECT_EQ(j["checks"][6]["state"], "fail");
  EXPECT_EQ(j["checks"][6]["fix"], "import it");
  EXPECT_EQ(j["facts"]["zones"][0], "us-east-1a");
  std::string text = ReportText(report, {false, true});
  EXPECT_NE(text.find("[FAIL] ssh-key"), std::string::npos) << text;
  EXPECT_NE(text.find("fix: import it"), std::string::npos);
  EXPECT_NE(text.find("1 failed"), std::string::npos);
}

}  // namespace
}  // namespace tectonic::preflight
