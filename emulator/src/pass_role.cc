#include "pass_role.h"

#include "iam_eval.h"

namespace awsim {

PassRoleDenial CheckPassRole(Context& ctx, const std::string& profile) {
  if (!ctx.emu.options().enforce_iam || profile.empty()) return {};
  std::string name = profile.substr(profile.rfind('/') + 1);
  auto p = ctx.world.instance_profiles.find(name);
  if (p == ctx.world.instance_profiles.end()) return {};  // the handler reports it
  std::vector<std::string> policies = ctx.emu.PoliciesOf(ctx.caller);
  for (const auto& role_name : p->second.roles) {
    auto role = ctx.world.roles.find(role_name);
    if (role == ctx.world.roles.end()) continue;
    Decision d = Evaluate(policies, "iam:PassRole", role->second.arn);
    if (d != Decision::kAllowed) return {role->second.arn, d == Decision::kExplicitDeny};
  }
  return {};
}

std::string PassRoleMessage(const Context& ctx, const PassRoleDenial& denial) {
  return "User: " + ctx.caller.arn +
         " is not authorized to perform: iam:PassRole on resource: " + denial.role_arn +
         (denial.explicit_deny
              ? " with an explicit deny"
              : " because no identity-based policy allows the iam:PassRole action");
}

}  // namespace awsim
