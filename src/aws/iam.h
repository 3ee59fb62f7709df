// Iam: typed IAM calls for node roles, inline policies, instance profiles, the permission
// preflight (SimulatePrincipalPolicy) and the caller's user. IAM is global and eventually
// consistent: a role may be invisible for seconds after creation (the caller retries).
// Policy documents come back URL-decoded. List calls follow Marker/IsTruncated to the end.
// Thread safety: as safe as the AwsClient it wraps.
#pragma once

#include <string>
#include <vector>

#include "aws/client.h"
#include "aws/types.h"
#include "util/result.h"

namespace tectonic::aws {

struct Role {
  std::string name;
  std::string id;  // AROA...
  std::string arn;
  std::string path;
  std::string assume_role_policy;  // JSON text, decoded
  std::string description;
  std::string create_date;
  Tags tags;
};

struct CreateRoleInput {
  std::string name;
  std::string path = "/";
  std::string assume_role_policy;  // JSON text
  std::string description;
  Tags tags;
};

struct InstanceProfile {
  std::string name;
  std::string id;  // AIPA...
  std::string arn;
  std::string path;
  std::vector<std::string> role_names;
  Tags tags;
};

struct CreateInstanceProfileInput {
  std::string name;
  std::string path = "/";
  Tags tags;
};

// One (action, resource) verdict: decision is allowed | explicitDeny | implicitDeny.
struct SimulationResult {
  std::string action;
  std::string resource;
  std::string decision;
  bool allowed() const { return decision == "allowed"; }
};

class Iam {
 public:
  explicit Iam(AwsClient& client) : client_(client) {}

  Result<Role> CreateRole(const CreateRoleInput& input);
  Result<Role> GetRole(const std::string& name);
  Status DeleteRole(const std::string& name);
  Status TagRole(const std::string& name, const Tags& tags);

  // Inline policies: overwrite, read (decoded JSON text), list names, delete.
  Status PutRolePolicy(const std::string& role, const std::string& policy_name,
                       const std::string& document);
  Result<std::string> GetRolePolicy(const std::string& role, const std::string& policy_name);
  Result<std::vector<std::string>> ListRolePolicies(const std::string& role);
  Status DeleteRolePolicy(const std::string& role, const std::string& policy_name);

  Result<InstanceProfile> CreateInstanceProfile(const CreateInstanceProfileInput& input);
  Result<InstanceProfile> GetInstanceProfile(const std::string& name);
  Status AddRoleToInstanceProfile(const std::string& profile, const std::string& role);
  Status RemoveRoleFromInstanceProfile(const std::string& profile, const std::string& role);
  Status DeleteInstanceProfile(const std::string& name);
  Result<std::vector<InstanceProfile>> ListInstanceProfilesForRole(const std::string& role);

  // Every (action x resource) verdict for the principal (user or role ARN); resource_arns
  // empty means "*".
  Result<std::vector<SimulationResult>> SimulatePrincipalPolicy(
      const std::string& policy_source_arn, const std::vector<std::string>& actions,
      const std::vector<std::string>& resource_arns = {});

 private:
  AwsClient& client_;
};

}  // namespace tectonic::aws
