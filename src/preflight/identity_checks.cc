// credentials (STS GetCallerIdentity + expiry) and iam-permissions (SimulatePrincipalPolicy).
#include <fmt/format.h>

#include <algorithm>

#include "aws/xml_util.h"
#include "preflight/checks.h"
#include "preflight/policy.h"

namespace tectonic::preflight {
namespace {

// Lends the run's credentials to a second client without owning them.
class BorrowedCredentials : public aws::CredentialsProvider {
 public:
  explicit BorrowedCredentials(aws::CredentialsProvider& inner) : inner_(inner) {}
  Result<aws::Credentials> Get() override { return inner_.Get(); }

 private:
  aws::CredentialsProvider& inner_;
};

std::string Minutes(std::chrono::system_clock::duration d) {
  auto m = std::chrono::duration_cast<std::chrono::minutes>(d).count();
  if (m < 0) return fmt::format("expired {} min ago", -m);
  return fmt::format("{} min left", m);
}

}  // namespace

CheckResult AwsFailure(const std::string& what, const Status& status) {
  const std::string& code = status.aws_code();
  std::string summary = what + ": " + status.message();
  if (code == "InvalidClientTokenId" || code == "UnrecognizedClientException") {
    return CheckResult::Fail(summary + " (the access key id is unknown to AWS)",
                             "check AWS_ACCESS_KEY_ID / the profile's aws_access_key_id: the "
                             "key may be deleted, inactive, or from another partition");
  }
  if (code == "SignatureDoesNotMatch" || code == "IncompleteSignature") {
    return CheckResult::Fail(summary + " (the secret key does not match the access key)",
                             "check AWS_SECRET_ACCESS_KEY / aws_secret_access_key (copy it again, "
                             "without spaces), and that the system clock is correct");
  }
  if (code == "ExpiredToken" || code == "ExpiredTokenException" || code == "RequestExpired" ||
      code == "TokenRefreshRequired") {
    return CheckResult::Fail(summary + " (the session token has expired)",
                             "get fresh temporary credentials (aws sts assume-role ...) and "
                             "export AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN");
  }
  if (status.code() == StatusCode::kPermissionDenied || code == "AccessDenied" ||
      code == "UnauthorizedOperation" || code == "AccessDeniedException") {
    return CheckResult::Fail(summary + " (permission denied)",
                             "attach the policy printed by `tectonic policy` to the identity "
                             "tectonic runs as (see docs/iam.md)");
  }
  return CheckResult::Fail(summary,
                           "check AWS_ENDPOINT_URL, the network and the region, then re-run");
}

CheckResult EvaluateCredentialExpiry(const aws::Credentials& credentials,
                                     std::chrono::system_clock::time_point now,
                                     std::chrono::minutes expected) {
  if (credentials.session_token.empty()) {
    return CheckResult::Pass("long-term access key (no expiry)");
  }
  const std::string fix = fmt::format(
      "get temporary credentials that last at least {} min (aws sts assume-role "
      "--duration-seconds {}), or use a profile with role_arn + source_profile so tectonic "
      "refreshes them itself (docs/iam.md)",
      expected.count(), std::max<long>(3600, static_cast<long>(expected.count()) * 60 + 900));
  if (!credentials.expiration) {
    return CheckResult::Warn(
        "temporary credentials (session token) of unknown expiry",
        "make sure they last " + std::to_string(expected.count()) +
            " min, or use a profile with role_arn + source_profile so tectonic refreshes them "
            "itself (docs/iam.md)");
  }
  auto left = *credentials.expiration - now;
  if (*credentials.expiration < now + expected) {
    return CheckResult::Fail(
        fmt::format("temporary credentials expire before the install ends: {}, the install "
                    "takes about {} min",
                    Minutes(left), expected.count()),
        fix);
  }
  return CheckResult::Pass("temporary credentials, " + Minutes(left));
}

CheckResult CheckCredentials(CheckContext& ctx) {
  auto creds = ctx.client().credentials().Get();
  if (!creds.ok()) {
    return CheckResult::Fail("no usable AWS credentials: " + creds.status().message(),
                             "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and "
                             "AWS_SESSION_TOKEN for temporary ones) or AWS_PROFILE");
  }
  auto response = ctx.client().Query(aws::ops::kStsGetCallerIdentity, aws::FormParams());
  if (!response.ok()) return AwsFailure("sts:GetCallerIdentity", response.status());
  pugi::xml_node result = response->result();
  std::string account = aws::xml::Text(result, "Account");
  std::string arn = aws::xml::Text(result, "Arn");
  ctx.UpdateFacts([&](PreflightFacts& f) {
    f.account_id = account;
    f.caller_arn = arn;
  });
  CheckResult expiry =
      EvaluateCredentialExpiry(*creds, ctx.clock().Now(), ctx.options().expected_install_time);
  std::string who = fmt::format("account {}, {} (from {})", account, arn, creds->source);
  expiry.summary = who + "; " + expiry.summary;
  return expiry;
}

CheckResult CheckIamPermissions(CheckContext& ctx) {
  PreflightFacts facts = ctx.Facts();
  SimulationOutcome outcome;
  auto principal = SimulationArn(facts.caller_arn);
  if (!principal.ok()) {
    outcome.why_unavailable = principal.status().message();
    ctx.SetSimulation(outcome);
    return CheckResult::Warn(
        "not verified: cannot simulate " + facts.caller_arn + ": " + principal.status().message(),
        "permissions were not verified; compare your policy with "
        "`tectonic policy` by hand");
  }
  std::vector<std::string> actions = RequiredActions();
  // IAM statements of `tectonic policy` name role/instance-profile/user ARNs, so IAM actions
  // are simulated on a role ARN; everything else on "*".
  std::vector<std::string> iam_actions, other_actions;
  for (const auto& a : actions)
    (a.rfind("iam:", 0) == 0 ? iam_actions : other_actions).push_back(a);
  std::string role_resource =
      "arn:aws:iam::" + (facts.account_id.empty() ? std::string("*") : facts.account_id) +
      ":role/tectonic-preflight";

  // The simulation is optional: an endpoint without it (moto answers 500) must not cost the
  // run a full retry schedule, so it gets its own client with one retry.
  aws::RetryOptions retry = ctx.client().retry_options();
  retry.max_attempts = 2;
  retry.max_delay = std::chrono::milliseconds(2000);
  aws::AwsClient iam(ctx.client().transport(),
                     std::make_shared<BorrowedCredentials>(ctx.client().credentials()),
                     ctx.client().endpoints(), ctx.client().clock(), retry);
  iam.SetObserver(ctx.client().observer());  // its calls count (and are recorded) as the run's
  std::set<std::string> denied;
  auto simulate = [&](const std::vector<std::string>& names,
                      const std::vector<std::string>& resources) -> Status {
    constexpr size_t kChunk = 64;
    for (size_t i = 0; i < names.size(); i += kChunk) {
      std::vector<std::string> chunk(names.begin() + i,
                                     names.begin() + std::min(names.size(), i + kChunk));
      std::string marker;
      do {
        aws::FormParams params;
        params.Add("PolicySourceArn", *principal);
        params.AddQueryList("ActionNames", chunk);
        if (!resources.empty()) params.AddQueryList("ResourceArns", resources);
        if (!marker.empty()) params.Add("Marker", marker);
        auto response = iam.Query(aws::ops::kIamSimulatePrincipalPolicy, params);
        if (!response.ok()) return response.status();
        pugi::xml_node result = response->result();
        for (pugi::xml_node m : aws::xml::Items(result, "EvaluationResults", "member")) {
          if (aws::xml::Text(m, "EvalDecision") != "allowed") {
            denied.insert(aws::xml::Text(m, "EvalActionName"));
          }
        }
        marker = aws::xml::Bool(result, "IsTruncated") ? aws::xml::Text(result, "Marker") : "";
      } while (!marker.empty());
    }
    return Status::Ok();
  };
  Status s = simulate(other_actions, {});
  if (s.ok()) s = simulate(iam_actions, {role_resource});
  if (!s.ok()) {
    outcome.why_unavailable = s.message();
    ctx.SetSimulation(outcome);
    const std::string& code = s.aws_code();
    bool denied_call = s.code() == StatusCode::kPermissionDenied || code == "AccessDenied";
    return CheckResult::Warn(
        denied_call
            ? "not verified: the caller may not call iam:SimulatePrincipalPolicy (" + code + ")"
            : "not verified: IAM policy simulation is not available here (" +
                  (code.empty() ? s.message() : code) + ")",
        "allow iam:SimulatePrincipalPolicy (it is part of `tectonic policy`) to have the "
        "permissions checked, or compare your policy with `tectonic policy` by hand",
        s.message());
  }
  outcome.available = true;
  outcome.denied = denied;
  ctx.SetSimulation(outcome);
  if (!denied.empty()) {
    std::string list;
    for (const auto& a : denied) list += a + "\n";
    return CheckResult::Fail(
        fmt::format("{} of {} actions are denied to {}", denied.size(), actions.size(), *principal),
        "attach the policy printed by `tectonic policy` to " + *principal +
            " (aws iam put-role-policy / put-user-policy; see docs/iam.md)",
        list);
  }
  return CheckResult::Pass(fmt::format("all {} actions of `tectonic policy` are allowed to {}",
                                       actions.size(), *principal));
}

}  // namespace tectonic::preflight
