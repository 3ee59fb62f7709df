// Test support for the network handlers: one moto_server per test binary, the real AwsClient,
// the registered handlers, and an independent judge (boto3 in a child process).
// Each test uses its own cluster id and CIDRs, so tests share moto without a reset.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "aws/session.h"
#include "engine/context.h"
#include "engine/resource.h"
#include "resources/registry.h"
#include "tests/support/moto_server.h"

namespace tectonic::resources {

class NetworkMotoTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();
  void SetUp() override;

  engine::ResourceHandler& Handler(const std::string& kind);
  // A node context of this test's cluster; props get the context's tags when taggable.
  engine::NodeContext Ctx(const std::string& key, const std::string& kind, bool shared = false);
  nlohmann::json Tagged(const engine::NodeContext& ctx, nlohmann::json props);

  // Create, then Wait until done (moto is instant; bounded by an attempt count).
  engine::Outputs CreateReady(const engine::NodeContext& ctx, const nlohmann::json& props);
  engine::Outputs WaitReady(const engine::NodeContext& ctx, const nlohmann::json& props,
                            engine::Outputs outputs);
  // Delete, then WaitDeleted until done.
  void DeleteGone(const engine::NodeContext& ctx, const nlohmann::json& props,
                  const engine::Outputs& outputs);
  std::optional<engine::Outputs> FindOrDie(const engine::NodeContext& ctx,
                                           const nlohmann::json& props,
                                           const std::optional<engine::Outputs>& journaled);

  // Runs `print(json.dumps(<expression>))` in python3 with `ec2 = boto3.client('ec2')`.
  nlohmann::json Judge(const std::string& expression);
  // Ids of every EC2 resource tagged with this test's cluster id (vpcs, subnets, ...).
  nlohmann::json TaggedWithCluster();

  static testing::MotoServer* moto_;
  static testing::TempDir* home_;
  static aws::AwsSession* session_;
  static engine::HandlerRegistry* registry_;
  static HandlerStore* store_;

  engine::ClusterIdentity identity_;
};

}  // namespace tectonic::resources
