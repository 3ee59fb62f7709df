#include "server.h"

namespace awsim {

Protocol ProtocolOf(const std::string& service) {
  if (service == "ec2") return Protocol::kEc2;
  if (service == "route53") return Protocol::kRoute53;
  if (service == "s3") return Protocol::kS3;
  if (service == "kms" || service == "tagging" || service == "servicequotas")
    return Protocol::kJson;
  return Protocol::kQuery;
}

std::string NamespaceOf(const std::string& service, const std::string&) {
  if (service == "ec2") return "http://ec2.amazonaws.com/doc/2016-11-15/";
  if (service == "elasticloadbalancing")
    return "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";
  if (service == "autoscaling") return "http://autoscaling.amazonaws.com/doc/2011-01-01/";
  if (service == "iam") return "https://iam.amazonaws.com/doc/2010-05-08/";
  if (service == "sts") return "https://sts.amazonaws.com/doc/2011-06-15/";
  if (service == "route53") return "https://route53.amazonaws.com/doc/2013-04-01/";
  if (service == "s3") return "http://s3.amazonaws.com/doc/2006-03-01/";
  if (service == "cloudformation") return "http://cloudformation.amazonaws.com/doc/2010-05-15/";
  return "";
}

Response ErrorResponse(Protocol protocol, const std::string& service, const ApiError& error,
                       const std::string& request_id) {
  Response r;
  r.status = error.status;
  switch (protocol) {
    case Protocol::kEc2: {
      XmlWriter w;
      w.Open("Response").Open("Errors").Open("Error");
      w.Leaf("Code", error.code).Leaf("Message", error.message).Close().Close();
      w.Leaf("RequestID", request_id);
      r.body = w.Finish();
      break;
    }
    case Protocol::kJson:
      r.content_type = "application/x-amz-json-1.1";
      r.body = nlohmann::json{{"__type", error.code}, {"message", error.message}}.dump();
      r.headers.emplace_back("x-amzn-RequestId", request_id);
      break;
    case Protocol::kS3: {
      XmlWriter w;
      w.Open("Error").Leaf("Code", error.code).Leaf("Message", error.message);
      w.Opt("BucketName", error.bucket);
      w.Leaf("RequestId", request_id).Leaf("HostId", "awsim/" + request_id);
      r.body = w.Finish();
      r.headers.emplace_back("x-amz-request-id", request_id);
      r.content_type = "application/xml";
      break;
    }
    case Protocol::kRoute53:
      if (error.code == "InvalidChangeBatch") {
        XmlWriter w;
        w.Open("InvalidChangeBatch", "xmlns=\"" + NamespaceOf("route53") + "\"").Open("Messages");
        for (const auto& m : error.messages) w.Leaf("Message", m);
        if (error.messages.empty()) w.Leaf("Message", error.message);
        w.Close().Leaf("RequestId", request_id);
        r.body = w.Finish();
        break;
      }
      [[fallthrough]];
    case Protocol::kQuery: {
      XmlWriter w;
      w.Open("ErrorResponse", "xmlns=\"" + NamespaceOf(service) + "\"").Open("Error");
      w.Leaf("Type", error.status >= 500 ? "Receiver" : "Sender");
      w.Leaf("Code", error.code).Leaf("Message", error.message).Close();
      w.Leaf("RequestId", request_id);
      r.body = w.Finish();
      r.headers.emplace_back("x-amzn-RequestId", request_id);
      break;
    }
  }
  return r;
}

XmlWriter Ec2Begin(const Context& ctx) {
  XmlWriter w;
  w.Open(ctx.operation + "Response", "xmlns=\"" + NamespaceOf("ec2") + "\"");
  w.Leaf("requestId", ctx.request_id);
  return w;
}

XmlWriter QueryBegin(const Context& ctx) {
  XmlWriter w;
  w.Open(ctx.operation + "Response", "xmlns=\"" + NamespaceOf(ctx.service) + "\"");
  w.Open(ctx.operation + "Result");
  return w;
}

Response QueryEnd(const Context& ctx, XmlWriter& w) {
  w.Close();  // OpResult
  w.Open("ResponseMetadata").Leaf("RequestId", ctx.request_id).Close();
  Response r = XmlResponse(w);
  r.headers.emplace_back("x-amzn-RequestId", ctx.request_id);
  return r;
}

Response XmlResponse(XmlWriter& w, int status) {
  Response r;
  r.status = status;
  r.body = w.Finish();
  return r;
}

Response JsonResponse(const Context& ctx, const nlohmann::json& body, int status) {
  Response r;
  r.status = status;
  r.content_type = "application/x-amz-json-1.1";
  r.body = body.dump();
  r.headers.emplace_back("x-amzn-RequestId", ctx.request_id);
  return r;
}

bool Context::Visible(const std::string& id) const {
  auto it = world.visible_after_ms.find(id);
  if (it == world.visible_after_ms.end() || now_ms >= it->second) return true;
  for (const auto& c : created_ids) {
    if (c == id) return true;
  }
  return false;
}

void Context::Created(const std::string& id) {
  created_ids.push_back(id);
  int64_t window = emu.faults().config().consistency_ms;
  if (window > 0) world.visible_after_ms[id] = now_ms + window;
}

int64_t Context::Duration(const std::string& key) const { return emu.latency().DurationMs(key); }

std::string Context::Arn(const std::string& service_name, const std::string& resource,
                         bool regional) const {
  return "arn:aws:" + service_name + ":" + (regional ? region : "") + ":" + kAccountId + ":" +
         resource;
}

Emulator::Emulator(Options options)
    : options_(std::move(options)),
      faults_(FaultConfig{options_.throttle, options_.error_rate, options_.consistency_ms,
                          options_.seed}),
      latency_(options_.latency == "realistic" ? LatencyTable::Realistic() : LatencyTable::Fast()) {
  latency_.SetTimeScale(options_.time_scale);
  faults_.SetRules(options_.fault_rules);
  world_.default_region = options_.region_default;
  world_.Reset(options_.access_key, options_.secret_key, options_.seed);
  handlers_ = {{"ec2", HandleEc2},
               {"elasticloadbalancing", HandleElbv2},
               {"autoscaling", HandleAutoScaling},
               {"iam", HandleIam},
               {"sts", HandleSts},
               {"route53", HandleRoute53},
               {"s3", HandleS3},
               {"kms", HandleKms},
               {"tagging", HandleTagging},
               {"servicequotas", HandleServiceQuotas},
               {"cloudformation", HandleCloudFormation}};
}

void Emulator::Reset() {
  {
    std::lock_guard<std::mutex> lock(world_.mu);
    world_.Reset(options_.access_key, options_.secret_key, options_.seed);
  }
  clock_.Reset();
  faults_.Configure(
      FaultConfig{options_.throttle, options_.error_rate, options_.consistency_ms, options_.seed});
  faults_.SetRules(options_.fault_rules);
  faults_.Release();
  std::lock_guard<std::mutex> lock(log_mu_);
  log_.clear();
}

std::vector<std::string> Emulator::PoliciesOf(const Caller& caller) {
  std::vector<std::string> docs;
  auto add = [&](const std::map<std::string, std::string>& inline_policies,
                 const std::vector<std::string>& attached) {
    for (const auto& [name, doc] : inline_policies) docs.push_back(doc);
    for (const auto& arn : attached) {
      auto it = world_.policies.find(arn);
      if (it != world_.policies.end()) docs.push_back(it->second.document);
    }
  };
  if (!caller.role_name.empty()) {
    auto it = world_.roles.find(caller.role_name);
    if (it != world_.roles.end()) add(it->second.inline_policies, it->second.attached);
  } else {
    auto it = world_.users.find(caller.user_name);
    if (it != world_.users.end()) add(it->second.inline_policies, it->second.attached);
  }
  return docs;
}

nlohmann::json Emulator::CallLog() {
  std::lock_guard<std::mutex> lock(log_mu_);
  return nlohmann::json(log_);
}

void Emulator::Log(const std::string& caller, const std::string& service, const std::string& op,
                   int status, const std::string& code, int64_t start_ms, int64_t latency_us,
                   const std::string& fault) {
  std::lock_guard<std::mutex> lock(log_mu_);
  nlohmann::json entry = {{"timestamp", IsoTime(start_ms)},
                          {"caller", caller},
                          {"service", service},
                          {"operation", op},
                          {"status", status},
                          {"code", code},
                          {"latency_us", latency_us}};
  if (!fault.empty()) entry["fault"] = fault;
  log_.push_back(std::move(entry));
}

Response Emulator::Handle(const Request& req) {
  if (req.path.rfind("/_awsim/", 0) == 0) return HandleAdmin(req);
  uint64_t n = ++request_counter_;
  std::string request_id;
  {
    char buf[64];
    std::snprintf(buf, sizeof(buf), "%08llx-0000-4000-8000-%012llx",
                  static_cast<unsigned long long>(n * 2654435761ULL & 0xffffffffULL),
                  static_cast<unsigned long long>(n));
    request_id = buf;
  }
  return HandleAws(req, request_id);
}

}  // namespace awsim
