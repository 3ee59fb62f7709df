// iam:PassRole as AWS checks it when a call hands a role to EC2 through an instance profile:
// RunInstances naming a profile, CreateAutoScalingGroup with a launch template naming one (the
// group launches with the creator's permissions). CreateLaunchTemplate is not checked: AWS
// documents that what a template names is authorised when the template is used.
// Only with --enforce-iam; call with World::mu held.
#pragma once

#include <string>

#include "server.h"

namespace awsim {

struct PassRoleDenial {
  std::string role_arn;  // "" when every role of the profile may be passed
  bool explicit_deny = false;
};

// Whether the caller may pass each role of the instance profile (name, or ARN).
PassRoleDenial CheckPassRole(Context& ctx, const std::string& profile);

// "User: <arn> is not authorized to perform: iam:PassRole on resource: <role> because ..."
std::string PassRoleMessage(const Context& ctx, const PassRoleDenial& denial);

}  // namespace awsim
