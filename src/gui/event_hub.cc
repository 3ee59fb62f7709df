#include "gui/event_hub.h"

#include <algorithm>

namespace tectonic::gui {

std::string FormatSse(const HubEvent& event) {
  return "id: " + std::to_string(event.seq) + "\nevent: " + event.name + "\ndata: " + event.data +
         "\n\n";
}

HubEvent& EventHub::AppendLocked(const std::string& name, std::string data) {
  events_.push_back(HubEvent{next_seq_++, name, std::move(data)});
  return events_.back();
}

void EventHub::Emit(const engine::Event& event) {
  nlohmann::json json = engine::EventToJson(event);  // redacted by the engine
  {
    std::lock_guard<std::mutex> lock(mu_);
    json["seq"] = next_seq_;
    AppendLocked("engine", json.dump());
  }
  changed_.notify_all();
}

void EventHub::Publish(const std::string& name, const std::string& data) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    AppendLocked(name, data);
  }
  changed_.notify_all();
}

void EventHub::Reset() {
  std::lock_guard<std::mutex> lock(mu_);
  events_.clear();
  events_.shrink_to_fit();
}

std::vector<HubEvent> EventHub::After(long long after, std::chrono::milliseconds wait) {
  std::unique_lock<std::mutex> lock(mu_);
  auto newer = [&] {
    return std::upper_bound(events_.begin(), events_.end(), after,
                            [](long long seq, const HubEvent& e) { return seq < e.seq; });
  };
  changed_.wait_for(lock, wait, [&] { return closed_ || newer() != events_.end(); });
  if (closed_) return {};
  return std::vector<HubEvent>(newer(), events_.end());
}

void EventHub::Close() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    closed_ = true;
  }
  changed_.notify_all();
}

bool EventHub::closed() const {
  std::lock_guard<std::mutex> lock(mu_);
  return closed_;
}

size_t EventHub::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return events_.size();
}

}  // namespace tectonic::gui
