#include "resources/network_test_fixture.h"

#include <cstdlib>

#include "aws/credentials.h"
#include "engine/context.h"
#include "util/uuid.h"

namespace tectonic::resources {

testing::MotoServer* NetworkMotoTest::moto_ = nullptr;
testing::TempDir* NetworkMotoTest::home_ = nullptr;
aws::AwsSession* NetworkMotoTest::session_ = nullptr;
engine::HandlerRegistry* NetworkMotoTest::registry_ = nullptr;
HandlerStore* NetworkMotoTest::store_ = nullptr;

void NetworkMotoTest::SetUpTestSuite() {
  moto_ = new testing::MotoServer();
  home_ = new testing::TempDir("tectonic-resnet");
  auto session =
      aws::OpenSession({}, aws::MapEnv(testing::EmulatorEnv(moto_->url(), home_->path())));
  ASSERT_TRUE(session.ok()) << session.status().ToString();
  session_ = new aws::AwsSession(*session);
  registry_ = new engine::HandlerRegistry();
  store_ = new HandlerStore();
  RegisterNetworkHandlers(*registry_, *session_->client, *store_);
}

void NetworkMotoTest::TearDownTestSuite() {
  delete store_;
  delete registry_;
  delete session_;
  delete home_;
  delete moto_;
  store_ = nullptr;
  registry_ = nullptr;
  session_ = nullptr;
  home_ = nullptr;
  moto_ = nullptr;
}

void NetworkMotoTest::SetUp() {
  ASSERT_NE(session_, nullptr);
  auto id = NewUuidV4();
  ASSERT_TRUE(id.ok());
  identity_.cluster_id = *id;
  identity_.cluster_name = "resnet";
  identity_.tags = {{"team", "network"}};
}

engine::ResourceHandler& NetworkMotoTest::Handler(const std::string& kind) {
  auto it = registry_->find(kind);
  if (it == registry_->end()) {
    ADD_FAILURE() << "no handler for " << kind;
    std::abort();
  }
  // Each step of a test is its own run: the world changed since (boto3 judges, other steps).
  it->second->BeginRun();
  return *it->second;
}

engine::NodeContext NetworkMotoTest::Ctx(const std::string& key, const std::string& kind,
                                         bool shared) {
  return engine::MakeNodeContext(identity_, key, kind, shared);
}

nlohmann::json NetworkMotoTest::Tagged(const engine::NodeContext& ctx, nlohmann::json props) {
  props["tags"] = ctx.tags;
  return props;
}

engine::Outputs NetworkMotoTest::CreateReady(const engine::NodeContext& ctx,
                                             const nlohmann::json& props) {
  auto created = Handler(ctx.kind).Create(ctx, props);
  EXPECT_TRUE(created.ok()) << ctx.key << ": " << created.status().ToString();
  if (!created.ok()) return {};
  return WaitReady(ctx, props, *created);
}

engine::Outputs NetworkMotoTest::WaitReady(const engine::NodeContext& ctx,
                                           const nlohmann::json& props, engine::Outputs outputs) {
  for (int attempt = 0; attempt < 20; ++attempt) {
    auto poll = Handler(ctx.kind).Wait(ctx, props, outputs);
    if (!poll.ok() && poll.status().IsRetryable()) continue;
    EXPECT_TRUE(poll.ok()) << ctx.key << ": " << poll.status().ToString();
    if (!poll.ok()) return outputs;
    if (poll->done) return poll->outputs;
  }
  ADD_FAILURE() << ctx.key << " never became ready";
  return outputs;
}

void NetworkMotoTest::DeleteGone(const engine::NodeContext& ctx, const nlohmann::json& props,
                                 const engine::Outputs& outputs) {
  Status deleted = Handler(ctx.kind).Delete(ctx, props, outputs);
  ASSERT_TRUE(deleted.ok()) << ctx.key << ": " << deleted.ToString();
  for (int attempt = 0; attempt < 20; ++attempt) {
    auto poll = Handler(ctx.kind).WaitDeleted(ctx, props, outputs);
    ASSERT_TRUE(poll.ok()) << ctx.key << ": " << poll.status().ToString();
    if (poll->done) return;
  }
  ADD_FAILURE() << ctx.key << " never went away";
}

std::optional<engine::Outputs> NetworkMotoTest::FindOrDie(
    const engine::NodeContext& ctx, const nlohmann::json& props,
    const std::optional<engine::Outputs>& journaled) {
  auto found = Handler(ctx.kind).Find(ctx, props, journaled);
  EXPECT_TRUE(found.ok()) << ctx.key << ": " << found.status().ToString();
  if (!found.ok()) return std::nullopt;
  return *found;
}

nlohmann::json NetworkMotoTest::Judge(const std::string& expression) {
  std::string program =
      "import boto3, json\n"
      "ec2 = boto3.client('ec2')\n"
      "print(json.dumps(" +
      expression + ", default=str))\n";
  testing::ProcessOptions options;
  options.env_set = testing::EmulatorEnv(moto_->url(), home_->path());
  auto result = testing::RunProcess({"python3", "-c", program}, options);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  if (result.exit_code != 0) return nullptr;
  return nlohmann::json::parse(result.out, nullptr, /*allow_exceptions=*/false);
}

nlohmann::json NetworkMotoTest::TaggedWithCluster() {
  std::string f = "[{'Name': 'tag:tectonicClusterID', 'Values': ['" + identity_.cluster_id + "']}]";
  return Judge(
      "{"
      "'vpcs': [v['VpcId'] for v in ec2.describe_vpcs(Filters=" +
      f +
      ")['Vpcs']],"
      "'subnets': [s['SubnetId'] for s in ec2.describe_subnets(Filters=" +
      f +
      ")['Subnets']],"
      "'igws': [g['InternetGatewayId'] for g in "
      "ec2.describe_internet_gateways(Filters=" +
      f +
      ")['InternetGateways']],"
      "'rtbs': [t['RouteTableId'] for t in ec2.describe_route_tables(Filters=" +
      f +
      ")['RouteTables']],"
      "'eips': [a['AllocationId'] for a in ec2.describe_addresses(Filters=" +
      f +
      ")['Addresses']],"
      "'nats': [n['NatGatewayId'] for n in ec2.describe_nat_gateways(Filter=" +
      f +
      ")['NatGateways'] if n['State'] not in ('deleted', 'failed')],"
      "'sgs': [g['GroupId'] for g in ec2.describe_security_groups(Filters=" +
      f +
      ")['SecurityGroups']]"
      "}");
}

}  // namespace tectonic::resources
