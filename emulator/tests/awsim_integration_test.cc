// Conformance tests: the real awsim binary on a free port, driven by the AWS CLI (v1 from the
// image, v2 from Debian) and by raw signed HTTP; moto is the oracle for response shapes.
#include <httplib.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <thread>

#include "sigv4_verify.h"
#include "tests/support/awsim_process.h"
#include "tests/support/boto_batch.h"
#include "tests/support/moto_server.h"
#include "tests/support/process.h"

namespace awsim {
namespace {

using nlohmann::json;
using tectonic::testing::BackgroundProcess;
using tectonic::testing::ProcessResult;
using tectonic::testing::RunProcess;
using tectonic::testing::TempDir;

const char* kAwsV1 = "/root/.pyenv/shims/aws";
const char* kAwsV2 = "/usr/bin/aws";

// awsim plus a raw signed POST, for the signature and error-shape checks.
class Awsim : public tectonic::testing::AwsimProcess {
 public:
  explicit Awsim(std::vector<std::string> extra = {}) : AwsimProcess(extra) {}
  const std::string& home() const { return dir(); }
  // Sends a signed form POST (EC2/Query) and returns (status, body).
  std::pair<int, std::string> Post(
      const std::string& service, const std::string& body, const std::string& amz_date = "",
      const std::string& secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY") {
    std::map<std::string, std::string> h = {
        {"host", "127.0.0.1:" + std::to_string(port())},
        {"content-type", "application/x-www-form-urlencoded; charset=utf-8"}};
    SignRequest("POST", "/", "", h, body, "AKIAIOSFODNN7EXAMPLE", secret, "", "us-east-1", service,
                amz_date.empty() ? Now() : amz_date);
    httplib::Client c("127.0.0.1", port());
    httplib::Headers headers;
    for (const auto& [k, v] : h)
      if (k != "host" && k != "content-type") headers.emplace(k, v);
    auto res = c.Post("/", headers, body, "application/x-www-form-urlencoded; charset=utf-8");
    return {res ? res->status : -1, res ? res->body : ""};
  }
  static std::string Now(int offset_s = 0) {
    std::time_t t = std::time(nullptr) + offset_s;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof(buf), "%Y%m%dT%H%M%SZ", &tm);
    return buf;
  }
};

ProcessResult Aws(const std::string& cli, const std::string& url, const std::string& home,
                  std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
  tectonic::testing::ProcessOptions o;
  o.env_set = tectonic::testing::EmulatorEnv(url, home);
  for (const auto& [k, v] : env) o.env_set[k] = v;
  std::vector<std::string> argv = {cli, "--endpoint-url", url, "--output", "json"};
  argv.insert(argv.end(), args.begin(), args.end());
  return RunProcess(argv, o);
}

json AwsJson(const std::string& cli, const std::string& url, const std::string& home,
             std::vector<std::string> args) {
  auto r = Aws(cli, url, home, args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out.empty() ? json::object() : json::parse(r.out);
}

// Keys and value types, recursively (arrays by their first element).
json Shape(const json& j) {
  if (j.is_object()) {
    json out = json::object();
    for (auto it = j.begin(); it != j.end(); ++it) out[it.key()] = Shape(it.value());
    return out;
  }
  if (j.is_array()) return j.empty() ? json::array() : json::array({Shape(j[0])});
  return j.type_name();
}

TEST(AwsimIntegration, VpcSubnetIgwWithBothClis) {
  Awsim sim;
  for (const char* cli : {kAwsV1, kAwsV2}) {
    json vpc = AwsJson(cli, sim.url(), sim.home(),
                       {"ec2", "create-vpc", "--cidr-block", "10.0.0.0/16", "--tag-specifications",
                        "ResourceType=vpc,Tags=[{Key=Name,Value=main}]"});
    std::string vpc_id = vpc["Vpc"]["VpcId"];
    EXPECT_EQ(vpc_id.size(), 21u);
    json subnet = AwsJson(cli, sim.url(), sim.home(),
                          {"ec2", "create-subnet", "--vpc-id", vpc_id, "--cidr-block",
                           "10.0.1.0/24", "--availability-zone", "us-east-1b"});
    EXPECT_EQ(subnet["Subnet"]["VpcId"], vpc_id);
    EXPECT_EQ(subnet["Subnet"]["AvailabilityZone"], "us-east-1b");
    json igw = AwsJson(cli, sim.url(), sim.home(), {"ec2", "create-internet-gateway"});
    std::string igw_id = igw["InternetGateway"]["InternetGatewayId"];
    AwsJson(
        cli, sim.url(), sim.home(),
        {"ec2", "attach-internet-gateway", "--internet-gateway-id", igw_id, "--vpc-id", vpc_id});
    json d = AwsJson(cli, sim.url(), sim.home(),
                     {"ec2", "describe-internet-gateways", "--filters",
                      "Name=attachment.vpc-id,Values=" + vpc_id});
    ASSERT_EQ(d["InternetGateways"].size(), 1u);
    EXPECT_EQ(d["InternetGateways"][0]["Attachments"][0]["VpcId"], vpc_id);
    json subnets =
        AwsJson(cli, sim.url(), sim.home(),
                {"ec2", "describe-subnets", "--filters", "Name=vpc-id,Values=" + vpc_id});
    EXPECT_EQ(subnets["Subnets"].size(), 1u);
    json tagged = AwsJson(cli, sim.url(), sim.home(),
                          {"ec2", "describe-vpcs", "--filters", "Name=tag:Name,Values=main"});
    EXPECT_GE(tagged["Vpcs"].size(), 1u);
    sim.Admin("POST", "reset");
  }
}

TEST(AwsimIntegration, DescribeShapesMatchMoto) {
  Awsim sim;
  tectonic::testing::MotoServer moto;
  TempDir home;
  auto build = [&](const std::string& url) {
    json vpc = AwsJson(kAwsV1, url, home.path(),
                       {"ec2", "create-vpc", "--cidr-block", "10.1.0.0/16", "--tag-specifications",
                        "ResourceType=vpc,Tags=[{Key=k,Value=v}]"});
    std::string id = vpc["Vpc"]["VpcId"];
    AwsJson(kAwsV1, url, home.path(),
            {"ec2", "create-subnet", "--vpc-id", id, "--cidr-block", "10.1.1.0/24",
             "--availability-zone", "us-east-1a", "--tag-specifications",
             "ResourceType=subnet,Tags=[{Key=k,Value=v}]"});
    AwsJson(kAwsV1, url, home.path(),
            {"ec2", "create-security-group", "--group-name", "g", "--description", "d", "--vpc-id",
             id});
    return id;
  };
  std::string sim_vpc = build(sim.url()), moto_vpc = build(moto.url());
  struct Case {
    std::vector<std::string> args;
    std::string list;
  };
  for (const auto& c : std::vector<Case>{
           {{"ec2", "describe-vpcs", "--filters", "Name=tag:k,Values=v"}, "Vpcs"},
           {{"ec2", "describe-subnets", "--filters", "Name=tag:k,Values=v"}, "Subnets"},
           {{"ec2", "describe-security-groups", "--filters", "Name=group-name,Values=g"},
            "SecurityGroups"}}) {
    json a = Shape(AwsJson(kAwsV1, sim.url(), home.path(), c.args)[c.list][0]);
    json m = Shape(AwsJson(kAwsV1, moto.url(), home.path(), c.args)[c.list][0]);
    // Every key moto answers (its shape of AWS) must be present in ours with the same type.
    for (auto it = m.begin(); it != m.end(); ++it) {
      ASSERT_TRUE(a.contains(it.key()))
          << c.list << " lacks " << it.key() << "\nawsim: " << a.dump() << "\nmoto: " << m.dump();
      if (!it.value().is_array() || !it.value().empty()) {
        EXPECT_EQ(a[it.key()].type_name(), it.value().type_name()) << it.key();
      }
    }
  }
}

// boto3 in one process per batch (BotoBatch): one interpreter start instead of one AWS CLI
// start per call; a batch stops at its first error, so an expected error ends a batch.
json Batch(const Awsim& sim, const std::vector<tectonic::testing::BotoCall>& calls) {
  return tectonic::testing::BotoBatch(calls, tectonic::testing::EmulatorEnv(sim.url(), sim.home()));
}

std::string ErrorCode(const json& batch) {
  return batch.is_object() ? batch["error"].value("Code", "") : "no error";
}

TEST(AwsimIntegration, DependencyViolationAndQuota) {
  Awsim sim;
  json blocked = Batch(
      sim, {{"ec2", "create_vpc", {{"CidrBlock", "10.0.0.0/16"}}},
            {"ec2", "create_subnet", {{"VpcId", "${0:Vpc.VpcId}"}, {"CidrBlock", "10.0.0.0/24"}}},
            {"ec2", "delete_vpc", {{"VpcId", "${0:Vpc.VpcId}"}}}});
  ASSERT_EQ(blocked.value("call", -1), 2) << blocked.dump();
  EXPECT_EQ(ErrorCode(blocked), "DependencyViolation");
  json vpcs = Batch(sim, {{"ec2", "describe_vpcs"}, {"ec2", "describe_subnets"}});
  ASSERT_TRUE(vpcs.is_array()) << vpcs.dump();
  std::string vpc = vpcs[0]["Vpcs"][0]["VpcId"], subnet = vpcs[1]["Subnets"][0]["SubnetId"];
  std::vector<tectonic::testing::BotoCall> calls = {
      {"ec2", "delete_subnet", {{"SubnetId", subnet}}}, {"ec2", "delete_vpc", {{"VpcId", vpc}}}};
  for (int i = 0; i <= 5; ++i)
    calls.push_back({"ec2", "create_vpc", {{"CidrBlock", "10." + std::to_string(i) + ".0.0/16"}}});
  json quota = Batch(sim, calls);
  EXPECT_EQ(quota.value("call", -1), 7) << quota.dump();  // the sixth VPC
  EXPECT_EQ(ErrorCode(quota), "VpcLimitExceeded");
}

// A VPC with one subnet and an Elastic IP; with_igw attaches an internet gateway.
std::vector<tectonic::testing::BotoCall> NatSetup(bool with_igw) {
  std::vector<tectonic::testing::BotoCall> calls = {
      {"ec2", "create_vpc", {{"CidrBlock", "10.0.0.0/16"}}},
      {"ec2", "create_subnet", {{"VpcId", "${0:Vpc.VpcId}"}, {"CidrBlock", "10.0.0.0/24"}}},
      {"ec2", "allocate_address", {{"Domain", "vpc"}}}};
  if (with_igw) {
    calls.push_back({"ec2", "create_internet_gateway"});
    calls.push_back({"ec2",
                     "attach_internet_gateway",
                     {{"InternetGatewayId", "${3:InternetGateway.InternetGatewayId}"},
                      {"VpcId", "${0:Vpc.VpcId}"}}});
  }
  calls.push_back({"ec2",
                   "create_nat_gateway",
                   {{"SubnetId", "${1:Subnet.SubnetId}"}, {"AllocationId", "${2:AllocationId}"}}});
  calls.push_back({"ec2",
                   "describe_nat_gateways",
                   {{"NatGatewayIds",
                     {"${" + std::to_string(calls.size() - 1) + ":NatGateway.NatGatewayId}"}}}});
  return calls;
}

TEST(AwsimIntegration, NatFailsWithoutInternetGateway) {
  Awsim sim;
  json r = Batch(sim, NatSetup(false));
  ASSERT_TRUE(r.is_array()) << r.dump();
  EXPECT_EQ(r.back()["NatGateways"][0]["State"], "failed");
  EXPECT_EQ(r.back()["NatGateways"][0]["FailureCode"], "Gateway.NotAttached");
}

TEST(AwsimIntegration, NatLifecycleFollowsTimeScale) {
  // realistic: 90 s NAT; time scale 1 and the admin clock advance instead of waiting.
  Awsim sim({"--latency", "realistic"});
  auto calls = NatSetup(true);
  calls.push_back({"ec2",
                   "detach_internet_gateway",
                   {{"InternetGatewayId", "${3:InternetGateway.InternetGatewayId}"},
                    {"VpcId", "${0:Vpc.VpcId}"}}});
  json r = Batch(sim, calls);
  ASSERT_EQ(r.value("call", -1), 7) << r.dump();  // the detach, while the NAT maps an address
  EXPECT_EQ(ErrorCode(r), "DependencyViolation");
  json pending = Batch(sim, {{"ec2", "describe_nat_gateways"}});
  ASSERT_TRUE(pending.is_array()) << pending.dump();
  EXPECT_EQ(pending[0]["NatGateways"][0]["State"], "pending");
  sim.Admin("POST", "clock", {{"advance_seconds", 91}});
  json available = Batch(sim, {{"ec2", "describe_nat_gateways"}});
  ASSERT_TRUE(available.is_array()) << available.dump();
  EXPECT_EQ(available[0]["NatGateways"][0]["State"], "available");
  EXPECT_EQ(sim.Admin("GET", "latency")["seconds"]["nat_available"], 90.0);
}

TEST(AwsimIntegration, SigV4Refusals) {
  Awsim sim;
  auto r = Aws(kAwsV1, sim.url(), sim.home(), {"ec2", "describe-vpcs"},
               {{"AWS_SECRET_ACCESS_KEY", "wrong"}});
  EXPECT_NE(r.err.find("SignatureDoesNotMatch"), std::string::npos) << r.err;
  r = Aws(kAwsV1, sim.url(), sim.home(), {"sts", "get-caller-identity"},
          {{"AWS_ACCESS_KEY_ID", "AKIANOTKNOWN00000000"}});
  EXPECT_NE(r.err.find("InvalidClientTokenId"), std::string::npos) << r.err;
  auto [status, body] =
      sim.Post("ec2", "Action=DescribeVpcs&Version=2016-11-15", Awsim::Now(-3600));
  EXPECT_EQ(status, 400);
  EXPECT_NE(body.find("RequestExpired"), std::string::npos) << body;
  std::tie(status, body) = sim.Post("ec2", "Action=DescribeVpcs&Version=2016-11-15");
  EXPECT_EQ(status, 200) << body;
  std::tie(status, body) = sim.Post("ec2", "Action=NoSuchThing&Version=2016-11-15");
  EXPECT_NE(body.find("InvalidAction"), std::string::npos) << body;
  std::tie(status, body) = sim.Post("ec2", "Action=DescribeVpcs&Version=2014-01-01");
  EXPECT_NE(body.find("NoSuchVersion"), std::string::npos) << body;
}

TEST(AwsimIntegration, SessionTokenWorksThenExpires) {
  Awsim sim;
  json creds = AwsJson(kAwsV1, sim.url(), sim.home(),
                       {"sts", "get-session-token", "--duration-seconds", "900"})["Credentials"];
  std::string akid = creds["AccessKeyId"];
  EXPECT_EQ(akid.rfind("ASIA", 0), 0u);
  std::map<std::string, std::string> env = {{"AWS_ACCESS_KEY_ID", akid},
                                            {"AWS_SECRET_ACCESS_KEY", creds["SecretAccessKey"]},
                                            {"AWS_SESSION_TOKEN", creds["SessionToken"]}};
  auto r = Aws(kAwsV1, sim.url(), sim.home(), {"sts", "get-caller-identity"}, env);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("user/admin"), std::string::npos);
  auto no_token = env;
  no_token.erase("AWS_SESSION_TOKEN");
  r = Aws(kAwsV1, sim.url(), sim.home(), {"sts", "get-caller-identity"}, no_token);
  EXPECT_NE(r.err.find("InvalidClientTokenId"), std::string::npos) << r.err;
  sim.Admin("POST", "clock", {{"advance_seconds", 901}});
  r = Aws(kAwsV1, sim.url(), sim.home(), {"sts", "get-caller-identity"}, env);
  EXPECT_NE(r.err.find("ExpiredToken"), std::string::npos) << r.err;
}

TEST(AwsimIntegration, ThrottlingBucketAndSeededErrors) {
  Awsim sim({"--throttle"});
  int ok = 0, throttled = 0;
  for (int i = 0; i < 130; ++i) {
    auto [status, body] = sim.Post("ec2", "Action=DescribeVpcs&Version=2016-11-15");
    if (status == 200) ++ok;
    if (status == 503 && body.find("RequestLimitExceeded") != std::string::npos) ++throttled;
  }
  EXPECT_GE(ok, 100);  // the bucket holds 100
  EXPECT_GT(throttled, 0);
  auto pattern = [](uint64_t seed) {
    Awsim s({"--error-rate", "0.3", "--seed", std::to_string(seed)});
    std::string out;
    for (int i = 0; i < 40; ++i)
      out += s.Post("ec2", "Action=DescribeVpcs&Version=2016-11-15").first == 200 ? '.' : 'x';
    return out;
  };
  std::string a = pattern(7), b = pattern(7);
  EXPECT_EQ(a, b);
  EXPECT_NE(a.find('x'), std::string::npos);
  EXPECT_NE(a.find('.'), std::string::npos);
}

TEST(AwsimIntegration, IamEnforcementAndSimulationAgree) {
  Awsim sim({"--enforce-iam"});
  json policy = {
      {"Version", "2012-10-17"},
      {"Statement", {{{"Effect", "Allow"}, {"Action", "ec2:Describe*"}, {"Resource", "*"}}}}};
  sim.Admin("POST", "seed",
            {{"users",
              {{{"name", "reader"},
                {"access_key", "AKIAREADER0000000001"},
                {"secret_key", "readersecret"},
                {"policies", {{{"name", "ro"}, {"document", policy}}}}}}}});
  std::map<std::string, std::string> env = {{"AWS_ACCESS_KEY_ID", "AKIAREADER0000000001"},
                                            {"AWS_SECRET_ACCESS_KEY", "readersecret"}};
  EXPECT_EQ(Aws(kAwsV1, sim.url(), sim.home(), {"ec2", "describe-vpcs"}, env).exit_code, 0);
  auto r =
      Aws(kAwsV1, sim.url(), sim.home(), {"ec2", "create-vpc", "--cidr-block", "10.0.0.0/16"}, env);
  EXPECT_NE(r.err.find("UnauthorizedOperation"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("ec2:CreateVpc"), std::string::npos) << r.err;
  json sim_result = AwsJson(kAwsV1, sim.url(), sim.home(),
                            {"iam", "simulate-principal-policy", "--policy-source-arn",
                             "arn:aws:iam::123456789012:user/reader", "--action-names",
                             "ec2:DescribeVpcs", "ec2:CreateVpc"});
  ASSERT_EQ(sim_result["EvaluationResults"].size(), 2u);
  EXPECT_EQ(sim_result["EvaluationResults"][0]["EvalDecision"], "allowed");
  EXPECT_EQ(sim_result["EvaluationResults"][1]["EvalDecision"], "implicitDeny");
  json calls = sim.Admin("GET", "calls");
  EXPECT_GE(calls.size(), 3u);
}

TEST(AwsimIntegration, AssumeRoleChecksTrust) {
  Awsim sim;
  std::string trust =
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/admin"},"Action":"sts:AssumeRole"}]})";
  AwsJson(
      kAwsV1, sim.url(), sim.home(),
      {"iam", "create-role", "--role-name", "deployer", "--assume-role-policy-document", trust});
  auto dup = Aws(
      kAwsV1, sim.url(), sim.home(),
      {"iam", "create-role", "--role-name", "deployer", "--assume-role-policy-document", trust});
  EXPECT_NE(dup.err.find("EntityAlreadyExists"), std::string::npos);
  json out = AwsJson(kAwsV1, sim.url(), sim.home(),
                     {"sts", "assume-role", "--role-arn", "arn:aws:iam::123456789012:role/deployer",
                      "--role-session-name", "s1"});
  EXPECT_EQ(out["AssumedRoleUser"]["Arn"], "arn:aws:sts::123456789012:assumed-role/deployer/s1");
  json role =
      AwsJson(kAwsV1, sim.url(), sim.home(), {"iam", "get-role", "--role-name", "deployer"});
  EXPECT_EQ(role["Role"]["AssumeRolePolicyDocument"]["Statement"][0]["Action"], "sts:AssumeRole");
}

}  // namespace
}  // namespace awsim
