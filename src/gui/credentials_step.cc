// Step 1: credentials (verified live with GetCallerIdentity through preflight's credentials
// check, expiry included) and the region (preflight's region and zones checks).
#include <fmt/format.h>

#include <algorithm>

#include "aws/assume_role_provider.h"
#include "aws/ec2.h"
#include "aws/profile_files.h"
#include "gui/checks.h"
#include "preflight/preflight.h"

namespace tectonic::gui {
namespace {

// The install's expected length, as `create cluster --expected-install-minutes` defaults.
constexpr std::chrono::minutes kExpectedInstall{45};

bool HasOuterSpace(const std::string& s) {
  return !s.empty() && (std::isspace(static_cast<unsigned char>(s.front())) ||
                        std::isspace(static_cast<unsigned char>(s.back())));
}

// Which field a failed credentials check is about, from preflight's explanation.
std::string CredentialField(const TypedCredentials& c, const std::string& summary) {
  if (c.mode == "profile") return "profile";
  if (summary.find("secret key does not match") != std::string::npos) return "secretAccessKey";
  if (summary.find("expire") != std::string::npos) return "sessionToken";
  return "accessKeyId";
}

// "2026-01-01T12:00:00Z", "...+02:00" (aws sts output) or "2026-01-01 12:00:00+00:00" (a
// Python datetime printed): the offset is applied.
std::optional<std::chrono::system_clock::time_point> ParseExpiry(std::string text) {
  if (text.size() > 10 && text[10] == ' ') text[10] = 'T';
  auto t = aws::ParseIso8601(text);
  if (!t || text.size() < 25) return t;
  std::string offset = text.substr(text.size() - 6);  // "+02:00"
  auto digit = [&offset](size_t i) { return std::isdigit(static_cast<unsigned char>(offset[i])); };
  if ((offset[0] != '+' && offset[0] != '-') || offset[3] != ':' || !digit(1) || !digit(2) ||
      !digit(4) || !digit(5)) {
    return t;
  }
  int minutes = std::stoi(offset.substr(1, 2)) * 60 + std::stoi(offset.substr(4, 2));
  return *t - std::chrono::minutes(offset[0] == '+' ? minutes : -minutes);
}

}  // namespace

Json CheckCredentialsStep(WizardSession& session, const Json& body) {
  const uint64_t ticket = session.Ticket("credentials-keys");
  TypedCredentials c;
  c.mode = body.value("mode", std::string("static"));
  c.access_key_id = body.value("accessKeyId", std::string());
  c.secret_access_key = body.value("secretAccessKey", std::string());
  c.session_token = body.value("sessionToken", std::string());
  c.profile = body.value("profile", std::string());
  std::string expiration = body.value("expiration", std::string());
  if (c.mode != "static" && c.mode != "temporary" && c.mode != "profile") {
    throw RequestError{400, "mode must be static, temporary or profile"};
  }
  std::vector<FieldError> errors;
  if (c.mode == "profile") {
    auto files = aws::LoadProfileFiles(aws::ProcessEnv());
    if (c.profile.empty()) {
      errors.push_back({"profile", "pick a profile from ~/.aws/credentials or ~/.aws/config"});
    } else if (files.ok() && files->Find(c.profile) == nullptr) {
      errors.push_back(
          {"profile", fmt::format("there is no profile '{}' in {} or {}; fix: pick "
                                  "one of the listed profiles",
                                  c.profile, files->credentials_path, files->config_path)});
    }
  } else {
    if (c.access_key_id.empty()) {
      errors.push_back({"accessKeyId", "the access key ID is required (AKIA... or ASIA...)"});
    } else if (HasOuterSpace(c.access_key_id) || c.access_key_id.find('@') != std::string::npos) {
      errors.push_back({"accessKeyId",
                        "the access key ID has spaces around it or an '@' (an email is not a "
                        "key); fix: copy it again from the IAM console"});
    }
    if (c.secret_access_key.empty()) {
      errors.push_back({"secretAccessKey", "the secret access key is required"});
    } else if (HasOuterSpace(c.secret_access_key)) {
      errors.push_back(
          {"secretAccessKey", "the secret access key has spaces around it; fix: copy it again"});
    }
    if (c.mode == "temporary" && c.session_token.empty()) {
      errors.push_back({"sessionToken", "temporary credentials need their session token"});
    }
    if (c.mode == "static") c.session_token.clear();
    if (!expiration.empty()) {
      c.expiration = ParseExpiry(expiration);
      if (!c.expiration) {
        errors.push_back({"expiration",
                          "the expiry must be an ISO 8601 time like "
                          "2026-01-01T12:00:00Z (aws sts prints it)"});
      }
    }
  }
  if (!errors.empty()) return StepAnswer(errors);

  model::ClusterConfig draft = session.Draft();
  AwsAccess access = AccessFor(c, session.base(), draft.aws.region);
  auto aws = aws::OpenSession(access.settings, access.env);
  if (!aws.ok()) {
    return StepAnswer({{c.mode == "profile" ? "profile" : "accessKeyId", aws.status().message()}});
  }
  model::LoadedConfig loaded{draft, session.dir(), session.dir() / "cluster.yaml"};
  preflight::PreflightOptions options;
  options.only = {"credentials"};
  options.expected_install_time = kExpectedInstall;
  preflight::PreflightReport report = preflight::RunPreflight(loaded, *aws->client, options);
  const preflight::CheckResult* check = report.Find("credentials");

  Identity identity;
  identity.account = report.facts.account_id;
  identity.arn = report.facts.caller_arn;
  auto used = aws->client->credentials().Get();
  if (used.ok() && !used->session_token.empty()) {
    identity.expiration = used->expiration;
    if (used->expiration) {
      identity.outlasts_install =
          *used->expiration >= std::chrono::system_clock::now() + kExpectedInstall;
    }
  }
  Json data = {{"identity",
                {{"account", identity.account},
                 {"arn", identity.arn},
                 {"expiration",
                  identity.expiration ? Json(FormatIso8601(*identity.expiration)) : Json(nullptr)},
                 {"outlastsInstall",
                  identity.outlasts_install ? Json(*identity.outlasts_install) : Json(nullptr)}}}};
  if (check == nullptr || check->state == preflight::CheckState::kFail) {
    std::string message = check ? check->summary + "; fix: " + check->fix : "not checked";
    return StepAnswer({{CredentialField(c, check ? check->summary : ""), message}}, data);
  }
  if (check->state == preflight::CheckState::kWarn) data["warning"] = check->summary;
  session.SetCredentials(ticket, std::move(c), std::move(identity));
  return StepAnswer({}, std::move(data));
}

Json CheckRegionStep(WizardSession& session, const Json& body) {
  const uint64_t ticket = session.Ticket("credentials");
  model::ClusterConfig candidate = session.Draft();
  std::string region = body.value("region", std::string());
  bool changed = region != candidate.aws.region;
  candidate.aws.region = region;
  if (changed) candidate.aws.zones.clear();  // the old region's zones mean nothing here
  std::vector<FieldError> errors =
      OfflineErrors(candidate, session.dir(), {{"aws.region", "region"}});
  if (!errors.empty()) return StepAnswer(errors);
  if (!session.HasCredentials()) throw RequestError{409, "check the credentials first"};
  preflight::PreflightReport report;
  errors = PreflightErrors(
      session, candidate, {"region", "zones"}, [](const std::string&) { return "region"; },
      &report);
  Json data = {{"zones", report.facts.zones}};
  if (!errors.empty()) return StepAnswer(errors, data);
  std::vector<std::string> zones =
      candidate.aws.zones.empty() ? report.facts.zones : candidate.aws.zones;
  Status committed = session.Commit("credentials", ticket, [&](model::ClusterConfig& c) {
    c.aws.region = region;
    c.aws.zones = zones;
  });
  if (!committed.ok()) return StepAnswer({{"region", committed.message()}}, data);
  data["zones"] = zones;
  return StepAnswer({}, std::move(data));
}

Json ListProfiles(const WizardSession& session) {
  auto files = aws::LoadProfileFiles(aws::ProcessEnv());
  Json names = Json::array();
  if (files.ok()) {
    for (const auto& [name, values] : files->profiles) names.push_back(name);
  }
  std::string selected = session.base().profile;
  if (selected.empty()) selected = aws::ProcessEnv()("AWS_PROFILE").value_or("");
  return {{"profiles", names}, {"selected", selected}};
}

}  // namespace tectonic::gui
