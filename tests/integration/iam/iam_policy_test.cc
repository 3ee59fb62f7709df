// `tectonic policy` is exactly sufficient, judged outside tectonic's own AWS client:
//  - EveryCallIsInThePolicy: create + status + destroy against moto with --record-calls; every
//    recorded operation is a real botocore operation whose IAM action (derived by judge.py, not
//    from operations.def) is in the policy, and the record equals moto's own request recording.
//  - MotoEnforcesThePolicy: under moto's IAM enforcement, a user lacking ec2:CreateNatGateway is
//    stopped with AccessDenied explained (call, action, resource, fix), and a user whose only
//    policy is `tectonic policy` creates and destroys the cluster, leaving nothing behind.
// Two moto processes serve both tests: `plain` (no enforcement, request recording to a file;
// also Route53 for the enforced test, since moto 5.2.1 answers SignatureDoesNotMatch to every
// Route53 call under enforcement) and `enforced`.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/moto_server.h"
#include "tests/support/process.h"

namespace tectonic::testing {
namespace {

const std::string kTectonic = TECTONIC_BINARY_DIR "/bin/tectonic";
const std::string kSeed = IAM_TEST_SCRIPTS "/seed.py";
const std::string kJudge = IAM_TEST_SCRIPTS "/judge.py";

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class IamPolicyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    scratch_ = new TempDir("iam-moto");
    recording_ = scratch_->path() + "/recording.jsonl";
    plain_ = new MotoServer({{"MOTO_RECORDER_FILEPATH", recording_}});
    enforced_ = new MotoServer();
  }
  static void TearDownTestSuite() {
    delete enforced_;
    delete plain_;
    delete scratch_;
    enforced_ = plain_ = nullptr;
    scratch_ = nullptr;
  }

  void SetUp() override {
    work_ = std::make_unique<TempDir>("iam-test");
    policy_ = work_->path() + "/policy.json";
    auto policy = RunProcess({kTectonic, "policy"});
    ASSERT_EQ(policy.exit_code, 0) << policy.err;
    std::ofstream(policy_) << policy.out;
  }

  // Environment of tectonic and the scripts: `ec2` serves every service but Route53.
  std::map<std::string, std::string> Env(const MotoServer& ec2, const MotoServer& route53,
                                         const nlohmann::json& user = nullptr) {
    auto env = EmulatorEnv(ec2.url(), work_->path());
    env["AWS_ENDPOINT_URL_ROUTE_53"] = route53.url();
    if (!user.is_null()) {
      env["AWS_ACCESS_KEY_ID"] = user["key"];
      env["AWS_SECRET_ACCESS_KEY"] = user["secret"];
    }
    return env;
  }
  ProcessResult Run(std::vector<std::string> argv, const std::map<std::string, std::string>& env) {
    ProcessOptions options;
    options.env_set = env;
    options.cwd = work_->path();
    return RunProcess(argv, options);
  }
  std::string Dir(const std::string& name) { return work_->path() + "/" + name; }

  static TempDir* scratch_;
  static std::string recording_;
  static MotoServer* plain_;
  static MotoServer* enforced_;
  std::unique_ptr<TempDir> work_;
  std::string policy_;
};

TempDir* IamPolicyTest::scratch_ = nullptr;
std::string IamPolicyTest::recording_;
MotoServer* IamPolicyTest::plain_ = nullptr;
MotoServer* IamPolicyTest::enforced_ = nullptr;

TEST_F(IamPolicyTest, EveryCallOfCreateStatusDestroyIsInThePolicy) {
  plain_->Reset();
  // As an IAM user (moto then names the caller by its ARN, so preflight's iam-permissions check
  // calls iam:SimulatePrincipalPolicy); nothing is enforced here.
  auto seed = Run({"python3", kSeed, "--ec2", plain_->url(), "--route53", plain_->url(), "--dir",
                   Dir("c"), "--policy", policy_, "--user", "installer", "--start-recording"},
                  Env(*plain_, *plain_));
  ASSERT_EQ(seed.exit_code, 0) << seed.err;
  auto env = Env(*plain_, *plain_, nlohmann::json::parse(seed.out)["users"]["installer"]);

  const std::string record = Dir("calls.tsv");
  auto create = Run(
      {kTectonic, "--yes", "create", "cluster", "--dir", Dir("c"), "--record-calls", record}, env);
  ASSERT_EQ(create.exit_code, 0) << create.out << create.err;
  auto status = Run({kTectonic, "status", "--dir", Dir("c"), "--record-calls", record}, env);
  EXPECT_EQ(status.exit_code, 0) << status.out << status.err;
  auto destroy = Run(
      {kTectonic, "--yes", "destroy", "cluster", "--dir", Dir("c"), "--record-calls", record}, env);
  ASSERT_EQ(destroy.exit_code, 0) << destroy.out << destroy.err;

  // The record: private, and without the secret.
  struct stat st {};
  ASSERT_EQ(stat(record.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  std::string lines = ReadAll(record);
  EXPECT_EQ(lines.find(env["AWS_SECRET_ACCESS_KEY"]), std::string::npos);
  EXPECT_NE(lines.find("ec2:CreateNatGateway\tec2:CreateNatGateway,ec2:CreateTags\tok\n"),
            std::string::npos)
      << lines.substr(0, 2000);

  auto calls = Run({"python3", kJudge, "calls", "--record", record, "--policy", policy_,
                    "--recording", recording_},
                   env);
  std::cout << calls.out;
  EXPECT_EQ(calls.exit_code, 0) << calls.out << calls.err;
  auto clean = Run({"python3", kJudge, "clean", "--ec2", plain_->url(), "--route53", plain_->url(),
                    "--dir", Dir("c")},
                   env);
  EXPECT_EQ(clean.exit_code, 0) << clean.out << clean.err;
}

TEST_F(IamPolicyTest, UnderMotoEnforcementThePolicyIsExactlySufficient) {
  plain_->Reset();
  enforced_->Reset();
  auto admin = Env(*enforced_, *plain_);
  auto seed = Run({"python3", kSeed, "--ec2", enforced_->url(), "--route53", plain_->url(), "--dir",
                   Dir("full"), "--dir", Dir("lacking"), "--policy", policy_, "--user", "installer",
                   "--user", "lacking:ec2:CreateNatGateway", "--enforce"},
                  admin);
  ASSERT_EQ(seed.exit_code, 0) << seed.err;
  auto users = nlohmann::json::parse(seed.out)["users"];

  // Without ec2:CreateNatGateway: stopped at the first NAT gateway, told what to grant.
  auto lacking = Env(*enforced_, *plain_, users["lacking"]);
  auto denied = Run({kTectonic, "--yes", "create", "cluster", "--dir", Dir("lacking")}, lacking);
  EXPECT_EQ(denied.exit_code, 4) << denied.out << denied.err;
  EXPECT_NE(denied.err.find("failed resource: nat/us-east-1"), std::string::npos) << denied.err;
  EXPECT_NE(denied.err.find("AWS refused ec2:CreateNatGateway (AccessDenied): these credentials "
                            "lack the IAM permission ec2:CreateNatGateway"),
            std::string::npos)
      << denied.err;
  EXPECT_NE(denied.err.find("is not authorized to perform: ec2:CreateNatGateway"),
            std::string::npos)
      << denied.err;
  EXPECT_NE(denied.err.find("'tectonic policy'"), std::string::npos) << denied.err;
  EXPECT_EQ(denied.err.find(std::string(users["lacking"]["secret"])), std::string::npos);
  EXPECT_EQ(denied.out.find(std::string(users["lacking"]["secret"])), std::string::npos);
  // It may still delete what it made (only the one create action is missing): by tags alone,
  // as without the cluster directory, so the sweep's calls run under enforcement too.
  auto metadata = nlohmann::json::parse(ReadAll(Dir("lacking") + "/metadata.json"));
  auto undo = Run({kTectonic, "--yes", "destroy", "cluster", "--cluster-id",
                   std::string(metadata["clusterID"]), "--region", "us-east-1"},
                  lacking);
  EXPECT_EQ(undo.exit_code, 0) << undo.out << undo.err;

  // With exactly `tectonic policy`: the whole install and the whole destroy.
  auto installer = Env(*enforced_, *plain_, users["installer"]);
  auto create = Run({kTectonic, "--yes", "create", "cluster", "--dir", Dir("full")}, installer);
  ASSERT_EQ(create.exit_code, 0) << create.out << create.err;
  auto destroy = Run({kTectonic, "--yes", "destroy", "cluster", "--dir", Dir("full")}, installer);
  EXPECT_EQ(destroy.exit_code, 0) << destroy.out << destroy.err;

  auto clean = Run({"python3", kJudge, "clean", "--ec2", enforced_->url(), "--route53",
                    plain_->url(), "--dir", Dir("lacking"), "--dir", Dir("full")},
                   Env(*enforced_, *plain_, users["auditor"]));
  EXPECT_EQ(clean.exit_code, 0) << clean.out << clean.err;
}

}  // namespace
}  // namespace tectonic::testing
