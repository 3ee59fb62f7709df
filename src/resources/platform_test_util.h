// Test fixture for the platform handlers against moto: one MotoServer per test binary, an
// AwsClient on a FakeClock (so propagation waits are driven by the test, never slept), node
// contexts of one fake cluster, an awscli judge and a poll driver.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "aws/session.h"
#include "engine/context.h"
#include "engine/resource.h"
#include "tests/support/moto_server.h"
#include "tests/support/process.h"
#include "util/clock.h"

namespace tectonic::resources {

class PlatformMotoTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { moto_ = new testing::MotoServer(); }
  static void TearDownTestSuite() {
    delete moto_;
    moto_ = nullptr;
  }

  void SetUp() override {
    moto_->Reset();
    env_ = testing::EmulatorEnv(moto_->url(), home_.path());
    aws::SessionOptions options;
    options.clock = &clock_;
    auto session = aws::OpenSession({}, aws::MapEnv(env_), options);
    ASSERT_TRUE(session.ok()) << session.status().ToString();
    session_ = *session;
    identity_.cluster_id = "0b8a3c1e-5f2d-4c6b-9a7e-1d2c3b4a5f60";
    identity_.cluster_name = "demo";
    identity_.tags = {{"team", "platform"}};
  }

  aws::AwsClient& client() { return *session_.client; }

  engine::NodeContext Ctx(const std::string& key, const std::string& kind) const {
    return engine::MakeNodeContext(identity_, key, kind, false);
  }
  // The same key in another cluster (ownership checks).
  engine::NodeContext ForeignCtx(const std::string& key, const std::string& kind) const {
    engine::ClusterIdentity other = identity_;
    other.cluster_id = "11111111-2222-4333-8444-555555555555";
    return engine::MakeNodeContext(other, key, kind, false);
  }
  nlohmann::json TagsJson(const engine::NodeContext& ctx) const { return nlohmann::json(ctx.tags); }

  // Runs `aws <args> --output json` against moto; fails the test on a non-zero exit.
  nlohmann::json Aws(std::vector<std::string> args) {
    std::vector<std::string> argv = {"aws", "--endpoint-url", moto_->url(), "--output", "json"};
    argv.insert(argv.end(), args.begin(), args.end());
    testing::ProcessOptions options;
    options.env_set = env_;
    testing::ProcessResult r = testing::RunProcess(argv, options);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    if (r.exit_code != 0 || r.out.empty()) return nlohmann::json::object();
    return nlohmann::json::parse(r.out, nullptr, false);
  }
  // Exit code of an aws command whose failure is the expectation.
  int AwsExit(std::vector<std::string> args) {
    std::vector<std::string> argv = {"aws", "--endpoint-url", moto_->url()};
    argv.insert(argv.end(), args.begin(), args.end());
    testing::ProcessOptions options;
    options.env_set = env_;
    return testing::RunProcess(argv, options).exit_code;
  }

  // Polls Wait (or WaitDeleted) until done, advancing the fake clock by each again_after;
  // fails after `max_polls`. Returns the final outputs.
  engine::Outputs WaitUntilDone(engine::ResourceHandler& handler, const engine::NodeContext& ctx,
                                const nlohmann::json& props, const engine::Outputs& outputs,
                                bool deleted = false, int max_polls = 20) {
    for (int i = 0; i < max_polls; ++i) {
      Result<engine::Poll> poll =
          deleted ? handler.WaitDeleted(ctx, props, outputs) : handler.Wait(ctx, props, outputs);
      EXPECT_TRUE(poll.ok()) << poll.status().ToString();
      if (!poll.ok()) return nullptr;
      if (poll->done) return poll->outputs;
      EXPECT_GT(poll->again_after.count(), 0) << poll->detail;
      clock_.Advance(poll->again_after);
    }
    ADD_FAILURE() << ctx.key << " not done after " << max_polls << " polls";
    return nullptr;
  }

  inline static testing::MotoServer* moto_ = nullptr;
  testing::TempDir home_;
  std::map<std::string, std::string> env_;
  FakeClock clock_{std::chrono::system_clock::now()};
  aws::AwsSession session_;
  engine::ClusterIdentity identity_;
};

}  // namespace tectonic::resources
