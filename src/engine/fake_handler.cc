#include "engine/fake_handler.h"

#include <fmt/format.h>

namespace tectonic::engine::fake {

void FakeCloud::SetScript(const std::string& key, Script script) {
  std::lock_guard lock(mu_);
  if (script.live_initially) live_[key] = {{"id", "pre-" + key}};
  scripts_[key] = std::move(script);
}

Script FakeCloud::ScriptFor(const std::string& key) {
  std::lock_guard lock(mu_);
  auto it = scripts_.find(key);
  return it == scripts_.end() ? Script{} : it->second;
}

bool FakeCloud::IsLive(const std::string& key) {
  std::lock_guard lock(mu_);
  return live_.count(key) > 0;
}

std::optional<Outputs> FakeCloud::Live(const std::string& key) {
  std::lock_guard lock(mu_);
  auto it = live_.find(key);
  if (it == live_.end()) return std::nullopt;
  return it->second;
}

std::vector<FakeCloud::Call> FakeCloud::Calls() {
  std::lock_guard lock(mu_);
  return calls_;
}

int FakeCloud::Count(const std::string& op, const std::string& key) {
  std::lock_guard lock(mu_);
  int n = 0;
  for (const auto& c : calls_) n += (c.op == op && c.key == key);
  return n;
}

int FakeCloud::CountOp(const std::string& op) {
  std::lock_guard lock(mu_);
  int n = 0;
  for (const auto& c : calls_) n += (c.op == op);
  return n;
}

long FakeCloud::FirstSeq(const std::string& op, const std::string& key) {
  std::lock_guard lock(mu_);
  for (const auto& c : calls_) {
    if (c.op == op && c.key == key) return c.seq;
  }
  return -1;
}

long FakeCloud::LastSeq(const std::string& op, const std::string& key) {
  std::lock_guard lock(mu_);
  long last = -1;
  for (const auto& c : calls_) {
    if (c.op == op && c.key == key) last = c.seq;
  }
  return last;
}

int FakeCloud::MaxInFlight(const std::string& pool) {
  std::lock_guard lock(mu_);
  return max_in_flight_[pool];
}

int FakeCloud::InFlight(const std::string& pool) {
  std::lock_guard lock(mu_);
  return in_flight_[pool];
}

std::vector<nlohmann::json> FakeCloud::PropsSeen(const std::string& key) {
  std::lock_guard lock(mu_);
  return props_[key];
}

bool FakeCloud::AwaitInFlight(const std::string& pool, int n, std::chrono::milliseconds deadline) {
  std::unique_lock lock(mu_);
  return cv_.wait_for(lock, deadline, [&] { return max_in_flight_[pool] >= n; });
}

int FakeCloud::Enter(const std::string& op, const NodeContext& ctx, const nlohmann::json& props) {
  int previous = 0;
  {
    std::lock_guard lock(mu_);
    for (const auto& c : calls_) previous += (c.op == op && c.key == ctx.key);
    calls_.push_back(Call{++seq_, op, ctx.key});
    props_[ctx.key].push_back(props);
    std::string pool = PoolOf(ctx.kind);
    int now = ++in_flight_[pool];
    if (now > max_in_flight_[pool]) max_in_flight_[pool] = now;
  }
  cv_.notify_all();
  if (on_call) on_call(op, ctx.key);
  return previous;
}

void FakeCloud::Exit(const std::string& kind) {
  std::lock_guard lock(mu_);
  --in_flight_[PoolOf(kind)];
}

namespace {

// Leaves the in-flight count on every return path.
class InFlight {
 public:
  InFlight(FakeCloud* cloud, std::function<void()> exit) : exit_(std::move(exit)) { (void)cloud; }
  ~InFlight() { exit_(); }

 private:
  std::function<void()> exit_;
};

}  // namespace

Result<std::optional<Outputs>> FakeHandler::Find(const NodeContext& ctx,
                                                 const nlohmann::json& props,
                                                 const std::optional<Outputs>& journaled) {
  int n = cloud_.Enter(journaled ? "find_journaled" : "find", ctx, props);
  InFlight guard(&cloud_, [&] { cloud_.Exit(ctx.kind); });
  Script script = cloud_.ScriptFor(ctx.key);
  if (n < script.throttled_finds) return Status::Throttled("Rate exceeded");
  return cloud_.Live(ctx.key);
}

Result<Outputs> FakeHandler::Create(const NodeContext& ctx, const nlohmann::json& props) {
  int n = cloud_.Enter("create", ctx, props);
  InFlight guard(&cloud_, [&] { cloud_.Exit(ctx.kind); });
  Script script = cloud_.ScriptFor(ctx.key);
  if (n < script.throttled_creates) return Status::Throttled("RequestLimitExceeded");
  n -= script.throttled_creates;
  if (n < script.inconsistent_creates) {
    return Status::NotYetConsistent("Invalid IAM Instance Profile name");
  }
  n -= script.inconsistent_creates;
  if (!script.create_error.ok()) return script.create_error;
  Outputs outputs;
  {
    std::lock_guard lock(cloud_.mu_);
    auto it = cloud_.live_.find(ctx.key);
    if (it != cloud_.live_.end()) {
      // A real API with a client token returns the same resource; count it as a duplicate.
      cloud_.calls_.push_back(FakeCloud::Call{++cloud_.seq_, "duplicate", ctx.key});
      outputs = it->second;
    } else {
      outputs = {{"id", fmt::format("{}-{}", PoolOf(ctx.kind), cloud_.next_id_++)},
                 {"token", ctx.client_token}};
      cloud_.live_[ctx.key] = outputs;
      cloud_.calls_.push_back(FakeCloud::Call{++cloud_.seq_, "created", ctx.key});
    }
  }
  if (n < script.transient_creates) return Status::Transient("HTTP 503 after the create");
  return outputs;
}

Result<Poll> FakeHandler::Wait(const NodeContext& ctx, const nlohmann::json& props,
                               const Outputs& outputs) {
  int n = cloud_.Enter("wait", ctx, props);
  InFlight guard(&cloud_, [&] { cloud_.Exit(ctx.kind); });
  Script script = cloud_.ScriptFor(ctx.key);
  if (n < script.inconsistent_waits) return Status::NotYetConsistent("InvalidID.NotFound");
  n -= script.inconsistent_waits;
  if (n < script.pending_waits) return Poll{false, script.poll_after, "pending", {}};
  Outputs done = outputs;
  done["state"] = "available";
  return Poll{true, {}, "available", done};
}

Status FakeHandler::Delete(const NodeContext& ctx, const nlohmann::json& props,
                           const Outputs& outputs) {
  (void)outputs;
  int n = cloud_.Enter("delete", ctx, props);
  InFlight guard(&cloud_, [&] { cloud_.Exit(ctx.kind); });
  Script script = cloud_.ScriptFor(ctx.key);
  if (n < script.dependency_deletes) {
    return Status::Dependency(fmt::format("{} has dependencies and cannot be deleted", ctx.key));
  }
  for (const auto& other : script.blocked_by) {
    if (cloud_.IsLive(other)) {
      return Status::Dependency(fmt::format("{} has a dependent object {}", ctx.key, other));
    }
  }
  std::lock_guard lock(cloud_.mu_);
  cloud_.live_.erase(ctx.key);
  return Status::Ok();
}

Result<Poll> FakeHandler::WaitDeleted(const NodeContext& ctx, const nlohmann::json& props,
                                      const Outputs& outputs) {
  (void)outputs;
  cloud_.Enter("wait_deleted", ctx, props);
  InFlight guard(&cloud_, [&] { cloud_.Exit(ctx.kind); });
  return Poll{true, {}, "deleted", {}};
}

}  // namespace tectonic::engine::fake
