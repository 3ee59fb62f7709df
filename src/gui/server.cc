#include "gui/server.h"

#include <httplib.h>

#include <chrono>

#include "gui/checks.h"
#include "gui/request_guard.h"
#include "gui/static_assets.h"
#include "gui/token.h"
#include "model/cluster_dir.h"
#include "util/files.h"
#include "util/log.h"
#include "util/redact.h"

namespace tectonic::gui {
namespace {

using httplib::Request;
using httplib::Response;

constexpr size_t kMaxBodyBytes = 1 << 20;  // 1 MiB
constexpr int kThreads = 16;               // event streams hold one each
constexpr auto kKeepAliveComment = std::chrono::seconds(15);
constexpr auto kStreamPoll = std::chrono::milliseconds(500);

void SecurityHeaders(Response& res) {
  if (res.has_header("Content-Security-Policy")) return;  // set once per response
  res.set_header("Cache-Control", "no-store");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
}

void ReplyJson(Response& res, int status, const Json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

std::string ReasonFor(int status) {
  switch (status) {
    case 404:
      return "no such endpoint (see docs/gui-api.md)";
    case 405:
      return "method not allowed";
    case 413:
      return "request body over 1 MiB";
    default:
      return "request refused (HTTP " + std::to_string(status) + ")";
  }
}

Json ParseBody(const Request& req) {
  if (req.body.empty()) return Json::object();
  try {
    Json body = Json::parse(req.body);
    if (!body.is_object()) throw RequestError{400, "the body must be a JSON object"};
    return body;
  } catch (const Json::parse_error& e) {
    // The parser's own message may quote the input (a secret): say where, not what.
    throw RequestError{400, "malformed JSON at byte " + std::to_string(e.byte)};
  }
}

// A JSON endpoint: body parsed, errors mapped onto the contract's 4xx {"error"} answers.
httplib::Server::Handler Api(std::function<Json(const Json&)> fn) {
  return [fn = std::move(fn)](const Request& req, Response& res) {
    try {
      ReplyJson(res, 200, fn(ParseBody(req)));
    } catch (const RequestError& e) {
      ReplyJson(res, e.status, {{"error", Redact(e.message)}});
    } catch (const Json::exception& e) {
      // type errors name the field's type, never its value
      ReplyJson(res, 400, {{"error", std::string("malformed request: ") + e.what()}});
    } catch (const std::exception& e) {
      ReplyJson(res, 500, {{"error", Redact(std::string("internal error: ") + e.what())}});
    }
  };
}

}  // namespace

GuiServer::GuiServer(ServerOptions options)
    : options_(std::move(options)),
      http_(std::make_unique<httplib::Server>()),
      session_(options_.dir, options_.aws),
      runner_(session_, hub_) {}

GuiServer::~GuiServer() { Stop(); }

std::string GuiServer::Url() const {
  return "http://127.0.0.1:" + std::to_string(port_) + "/#token=" + options_.token;
}

Status GuiServer::Start() {
  if (options_.token.empty()) {
    TECTONIC_ASSIGN_OR_RETURN(options_.token, NewToken());
  }
  TECTONIC_RETURN_IF_ERROR(session_.Open());
  http_->new_task_queue = [] { return new httplib::ThreadPool(kThreads); };
  http_->set_payload_max_length(kMaxBodyBytes);
  Routes();
  if (options_.port == 0) {
    port_ = http_->bind_to_any_port("127.0.0.1");
  } else if (http_->bind_to_port("127.0.0.1", options_.port)) {
    port_ = options_.port;
  }
  if (port_ <= 0) {
    return Status::Failed("cannot listen on 127.0.0.1:" + std::to_string(options_.port) +
                          " (is the port in use? pick another with --port, or omit it)");
  }
  listener_ = std::thread([this] { http_->listen_after_bind(); });
  return Status::Ok();
}

void GuiServer::Stop() {
  if (stopped_.exchange(true)) return;
  runner_.Shutdown();  // cancels an install like Ctrl-C in the CLI: the journal stays consistent
  hub_.Close();        // ends every event stream
  http_->stop();
  if (listener_.joinable()) listener_.join();
}

void GuiServer::Routes() {
  httplib::Server& http = *http_;
  http.set_pre_routing_handler([this](const Request& req, Response& res) {
    SecurityHeaders(res);
    GuardInput in;
    in.method = req.method;
    in.path = req.path;
    in.host = req.get_header_value("Host");
    in.origin = req.get_header_value("Origin");
    in.content_type = req.get_header_value("Content-Type");
    in.has_token = req.has_header("X-Tectonic-Token");
    in.token = req.get_header_value("X-Tectonic-Token");
    std::string length = req.get_header_value("Content-Length");
    in.has_body = (!length.empty() && length != "0") ||
                  req.get_header_value("Transfer-Encoding").find("chunked") != std::string::npos;
    GuardDecision decision = CheckRequest(in, GuardConfig{port_, options_.token});
    if (decision.allowed()) return httplib::Server::HandlerResponse::Unhandled;
    ReplyJson(res, decision.status, {{"error", decision.error}});
    return httplib::Server::HandlerResponse::Handled;
  });
  http.set_error_handler([](const Request&, Response& res) {
    SecurityHeaders(res);
    if (res.body.empty()) ReplyJson(res, res.status, {{"error", ReasonFor(res.status)}});
  });
  http.set_exception_handler([](const Request&, Response& res, std::exception_ptr) {
    ReplyJson(res, 500, {{"error", "internal error"}});
  });

  // --- the wizard's state and look-ups
  http.Get("/api/session", Api([this](const Json&) { return session_.ToJson(); }));
  http.Get("/api/profiles", Api([this](const Json&) { return ListProfiles(session_); }));
  http.Get("/api/regions", Api([this](const Json&) { return ListRegions(session_); }));
  http.Get("/api/zones", Api([this](const Json&) { return ListHostedZones(session_); }));
  http.Get("/api/key-pairs", Api([this](const Json&) { return ListKeyPairs(session_); }));
  http.Get("/api/kms-keys", Api([this](const Json&) { return ListKmsKeys(session_); }));
  http.Get("/api/instance-types", Api([this](const Json&) { return ListInstanceTypes(session_); }));
  http.Get("/api/vpcs", Api([this](const Json&) { return ListVpcs(session_); }));

  // --- step checks; refused while an operation runs (the draft is what it installs)
  auto step = [this](Json (*check)(WizardSession&, const Json&)) {
    return Api([this, check](const Json& body) {
      if (runner_.running()) {
        throw RequestError{409, "an install or destroy is running; wait for it or cancel it"};
      }
      return check(session_, body);
    });
  };
  http.Post("/api/credentials", step(CheckCredentialsStep));
  http.Post("/api/region", step(CheckRegionStep));
  http.Post("/api/cluster", step(CheckClusterStep));
  http.Post("/api/license", step(CheckLicenseStep));
  http.Post("/api/pull-secret", step(CheckPullSecretStep));
  http.Post("/api/ca", step(CheckCaStep));
  http.Post("/api/ssh-key", step(CheckSshKeyStep));
  http.Post("/api/kms", step(CheckKmsStep));
  http.Post("/api/nodes", step(CheckNodesStep));
  http.Post("/api/networking", step(CheckNetworkingStep));
  http.Post("/api/console", step(CheckConsoleStep));
  http.Post("/api/review", Api([this](const Json&) {
              if (runner_.running()) throw RequestError{409, "an operation is running"};
              return ReviewStep(session_);
            }));

  // --- operations
  auto start = [](Status s) -> Json {
    if (s.code() == StatusCode::kAlreadyExists) throw RequestError{409, s.message()};
    if (!s.ok()) throw RequestError{409, s.message()};
    return {{"ok", true}};
  };
  http.Post("/api/install",
            Api([this, start](const Json&) { return start(runner_.StartInstall()); }));
  http.Post("/api/retry",
            Api([this, start](const Json&) { return start(runner_.StartInstall()); }));
  http.Post("/api/destroy",
            Api([this, start](const Json&) { return start(runner_.StartDestroy()); }));
  http.Post("/api/cancel", Api([this](const Json&) {
              runner_.Cancel();
              return Json{{"ok", true}};
            }));
  http.Get("/api/done", Api([this](const Json&) { return runner_.DoneJson(); }));

  // --- files of the cluster directory (never a secret but the kubeconfig the user asked for)
  auto file = [this](std::filesystem::path relative, std::string type, std::string name) {
    return [this, relative, type, name](const Request&, Response& res) {
      auto content = files::ReadFile(session_.dir() / relative);
      if (!content.ok()) {
        ReplyJson(res, 404, {{"error", relative.string() + " does not exist yet"}});
        return;
      }
      res.set_header("Content-Disposition", "attachment; filename=\"" + name + "\"");
      res.set_content(*content, type);
    };
  };
  http.Get("/api/cluster.yaml", file("cluster.yaml", "text/yaml", "cluster.yaml"));
  http.Get("/api/kubeconfig", file("auth/kubeconfig", "application/yaml", "kubeconfig"));

  // --- the event stream: replay from the start (or after Last-Event-ID), then live
  http.Get("/api/events", [this](const Request& req, Response& res) {
    long long after = 0;
    std::string last = req.get_header_value("Last-Event-ID");
    if (!last.empty()) {
      try {
        after = std::stoll(last);
      } catch (const std::exception&) {
        ReplyJson(res, 400, {{"error", "Last-Event-ID must be an event id (a number)"}});
        return;
      }
    }
    auto cursor = std::make_shared<long long>(after);
    auto quiet_since =
        std::make_shared<std::chrono::steady_clock::time_point>(std::chrono::steady_clock::now());
    res.set_header("X-Accel-Buffering", "no");
    res.set_chunked_content_provider(
        "text/event-stream", [this, cursor, quiet_since](size_t, httplib::DataSink& sink) {
          if (hub_.closed()) {
            sink.done();
            return true;
          }
          std::vector<HubEvent> events = hub_.After(*cursor, kStreamPoll);
          std::string out;
          for (const auto& e : events) {
            out += FormatSse(e);
            *cursor = e.seq;
          }
          auto now = std::chrono::steady_clock::now();
          if (out.empty() && now - *quiet_since >= kKeepAliveComment) out = ": keep-alive\n\n";
          if (out.empty()) return true;
          *quiet_since = now;
          return sink.write(out.data(), out.size());
        });
  });

  // --- the embedded wizard; unknown non-API paths answer index.html
  http.Get(".*", [](const Request& req, Response& res) {
    if (req.path.rfind("/api/", 0) == 0 || req.path == "/api") {
      ReplyJson(res, 404, {{"error", ReasonFor(404)}});
      return;
    }
    const StaticAsset* asset = FindAsset(EmbeddedAssets(), req.path);
    if (asset == nullptr) {
      ReplyJson(res, 404, {{"error", "no such file: " + req.path}});
      return;
    }
    res.set_content(reinterpret_cast<const char*>(asset->data), asset->size,
                    std::string(asset->content_type));
  });
}

}  // namespace tectonic::gui
