#include "faults.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <stdexcept>

namespace awsim {

namespace {
bool StartsWith(const std::string& s, const char* p) { return s.rfind(p, 0) == 0; }
}  // namespace

Faults::Faults(FaultConfig config) : config_(config), rng_(config.seed) {}

void Faults::Configure(const FaultConfig& config) {
  std::lock_guard<std::mutex> lock(mu_);
  config_ = config;
  rng_.seed(config.seed);
  buckets_.clear();
}

FaultConfig Faults::config() const {
  std::lock_guard<std::mutex> lock(mu_);
  return config_;
}

// (bucket name, (capacity, refill per second)) as in aws-wire.md 4.5.
std::pair<std::string, std::pair<double, double>> Faults::Category(const std::string& service,
                                                                   const std::string& op) {
  if (service == "ec2") {
    if (op == "RunInstances") return {"ec2:run", {5, 2}};
    if (op == "TerminateInstances") return {"ec2:terminate", {100, 5}};
    if (op == "CreateNatGateway" || op == "DeleteNatGateway") return {"ec2:nat", {10, 1}};
    if (op == "CreateTags" || op == "DeleteTags") return {"ec2:tags", {100, 10}};
    if (op == "CreateLaunchTemplateVersion" || op == "ModifyLaunchTemplate" ||
        op == "CreateNetworkInterface")
      return {"ec2:lt", {100, 5}};
    if (op == "DescribeInstances" || op == "DescribeInstanceStatus" ||
        op == "DescribeNetworkInterfaces" || op == "DescribeSecurityGroups" ||
        op == "DescribeSnapshots" || op == "DescribeVolumes")
      return {"ec2:unfiltered", {50, 10}};
    if (StartsWith(op, "Describe") || StartsWith(op, "List") || StartsWith(op, "Get") ||
        StartsWith(op, "Search"))
      return {"ec2:read", {100, 20}};
    if (op == "AuthorizeSecurityGroupIngress" || op == "RevokeSecurityGroupIngress" ||
        op == "AuthorizeSecurityGroupEgress" || op == "RevokeSecurityGroupEgress" ||
        op == "CreateKeyPair")
      return {"ec2:intensive", {50, 5}};
    return {"ec2:mutate", {50, 5}};
  }
  if (service == "route53") return {"route53", {5, 5}};
  if (service == "elasticloadbalancing") return {"elb", {40, 20}};
  if (service == "iam") return {"iam", {20, 10}};
  if (service == "autoscaling") return {"autoscaling", {40, 20}};
  if (service == "kms") return {"kms", {100, 50}};
  return {service, {200, 100}};
}

void Faults::BeforeCall(const std::string& service, const std::string& operation, int64_t now_ms,
                        double time_scale) {
  std::lock_guard<std::mutex> lock(mu_);
  if (config_.throttle) {
    auto [name, rate] = Category(service, operation);
    Bucket& b = buckets_[name];
    if (b.last_ms < 0) {
      b.capacity = rate.first;
      b.refill = rate.second;
      b.tokens = b.capacity;
    } else if (now_ms > b.last_ms) {
      double emulated_s = (now_ms - b.last_ms) * std::max(time_scale, 0.0) / 1000.0;
      b.tokens = std::min(b.capacity, b.tokens + emulated_s * b.refill);
    }
    b.last_ms = std::max(b.last_ms, now_ms);
    if (b.tokens < 1) {
      if (service == "ec2") Fail(503, "RequestLimitExceeded", "Request limit exceeded.");
      if (service == "kms" || service == "tagging" || service == "servicequotas")
        Fail(400, "ThrottlingException", "Rate exceeded");
      if (service == "s3") Fail(503, "SlowDown", "Please reduce your request rate.");
      Fail(400, "Throttling", "Rate exceeded");
    }
    b.tokens -= 1;
  }
  if (config_.error_rate > 0) {
    std::uniform_real_distribution<double> dist(0, 1);
    double draw = dist(rng_);
    if (draw < config_.error_rate) {
      if (draw < config_.error_rate / 2) {
        Fail(500, "InternalError", "An internal error has occurred (injected).");
      }
      Fail(503, service == "ec2" ? "Unavailable" : "ServiceUnavailable",
           "The service is unavailable (injected).");
    }
  }
}

}  // namespace awsim

namespace awsim {

namespace {

struct NamedFault {
  const char* name;
  WireFault kind;
};
constexpr NamedFault kWireFaults[] = {
    {"reset_before", WireFault::kResetBefore},
    {"reset_after", WireFault::kResetAfter},
    {"truncated", WireFault::kTruncated},
    {"malformed", WireFault::kMalformed},
    {"slow", WireFault::kSlow},
    {"expired_token", WireFault::kExpiredToken},
};

bool Matches(const std::string& match, const std::string& service, const std::string& op) {
  if (match == "*") return true;
  if (match == "mutating") return IsMutating(op);
  size_t colon = match.find(':');
  if (colon == std::string::npos) return match == op;
  return match.substr(0, colon) == service && match.substr(colon + 1) == op;
}

}  // namespace

std::optional<WireFault> WireFaultNamed(const std::string& name) {
  for (const auto& f : kWireFaults) {
    if (name == f.name) return f.kind;
  }
  return std::nullopt;
}

const char* WireFaultName(WireFault kind) {
  for (const auto& f : kWireFaults) {
    if (kind == f.kind) return f.name;
  }
  return "none";
}

bool IsMutating(const std::string& op) {
  for (const char* p : {"Describe", "List", "Get", "Head", "Simulate"}) {
    if (StartsWith(op, p)) return false;
  }
  return op != "Encrypt" && op != "GenerateDataKey" && op != "Decrypt" && op != "Unknown";
}

FaultRule ParseFaultRule(const nlohmann::json& j) {
  if (!j.is_object()) throw std::invalid_argument("a fault rule is a JSON object");
  FaultRule rule;
  std::string kind = j.value("kind", "");
  auto named = WireFaultNamed(kind);
  if (!named) {
    throw std::invalid_argument("unknown fault kind '" + kind +
                                "' (reset_before, reset_after, truncated, malformed, slow, "
                                "expired_token)");
  }
  rule.kind = *named;
  rule.match = j.value("match", rule.match);
  rule.nth = j.value("nth", rule.nth);
  rule.times = j.value("times", rule.times);
  rule.delay_ms = j.value("delay_ms", rule.delay_ms);
  if (rule.match.empty()) throw std::invalid_argument("fault rule: match is empty");
  if (rule.nth < 1) throw std::invalid_argument("fault rule: nth counts from 1");
  if (rule.times < 0) throw std::invalid_argument("fault rule: times is 0 (always) or more");
  if (rule.kind == WireFault::kSlow && rule.delay_ms <= 0)
    throw std::invalid_argument("fault rule: slow needs delay_ms > 0");
  return rule;
}

FaultRule ParseFaultRule(const std::string& spec) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t colon = spec.find(':', start);
    parts.push_back(spec.substr(start, colon - start));
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  // "ec2:CreateVpc" as a match has a colon of its own: kind:service:Op:... when the third
  // part is not a number.
  if (parts.size() >= 3 && !parts[2].empty() &&
      !std::isdigit(static_cast<unsigned char>(parts[2][0]))) {
    parts[1] += ":" + parts[2];
    parts.erase(parts.begin() + 2);
  }
  nlohmann::json j = {{"kind", parts[0]}};
  try {
    if (parts.size() > 1) j["match"] = parts[1];
    if (parts.size() > 2) j["nth"] = std::stoi(parts[2]);
    if (parts.size() > 3) j["times"] = std::stoi(parts[3]);
    if (parts.size() > 4) j["delay_ms"] = std::stoll(parts[4]);
  } catch (const std::logic_error&) {
    throw std::invalid_argument("fault '" + spec +
                                "': expected kind[:match[:nth[:times[:delay_ms]]]]");
  }
  if (parts.size() > 5)
    throw std::invalid_argument("fault '" + spec +
                                "': expected kind[:match[:nth[:times[:delay_ms]]]]");
  return ParseFaultRule(j);
}

void Faults::SetRules(std::vector<FaultRule> rules) {
  std::lock_guard<std::mutex> lock(mu_);
  rules_ = std::move(rules);
  injected_.clear();
}

FaultRule Faults::PickWire(const std::string& service, const std::string& operation) {
  std::lock_guard<std::mutex> lock(mu_);
  FaultRule picked;
  for (auto& rule : rules_) {
    if (!Matches(rule.match, service, operation)) continue;
    ++rule.seen;
    bool due = rule.seen >= rule.nth && (rule.times == 0 || rule.fired < rule.times);
    if (!due || picked.kind != WireFault::kNone) continue;
    ++rule.fired;
    picked = rule;
    injected_.push_back({{"kind", WireFaultName(rule.kind)},
                         {"service", service},
                         {"operation", operation},
                         {"rule_match", rule.match},
                         {"call", rule.seen}});
  }
  return picked;
}

nlohmann::json Faults::State() {
  nlohmann::json out;
  {
    std::lock_guard<std::mutex> lock(mu_);
    out["rules"] = nlohmann::json::array();
    for (const auto& r : rules_) {
      out["rules"].push_back({{"kind", WireFaultName(r.kind)},
                              {"match", r.match},
                              {"nth", r.nth},
                              {"times", r.times},
                              {"delay_ms", r.delay_ms},
                              {"seen", r.seen},
                              {"fired", r.fired}});
    }
    out["injected"] = injected_;
  }
  std::lock_guard<std::mutex> lock(gate_mu_);
  out["gate"] = {{"stall_after_mutating", arm_at_},
                 {"mutating_calls", admitted_},
                 {"stalled", stalled_},
                 {"held", held_}};
  return out;
}

void Faults::Arm(int64_t n) {
  std::lock_guard<std::mutex> lock(gate_mu_);
  arm_at_ = std::max<int64_t>(n, 0);
  admitted_ = 0;
  stalled_ = false;
  gate_cv_.notify_all();
}

void Faults::Release() { Arm(0); }

bool Faults::Enter(bool mutating, const std::function<bool()>& peer_closed, bool* trigger) {
  std::unique_lock<std::mutex> lock(gate_mu_);
  auto must_hold = [&] { return arm_at_ > 0 && (stalled_ || (mutating && admitted_ >= arm_at_)); };
  if (must_hold()) {
    ++held_;
    gate_cv_.notify_all();
    gate_cv_.wait(lock, [&] { return !must_hold(); });
    --held_;
    lock.unlock();
    // The client that sent a held call was usually killed while it waited: drop its call
    // instead of doing what nobody will see.
    if (peer_closed && peer_closed()) return false;
    lock.lock();
  }
  if (mutating) {
    ++admitted_;
    if (arm_at_ > 0 && admitted_ == arm_at_) *trigger = true;
  }
  return true;
}

void Faults::Answered() {
  std::lock_guard<std::mutex> lock(gate_mu_);
  if (arm_at_ > 0) stalled_ = true;
  gate_cv_.notify_all();
}

bool Faults::WaitStalled(int64_t timeout_ms) {
  std::unique_lock<std::mutex> lock(gate_mu_);
  return gate_cv_.wait_for(lock, std::chrono::milliseconds(timeout_ms),
                           [&] { return arm_at_ > 0 && stalled_; });
}

int64_t Faults::MutatingCalls() {
  std::lock_guard<std::mutex> lock(gate_mu_);
  return admitted_;
}

}  // namespace awsim
