#include "preflight/preflight.h"

#include <algorithm>
#include <exception>
#include <future>
#include <map>
#include <set>

#include "preflight/checks.h"

namespace tectonic::preflight {
namespace {

using CheckFn = CheckResult (*)(CheckContext&);

struct CheckSpec {
  std::string_view id;
  // Must pass (or warn) first; otherwise this check is skipped with the reason.
  std::vector<std::string_view> requires_ok;
  // Must finish first, whatever its outcome (it reads what they learned).
  std::vector<std::string_view> after;
  CheckFn run;
};

// In dependency order: every check names only checks above it.
const std::vector<CheckSpec>& Specs() {
  static const std::vector<CheckSpec> kSpecs = {
      {"credentials", {}, {}, CheckCredentials},
      {"license", {}, {}, CheckLicense},
      {"pull-secret", {}, {}, CheckPullSecret},
      {"names", {}, {}, CheckNames},
      {"region", {"credentials"}, {}, CheckRegion},
      {"zones", {"region"}, {}, CheckZones},
      {"instance-types", {"zones"}, {}, CheckInstanceTypes},
      {"ssh-key", {"region"}, {}, CheckSshKey},
      {"ami", {"region"}, {}, CheckAmi},
      {"iam-permissions", {"credentials"}, {}, CheckIamPermissions},
      {"kms", {"region"}, {"iam-permissions"}, CheckKms},
      {"hosted-zone", {"credentials"}, {}, CheckHostedZone},
      {"dns-names", {"hosted-zone"}, {}, CheckDnsNames},
      {"quota-vpcs", {"region"}, {}, CheckQuotaVpcs},
      {"quota-eips", {"zones"}, {}, CheckQuotaEips},
      {"quota-nat", {"zones"}, {}, CheckQuotaNat},
      {"quota-nlbs", {"region"}, {}, CheckQuotaNlbs},
      {"existing-vpc", {"zones"}, {}, CheckExistingVpc},
  };
  return kSpecs;
}

CheckResult RunOne(const CheckSpec& spec, CheckContext& ctx,
                   const std::map<std::string_view, std::shared_future<CheckResult>>& done) {
  for (auto dep : spec.requires_ok) {
    const CheckResult& r = done.at(dep).get();
    if (r.state != CheckState::kPass && r.state != CheckState::kWarn) {
      return CheckResult::Skip("skipped: '" + std::string(dep) + "' did not pass");
    }
  }
  for (auto dep : spec.after) done.at(dep).wait();
  // A check is a leaf of a thread: nothing may escape it.
  try {
    return spec.run(ctx);
  } catch (const std::exception& e) {
    return CheckResult::Fail(std::string("internal error: ") + e.what(),
                             "report this as a bug with the --log-level debug output");
  }
}

// The ids in `only` and, transitively, every check they depend on.
std::set<std::string_view> Wanted(const std::vector<std::string>& only) {
  std::set<std::string_view> wanted;
  for (const auto& id : only) {
    for (const CheckSpec& spec : Specs()) {
      if (spec.id == id) wanted.insert(spec.id);
    }
  }
  // Specs() is in dependency order: walking it backwards adds every dependency.
  for (auto it = Specs().rbegin(); it != Specs().rend(); ++it) {
    if (!wanted.count(it->id)) continue;
    wanted.insert(it->requires_ok.begin(), it->requires_ok.end());
    wanted.insert(it->after.begin(), it->after.end());
  }
  return wanted;
}

}  // namespace

PreflightReport RunPreflight(const model::LoadedConfig& loaded, aws::AwsClient& client,
                             const PreflightOptions& options) {
  Clock& clock = options.clock != nullptr ? *options.clock : client.clock();
  CheckContext ctx(loaded, client, options, clock);
  ctx.UpdateFacts([&](PreflightFacts& f) { f.region = client.endpoints().region(); });

  const std::set<std::string_view> wanted = Wanted(options.only);
  std::map<std::string_view, std::shared_future<CheckResult>> futures;
  for (const CheckSpec& spec : Specs()) {
    if (!options.only.empty() && !wanted.count(spec.id)) {
      std::promise<CheckResult> skipped;
      skipped.set_value(CheckResult::Skip("not requested"));
      futures[spec.id] = skipped.get_future().share();
      continue;
    }
    // Each task sees the futures of the checks above it (copied: the map keeps growing).
    auto deps = futures;
    futures[spec.id] = std::async(std::launch::async, [&spec, &ctx, deps = std::move(deps)] {
                         return RunOne(spec, ctx, deps);
                       }).share();
  }

  PreflightReport report;
  for (std::string_view id : CheckIds()) {
    CheckResult r = futures.at(id).get();
    r.id = std::string(id);
    r.title = std::string(CheckTitle(id));
    report.results.push_back(std::move(r));
  }
  report.facts = ctx.Facts();
  ApplyWaivers(options.waived, &report);
  return report;
}

Status ValidateWaivers(const std::vector<std::string>& waived) {
  std::string unknown;
  for (const auto& id : waived) {
    const auto& ids = CheckIds();
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
      unknown += (unknown.empty() ? "'" : ", '") + id + "'";
    }
  }
  if (unknown.empty()) return Status::Ok();
  std::string known;
  for (auto id : CheckIds()) known += (known.empty() ? "" : ", ") + std::string(id);
  return Status::InvalidInput("--waive names no check: " + unknown + " (checks: " + known + ")");
}

void ApplyWaivers(const std::vector<std::string>& waived, PreflightReport* report) {
  for (auto& r : report->results) {
    if (r.state == CheckState::kFail &&
        std::find(waived.begin(), waived.end(), r.id) != waived.end()) {
      r.state = CheckState::kWaived;
    }
  }
}

}  // namespace tectonic::preflight
