#include "preflight/policy.h"

#include <cctype>

#include "aws/operation.h"

namespace tectonic::preflight {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

void AddAction(std::map<std::string, std::set<std::string>>* by_service, std::string_view action) {
  action = Trim(action);
  if (action.empty()) return;
  auto colon = action.find(':');
  std::string prefix(action.substr(0, colon == std::string_view::npos ? 0 : colon));
  (*by_service)[prefix].insert(std::string(action));
}

bool IsAccount(std::string_view s) {
  if (s.size() != 12) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// IAM names: letters, digits and +=,.@_- (1-64 for users and roles).
bool IsIamName(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) &&
        std::string_view("+=,.@_-").find(c) == std::string_view::npos) {
      return false;
    }
  }
  return true;
}

Status BadArn(std::string_view arn, std::string_view why) {
  return Status::InvalidInput(
      "'" + std::string(arn) + "' is not a principal ARN (" + std::string(why) +
      "); expected arn:aws:iam::<12-digit account>:root, arn:aws:iam::<account>:user/<name> or "
      "arn:aws:iam::<account>:role/<name>");
}

}  // namespace

std::map<std::string, std::set<std::string>> RequiredActionsByService() {
  std::map<std::string, std::set<std::string>> by_service;
  for (const aws::Operation* op : aws::AllOperations()) {
    // The CloudFormation path's calls are not the direct path's (docs/cloudformation.md).
    if (op->service == &aws::services::kCloudFormation) continue;
    AddAction(&by_service, op->iam_action);
    std::string_view extra = op->extra_actions;
    while (!extra.empty()) {
      auto comma = extra.find(',');
      AddAction(&by_service, extra.substr(0, comma));
      if (comma == std::string_view::npos) break;
      extra.remove_prefix(comma + 1);
    }
  }
  return by_service;
}

std::vector<std::string> RequiredActions() {
  std::set<std::string> all;
  for (const auto& [service, actions] : RequiredActionsByService()) {
    all.insert(actions.begin(), actions.end());
  }
  return {all.begin(), all.end()};
}

nlohmann::json StatementResource(std::string_view service_prefix) {
  // IAM: every IAM call tectonic makes targets a role, an instance profile, the service-linked
  // roles (role/aws-service-role/...) or the calling user (SimulatePrincipalPolicy).
  // Policies, groups, identity providers and account settings stay out of reach.
  if (service_prefix == "iam") {
    return nlohmann::json::array(
        {"arn:aws:iam::*:role/*", "arn:aws:iam::*:instance-profile/*", "arn:aws:iam::*:user/*"});
  }
  return "*";
}

// IAM listings that name no role or profile (ListRoles has no resource type at all): AWS
// authorises them on "*", so the narrowed iam statement would refuse them.
const std::set<std::string>& AccountWideIamActions() {
  static const std::set<std::string> actions = {"iam:ListInstanceProfiles", "iam:ListRoles"};
  return actions;
}

nlohmann::json MinimumPolicy() {
  nlohmann::json statements = nlohmann::json::array();
  for (auto [service, actions] : RequiredActionsByService()) {
    std::vector<std::string> listings;
    if (service == "iam") {
      for (const auto& action : AccountWideIamActions()) {
        if (actions.erase(action)) listings.push_back(action);
      }
    }
    std::string sid = "Tectonic";
    bool upper = true;
    for (char c : service) {
      if (!std::isalnum(static_cast<unsigned char>(c))) {
        upper = true;
        continue;
      }
      sid += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
      upper = false;
    }
    nlohmann::json statement = nlohmann::json::object();
    statement["Sid"] = sid;
    statement["Effect"] = "Allow";
    statement["Action"] = nlohmann::json(std::vector<std::string>(actions.begin(), actions.end()));
    statement["Resource"] = StatementResource(service);
    statements.push_back(std::move(statement));
    if (!listings.empty()) {
      statements.push_back({{"Sid", sid + "Listings"},
                            {"Effect", "Allow"},
                            {"Action", listings},
                            {"Resource", "*"}});
    }
  }
  nlohmann::json policy = nlohmann::json::object();
  policy["Version"] = "2012-10-17";
  policy["Statement"] = std::move(statements);
  return policy;
}

Result<PrincipalArn> ParsePrincipalArn(std::string_view arn) {
  // arn:partition:service:region:account:resource
  std::vector<std::string_view> parts;
  std::string_view rest = arn;
  for (int i = 0; i < 5; ++i) {
    auto colon = rest.find(':');
    if (colon == std::string_view::npos) return BadArn(arn, "too few ':' separated fields");
    parts.push_back(rest.substr(0, colon));
    rest.remove_prefix(colon + 1);
  }
  parts.push_back(rest);
  if (parts[0] != "arn") return BadArn(arn, "it does not start with 'arn:'");
  PrincipalArn out;
  out.partition = std::string(parts[1]);
  if (out.partition != "aws" && out.partition != "aws-cn" && out.partition != "aws-us-gov") {
    return BadArn(arn, "unknown partition '" + out.partition + "'");
  }
  if (!parts[3].empty()) return BadArn(arn, "IAM ARNs have no region");
  if (!IsAccount(parts[4])) return BadArn(arn, "the account must be 12 digits");
  out.account = std::string(parts[4]);
  std::string_view resource = parts[5];
  if (parts[2] == "sts") {
    constexpr std::string_view kAssumed = "assumed-role/";
    if (resource.substr(0, kAssumed.size()) != kAssumed) {
      return BadArn(arn, "an sts ARN must be assumed-role/<role>/<session>");
    }
    resource.remove_prefix(kAssumed.size());
    auto slash = resource.find('/');
    if (slash == std::string_view::npos || !IsIamName(resource.substr(0, slash)) ||
        resource.size() == slash + 1) {
      return BadArn(arn, "an sts ARN must be assumed-role/<role>/<session>");
    }
    out.kind = PrincipalKind::kAssumedRole;
    out.name = std::string(resource.substr(0, slash));
    out.session = std::string(resource.substr(slash + 1));
    out.path = "/";
    return out;
  }
  if (parts[2] != "iam") return BadArn(arn, "the service must be iam");
  if (resource == "root") {
    out.kind = PrincipalKind::kAccountRoot;
    return out;
  }
  std::string_view type;
  if (resource.substr(0, 5) == "user/") {
    out.kind = PrincipalKind::kUser;
    type = "user/";
  } else if (resource.substr(0, 5) == "role/") {
    out.kind = PrincipalKind::kRole;
    type = "role/";
  } else {
    return BadArn(arn, "the resource must be root, user/<name> or role/<name>");
  }
  resource.remove_prefix(type.size());
  auto last = resource.rfind('/');
  std::string_view name = last == std::string_view::npos ? resource : resource.substr(last + 1);
  out.path = last == std::string_view::npos ? "/" : "/" + std::string(resource.substr(0, last + 1));
  if (!IsIamName(name)) {
    return BadArn(arn, "the name must be 1-64 of letters, digits and +=,.@_-");
  }
  out.name = std::string(name);
  return out;
}

Result<std::string> SimulationArn(std::string_view caller_arn) {
  TECTONIC_ASSIGN_OR_RETURN(PrincipalArn p, ParsePrincipalArn(caller_arn));
  switch (p.kind) {
    case PrincipalKind::kAssumedRole:
      return "arn:" + p.partition + ":iam::" + p.account + ":role/" + p.name;
    case PrincipalKind::kUser:
    case PrincipalKind::kRole:
      return std::string(caller_arn);
    case PrincipalKind::kAccountRoot:
      break;
  }
  return Status::InvalidInput(
      "the account root user cannot be simulated by IAM; run tectonic as an IAM user or role");
}

Result<nlohmann::json> TrustPolicy(std::string_view principal_arn, const std::string& external_id) {
  TECTONIC_ASSIGN_OR_RETURN(PrincipalArn p, ParsePrincipalArn(principal_arn));
  if (p.kind == PrincipalKind::kAssumedRole) {
    return Status::InvalidInput("'" + std::string(principal_arn) +
                                "' is a temporary session; trust its role instead: arn:" +
                                p.partition + ":iam::" + p.account + ":role/" + p.name);
  }
  nlohmann::json statement = nlohmann::json::object();
  statement["Effect"] = "Allow";
  statement["Principal"] = {{"AWS", std::string(principal_arn)}};
  statement["Action"] = "sts:AssumeRole";
  if (!external_id.empty()) {
    statement["Condition"] = {{"StringEquals", {{"sts:ExternalId", external_id}}}};
  }
  nlohmann::json policy = nlohmann::json::object();
  policy["Version"] = "2012-10-17";
  policy["Statement"] = nlohmann::json::array({statement});
  return policy;
}

std::string PolicyText(const nlohmann::json& document) { return document.dump(2) + "\n"; }

}  // namespace tectonic::preflight
