// The emulator process: options, shared state, the HTTP front door (admin API, SigV4,
// routing on the credential scope's service, faults, IAM enforcement, call log) and the
// per-call Context handed to service handlers. Handlers run with World::mu held.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "clock.h"
#include "common.h"
#include "faults.h"
#include "request.h"
#include "state.h"
#include "xml_writer.h"

namespace awsim {

struct Options {
  int port = 0;
  std::string access_key = "AKIAIOSFODNN7EXAMPLE";
  std::string secret_key = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  std::string latency = "fast";
  double time_scale = 1;
  bool throttle = false;
  double error_rate = 0;
  int64_t consistency_ms = 0;
  bool enforce_iam = false;
  uint64_t seed = 1;
  std::string region_default = "us-east-1";
  int threads = 8;
  std::vector<FaultRule> fault_rules;  // --fault
};

struct Caller {
  std::string arn, user_id, user_name, role_name;
  bool session = false;
};

class Emulator;

// Everything a service handler needs for one call.
struct Context {
  const Request& req;
  Emulator& emu;
  World& world;
  std::string service, operation, region, request_id;
  Caller caller;
  int64_t now_ms = 0;

  // False while `id` is inside its consistency window (and was not created by this call).
  bool Visible(const std::string& id) const;
  // Starts the consistency window for a new id.
  void Created(const std::string& id);
  int64_t Duration(const std::string& key) const;
  std::string Arn(const std::string& service_name, const std::string& resource,
                  bool regional = true) const;
  std::vector<std::string> created_ids;
};

using Handler = std::function<Response(Context&)>;

class Emulator {
 public:
  explicit Emulator(Options options);
  // Handles one HTTP request (admin or AWS). Thread safe.
  Response Handle(const Request& req);
  const Options& options() const { return options_; }
  World& world() { return world_; }
  VirtualClock& clock() { return clock_; }
  Faults& faults() { return faults_; }
  LatencyTable latency() {
    std::lock_guard<std::mutex> lock(latency_mu_);
    return latency_;
  }
  double TimeScale() {
    std::lock_guard<std::mutex> lock(latency_mu_);
    return latency_.time_scale();
  }
  void SetLatency(LatencyTable table) {
    std::lock_guard<std::mutex> lock(latency_mu_);
    latency_ = std::move(table);
  }
  void Reset();
  nlohmann::json CallLog();
  // Policy documents that apply to a caller (inline + attached), with World::mu held.
  std::vector<std::string> PoliciesOf(const Caller& caller);

 private:
  Response HandleAws(const Request& req, const std::string& request_id);
  Response HandleAdmin(const Request& req);
  Caller Authenticate(const Request& req, const std::string& service_guess,
                      struct AuthHeader* auth_out);
  void Log(const std::string& caller, const std::string& service, const std::string& op, int status,
           const std::string& code, int64_t start_ms, int64_t latency_us,
           const std::string& fault = "");

  Options options_;
  World world_;
  VirtualClock clock_;
  Faults faults_;
  std::mutex latency_mu_;
  LatencyTable latency_;
  std::map<std::string, Handler> handlers_;
  std::mutex log_mu_;
  std::vector<nlohmann::json> log_;
  std::atomic<uint64_t> request_counter_{0};
};

// Protocol of a SigV4 service name.
Protocol ProtocolOf(const std::string& service);
// The XML namespace of a Query/EC2/REST service ("" for JSON).
std::string NamespaceOf(const std::string& service, const std::string& version = "");
// Renders an ApiError in the protocol's error shape.
Response ErrorResponse(Protocol protocol, const std::string& service, const ApiError& error,
                       const std::string& request_id);

// Query/EC2 success skeletons: Begin opens <OpResponse> (+<requestId> or <OpResult>);
// End closes and adds ResponseMetadata for Query.
XmlWriter Ec2Begin(const Context& ctx);
XmlWriter QueryBegin(const Context& ctx);
Response QueryEnd(const Context& ctx, XmlWriter& w);
Response XmlResponse(XmlWriter& w, int status = 200);
Response JsonResponse(const Context& ctx, const nlohmann::json& body, int status = 200);

// Service handlers (services/*.cc).
Response HandleEc2(Context& ctx);
Response HandleElbv2(Context& ctx);
Response HandleAutoScaling(Context& ctx);
Response HandleIam(Context& ctx);
Response HandleSts(Context& ctx);
Response HandleRoute53(Context& ctx);
Response HandleS3(Context& ctx);
Response HandleKms(Context& ctx);
Response HandleTagging(Context& ctx);
Response HandleServiceQuotas(Context& ctx);
Response HandleCloudFormation(Context& ctx);
// The operation name and IAM resource of a REST call (for faults, enforcement and the log).
std::string Route53Operation(const Request& req);
std::string S3Operation(const Request& req, std::string* resource_arn);
// The resource ARN an IAM call acts on, for --enforce-iam (the named role, instance profile or
// user; the policy source of a simulation; role/* or instance-profile/* for the listings).
std::string IamResource(Context& ctx);
// The IAM action an S3 operation needs ("PutBucketEncryption" -> "s3:PutEncryptionConfiguration").
std::string S3IamAction(const std::string& operation);

}  // namespace awsim
