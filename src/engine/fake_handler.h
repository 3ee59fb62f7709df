// Test support (not linked into the product): a fake cloud and scripted ResourceHandlers with
// fault injection, so engine tests run without AWS. The cloud remembers live resources by
// graph key (standing in for the tectonic.io/resource tag), counts calls, tracks per-pool
// concurrency and stamps every call with a global sequence number for ordering asserts.
// Thread safety: all methods may be called from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "engine/resource.h"
#include "engine/scheduler.h"

namespace tectonic::engine::fake {

// Scripted behaviour of one node (by graph key).
struct Script {
  int throttled_finds = 0;       // first N Find calls: Throttled
  int throttled_creates = 0;     // first N Create calls: Throttled
  int transient_creates = 0;     // first N Create calls: Transient (after creating!)
  int inconsistent_creates = 0;  // first N Create calls: NotYetConsistent (IAM propagation)
  int inconsistent_waits = 0;    // first N Wait calls: NotYetConsistent (NotFound after create)
  int pending_waits = 0;         // Wait says "pending" N times before done
  std::chrono::milliseconds poll_after{1000};
  Status create_error;                  // a final Create error (ok: none)
  int dependency_deletes = 0;           // first N Delete calls: Dependency
  std::vector<std::string> blocked_by;  // Delete is Dependency while any of these is live
  bool live_initially = false;          // exists before the run (found by "tags")
};

class FakeCloud {
 public:
  struct Call {
    long seq;
    std::string op;  // find|create|wait|delete|wait_deleted
    std::string key;
  };

  void SetScript(const std::string& key, Script script);
  Script ScriptFor(const std::string& key);

  // Called while a call is in flight (after accounting): tests block or count here.
  std::function<void(const std::string& op, const std::string& key)> on_call;

  bool IsLive(const std::string& key);
  std::optional<Outputs> Live(const std::string& key);
  std::vector<Call> Calls();
  int Count(const std::string& op, const std::string& key);
  int CountOp(const std::string& op);
  long FirstSeq(const std::string& op, const std::string& key);  // -1 when never
  long LastSeq(const std::string& op, const std::string& key);   // -1 when never
  int MaxInFlight(const std::string& pool);
  int InFlight(const std::string& pool);
  std::vector<nlohmann::json> PropsSeen(const std::string& key);
  // Waits (with a real deadline) until pool has at least n calls in flight at once.
  bool AwaitInFlight(const std::string& pool, int n, std::chrono::milliseconds deadline);

 private:
  friend class FakeHandler;
  // Returns the number of previous calls of op on key.
  int Enter(const std::string& op, const NodeContext& ctx, const nlohmann::json& props);
  void Exit(const std::string& kind);

  std::mutex mu_;
  std::condition_variable cv_;
  long seq_ = 0;
  std::map<std::string, Script> scripts_;
  std::map<std::string, Outputs> live_;
  std::set<std::string> initialised_;
  std::vector<Call> calls_;
  std::map<std::string, std::vector<nlohmann::json>> props_;
  std::map<std::string, int> in_flight_;
  std::map<std::string, int> max_in_flight_;
  int next_id_ = 1;
};

class FakeHandler : public ResourceHandler {
 public:
  FakeHandler(FakeCloud& cloud) : cloud_(cloud) {}
  Result<std::optional<Outputs>> Find(const NodeContext& ctx, const nlohmann::json& props,
                                      const std::optional<Outputs>& journaled) override;
  Result<Outputs> Create(const NodeContext& ctx, const nlohmann::json& props) override;
  Result<Poll> Wait(const NodeContext& ctx, const nlohmann::json& props,
                    const Outputs& outputs) override;
  Status Delete(const NodeContext& ctx, const nlohmann::json& props,
                const Outputs& outputs) override;
  Result<Poll> WaitDeleted(const NodeContext& ctx, const nlohmann::json& props,
                           const Outputs& outputs) override;

 private:
  FakeCloud& cloud_;
};

}  // namespace tectonic::engine::fake
