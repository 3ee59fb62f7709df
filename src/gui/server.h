// `tectonic gui`'s HTTP server: cpp-httplib on 127.0.0.1 only, every request through the
// security rules of request_guard.h, the static wizard, the /api routes of docs/gui-api.md and
// the Server-Sent Events stream. Owns the session, the event hub and the operation runner.
// Thread safety: Start/Stop from the owning thread; handlers run on httplib's pool.
#pragma once

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include "aws/credentials.h"
#include "gui/event_hub.h"
#include "gui/operation_runner.h"
#include "gui/session.h"
#include "util/result.h"

namespace httplib {
class Server;
}

namespace tectonic::gui {

struct ServerOptions {
  std::filesystem::path dir;
  int port = 0;                  // 0: a free port
  aws::ExplicitAwsSettings aws;  // --profile, --endpoint-url (never secrets)
  std::string token;             // empty: a new random one
};

class GuiServer {
 public:
  explicit GuiServer(ServerOptions options);
  ~GuiServer();
  GuiServer(const GuiServer&) = delete;
  GuiServer& operator=(const GuiServer&) = delete;

  // Opens the session (reads --dir) and binds 127.0.0.1:port; the server then runs in a
  // background thread until Stop.
  Status Start();
  // "http://127.0.0.1:PORT/#token=TOKEN".
  std::string Url() const;
  int port() const { return port_; }
  // Cancels a running operation (journal kept), ends event streams, stops listening, waits.
  void Stop();

 private:
  void Routes();

  ServerOptions options_;
  std::unique_ptr<httplib::Server> http_;
  WizardSession session_;
  EventHub hub_;
  OperationRunner runner_;
  std::thread listener_;
  int port_ = 0;
  std::atomic<bool> stopped_{false};
};

}  // namespace tectonic::gui
