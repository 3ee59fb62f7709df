#include "util/status.h"

#include <fmt/format.h>

namespace tectonic {

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "Ok";
    case StatusCode::kInvalidInput:
      return "InvalidInput";
    case StatusCode::kNotFound:
      return "NotFound";
    case StatusCode::kAlreadyExists:
      return "AlreadyExists";
    case StatusCode::kPermissionDenied:
      return "PermissionDenied";
    case StatusCode::kThrottled:
      return "Throttled";
    case StatusCode::kTransient:
      return "Transient";
    case StatusCode::kNotYetConsistent:
      return "NotYetConsistent";
    case StatusCode::kDependency:
      return "Dependency";
    case StatusCode::kPreconditionFailed:
      return "PreconditionFailed";
    case StatusCode::kCancelled:
      return "Cancelled";
    case StatusCode::kInternal:
      return "Internal";
    case StatusCode::kFailed:
      return "Failed";
  }
  return "Unknown";
}

Status& Status::Prepend(std::string_view context) {
  message_ = fmt::format("{}: {}", context, message_);
  return *this;
}

bool Status::IsRetryable() const {
  switch (code_) {
    case StatusCode::kThrottled:
    case StatusCode::kTransient:
    case StatusCode::kNotYetConsistent:
    case StatusCode::kDependency:
      return true;
    default:
      return false;
  }
}

std::string Status::ToString() const {
  if (ok()) return "Ok";
  std::string out = fmt::format("{}: {}", StatusCodeName(code_), message_);
  if (!aws_code_.empty()) {
    out += fmt::format(" [{}, HTTP {}", aws_code_, http_status_);
    if (!request_id_.empty()) out += fmt::format(", request id {}", request_id_);
    out += "]";
  }
  return out;
}

}  // namespace tectonic
