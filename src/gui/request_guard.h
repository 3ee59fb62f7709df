// The security rules every request of `tectonic gui` passes before routing (docs/gui-api.md,
// "Serving and security"): Host must name the loopback port served (no DNS rebinding), /api
// calls carry the token, state-changing calls come from the page's own Origin with a JSON body.
// Pure: the server feeds it the request's headers; the unit tests feed it strings.
#pragma once

#include <string>

namespace tectonic::gui {

struct GuardConfig {
  int port = 0;
  std::string token;
};

struct GuardInput {
  std::string method;        // "GET", "POST", ...
  std::string path;          // "/api/session"
  std::string host;          // Host header ("" when absent)
  std::string origin;        // Origin header ("" when absent)
  std::string content_type;  // Content-Type header
  std::string token;         // X-Tectonic-Token header
  bool has_token = false;    // the header was sent (even empty)
  bool has_body = false;     // Content-Length > 0 or chunked
};

struct GuardDecision {
  int status = 0;     // 0: allowed; else the HTTP status to answer
  std::string error;  // the {"error": ...} text
  bool allowed() const { return status == 0; }
};

// "127.0.0.1:PORT" or "localhost:PORT" (case-insensitive name).
bool HostAllowed(const std::string& host, int port);
// "http://127.0.0.1:PORT" or "http://localhost:PORT".
bool OriginAllowed(const std::string& origin, int port);
// POST, PUT, DELETE, PATCH.
bool IsStateChanging(const std::string& method);

// The first rule the request breaks, in this order: Host (421), token (401 missing, 403
// wrong; /api only), Origin (403; state-changing only), Content-Type (415; with a body).
GuardDecision CheckRequest(const GuardInput& in, const GuardConfig& config);

}  // namespace tectonic::gui
