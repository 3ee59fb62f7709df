// The event stream of the GUI's current operation (install, retry, destroy): an engine
// EventSink that keeps every event with a sequence number (1, 2, ...) so a page that reloads,
// a second tab or a reconnect replays from the start or after its Last-Event-ID, then waits
// for live ones. Besides engine events it carries the session's "phase" and "done" messages.
// An operation's events are few (hundreds to a few thousand), so all are kept until the next
// operation starts. Thread safety: every method may be called from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

#include "engine/events.h"

namespace tectonic::gui {

struct HubEvent {
  long long seq = 0;
  std::string name;  // SSE event name: "engine", "phase", "done"
  std::string data;  // one line of JSON
};

// "id: 3\nevent: engine\ndata: {...}\n\n"
std::string FormatSse(const HubEvent& event);

class EventHub : public engine::EventSink {
 public:
  // engine::EventToJson(event) plus "seq", as an "engine" event.
  void Emit(const engine::Event& event) override;
  // Any other message ("phase", "done").
  void Publish(const std::string& name, const std::string& data);
  // Forgets the previous operation's events; sequence numbers keep growing, so a client's
  // Last-Event-ID from an older operation replays the whole new one.
  void Reset();
  // Events with seq > after, waiting up to `wait` for one to arrive. Empty on timeout or
  // after Close().
  std::vector<HubEvent> After(long long after, std::chrono::milliseconds wait);
  // Wakes every waiter for good (server shutdown).
  void Close();
  bool closed() const;
  size_t size() const;

 private:
  HubEvent& AppendLocked(const std::string& name, std::string data);

  mutable std::mutex mu_;
  std::condition_variable changed_;
  std::vector<HubEvent> events_;  // of the current operation, seq ascending
  long long next_seq_ = 1;
  bool closed_ = false;
};

}  // namespace tectonic::gui
