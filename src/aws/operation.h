// Operation: one AWS API call the installer makes, with the IAM action(s) it needs.
// Every operation lives in operations.def, the single registry from which `tectonic policy`
// prints the minimum IAM policy: the policy cannot drift from the code that calls AWS.
#pragma once

#include <span>
#include <string_view>

#include "aws/service.h"

namespace tectonic::aws {

struct Operation {
  const Service* service;
  std::string_view name;           // "CreateVpc"
  std::string_view iam_action;     // "ec2:CreateVpc"
  std::string_view extra_actions;  // comma-separated further actions it needs ("iam:PassRole")
};

namespace ops {
#define TECTONIC_AWS_OPERATION(service, name, action, extra) \
  extern const Operation k##service##name;
#include "aws/operations.def"
#undef TECTONIC_AWS_OPERATION
}  // namespace ops

// Every registered operation, in registry order.
std::span<const Operation* const> AllOperations();

}  // namespace tectonic::aws
