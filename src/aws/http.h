// HTTP transport: one request in, one response out. Behind an interface so tests can inject a
// fault-producing fake; the real one is libcurl (curl_transport.h).
// Thread safety: implementations must be safe to call from several threads at once.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/result.h"

namespace tectonic::aws {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "POST";
  std::string url;  // absolute: scheme://host[:port]/path?query (already percent-encoded)
  Headers headers;
  std::string body;
  // Send on a new connection: libcurl silently re-sends a request whose reused keep-alive
  // connection dies before any answer byte, which repeats a create that is not idempotent.
  bool fresh_connection = false;
};

struct HttpResponse {
  int status = 0;
  Headers headers;  // names as received
  std::string body;

  // Case-insensitive lookup; empty when absent.
  std::string Header(std::string_view name) const;
};

class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  // Any HTTP status is a successful Send; connection failures, resets and timeouts are
  // Status::Transient with the curl error in the message.
  virtual Result<HttpResponse> Send(const HttpRequest& request) = 0;
};

}  // namespace tectonic::aws
