// Shared vocabulary of the emulator: the wire protocols, an API error (thrown inside a
// handler, turned into the protocol's error shape at the HTTP edge), and a response.
// Thread safety: plain values.
#pragma once

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace awsim {

enum class Protocol { kEc2, kQuery, kRoute53, kS3, kJson };

inline constexpr const char* kAccountId = "123456789012";

// An AWS error answer. Handlers throw it; the server renders it in the caller's protocol.
struct ApiError : std::runtime_error {
  ApiError(int status_in, std::string code_in, std::string message_in)
      : std::runtime_error(code_in),
        status(status_in),
        code(std::move(code_in)),
        message(std::move(message_in)) {}
  int status;
  std::string code;
  std::string message;
  std::vector<std::string> messages;  // Route 53 InvalidChangeBatch
  std::string bucket;                 // S3 errors name the bucket
};

[[noreturn]] inline void Fail(int status, const std::string& code, const std::string& message) {
  throw ApiError(status, code, message);
}

struct Response {
  int status = 200;
  std::string body;
  std::string content_type = "text/xml";
  std::vector<std::pair<std::string, std::string>> headers;
};

}  // namespace awsim
