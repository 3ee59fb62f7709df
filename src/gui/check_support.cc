// Shared by the step checks: the contract's answer shape, the offline rules filtered to a
// step's fields, and preflight checks run as the user.
#include <fmt/format.h>

#include "gui/checks.h"
#include "model/config_loader.h"
#include "model/starter_config.h"
#include "preflight/preflight.h"
#include "util/redact.h"

namespace tectonic::gui {
namespace {

// "aws.vpc.masterSubnets[1]" under prefix "aws.vpc.masterSubnets" -> "[1]"; nullopt when the
// field is not under the prefix.
std::optional<std::string> Under(const std::string& field, const std::string& prefix) {
  if (field.rfind(prefix, 0) != 0) return std::nullopt;
  std::string rest = field.substr(prefix.size());
  if (rest.empty() || rest[0] == '.' || rest[0] == '[') return rest;
  return std::nullopt;
}

}  // namespace

Json StepAnswer(const std::vector<FieldError>& errors, Json data) {
  Json list = Json::array();
  for (const auto& e : errors) {
    list.push_back({{"field", e.field}, {"message", Redact(e.message)}});
  }
  data["ok"] = errors.empty();
  data["errors"] = std::move(list);
  return data;
}

std::vector<FieldError> OfflineErrors(const model::ClusterConfig& candidate,
                                      const std::filesystem::path& dir, const FieldMap& fields,
                                      bool check_files) {
  std::vector<model::ConfigError> errors;
  (void)model::LoadClusterYaml(model::RenderClusterConfig(candidate), "cluster.yaml", dir,
                               model::LoadOptions{.check_files = check_files}, &errors);
  std::vector<FieldError> out;
  for (const auto& e : errors) {
    for (const auto& [prefix, wizard] : fields) {
      if (auto rest = Under(e.field, prefix)) {
        std::string message = e.message;
        if (!e.fix.empty()) message += "; fix: " + e.fix;
        out.push_back({wizard + *rest, std::move(message)});
        break;
      }
    }
  }
  return out;
}

std::vector<FieldError> PreflightErrors(
    const WizardSession& session, const model::ClusterConfig& candidate,
    const std::vector<std::string>& ids,
    const std::function<std::string(const std::string&)>& field_for,
    preflight::PreflightReport* report_out) {
  auto aws = session.OpenAws(candidate.aws.region);
  if (!aws.ok()) return {{field_for(ids.front()), aws.status().message()}};
  model::LoadedConfig loaded{candidate, session.dir(), session.dir() / "cluster.yaml"};
  preflight::PreflightOptions options;
  options.only = ids;
  preflight::PreflightReport report = preflight::RunPreflight(loaded, *aws->client, options);
  std::vector<FieldError> out;
  for (const auto& r : report.results) {
    if (r.state != preflight::CheckState::kFail) continue;
    std::string message = r.summary;
    if (!r.fix.empty()) message += "; fix: " + r.fix;
    out.push_back({field_for(r.id), std::move(message)});
  }
  if (report_out) *report_out = std::move(report);
  return out;
}

}  // namespace tectonic::gui
