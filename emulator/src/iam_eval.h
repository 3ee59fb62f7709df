// IAM identity-policy evaluation: Allow/Deny statements with Action/NotAction and
// Resource/NotResource, `*` and `?` wildcards, case-insensitive actions; explicit Deny wins.
// Conditions, permission boundaries, SCPs and resource policies are not modelled.
// Pure functions; thread safe.
#pragma once

#include <string>
#include <vector>

namespace awsim {

enum class Decision { kAllowed, kImplicitDeny, kExplicitDeny };

const char* DecisionName(Decision d);  // "allowed" | "implicitDeny" | "explicitDeny"

// Glob match with `*` (any run) and `?` (one char).
bool WildcardMatch(const std::string& pattern, const std::string& value, bool ignore_case);

// Evaluates `action` ("ec2:RunInstances") on `resource` (an ARN or "*") against the policy
// documents (JSON text). A document that does not parse counts as granting nothing.
Decision Evaluate(const std::vector<std::string>& documents, const std::string& action,
                  const std::string& resource);

// Checks that a policy document is well-formed enough to store (Version, Statement, Effect).
bool ValidPolicyDocument(const std::string& document, std::string* reason);

}  // namespace awsim
