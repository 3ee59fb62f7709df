// `tectonic policy`: prints the minimum IAM policy for install, destroy and preflight, built
// from the operation registry; `--trust ARN [--external-id X]` prints the STS trust policy that
// lets that principal assume a role instead. Offline; writes nothing.
#include <iostream>
#include <memory>
#include <string>

#include "cli/command.h"
#include "preflight/policy.h"
#include "preflight/stack_policy.h"

namespace tectonic::cli {
namespace {

struct PolicyFlags {
  std::string trust;
  std::string external_id;
  std::string via = "api";  // api | cloudformation
  std::string role_arn;     // --via cloudformation: the stack's service role
};

int RunPolicy(const PolicyFlags& flags) {
  if (flags.trust.empty()) {
    if (!flags.external_id.empty()) {
      std::cerr << "tectonic policy: --external-id needs --trust <principal-arn>\n";
      return kExitBadInput;
    }
    if (flags.via == "cloudformation") {
      std::cout << preflight::PolicyText(preflight::StackPolicy(flags.role_arn));
      return kExitOk;
    }
    if (!flags.role_arn.empty()) {
      std::cerr << "tectonic policy: --role-arn needs --via cloudformation\n";
      return kExitBadInput;
    }
    std::cout << preflight::PolicyText(preflight::MinimumPolicy());
    return kExitOk;
  }
  auto trust = preflight::TrustPolicy(flags.trust, flags.external_id);
  if (!trust.ok()) {
    std::cerr << "tectonic policy: --trust: " << trust.status().message() << "\n";
    return kExitBadInput;
  }
  std::cout << preflight::PolicyText(*trust);
  return kExitOk;
}

}  // namespace

void AddPolicyCommand(CLI::App& parent, const GlobalOptions& globals, int* exit_code) {
  (void)globals;  // the output is JSON either way
  auto* cmd = parent.add_subcommand(
      "policy", "print the minimum IAM policy (install, destroy, preflight), or a trust policy");
  auto flags = std::make_shared<PolicyFlags>();
  cmd->add_option("--trust", flags->trust,
                  "print the trust policy letting this principal ARN (account root, user or "
                  "role) assume a role instead");
  cmd->add_option("--external-id", flags->external_id, "with --trust: require this sts:ExternalId");
  cmd->add_option("--via", flags->via,
                  "api (default) or cloudformation: the policy for create --via cloudformation")
      ->check(CLI::IsMember({"api", "cloudformation"}));
  cmd->add_option("--role-arn", flags->role_arn,
                  "with --via cloudformation: the stack's service role (the caller then needs "
                  "only the stack calls, iam:PassRole on it and the pre-stack part)");
  cmd->callback([flags, exit_code] { *exit_code = RunPolicy(*flags); });
}

}  // namespace tectonic::cli
