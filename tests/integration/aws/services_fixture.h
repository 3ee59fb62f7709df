// Shared fixture for the per-service integration suites: one moto_server per test binary,
// reset before each test, and an AwsClient on it (keys "testing", region us-east-1).
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "aws/client.h"
#include "aws/curl_transport.h"
#include "tests/support/moto_server.h"

namespace tectonic::aws {

class MotoServicesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { moto_ = new testing::MotoServer(); }
  static void TearDownTestSuite() {
    delete moto_;
    moto_ = nullptr;
  }
  void SetUp() override {
    moto_->Reset();
    RetryOptions retry;
    retry.max_attempts = 2;
    retry.base_delay = std::chrono::milliseconds(10);
    client_ = std::make_unique<AwsClient>(std::make_shared<CurlTransport>(),
                                          std::make_shared<StaticCredentialsProvider>(Credentials{
                                              "testing", "testing", "", std::nullopt, "test"}),
                                          EndpointResolver("us-east-1", moto_->url(), {}),
                                          RealClock::Instance(), retry);
  }
  AwsClient& client() { return *client_; }

  static inline testing::MotoServer* moto_ = nullptr;
  std::unique_ptr<AwsClient> client_;
};

}  // namespace tectonic::aws
