// Runs the wizard's long operations in one background thread: install (and retry, the same
// call: CreateCluster resumes from the journal) and destroy, exactly as the CLI calls the
// installer, with the session's typed credentials (an EnvLookup, never the process
// environment), the event hub as the sink and a cancel flag (Cancel, Ctrl-C). Publishes the
// session's phase changes and the "done" message on the hub.
// Thread safety: every method may be called from any thread; one operation at a time.
#pragma once

#include <atomic>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "gui/event_hub.h"
#include "gui/session.h"
#include "util/result.h"

namespace tectonic::gui {

class OperationRunner {
 public:
  OperationRunner(WizardSession& session, EventHub& hub) : session_(session), hub_(hub) {}
  ~OperationRunner();  // cancels a running operation and waits for it
  OperationRunner(const OperationRunner&) = delete;
  OperationRunner& operator=(const OperationRunner&) = delete;

  // AlreadyExists while an operation runs; PreconditionFailed without credentials.
  Status StartInstall();
  Status StartDestroy();
  // Asks the running operation to stop at the next safe point (journal kept).
  void Cancel();
  // Cancel, then wait for the thread.
  void Shutdown();
  bool running() const { return running_.load(); }

  // GET /done: the endpoints of the finished cluster, and the CLI commands for it.
  nlohmann::json DoneJson() const;

 private:
  Status Start(bool destroy);
  void RunInstall();
  void RunDestroy();
  void SetPhase(Phase phase, const std::string& failure = "");

  WizardSession& session_;
  EventHub& hub_;
  std::mutex mu_;  // guards thread_ and the start of an operation
  std::thread thread_;
  std::atomic<bool> running_{false};
  std::atomic<bool> cancel_{false};
  mutable std::mutex done_mu_;
  nlohmann::json leftovers_ = nlohmann::json::array();  // of the last destroy
};

}  // namespace tectonic::gui
