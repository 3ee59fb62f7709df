// The IAM documents `tectonic policy` prints: the minimum identity policy for install, destroy
// and preflight, generated from the operation registry (aws/operations.def) so it cannot drift
// from the calls the code makes; and the STS trust policy that lets a principal assume a role.
// Pure functions over constant data; thread-safe.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace tectonic::preflight {

// Every IAM action the registry needs (iam_action + extra_actions), sorted and unique,
// grouped by service prefix ("ec2" -> {"ec2:CreateVpc", ...}).
std::map<std::string, std::set<std::string>> RequiredActionsByService();
// The same actions as one sorted, unique list.
std::vector<std::string> RequiredActions();

// The Resource of the statement for a service prefix: "*" unless a narrower pattern is safe
// without knowing the cluster name (docs/iam.md says why for each).
nlohmann::json StatementResource(std::string_view service_prefix);

// {"Version":"2012-10-17","Statement":[one Allow statement per service]}.
nlohmann::json MinimumPolicy();

// Kind of principal an ARN names (for trust policies and the IAM simulation).
enum class PrincipalKind { kAccountRoot, kUser, kRole, kAssumedRole };

struct PrincipalArn {
  std::string partition;  // aws, aws-cn, aws-us-gov
  std::string account;    // 12 digits
  PrincipalKind kind = PrincipalKind::kAccountRoot;
  std::string name;     // user or role name (without path); empty for the root
  std::string path;     // IAM path with slashes ("/" when none), users and roles
  std::string session;  // assumed-role session name
};

// Parses arn:<partition>:iam::<12 digits>:root | user/[path/]name | role/[path/]name and
// arn:<partition>:sts::<12 digits>:assumed-role/<role>/<session>. Fails with InvalidInput
// explaining the accepted shapes.
Result<PrincipalArn> ParsePrincipalArn(std::string_view arn);

// The principal ARN to give SimulatePrincipalPolicy for a caller: an assumed-role session
// arn:aws:sts::A:assumed-role/R/S is simulated as its role arn:aws:iam::A:role/R (IAM cannot
// simulate a session); users and roles are themselves; the root account cannot be simulated.
Result<std::string> SimulationArn(std::string_view caller_arn);

// The trust policy letting `principal_arn` (account root, user or role) call sts:AssumeRole;
// a non-empty external_id adds the sts:ExternalId condition.
Result<nlohmann::json> TrustPolicy(std::string_view principal_arn, const std::string& external_id);

// JSON text with 2-space indentation and a final newline (what the command prints).
std::string PolicyText(const nlohmann::json& document);

}  // namespace tectonic::preflight
