// Emulator::HandleAws and Emulator::Authenticate: the path of every AWS call through
// SigV4, routing, faults, IAM enforcement and the service handler.
#include <chrono>
#include <ctime>

#include "iam_eval.h"
#include "server.h"
#include "sigv4_verify.h"

namespace awsim {

namespace {

int64_t WallMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

int64_t ParseAmzDate(const std::string& s) {
  std::tm tm{};
  if (s.size() != 16 || s[8] != 'T' || s[15] != 'Z') return -1;
  if (!strptime(s.c_str(), "%Y%m%dT%H%M%SZ", &tm)) return -1;
  return static_cast<int64_t>(timegm(&tm)) * 1000;
}

const std::map<std::string, std::pair<std::string, std::string>>& ServiceTable() {
  // service -> (API version or JSON target prefix, IAM action prefix)
  static const std::map<std::string, std::pair<std::string, std::string>> kTable = {
      {"ec2", {"2016-11-15", "ec2"}},
      {"elasticloadbalancing", {"2015-12-01", "elasticloadbalancing"}},
      {"autoscaling", {"2011-01-01", "autoscaling"}},
      {"iam", {"2010-05-08", "iam"}},
      {"sts", {"2011-06-15", "sts"}},
      {"route53", {"", "route53"}},
      {"s3", {"", "s3"}},
      {"kms", {"TrentService", "kms"}},
      {"tagging", {"ResourceGroupsTaggingAPI_20170126", "tag"}},
      {"servicequotas", {"ServiceQuotasV20190624", "servicequotas"}},
      {"cloudformation", {"2010-05-15", "cloudformation"}},
  };
  return kTable;
}

std::string GuessService(const Request& req) {
  std::string target = req.Header("x-amz-target");
  if (target.rfind("TrentService", 0) == 0) return "kms";
  if (target.rfind("ServiceQuotas", 0) == 0) return "servicequotas";
  if (!target.empty()) return "tagging";
  if (req.path.rfind("/2013-04-01", 0) == 0) return "route53";
  auto form = ParseForm(req.body, true);
  if (form.count("Action")) {
    for (const auto& [name, info] : ServiceTable()) {
      if (info.first == form["Version"]) return name;
    }
    return "sts";
  }
  return "s3";
}

// Per-protocol codes for the authentication failures.
[[noreturn]] void UnknownKey(const std::string& service) {
  if (service == "ec2")
    Fail(401, "AuthFailure", "AWS was not able to validate the provided access credentials");
  if (service == "s3")
    Fail(403, "InvalidAccessKeyId",
         "The AWS Access Key Id you provided does not exist in our records.");
  Fail(403, "InvalidClientTokenId", "The security token included in the request is invalid.");
}

// An expired session token in the caller's protocol (EC2 Response/Errors/Error, Query
// ErrorResponse 403, JSON __type ExpiredTokenException, S3 Error).
[[noreturn]] void ExpiredToken(const std::string& service) {
  const std::string message = "The security token included in the request is expired";
  if (service == "ec2") Fail(400, "ExpiredToken", message);
  if (service == "s3") Fail(400, "ExpiredToken", "The provided token has expired.");
  if (ProtocolOf(service) == Protocol::kJson) Fail(400, "ExpiredTokenException", message);
  Fail(403, "ExpiredToken", message);
}

}  // namespace

Caller Emulator::Authenticate(const Request& req, const std::string& service_guess,
                              AuthHeader* auth_out) {
  const bool s3 = service_guess == "s3";
  std::string header = req.Header("authorization");
  if (header.empty()) {
    if (req.params.count("X-Amz-Credential"))
      Fail(400, s3 ? "InvalidRequest" : "IncompleteSignature",
           "Presigned URLs are not supported by awsim.");
    if (s3) Fail(403, "AccessDenied", "Anonymous access is not allowed.");
    Fail(403, "MissingAuthenticationToken", "Request is missing Authentication Token");
  }
  std::string reason;
  auto auth = ParseAuthorization(header, &reason);
  if (!auth) Fail(400, s3 ? "AuthorizationHeaderMalformed" : "IncompleteSignature", reason);
  *auth_out = *auth;
  const std::string& service = auth->service;
  // Time: X-Amz-Date (or Date), same day as the scope, within 15 minutes of real time.
  std::string amz_date = req.Header("x-amz-date");
  bool has_amz_date = !amz_date.empty();
  if (!has_amz_date) amz_date = req.Header("date");
  int64_t signed_ms = ParseAmzDate(amz_date);
  if (signed_ms < 0) {
    Fail(s3 ? 403 : 400, s3 ? "AccessDenied" : "IncompleteSignature",
         "Authorization requires a valid X-Amz-Date header in the form yyyyMMddTHHmmssZ.");
  }
  if (amz_date.substr(0, 8) != auth->date) {
    Fail(403, "SignatureDoesNotMatch",
         "Credential should be scoped to a valid date ('" + amz_date.substr(0, 8) + "').");
  }
  int64_t skew = signed_ms - WallMs();
  if (skew > 15 * 60 * 1000 || skew < -15 * 60 * 1000) {
    if (s3)
      Fail(403, "RequestTimeTooSkewed",
           "The difference between the request time and the current time is too large.");
    if (service == "ec2") Fail(400, "RequestExpired", "Request has expired.");
    Fail(
        403, "SignatureDoesNotMatch",
        "Signature expired: " + amz_date + " is now earlier or later than the allowed 15 minutes.");
  }
  bool signs_host = false, signs_date = !has_amz_date;
  for (const auto& h : auth->signed_headers) {
    signs_host = signs_host || h == "host";
    signs_date = signs_date || h == "x-amz-date";
  }
  if (!signs_host || !signs_date) {
    Fail(403, "SignatureDoesNotMatch", "'Host' and 'X-Amz-Date' must be signed headers.");
  }
  // Region: known region; IAM and Route 53 sign as us-east-1.
  {
    std::lock_guard<std::mutex> lock(world_.mu);
    if (!world_.regions.count(auth->region)) {
      if (s3)
        Fail(400, "AuthorizationHeaderMalformed",
             "The authorization header is malformed; the region '" + auth->region + "' is wrong.");
      Fail(403, "SignatureDoesNotMatch",
           "Credential should be scoped to a valid region, not '" + auth->region + "'.");
    }
  }
  if ((service == "iam" || service == "route53") && auth->region != "us-east-1") {
    Fail(403, "SignatureDoesNotMatch",
         "Credential should be scoped to a valid region, not '" + auth->region + "'. ");
  }
  // Payload hash: S3 requires x-amz-content-sha256 and checks it.
  std::string payload_hash;
  if (s3) {
    payload_hash = req.Header("x-amz-content-sha256");
    if (payload_hash.empty())
      Fail(400, "InvalidRequest", "Missing required header for this request: x-amz-content-sha256");
    if (payload_hash != "UNSIGNED-PAYLOAD") {
      if (payload_hash.size() != 64)
        Fail(400, "InvalidArgument",
             "x-amz-content-sha256 must be UNSIGNED-PAYLOAD or a valid sha256 value.");
      if (payload_hash != Sha256Hex(req.body))
        Fail(400, "XAmzContentSHA256Mismatch",
             "The provided 'x-amz-content-sha256' header does not match what was computed.");
    }
  } else {
    payload_hash = req.HasHeader("x-amz-content-sha256") ? req.Header("x-amz-content-sha256")
                                                         : Sha256Hex(req.body);
  }
  // Credentials: a long-term key or an STS session.
  Caller caller;
  std::string secret;
  std::string token = req.Header("x-amz-security-token");
  {
    std::lock_guard<std::mutex> lock(world_.mu);
    auto key = world_.access_keys.find(auth->access_key);
    if (key != world_.access_keys.end() && key->second.status == "Active") {
      if (!token.empty()) UnknownKey(service);
      secret = key->second.secret;
      const IamUser& user = world_.users.at(key->second.user);
      caller.arn = user.arn;
      caller.user_id = user.id;
      caller.user_name = user.name;
    } else {
      auto sess = world_.sessions.find(auth->access_key);
      if (sess == world_.sessions.end()) UnknownKey(service);
      const Session& s = sess->second;
      if (token.empty() || !ConstantTimeEquals(token, s.token)) UnknownKey(service);
      if (clock_.NowMs() >= s.expires_ms) {
        if (service == "ec2") Fail(400, "RequestExpired", "Request has expired.");
        if (s3) Fail(400, "ExpiredToken", "The provided token has expired.");
        if (ProtocolOf(service) == Protocol::kJson)
          Fail(400, "ExpiredTokenException",
               "The security token included in the request is expired");
        Fail(403, "ExpiredToken", "The security token included in the request is expired");
      }
      secret = s.secret;
      caller.arn = s.principal_arn;
      caller.user_id = s.user_id;
      caller.user_name = s.user_name;
      caller.role_name = s.role_name;
      caller.session = true;
    }
  }
  if (!token.empty()) {
    bool signed_token = false;
    for (const auto& h : auth->signed_headers)
      signed_token = signed_token || h == "x-amz-security-token";
    if (!signed_token) Fail(403, "SignatureDoesNotMatch", "x-amz-security-token must be signed.");
  }
  std::string creq = CanonicalRequest(req.method, req.path, req.raw_query, req.headers,
                                      auth->signed_headers, s3, payload_hash);
  std::string expected = ComputeSignature(secret, amz_date, auth->region, service, creq);
  if (!ConstantTimeEquals(expected, auth->signature)) {
    Fail(403, "SignatureDoesNotMatch",
         "The request signature we calculated does not match the signature you provided. Check "
         "your AWS Secret Access Key and signing method.");
  }
  return caller;
}

Response Emulator::HandleAws(const Request& in, const std::string& request_id) {
  auto start = std::chrono::steady_clock::now();
  int64_t start_ms = clock_.NowMs();
  std::string service = GuessService(in);
  std::string operation = "Unknown";
  Caller caller;
  Response response;
  std::string code;
  FaultRule wire;
  bool dropped = false, kill_point = false;
  try {
    AuthHeader auth;
    caller = Authenticate(in, service, &auth);
    service = auth.service;
    auto table = ServiceTable().find(service);
    if (table == ServiceTable().end()) {
      Fail(400, "UnknownService",
           "awsim does not emulate the service '" + service +
               "' (not modelled: nothing was done; use AWS or moto for it).");
    }
    Request req = in;
    Protocol protocol = ProtocolOf(service);
    std::string resource = "*";
    if (protocol == Protocol::kEc2 || protocol == Protocol::kQuery) {
      req.params = ParseForm(req.method == "GET" ? req.raw_query : req.body, true);
      operation = req.params.count("Action") ? req.params["Action"] : "";
      if (operation.empty())
        Fail(400, "MissingAction", "The request must contain the parameter Action.");
      std::string version = req.params.count("Version") ? req.params["Version"] : "";
      if (version != table->second.first) {
        Fail(400, "NoSuchVersion",
             "The requested version (" + version + ") of service " + service + " does not exist.");
      }
    } else if (protocol == Protocol::kJson) {
      std::string target = req.Header("x-amz-target");
      size_t dot = target.find('.');
      if (dot == std::string::npos || target.substr(0, dot) != table->second.first) {
        Fail(400, "UnknownOperationException", "Unknown operation " + target);
      }
      operation = target.substr(dot + 1);
    } else {
      req.params = ParseForm(req.raw_query, false);
      operation = service == "s3" ? S3Operation(req, &resource) : Route53Operation(req);
    }
    // The kill-point gate, then the wire fault of this call (both before throttling: a held or
    // reset call never reaches the service).
    if (!faults_.Enter(IsMutating(operation), in.peer_closed, &kill_point)) {
      dropped = true;
      wire.kind = WireFault::kResetBefore;
    } else {
      wire = faults_.PickWire(service, operation);
    }
    if (wire.kind == WireFault::kExpiredToken) ExpiredToken(service);
    if (wire.kind == WireFault::kResetBefore) throw WireFault::kResetBefore;
    faults_.BeforeCall(service, operation, clock_.NowMs(), TimeScale());
    std::lock_guard<std::mutex> lock(world_.mu);
    Context ctx{req,         *this,      world_, service,        operation,
                auth.region, request_id, caller, clock_.NowMs(), {}};
    if (options_.enforce_iam && !(service == "sts" && operation == "GetCallerIdentity")) {
      if (service == "iam") resource = IamResource(ctx);
      std::string action =
          service == "s3" ? S3IamAction(operation) : table->second.second + ":" + operation;
      Decision d = Evaluate(PoliciesOf(caller), action, resource);
      if (d != Decision::kAllowed) {
        std::string msg =
            "User: " + caller.arn + " is not authorized to perform: " + action +
            " on resource: " + resource +
            (d == Decision::kExplicitDeny
                 ? " with an explicit deny"
                 : " because no identity-based policy allows the " + action + " action");
        if (service == "ec2")
          Fail(403, "UnauthorizedOperation",
               "You are not authorized to perform this operation. " + msg);
        if (protocol == Protocol::kJson) Fail(400, "AccessDeniedException", msg);
        if (service == "s3") Fail(403, "AccessDenied", "Access Denied");
        Fail(403, "AccessDenied", msg);
      }
    }
    response = handlers_.at(service)(ctx);
  } catch (WireFault) {
    response.delivery = Delivery::kReset;  // reset before processing: nothing happened
  } catch (const ApiError& e) {
    code = e.code;
    response = ErrorResponse(ProtocolOf(service), service, e, request_id);
  } catch (const std::exception& e) {
    code = "InternalError";
    response = ErrorResponse(ProtocolOf(service), service,
                             ApiError(500, "InternalError", std::string("awsim: ") + e.what()),
                             request_id);
  }
  // httplib omits a HEAD body itself but keeps its Content-Length (S3 HeadObject reads it).
  if (in.method == "HEAD" && service != "s3") response.body.clear();
  response.kill_point = kill_point;
  switch (wire.kind) {
    case WireFault::kResetAfter:
      response.delivery = Delivery::kReset;
      break;
    case WireFault::kTruncated:
      response.delivery = Delivery::kTruncated;
      break;
    case WireFault::kMalformed:
      // Half the document, as a complete HTTP answer: no parser can read it.
      response.body =
          response.body.empty() ? "<" : response.body.substr(0, response.body.size() / 2);
      break;
    case WireFault::kSlow:
      response.delay_ms = wire.delay_ms;
      break;
    default:
      break;
  }
  auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                                  start)
                .count();
  Log(caller.arn, service, operation, response.delivery == Delivery::kReset ? 0 : response.status,
      code, start_ms, us,
      dropped ? "dropped" : (wire.kind == WireFault::kNone ? "" : WireFaultName(wire.kind)));
  return response;
}

}  // namespace awsim
