#include "gui/request_guard.h"

#include <algorithm>
#include <cctype>

#include "gui/token.h"

namespace tectonic::gui {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool IsApi(const std::string& path) { return path == "/api" || path.rfind("/api/", 0) == 0; }

}  // namespace

bool HostAllowed(const std::string& host, int port) {
  const std::string h = Lower(host);
  const std::string suffix = ":" + std::to_string(port);
  return h == "127.0.0.1" + suffix || h == "localhost" + suffix;
}

bool OriginAllowed(const std::string& origin, int port) {
  const std::string o = Lower(origin);
  const std::string suffix = ":" + std::to_string(port);
  return o == "http://127.0.0.1" + suffix || o == "http://localhost" + suffix;
}

bool IsStateChanging(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "DELETE" || method == "PATCH";
}

GuardDecision CheckRequest(const GuardInput& in, const GuardConfig& config) {
  if (!HostAllowed(in.host, config.port)) {
    return {421, "the Host header must be 127.0.0.1:" + std::to_string(config.port) +
                     " or localhost:" + std::to_string(config.port) +
                     " (open the URL tectonic gui printed)"};
  }
  if (!IsApi(in.path)) return {};
  if (!in.has_token || in.token.empty()) {
    return {401,
            "missing X-Tectonic-Token header: open the URL tectonic gui printed (it "
            "carries the token)"};
  }
  if (!TokenEquals(in.token, config.token)) {
    return {403,
            "wrong X-Tectonic-Token: this tectonic gui run has another token (each run "
            "prints a new URL)"};
  }
  if (IsStateChanging(in.method)) {
    if (!OriginAllowed(in.origin, config.port)) {
      return {403, "cross-origin request refused: Origin must be http://127.0.0.1:" +
                       std::to_string(config.port)};
    }
    if (in.has_body) {
      std::string type = Lower(in.content_type);
      type = type.substr(0, type.find(';'));
      while (!type.empty() && type.back() == ' ') type.pop_back();
      if (type != "application/json") {
        return {415, "Content-Type must be application/json"};
      }
    }
  }
  return {};
}

}  // namespace tectonic::gui
