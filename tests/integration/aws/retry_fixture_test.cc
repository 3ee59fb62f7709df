// The client's retries over real HTTP: a cpp-httplib server on loopback throttles, fails with
// 5xx and drops connections for its first calls; backoff sleeps go through a FakeClock.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <thread>

#include "aws/client.h"
#include "aws/curl_transport.h"

namespace tectonic::aws {
namespace {

enum class Fault { kThrottleQuery, kThrottleEc2, kServerError, kDrop, kOk };

class FlakyServer {
 public:
  explicit FlakyServer(std::vector<Fault> script) : script_(std::move(script)) {
    server_.Post("/", [this](const httplib::Request&, httplib::Response& res) {
      size_t n = calls_++;
      Fault f = n < script_.size() ? script_[n] : Fault::kOk;
      switch (f) {
        case Fault::kThrottleQuery:
          res.status = 400;
          res.set_content(
              "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate "
              "exceeded</Message></Error><RequestId>t-" +
                  std::to_string(n) + "</RequestId></ErrorResponse>",
              "text/xml");
          break;
        case Fault::kThrottleEc2:
          res.status = 503;
          res.set_content(
              "<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request "
              "limit exceeded.</Message></Error></Errors><RequestID>e-" +
                  std::to_string(n) + "</RequestID></Response>",
              "text/xml");
          break;
        case Fault::kServerError:
          res.status = 500;
          res.set_content(
              "<ErrorResponse><Error><Type>Receiver</Type><Code>InternalFailure"
              "</Code><Message>boom</Message></Error></ErrorResponse>",
              "text/xml");
          break;
        case Fault::kDrop:
          // Promise a body, then abort: the connection closes mid-response.
          res.set_content_provider(100, "text/xml",
                                   [](size_t, size_t, httplib::DataSink&) { return false; });
          break;
        case Fault::kOk:
          res.set_content(
              "<GetCallerIdentityResponse><GetCallerIdentityResult><Account>123456789012"
              "</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>ok"
              "</RequestId></ResponseMetadata></GetCallerIdentityResponse>",
              "text/xml");
          break;
      }
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!server_.is_running() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::yield();
    }
  }
  ~FlakyServer() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  size_t calls() const { return calls_; }

 private:
  std::vector<Fault> script_;
  httplib::Server server_;
  std::atomic<size_t> calls_{0};
  int port_ = 0;
  std::thread thread_;
};

class RetryFixtureTest : public ::testing::Test {
 protected:
  std::unique_ptr<AwsClient> Client(const std::string& url, int max_attempts) {
    RetryOptions retry;
    retry.max_attempts = max_attempts;
    retry.jitter_seed = 42;
    return std::make_unique<AwsClient>(
        std::make_shared<CurlTransport>(
            CurlTransportOptions{std::chrono::milliseconds(2000), std::chrono::milliseconds(5000)}),
        std::make_shared<StaticCredentialsProvider>(
            Credentials{"AKIDFIXTURE", "fixture-secret-key", "", std::nullopt, "test"}),
        EndpointResolver("us-east-1", url, {}), clock_, retry);
  }
  FakeClock clock_{std::chrono::system_clock::now()};
};

TEST_F(RetryFixtureTest, RecoversWithinBudget) {
  FlakyServer server(
      {Fault::kThrottleQuery, Fault::kThrottleEc2, Fault::kServerError, Fault::kDrop});
  auto client = Client(server.url(), 6);
  int attempts = 0;
  client->SetObserver([&](const CallRecord& r) { attempts = r.attempts; });
  auto r = client->Query(ops::kStsGetCallerIdentity, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(std::string(r->result().child("Account").text().as_string()), "123456789012");
  EXPECT_EQ(server.calls(), 5u);
  EXPECT_EQ(attempts, 5);
  EXPECT_GT(clock_.TotalSlept().count(), 0);
  // Backoff is capped: four retries wait at most 1+2+4+8 s.
  EXPECT_LE(clock_.TotalSlept(), std::chrono::milliseconds(15000));
}

TEST_F(RetryFixtureTest, GivesUpBeyondBudgetWithLastError) {
  FlakyServer server({Fault::kThrottleQuery, Fault::kServerError, Fault::kThrottleEc2,
                      Fault::kThrottleEc2, Fault::kThrottleEc2});
  auto r = Client(server.url(), 3)->Query(ops::kStsGetCallerIdentity, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(server.calls(), 3u);
  EXPECT_EQ(r.status().code(), StatusCode::kThrottled);
  EXPECT_EQ(r.status().aws_code(), "RequestLimitExceeded");
  EXPECT_EQ(r.status().request_id(), "e-2");
}

TEST_F(RetryFixtureTest, DroppedConnectionIsTransientAndLastError) {
  FlakyServer server({Fault::kDrop, Fault::kDrop, Fault::kDrop});
  auto r = Client(server.url(), 2)->Query(ops::kStsGetCallerIdentity, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(server.calls(), 2u);
  EXPECT_EQ(r.status().code(), StatusCode::kTransient) << r.status().ToString();
  EXPECT_TRUE(r.status().message().starts_with("sts:GetCallerIdentity: POST http://127.0.0.1:"))
      << r.status().message();
}

TEST_F(RetryFixtureTest, ConnectionRefusedIsTransient) {
  std::string url;
  {
    FlakyServer gone({});
    url = gone.url();
  }
  auto r = Client(url, 2)->Query(ops::kStsGetCallerIdentity, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kTransient) << r.status().ToString();
}

TEST_F(RetryFixtureTest, ManyThreadsShareOneClient) {
  FlakyServer server({Fault::kServerError, Fault::kThrottleQuery});
  auto client = Client(server.url(), 6);
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10; ++i) ok += client->Query(ops::kStsGetCallerIdentity, {}).ok();
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 80);
  EXPECT_EQ(server.calls(), 82u);
}

}  // namespace
}  // namespace tectonic::aws
