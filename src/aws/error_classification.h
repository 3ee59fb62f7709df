// AWS error responses: one parser per protocol's error shape, and the one place that maps an
// AWS error code + HTTP status to a StatusCode (the rules of aws-wire.md sections 1 and 4.1).
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "aws/http.h"
#include "aws/operation.h"
#include "util/status.h"

namespace tectonic::aws {

struct AwsError {
  std::string code;  // "InvalidVpcID.NotFound"; for a body-less answer the HTTP status number
  std::string message;
  std::string request_id;
  int http_status = 0;
};

// Reads the error out of a non-2xx response of the given protocol:
// EC2 Response/Errors/Error + RequestID; Query ErrorResponse/Error + RequestId; Route 53's
// ErrorResponse or InvalidChangeBatch; S3 <Error> (or no body); JSON __type + message.
AwsError ParseAwsError(Protocol protocol, const HttpResponse& response);

// The classification every layer relies on.
StatusCode ClassifyAwsError(std::string_view code, int http_status);

// True for the throttling codes of the SDK standard retry mode.
bool IsThrottlingCode(std::string_view code);
// True for codes that mean our clock is off (RequestTimeTooSkewed, RequestExpired, ...).
bool IsClockSkewError(const AwsError& error);

// True when EC2 or Auto Scaling refuses an instance profile it cannot see yet: IAM has not
// propagated a new profile (or its role) to EC2, which takes seconds. RunInstances answers
// InvalidParameterValue "Value (p) for parameter iamInstanceProfile.name is invalid. Invalid
// IAM Instance Profile name"; CreateAutoScalingGroup ValidationError "You must use a valid
// fully-formed launch template. ... Invalid IAM Instance Profile name" (launch configurations:
// "Invalid IamInstanceProfile: p"). AwsErrorStatus makes these NotYetConsistent, so the
// consumer is retried with backoff instead of every installer waiting a fixed time.
bool IsInstanceProfilePropagation(const AwsError& error);

// "<service>:<Operation>: <message>" with WithAws(code, http, request id) attached.
Status AwsErrorStatus(const Operation& op, const AwsError& error);

}  // namespace tectonic::aws
