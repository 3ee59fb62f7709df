#include "aws/error_classification.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

namespace tectonic::aws {
namespace {

constexpr std::string_view kThrottlingCodes[] = {
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "EC2ThrottledException",  // PriorRequestNotComplete is in both SDK lists; we call it transient
};

constexpr std::string_view kTransientCodes[] = {
    "RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete", "IDPCommunicationError",
    "InternalError",  "InternalFailure",         "ServiceUnavailable",      "Unavailable",
};

constexpr std::string_view kAlreadyExistsCodes[] = {
    "EntityAlreadyExists",         "AlreadyExistsException",  "AlreadyExists",
    "BucketAlreadyOwnedByYou",     "InvalidGroup.Duplicate",  "RouteAlreadyExists",
    "InvalidPermission.Duplicate", "HostedZoneAlreadyExists", "BucketAlreadyExists",
};

constexpr std::string_view kDependencyCodes[] = {
    "DependencyViolation", "ResourceInUse",  "ResourceInUseException",        "DeleteConflict",
    "HostedZoneNotEmpty",  "BucketNotEmpty", "InvalidNetworkInterface.InUse",
};

constexpr std::string_view kPermissionCodes[] = {
    "AccessDenied",
    "AccessDeniedException",
    "UnauthorizedOperation",
    "AuthFailure",
    "InvalidClientTokenId",
    "SignatureDoesNotMatch",
    "ExpiredToken",
    "ExpiredTokenException",
    "InvalidAccessKeyId",
    "MissingAuthenticationToken",
    "UnrecognizedClientException",
    "IncompleteSignature",
    "NotAuthorizedException",
    "InvalidToken",
};

template <size_t N>
bool In(const std::string_view (&list)[N], std::string_view code) {
  return std::find(std::begin(list), std::end(list), code) != std::end(list);
}

std::string Text(const pugi::xml_node& node, const char* name) {
  return node.child(name).text().as_string();
}

void ParseXmlError(Protocol protocol, const pugi::xml_document& doc, AwsError* error) {
  pugi::xml_node root = doc.document_element();
  std::string_view root_name = root.name();
  if (root_name == "Response" || root_name == "ErrorResponse") {
    // EC2: Response/Errors/Error + RequestID; Query and Route 53: ErrorResponse/Error +
    // RequestId. Emulators mix the two (moto: ErrorResponse/Errors/Error), so accept both.
    pugi::xml_node e = root.child("Error");
    if (!e) e = root.child("Errors").child("Error");
    error->code = Text(e, "Code");
    error->message = Text(e, "Message");
    error->request_id = Text(root, "RequestID");
    if (error->request_id.empty()) error->request_id = Text(root, "RequestId");
  } else if (root_name == "InvalidChangeBatch") {  // Route 53
    error->code = "InvalidChangeBatch";
    for (pugi::xml_node m : root.child("Messages").children("Message")) {
      if (!error->message.empty()) error->message += "; ";
      error->message += m.text().as_string();
    }
    if (error->message.empty()) error->message = Text(root, "Message");
    error->request_id = Text(root, "RequestId");
  } else if (root_name == "Error") {  // S3
    error->code = Text(root, "Code");
    error->message = Text(root, "Message");
    error->request_id = Text(root, "RequestId");
  }
  (void)protocol;
}

void ParseJsonError(const std::string& body, AwsError* error) {
  nlohmann::json j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return;
  std::string type;
  if (j.contains("__type") && j["__type"].is_string()) type = j["__type"];
  if (type.empty() && j.contains("code") && j["code"].is_string()) type = j["code"];
  if (auto colon = type.find(':'); colon != std::string::npos) type = type.substr(0, colon);
  if (auto hash = type.rfind('#'); hash != std::string::npos) type = type.substr(hash + 1);
  error->code = type;
  for (const char* key : {"message", "Message", "errorMessage"}) {
    if (j.contains(key) && j[key].is_string()) {
      error->message = j[key];
      break;
    }
  }
}

}  // namespace

AwsError ParseAwsError(Protocol protocol, const HttpResponse& response) {
  AwsError error;
  error.http_status = response.status;
  if (!response.body.empty()) {
    if (protocol == Protocol::kJson) ParseJsonError(response.body, &error);
    // A JSON service's error in XML: moto's IAM enforcement answers that way for every
    // protocol; parse it rather than lose the code (AccessDenied) and the message.
    if (protocol != Protocol::kJson || (error.code.empty() && response.body.front() == '<')) {
      pugi::xml_document doc;
      if (doc.load_buffer(response.body.data(), response.body.size())) {
        ParseXmlError(protocol, doc, &error);
      }
    }
  }
  for (const char* header : {"x-amzn-RequestId", "x-amz-request-id", "x-amzn-requestid"}) {
    if (!error.request_id.empty()) break;
    error.request_id = response.Header(header);
  }
  if (error.code.empty()) {
    // HEAD errors and unparseable bodies: the status is all we have (botocore does the same).
    error.code = std::to_string(response.status);
  }
  if (error.message.empty()) {
    error.message = "HTTP " + std::to_string(response.status);
    if (response.status == 404) error.message += " (not found)";
  }
  return error;
}

bool IsThrottlingCode(std::string_view code) { return In(kThrottlingCodes, code); }

bool IsClockSkewError(const AwsError& error) {
  if (error.code == "RequestTimeTooSkewed" || error.code == "RequestExpired" ||
      error.code == "RequestInTheFuture" || error.code == "InvalidSignatureException") {
    return error.code != "InvalidSignatureException" ||
           error.message.find("Signature expired") != std::string::npos;
  }
  return error.message.find("Signature expired") != std::string::npos ||
         error.message.find("Signature not yet current") != std::string::npos;
}

StatusCode ClassifyAwsError(std::string_view code, int http_status) {
  if (IsThrottlingCode(code) || http_status == 429) return StatusCode::kThrottled;
  if (In(kTransientCodes, code)) return StatusCode::kTransient;
  if (http_status == 500 || http_status == 502 || http_status == 503 || http_status == 504) {
    return StatusCode::kTransient;
  }
  if (In(kPermissionCodes, code)) return StatusCode::kPermissionDenied;
  if (In(kAlreadyExistsCodes, code) || code.starts_with("Duplicate") ||
      code.ends_with(".Duplicate") || code.ends_with("AlreadyExists") ||
      code.ends_with("AlreadyExistsException")) {
    return StatusCode::kAlreadyExists;
  }
  if (In(kDependencyCodes, code)) return StatusCode::kDependency;
  if (code.ends_with("NotFound") || code.starts_with("NoSuch") ||
      code.ends_with("NotFoundException") || code.ends_with(".NotFound")) {
    return StatusCode::kNotFound;
  }
  if (code == "404" || (code.empty() && http_status == 404)) return StatusCode::kNotFound;
  if (code == "401" || code == "403" ||
      (code.empty() && (http_status == 401 || http_status == 403))) {
    return StatusCode::kPermissionDenied;
  }
  if (http_status >= 500) return StatusCode::kTransient;
  return StatusCode::kFailed;
}

bool IsInstanceProfilePropagation(const AwsError& error) {
  const std::string& m = error.message;
  if (error.code == "InvalidParameterValue" || error.code == "ValidationError") {
    if (m.find("Invalid IAM Instance Profile") != std::string::npos) return true;
  }
  return error.code == "ValidationError" &&
         m.find("Invalid IamInstanceProfile") != std::string::npos;
}

Status AwsErrorStatus(const Operation& op, const AwsError& error) {
  std::string message = std::string(op.service->id) + ":" + std::string(op.name) + ": " +
                        (error.message.empty() ? error.code : error.message);
  StatusCode code = IsInstanceProfilePropagation(error)
                        ? StatusCode::kNotYetConsistent
                        : ClassifyAwsError(error.code, error.http_status);
  // An expired session (STS, SSO, an assumed role) is not a missing permission: say how to go
  // on. Nothing is lost; the journal holds what was made.
  if (error.code == "ExpiredToken" || error.code == "ExpiredTokenException") {
    message +=
        " (the AWS session token has expired: refresh your credentials, e.g. `aws sso login` or "
        "a new STS session, and run the same command again; it resumes where it stopped)";
  }
  Status status(code, std::move(message));
  status.WithAws(error.code, error.http_status, error.request_id);
  return status;
}

}  // namespace tectonic::aws
