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

// How the HTTP edge delivers a response: whole, not at all (the connection is reset), or cut
// short (the headers promise the whole body, the connection closes halfway through it).
enum class Delivery { kWhole, kReset, kTruncated };

struct Response {
  int status = 200;
  std::string body;
  std::string content_type = "text/xml";
  std::vector<std::pair<std::string, std::string>> headers;
  Delivery delivery = Delivery::kWhole;
  int64_t delay_ms = 0;     // held this long before it is sent (a slow answer)
  bool kill_point = false;  // the armed gate's nth mutating call: tell Faults once sent
};

}  // namespace awsim
