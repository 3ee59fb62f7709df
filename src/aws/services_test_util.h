// Test helpers for the per-service clients: an AwsClient over the core's FakeTransport with
// one attempt per call, and decoders for what the fake captured.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "aws/client.h"
#include "aws/fake_transport.h"
#include "aws/xml_util.h"
#include "util/clock.h"

namespace tectonic::aws::testing {

struct FakeAws {
  explicit FakeAws(std::string region = "us-east-1")
      : client(transport,
               std::make_shared<StaticCredentialsProvider>(
                   Credentials{"AKIDTEST", "secret-for-unit-tests", "", std::nullopt, "test"}),
               EndpointResolver(std::move(region), "http://127.0.0.1:9", {}), clock,
               RetryOptions{.max_attempts = 1}) {}

  HttpRequest Last() const { return transport->requests().back(); }

  // The form fields of the last EC2/Query request, decoded.
  std::map<std::string, std::string> Form() const {
    std::map<std::string, std::string> out;
    std::string body = Last().body;
    size_t start = 0;
    while (start <= body.size()) {
      size_t end = body.find('&', start);
      if (end == std::string::npos) end = body.size();
      std::string pair = body.substr(start, end - start);
      for (char& c : pair) c = c == '+' ? ' ' : c;
      size_t eq = pair.find('=');
      if (!pair.empty()) {
        out[encoding::PercentDecode(pair.substr(0, eq))] =
            eq == std::string::npos ? "" : encoding::PercentDecode(pair.substr(eq + 1));
      }
      start = end + 1;
    }
    return out;
  }

  std::shared_ptr<FakeTransport> transport = std::make_shared<FakeTransport>();
  FakeClock clock{std::chrono::system_clock::from_time_t(1700000000)};
  AwsClient client;
};

}  // namespace tectonic::aws::testing
