// AwsClient: builds each protocol's request, then one loop signs, sends, classifies and retries.
#include "aws/client.h"

#include <strings.h>
#include <algorithm>

#include <atomic>
#include <ctime>
#include <mutex>

#include "aws/error_classification.h"
#include "aws/retry.h"
#include "aws/sigv4.h"
#include "util/log.h"

namespace tectonic::aws {
namespace {

// application/x-www-form-urlencoded as botocore writes it: RFC 3986 escapes, but a space is '+'.
// AWS accepts both; moto (with IAM enforcement on) re-encodes the parsed form this way before it
// checks the signature, so "%20" would fail there with SignatureDoesNotMatch.
std::string FormComponent(std::string_view text) {
  std::string out = UriEncode(text, false);
  for (size_t at = out.find("%20"); at != std::string::npos; at = out.find("%20", at + 1)) {
    out.replace(at, 3, "+");
  }
  return out;
}

std::string FormEncode(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [name, value] : fields) {
    if (!out.empty()) out += '&';
    out += FormComponent(name) + "=" + FormComponent(value);
  }
  return out;
}

std::string FindHeader(const Headers& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (key.size() == name.size() && strncasecmp(key.data(), name.data(), name.size()) == 0) {
      return value;
    }
  }
  return "";
}

// RFC 1123 "Date" header -> time point; nullopt when unparseable.
std::optional<std::chrono::system_clock::time_point> ParseHttpDate(const std::string& text) {
  std::tm tm{};
  const char* end = strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S", &tm);
  if (end == nullptr) return std::nullopt;
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}

std::string SplitScheme(const std::string& url, std::string* rest) {
  size_t p = url.find("://");
  if (p == std::string::npos) {
    *rest = url;
    return "https://";
  }
  *rest = url.substr(p + 3);
  return url.substr(0, p + 3);
}

bool Is2xx(int status) { return status >= 200 && status < 300; }

}  // namespace

// ---- FormParams ----

FormParams& FormParams::Add(std::string name, std::string value) {
  fields_.emplace_back(std::move(name), std::move(value));
  return *this;
}

FormParams& FormParams::AddEc2List(const std::string& name,
                                   const std::vector<std::string>& values) {
  for (size_t i = 0; i < values.size(); ++i) {
    fields_.emplace_back(name + "." + std::to_string(i + 1), values[i]);
  }
  return *this;
}

FormParams& FormParams::AddQueryList(const std::string& name,
                                     const std::vector<std::string>& values) {
  if (values.empty()) fields_.emplace_back(name, "");
  for (size_t i = 0; i < values.size(); ++i) {
    fields_.emplace_back(name + ".member." + std::to_string(i + 1), values[i]);
  }
  return *this;
}

// ---- responses ----

pugi::xml_node XmlResponse::result() const {
  if (!doc) return {};
  pugi::xml_node root = doc->document_element();
  // Query: <OpResponse><OpResult>...; EC2 and REST-XML: members sit under the root.
  for (pugi::xml_node child : root.children()) {
    std::string_view name = child.name();
    if (name.size() > 6 && name.ends_with("Result") &&
        std::string_view(root.name()).ends_with("Response")) {
      return child;
    }
  }
  return root;
}

std::string RestResponse::Header(std::string_view name) const { return FindHeader(headers, name); }

Result<XmlResponse> RestResponse::Xml() const {
  XmlResponse out;
  out.doc = std::make_shared<pugi::xml_document>();
  out.request_id = request_id;
  if (body.empty()) return out;
  auto parsed = out.doc->load_buffer(body.data(), body.size());
  if (!parsed)
    return Status::Transient(std::string("malformed XML response: ") + parsed.description());
  return out;
}

// ---- AwsClient ----

namespace {

// Creates without a ClientToken or a unique name: AWS makes a new resource for every request
// that reaches it, so an attempt whose answer was lost must not be sent again blindly.
bool RepeatsItsEffect(const Operation& op) {
  static const Operation* const kOps[] = {
      &ops::kEc2CreateVpc,        &ops::kEc2CreateSubnet,    &ops::kEc2CreateInternetGateway,
      &ops::kEc2CreateRouteTable, &ops::kEc2AllocateAddress, &ops::kKmsCreateKey,
  };
  return std::find(std::begin(kOps), std::end(kOps), &op) != std::end(kOps);
}

}  // namespace

struct AwsClient::Impl {
  explicit Impl(const RetryOptions& options) : retry(options) {}
  SigV4Signer signer;
  RetryPolicy retry;
  std::atomic<long long> skew_ms{0};  // server time - our time, learnt from skew errors
  std::mutex observer_mu;
  std::function<void(const CallRecord&)> observer;
  std::atomic<const std::atomic<bool>*> cancel{nullptr};

  bool Cancelled() const {
    const std::atomic<bool>* flag = cancel.load();
    return flag != nullptr && flag->load();
  }
};

AwsClient::AwsClient(std::shared_ptr<HttpTransport> transport,
                     std::shared_ptr<CredentialsProvider> credentials, EndpointResolver endpoints,
                     Clock& clock, RetryOptions retry)
    : transport_(std::move(transport)),
      credentials_(std::move(credentials)),
      endpoints_(std::move(endpoints)),
      clock_(clock),
      retry_(retry),
      impl_(std::make_shared<Impl>(retry)) {}

void AwsClient::SetCancel(const std::atomic<bool>* cancel) { impl_->cancel.store(cancel); }

void AwsClient::SetObserver(std::function<void(const CallRecord&)> observer) {
  std::lock_guard lock(impl_->observer_mu);
  impl_->observer = std::move(observer);
}

std::function<void(const CallRecord&)> AwsClient::observer() const {
  std::lock_guard lock(impl_->observer_mu);
  return impl_->observer;
}

int AwsClient::RetryQuotaAvailable() const { return impl_->retry.quota_available(); }

Result<HttpResponse> AwsClient::Send(const Operation& op, const HttpRequest& unsigned_request) {
  const Service& service = *op.service;
  auto start = clock_.Steady();
  RetryState state;
  bool skew_retried = false;
  Status failure;
  std::optional<HttpResponse> success;
  while (true) {
    Result<Credentials> creds = credentials_->Get();
    if (!creds.ok()) {
      failure = creds.status();
      failure.Prepend(std::string(service.id) + ":" + std::string(op.name));
      break;
    }
    HttpRequest request = unsigned_request;
    request.fresh_connection = RepeatsItsEffect(op);
    SigningParams params;
    params.region = endpoints_.SigningRegion(service);
    params.service = std::string(service.signing_name);
    params.time = clock_.Now() + std::chrono::milliseconds(impl_->skew_ms.load());
    params.s3 = &service == &services::kS3;
    impl_->signer.Sign(request, *creds, params);

    Result<HttpResponse> sent = transport_->Send(request);
    if (sent.ok() && Is2xx(sent->status)) {
      success = std::move(sent).value();
      impl_->retry.OnSuccess(state);
      break;
    }
    if (sent.ok()) {
      AwsError error = ParseAwsError(service.protocol, *sent);
      failure = AwsErrorStatus(op, error);
      if (IsClockSkewError(error) && !skew_retried) {
        auto server = ParseHttpDate(sent->Header("Date"));
        if (server) {
          auto offset =
              std::chrono::duration_cast<std::chrono::milliseconds>(*server - clock_.Now());
          impl_->skew_ms.store(offset.count());
          log::Warn("{}:{}: clock skew of {} s against AWS; adjusting signatures", service.id,
                    op.name, offset.count() / 1000);
          skew_retried = true;
          continue;
        }
      }
    } else {
      failure = sent.status();
      failure.Prepend(std::string(service.id) + ":" + std::string(op.name));
      // The answer was lost (reset, timeout, cut short): the create may have happened. Sent
      // again, a create AWS does not make idempotent makes a second resource; the caller
      // looks for the first one (by its tags) before creating again.
      if (RepeatsItsEffect(op)) {
        failure = Status::Transient(failure.message() +
                                    " (not repeated: the resource may exist; looked for first)");
        break;
      }
    }
    auto delay = impl_->retry.NextDelay(failure, state);
    if (!delay || impl_->Cancelled()) break;
    log::Debug("{}:{}: attempt {} failed ({}); retrying in {} ms", service.id, op.name,
               state.attempt - 1, failure.message(), delay->count());
    // In slices, so an interrupt ends the wait within a tenth of a second.
    for (auto left = *delay; left.count() > 0 && !impl_->Cancelled();) {
      auto slice = std::min(left, Clock::Duration(100));
      clock_.SleepFor(slice);
      left -= slice;
    }
    if (impl_->Cancelled()) break;
  }

  std::function<void(const CallRecord&)> observer;
  {
    std::lock_guard lock(impl_->observer_mu);
    observer = impl_->observer;
  }
  if (observer) {
    observer(
        CallRecord{&op, success ? Status::Ok() : failure, state.attempt,
                   std::chrono::duration_cast<std::chrono::milliseconds>(clock_.Steady() - start)});
  }
  if (success) return std::move(*success);
  return failure;
}

Result<XmlResponse> AwsClient::Query(const Operation& op, const FormParams& params) {
  const Service& service = *op.service;
  HttpRequest request;
  request.method = "POST";
  request.url = endpoints_.BaseUrl(service) + "/";
  request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
  std::vector<std::pair<std::string, std::string>> fields = {
      {"Action", std::string(op.name)}, {"Version", std::string(service.api_version)}};
  fields.insert(fields.end(), params.fields().begin(), params.fields().end());
  request.body = FormEncode(fields);

  TECTONIC_ASSIGN_OR_RETURN(HttpResponse response, Send(op, request));
  XmlResponse out;
  out.doc = std::make_shared<pugi::xml_document>();
  if (!response.body.empty()) {
    auto parsed = out.doc->load_buffer(response.body.data(), response.body.size());
    if (!parsed) {
      // The call was answered but the answer cannot be read (cut short, a proxy's page): like
      // a lost answer, transient, so a create is looked for before it is made again.
      return Status::Transient(std::string(service.id) + ":" + std::string(op.name) +
                               ": malformed XML response: " + parsed.description());
    }
  }
  pugi::xml_node root = out.doc->document_element();
  out.request_id = root.child("requestId").text().as_string();
  if (out.request_id.empty()) {
    out.request_id = root.child("ResponseMetadata").child("RequestId").text().as_string();
  }
  if (out.request_id.empty()) out.request_id = response.Header("x-amzn-RequestId");
  return out;
}

Result<nlohmann::json> AwsClient::Json(const Operation& op, const nlohmann::json& body) {
  const Service& service = *op.service;
  HttpRequest request;
  request.method = "POST";
  request.url = endpoints_.BaseUrl(service) + "/";
  request.headers.emplace_back("Content-Type", "application/x-amz-json-1.1");
  request.headers.emplace_back("X-Amz-Target",
                               std::string(service.json_target) + "." + std::string(op.name));
  request.body = body.is_null() ? "{}" : body.dump();

  TECTONIC_ASSIGN_OR_RETURN(HttpResponse response, Send(op, request));
  if (response.body.empty()) return nlohmann::json::object();
  nlohmann::json parsed = nlohmann::json::parse(response.body, nullptr, false);
  if (parsed.is_discarded()) {
    return Status::Transient(std::string(service.id) + ":" + std::string(op.name) +
                             ": malformed JSON response");
  }
  // An operation without output may answer `null` (moto's KMS CreateAlias does): no members.
  if (parsed.is_null()) return nlohmann::json::object();
  // Every other JSON 1.1 answer is an object; anything else (a proxy's page, a truncated body
  // that happens to parse) would make the readers throw.
  if (!parsed.is_object()) {
    return Status::Internal(std::string(service.id) + ":" + std::string(op.name) +
                            ": the JSON response is not an object");
  }
  return parsed;
}

Result<RestResponse> AwsClient::Rest(const Operation& op, RestRequest rest) {
  const Service& service = *op.service;
  std::string host_and_path;
  std::string scheme = SplitScheme(endpoints_.BaseUrl(service), &host_and_path);
  std::string path = rest.path;
  if (!rest.bucket.empty()) {
    if (endpoints_.IsOverridden(service)) {  // path-style
      path = "/" + UriEncode(rest.bucket, false) + (path == "/" ? "" : path);
    } else {  // virtual-hosted
      host_and_path = rest.bucket + "." + host_and_path;
    }
  }
  if (path.empty()) path = "/";
  HttpRequest request;
  request.method = rest.method;
  request.url = scheme + host_and_path + path;
  std::string query;
  for (const auto& [name, value] : rest.query) {
    query += query.empty() ? "?" : "&";
    query += UriEncode(name, false);
    if (!value.empty()) query += "=" + UriEncode(value, false);
  }
  request.url += query;
  request.headers = std::move(rest.headers);
  request.body = std::move(rest.body);

  TECTONIC_ASSIGN_OR_RETURN(HttpResponse response, Send(op, request));
  RestResponse out;
  out.status = response.status;
  out.request_id = response.Header("x-amz-request-id");
  if (out.request_id.empty()) out.request_id = response.Header("x-amzn-RequestId");
  out.headers = std::move(response.headers);
  out.body = std::move(response.body);
  return out;
}

}  // namespace tectonic::aws
