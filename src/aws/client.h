// AwsClient: signs, sends, retries and parses one AWS call for any of the four protocols.
// Typed per-service clients (ec2.h, iam.h, ...) are thin layers over these three calls.
// Thread safety: one AwsClient may be used from many threads at once.
#pragma once

#include <pugixml.hpp>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "aws/credentials.h"
#include "aws/http.h"
#include "aws/operation.h"
#include "util/clock.h"
#include "util/result.h"

namespace tectonic::aws {

// Form fields of an EC2 or Query request, in order; Action and Version are added by the client.
class FormParams {
 public:
  FormParams& Add(std::string name, std::string value);
  // EC2 protocol list: Name.1, Name.2, ... (an empty list adds nothing).
  FormParams& AddEc2List(const std::string& name, const std::vector<std::string>& values);
  // Query protocol list: Name.member.1, ... (an empty list adds "Name=").
  FormParams& AddQueryList(const std::string& name, const std::vector<std::string>& values);
  const std::vector<std::pair<std::string, std::string>>& fields() const { return fields_; }

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

// A parsed XML response (EC2, Query, REST-XML). Shared so a Result can carry it cheaply.
struct XmlResponse {
  std::shared_ptr<pugi::xml_document> doc;
  std::string request_id;
  // The root's first element child for EC2, <OpResult> for Query, the root for REST-XML.
  pugi::xml_node result() const;
};

struct RestRequest {
  std::string method = "GET";
  std::string path;  // already percent-encoded: "/2013-04-01/hostedzone/Z123/rrset/"
  std::vector<std::pair<std::string, std::string>> query;  // raw values; the client encodes
  Headers headers;
  std::string body;
  std::string bucket;  // S3: the bucket the request addresses (path-style or virtual-hosted)
};

struct RestResponse {
  int status = 0;
  Headers headers;
  std::string body;
  std::string request_id;
  std::string Header(std::string_view name) const;
  // Parses body as XML (empty document when the body is empty).
  Result<XmlResponse> Xml() const;
};

// Where each service lives. Built from the region, AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SVC>.
class EndpointResolver {
 public:
  EndpointResolver(std::string region, std::string endpoint_url,
                   std::map<std::string, std::string> per_service_urls);
  // From ExplicitAwsSettings + environment (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<env_suffix>).
  static EndpointResolver FromEnvironment(const std::string& region,
                                          const std::string& explicit_endpoint,
                                          const EnvLookup& env);
  // Base URL without trailing slash: "https://ec2.us-east-1.amazonaws.com" or the override.
  std::string BaseUrl(const Service& service) const;
  // Region for the credential scope (us-east-1 for global services).
  std::string SigningRegion(const Service& service) const;
  // True when the endpoint is overridden: S3 then uses path-style addressing.
  bool IsOverridden(const Service& service) const;
  const std::string& region() const { return region_; }

 private:
  std::string region_;
  std::string endpoint_url_;
  std::map<std::string, std::string> per_service_urls_;  // by Service::env_suffix
};

struct RetryOptions {
  int max_attempts = 6;                        // total attempts per call
  std::chrono::milliseconds base_delay{1000};  // first retry waits U(0, base)
  std::chrono::milliseconds max_delay{20000};  // cap of one backoff
  int retry_quota = 500;                       // SDK standard retry token bucket
  // Jitter source returning U[0,1); empty = an internal generator seeded by jitter_seed
  // (0 = a random seed). Tests pin these to make backoff deterministic.
  std::function<double()> jitter;
  unsigned long long jitter_seed = 0;
};

// One completed call, for observers (policy coverage tests, call counters, debug logs).
struct CallRecord {
  const Operation* operation;
  Status status;
  int attempts;
  std::chrono::milliseconds elapsed;
};

class AwsClient {
 public:
  AwsClient(std::shared_ptr<HttpTransport> transport,
            std::shared_ptr<CredentialsProvider> credentials, EndpointResolver endpoints,
            Clock& clock = RealClock::Instance(), RetryOptions retry = {});

  // EC2 and Query protocols.
  Result<XmlResponse> Query(const Operation& op, const FormParams& params);
  // JSON 1.1 protocol: body is the request object; returns the response object ({} if empty).
  Result<nlohmann::json> Json(const Operation& op, const nlohmann::json& body);
  // REST-XML protocol (Route 53, S3). Non-2xx answers become errors.
  Result<RestResponse> Rest(const Operation& op, RestRequest request);

  // Called after every call, from the calling thread.
  void SetObserver(std::function<void(const CallRecord&)> observer);
  // Once *cancel is true (Ctrl-C), a failed attempt is not retried and a retry delay ends
  // early: the call returns its last error at once instead of backing off for seconds.
  void SetCancel(const std::atomic<bool>* cancel);
  // The current observer, so a client built from this one's pieces reports to it too.
  std::function<void(const CallRecord&)> observer() const;

  const EndpointResolver& endpoints() const { return endpoints_; }
  CredentialsProvider& credentials() { return *credentials_; }
  // The shared pieces, so another client (e.g. one for AssumeRole) can reuse them.
  const std::shared_ptr<HttpTransport>& transport() const { return transport_; }
  Clock& clock() const { return clock_; }
  const RetryOptions& retry_options() const { return retry_; }
  // Tokens left in the retry quota (for tests and diagnostics).
  int RetryQuotaAvailable() const;

  // Signs and sends a prepared request (url, method, headers, body) with retries; non-2xx
  // answers become errors. The building block of Query/Json/Rest, public for odd calls.
  Result<HttpResponse> Send(const Operation& op, const HttpRequest& unsigned_request);

 private:
  struct Impl;
  std::shared_ptr<HttpTransport> transport_;
  std::shared_ptr<CredentialsProvider> credentials_;
  EndpointResolver endpoints_;
  Clock& clock_;
  RetryOptions retry_;
  std::shared_ptr<Impl> impl_;
};

}  // namespace tectonic::aws
