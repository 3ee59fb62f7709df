// The wizard's step checks and look-ups (docs/gui-api.md, "Endpoints"). Every rule is the
// CLI's: the offline rules of cluster.yaml (model::LoadClusterYaml on the draft rendered as
// cluster.yaml), the preflight checks of the step (preflight::RunPreflight with `only`), the
// assets' CA and password rules. A step that passes is committed to the draft and written to
// cluster.yaml; one that fails changes nothing. Each answers the contract's
// {"ok", "errors": [{"field", "message"}], ...data}.
// Thread safety: each function may run concurrently with others; the session locks.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "gui/session.h"
#include "model/cluster_config.h"
#include "preflight/check.h"

namespace tectonic::gui {

using Json = nlohmann::json;

// A request the server must refuse with 4xx ({"error": message}), not a failed check.
struct RequestError {
  int status = 400;
  std::string message;
};

struct FieldError {
  std::string field;    // the wizard's field name: "name", "vpc.cidr", "workerSubnets[1]"
  std::string message;  // what, and how to fix
};

// {"ok": errors.empty(), "errors": [...]} merged with data.
Json StepAnswer(const std::vector<FieldError>& errors, Json data = Json::object());

// model field prefix -> wizard field prefix ("aws.vpc.masterSubnets" -> "masterSubnets").
using FieldMap = std::vector<std::pair<std::string, std::string>>;

// The offline rules of cluster.yaml on `candidate` (rendered exactly as it would be written),
// keeping only the errors of fields in `fields`, renamed to the wizard's names.
std::vector<FieldError> OfflineErrors(const model::ClusterConfig& candidate,
                                      const std::filesystem::path& dir, const FieldMap& fields,
                                      bool check_files = false);

// Runs the preflight checks `ids` (and what they depend on) as the user against `candidate`;
// each failed check becomes an error on field_for(id). `report` receives the whole report.
std::vector<FieldError> PreflightErrors(
    const WizardSession& session, const model::ClusterConfig& candidate,
    const std::vector<std::string>& ids,
    const std::function<std::string(const std::string&)>& field_for,
    preflight::PreflightReport* report = nullptr);

// Step checks (POST). Throw RequestError for a malformed body (wrong JSON types: the server
// also maps nlohmann exceptions to 400).
Json CheckCredentialsStep(WizardSession& session, const Json& body);
Json CheckRegionStep(WizardSession& session, const Json& body);
Json CheckClusterStep(WizardSession& session, const Json& body);
Json CheckLicenseStep(WizardSession& session, const Json& body);
Json CheckPullSecretStep(WizardSession& session, const Json& body);
Json CheckCaStep(WizardSession& session, const Json& body);
Json CheckSshKeyStep(WizardSession& session, const Json& body);
Json CheckKmsStep(WizardSession& session, const Json& body);
Json CheckNodesStep(WizardSession& session, const Json& body);
Json CheckNetworkingStep(WizardSession& session, const Json& body);
Json CheckConsoleStep(WizardSession& session, const Json& body);
Json ReviewStep(WizardSession& session);

// Look-ups (GET). Throw RequestError 409 without credentials; AWS failures answer
// {"error": ...} with 502 through RequestError.
// {"profiles": [...], "selected": `tectonic gui --profile` or AWS_PROFILE, else ""}.
Json ListProfiles(const WizardSession& session);
Json ListRegions(const WizardSession& session);
Json ListHostedZones(const WizardSession& session);
Json ListKeyPairs(const WizardSession& session);
Json ListKmsKeys(const WizardSession& session);
Json ListInstanceTypes(const WizardSession& session);
Json ListVpcs(const WizardSession& session);

}  // namespace tectonic::gui
