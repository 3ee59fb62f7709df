// Status: the outcome of an operation that may fail, as a value (no exceptions cross modules).
// A Status carries a code that callers branch on, a human message (what, where, how to fix),
// and for AWS failures the service's error code, HTTP status and request id.
// Thread safety: a Status is a plain value; copies are independent.
#pragma once

#include <string>
#include <string_view>

namespace tectonic {

enum class StatusCode {
  kOk = 0,
  kInvalidInput,        // the user's input is wrong: config, flags, files
  kNotFound,            // the thing asked for does not exist
  kAlreadyExists,       // a create found the thing already there
  kPermissionDenied,    // credentials refused or an action is not allowed
  kThrottled,           // the service asked us to slow down
  kTransient,           // a 5xx, a dropped connection, a timeout: worth retrying
  kNotYetConsistent,    // AWS eventual consistency: the id exists but is not visible yet
  kDependency,          // a delete must wait for something else to go first
  kPreconditionFailed,  // a requirement of the environment is not met (preflight)
  kCancelled,           // the user interrupted
  kInternal,            // a bug or an impossible state
  kFailed,              // a final failure reported by a remote service
};

std::string_view StatusCodeName(StatusCode code);

class Status {
 public:
  Status() = default;  // ok

  static Status Ok() { return Status(); }
  static Status InvalidInput(std::string message) {
    return {StatusCode::kInvalidInput, std::move(message)};
  }
  static Status NotFound(std::string message) {
    return {StatusCode::kNotFound, std::move(message)};
  }
  static Status AlreadyExists(std::string message) {
    return {StatusCode::kAlreadyExists, std::move(message)};
  }
  static Status PermissionDenied(std::string message) {
    return {StatusCode::kPermissionDenied, std::move(message)};
  }
  static Status Throttled(std::string message) {
    return {StatusCode::kThrottled, std::move(message)};
  }
  static Status Transient(std::string message) {
    return {StatusCode::kTransient, std::move(message)};
  }
  static Status NotYetConsistent(std::string message) {
    return {StatusCode::kNotYetConsistent, std::move(message)};
  }
  static Status Dependency(std::string message) {
    return {StatusCode::kDependency, std::move(message)};
  }
  static Status PreconditionFailed(std::string message) {
    return {StatusCode::kPreconditionFailed, std::move(message)};
  }
  static Status Cancelled(std::string message) {
    return {StatusCode::kCancelled, std::move(message)};
  }
  static Status Internal(std::string message) {
    return {StatusCode::kInternal, std::move(message)};
  }
  static Status Failed(std::string message) { return {StatusCode::kFailed, std::move(message)}; }

  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // AWS details, empty for local failures.
  const std::string& aws_code() const { return aws_code_; }
  const std::string& request_id() const { return request_id_; }
  int http_status() const { return http_status_; }
  Status& WithAws(std::string aws_code, int http_status, std::string request_id) {
    aws_code_ = std::move(aws_code);
    http_status_ = http_status;
    request_id_ = std::move(request_id);
    return *this;
  }

  // Adds context in front of the message: "creating vpc: <message>".
  Status& Prepend(std::string_view context);

  // Retryable kinds: throttled, transient, not yet consistent, dependency.
  bool IsRetryable() const;

  // "InvalidInput: message [AwsCode, HTTP 400, request id ...]".
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string aws_code_;
  std::string request_id_;
  int http_status_ = 0;
};

}  // namespace tectonic
