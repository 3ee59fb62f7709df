#include "faults.h"

#include <algorithm>

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
