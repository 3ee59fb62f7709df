// The IAM policy `tectonic policy --via cloudformation [--role-arn ARN]` prints: what the
// caller of `create cluster --via cloudformation` (and its destroy) needs.
// With a service role, CloudFormation creates the stack's resources with the role's rights, so
// the caller needs the stack calls on tectonic-* stacks, iam:PassRole on that role, the
// pre-stack part (KMS key and alias, bucket and objects, tags on a borrowed VPC) and the reads
// of preflight and of destroy's sweep. Without a role the stack acts with the caller's rights:
// the direct path's policy plus the stack calls.
// Pure functions over the operation registry; thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace tectonic::preflight {

nlohmann::json StackPolicy(const std::string& role_arn);

}  // namespace tectonic::preflight
