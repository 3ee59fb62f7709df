#include "preflight/stack_policy.h"

#include <set>
#include <string_view>

#include "aws/operation.h"
#include "preflight/policy.h"

namespace tectonic::preflight {
namespace {

// Services the pre-stack part and preflight call with their full action lists.
bool PreStackService(std::string_view prefix) {
  return prefix == "kms" || prefix == "s3" || prefix == "sts" || prefix == "tag" ||
         prefix == "servicequotas";
}

// Reads (preflight, status, the sweep's proof) and the shared tag on a borrowed VPC.
bool ReadOrSharedTag(std::string_view action) {
  auto colon = action.find(':');
  std::string_view name = action.substr(colon + 1);
  for (std::string_view prefix : {"Describe", "List", "Get", "Simulate"}) {
    if (name.starts_with(prefix)) return true;
  }
  return action == "ec2:CreateTags" || action == "ec2:DeleteTags";
}

nlohmann::json StackStatement() {
  std::set<std::string> actions;
  for (const aws::Operation* op : aws::AllOperations()) {
    if (op->service == &aws::services::kCloudFormation) actions.insert(std::string(op->iam_action));
  }
  return {{"Sid", "TectonicStack"},
          {"Effect", "Allow"},
          {"Action", std::vector<std::string>(actions.begin(), actions.end())},
          {"Resource", "arn:aws:cloudformation:*:*:stack/tectonic-*/*"}};
}

}  // namespace

nlohmann::json StackPolicy(const std::string& role_arn) {
  nlohmann::json policy = MinimumPolicy();
  nlohmann::json& statements = policy["Statement"];
  if (!role_arn.empty()) {
    nlohmann::json kept = nlohmann::json::array();
    for (auto statement : statements) {
      const std::string action = statement["Action"][0];
      const std::string prefix = action.substr(0, action.find(':'));
      if (!PreStackService(prefix)) {
        nlohmann::json narrowed = nlohmann::json::array();
        for (const auto& a : statement["Action"]) {
          if (ReadOrSharedTag(a.get<std::string>())) narrowed.push_back(a);
        }
        if (narrowed.empty()) continue;
        statement["Action"] = std::move(narrowed);
      }
      kept.push_back(std::move(statement));
    }
    statements = std::move(kept);
    statements.push_back(
        {{"Sid", "TectonicPassStackRole"},
         {"Effect", "Allow"},
         {"Action", nlohmann::json::array({"iam:PassRole"})},
         {"Resource", role_arn},
         {"Condition",
          {{"StringEquals", {{"iam:PassedToService", "cloudformation.amazonaws.com"}}}}}});
  }
  statements.push_back(StackStatement());
  return policy;
}

}  // namespace tectonic::preflight
