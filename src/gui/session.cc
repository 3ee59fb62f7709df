#include "gui/session.h"

#include <fmt/format.h>

#include <ctime>

#include "engine/journal.h"
#include "engine/plan.h"
#include "installer/topology_inputs.h"
#include "model/cluster_dir.h"
#include "model/config_parse.h"
#include "model/starter_config.h"
#include "topology/latency.h"
#include "topology/topology.h"
#include "util/files.h"
#include "util/redact.h"

namespace tectonic::gui {
namespace {

namespace fs = std::filesystem;

std::string Iso8601(std::chrono::system_clock::time_point t) {
  std::time_t seconds = std::chrono::system_clock::to_time_t(t);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&seconds));
  return text;
}

nlohmann::json PoolJson(const model::NodePool& p) {
  return {{"count", p.count},
          {"instanceType", p.instance_type},
          {"rootVolumeGiB", p.root_volume_gib},
          {"rootVolumeType", "gp3"}};
}

// The phase a reopened directory is in: no journal (or an empty one) is a wizard; a journal
// whose plan has nothing left to create is a finished cluster; anything else was interrupted.
Phase PhaseFromJournal(const model::ClusterConfig& config, const fs::path& dir,
                       std::string* failure) {
  model::ClusterDir cluster{dir};
  std::error_code ec;
  if (!fs::exists(cluster.Journal(), ec)) return Phase::kWizard;
  auto journal = engine::Journal::Open(cluster.Journal());
  if (!journal.ok()) {
    *failure = "cannot read the journal: " + journal.status().message();
    return Phase::kFailed;
  }
  auto entries = (*journal)->LoadAll();
  if (!entries.ok() || entries->empty()) return Phase::kWizard;
  std::vector<std::string> notes;
  auto graph =
      topology::BuildGraph(config, installer::OfflineTopologyInputs(config, cluster, &notes));
  if (graph.ok()) {
    auto plan = engine::Plan(*graph, *entries, topology::RealisticLatencyTable());
    if (plan.ok() && plan->summary.count("create") == 0) return Phase::kDone;
  }
  *failure =
      "the last install stopped before it finished; Retry resumes from the journal, Destroy "
      "removes what was created";
  return Phase::kFailed;
}

}  // namespace

std::string_view PhaseName(Phase phase) {
  switch (phase) {
    case Phase::kWizard:
      return "wizard";
    case Phase::kInstalling:
      return "installing";
    case Phase::kFailed:
      return "failed";
    case Phase::kDone:
      return "done";
    case Phase::kDestroying:
      return "destroying";
    case Phase::kDestroyed:
      return "destroyed";
  }
  return "wizard";
}

const std::vector<std::string>& StepNames() {
  static const std::vector<std::string> kSteps = {
      "credentials", "cluster", "ca", "ssh", "kms", "nodes", "networking", "console", "review"};
  return kSteps;
}

nlohmann::json DraftJson(const model::ClusterConfig& c) {
  const auto& vpc = c.aws.vpc;
  return {
      {"name", c.name},
      {"baseDomain", c.base_domain},
      {"aws",
       {{"region", c.aws.region},
        {"zones", c.aws.zones},
        {"hostedZoneId", c.aws.hosted_zone_id},
        {"sshKeyName", c.aws.ssh_key_name},
        {"kmsKeyArn", c.aws.kms_key_arn},
        {"vpc",
         {{"id", vpc.id},
          {"cidr", vpc.cidr},
          {"masterSubnets", vpc.master_subnets},
          {"workerSubnets", vpc.worker_subnets},
          {"natGateways", vpc.nat_gateways == model::NatMode::kSingle ? "single" : "perZone"}}},
        {"tags", c.aws.tags}}},
      {"networking",
       {{"podCidr", c.networking.pod_cidr},
        {"serviceCidr", c.networking.service_cidr},
        {"apiAccess",
         c.networking.api_access == model::ApiAccess::kInternal ? "internal" : "public"}}},
      {"nodes",
       {{"masters", PoolJson(c.nodes.masters)},
        {"workers", PoolJson(c.nodes.workers)},
        {"etcd", PoolJson(c.nodes.etcd)}}},
      {"tectonic", {{"adminEmail", c.tectonic.admin_email}}},
  };
}

WizardSession::WizardSession(fs::path dir, aws::ExplicitAwsSettings base)
    : dir_(std::move(dir)), base_(std::move(base)) {}

Status WizardSession::Open() {
  model::ClusterDir cluster{dir_};
  std::error_code ec;
  if (!fs::exists(cluster.ConfigFile(), ec)) return Status::Ok();
  auto text = files::ReadFile(cluster.ConfigFile());
  if (!text.ok()) return text.status();
  // Lenient: a draft may be incomplete; the steps re-check every field.
  model::ParsedConfig parsed;
  parsed.file = cluster.ConfigFile().string();
  std::vector<model::ConfigError> errors;
  if (!model::ParseClusterYaml(*text, &parsed, &errors)) {
    return Status::InvalidInput(fmt::format(
        "{} is not a cluster.yaml the wizard can read: {} (fix it, or choose another --dir)",
        parsed.file, errors.empty() ? "syntax error" : errors.front().ToString()));
  }
  if (parsed.enum_values["aws.vpc.natGateways"] == "single") {
    parsed.config.aws.vpc.nat_gateways = model::NatMode::kSingle;
  }
  if (parsed.enum_values["networking.apiAccess"] == "internal") {
    parsed.config.networking.api_access = model::ApiAccess::kInternal;
  }
  std::string failure;
  Phase phase = PhaseFromJournal(parsed.config, dir_, &failure);
  std::lock_guard<std::mutex> lock(mu_);
  draft_ = std::move(parsed.config);
  phase_ = phase;
  failure_ = failure;
  return Status::Ok();
}

model::ClusterConfig WizardSession::Draft() const {
  std::lock_guard<std::mutex> lock(mu_);
  return draft_;
}

Status WizardSession::WriteDraftLocked() const {
  model::ClusterDir cluster{dir_};
  TECTONIC_RETURN_IF_ERROR(files::EnsureDir(dir_, files::kPrivateDirMode));
  return files::WriteAtomic(cluster.ConfigFile(), model::RenderClusterConfig(draft_),
                            files::kSecretMode);
}

uint64_t WizardSession::Ticket(const std::string& step) {
  std::lock_guard<std::mutex> lock(mu_);
  newest_[step] = ++last_ticket_;
  return last_ticket_;
}

Status WizardSession::Commit(const std::string& step, uint64_t ticket,
                             const std::function<void(model::ClusterConfig&)>& apply) {
  std::lock_guard<std::mutex> lock(mu_);
  if (newest_[step] != ticket) return Status::Ok();  // a newer check of this step owns it
  model::ClusterConfig before = draft_;
  apply(draft_);
  Status written = WriteDraftLocked();
  if (!written.ok()) {
    draft_ = std::move(before);
    return written;
  }
  checked_.insert(step);
  return Status::Ok();
}

void WizardSession::MarkStep(const std::string& step, bool checked) {
  std::lock_guard<std::mutex> lock(mu_);
  if (checked) {
    checked_.insert(step);
  } else {
    checked_.erase(step);
  }
}

void WizardSession::SetCredentials(uint64_t ticket, TypedCredentials credentials,
                                   Identity identity) {
  std::lock_guard<std::mutex> lock(mu_);
  if (newest_["credentials-keys"] != ticket) return;
  credentials_ = std::move(credentials);
  identity_ = std::move(identity);
  checked_.insert("credentials");
}

bool WizardSession::HasCredentials() const {
  std::lock_guard<std::mutex> lock(mu_);
  return credentials_.has_value();
}

AwsAccess AccessFor(const TypedCredentials& c, const aws::ExplicitAwsSettings& base,
                    const std::string& region) {
  AwsAccess access;
  access.settings.endpoint_url = base.endpoint_url;
  access.settings.region = region.empty() ? "us-east-1" : region;
  std::map<std::string, std::string> env;
  if (c.mode == "profile") {
    access.settings.profile = c.profile;
  } else {
    env["AWS_ACCESS_KEY_ID"] = c.access_key_id;
    env["AWS_SECRET_ACCESS_KEY"] = c.secret_access_key;
    if (!c.session_token.empty()) env["AWS_SESSION_TOKEN"] = c.session_token;
    if (c.expiration) env["AWS_CREDENTIAL_EXPIRATION"] = Iso8601(*c.expiration);
  }
  // Everything else (profile files, AWS_ENDPOINT_URL, CA bundles) as the CLI sees it; the
  // process's own key variables never mix with what the user typed.
  aws::EnvLookup process = aws::ProcessEnv();
  bool typed_keys = c.mode != "profile";
  access.env = [env = std::move(env), process,
                typed_keys](const std::string& name) -> std::optional<std::string> {
    auto it = env.find(name);
    if (it != env.end()) return it->second;
    if (name == "AWS_ACCESS_KEY_ID" || name == "AWS_SECRET_ACCESS_KEY" ||
        name == "AWS_SESSION_TOKEN" || name == "AWS_CREDENTIAL_EXPIRATION") {
      return std::nullopt;
    }
    if (typed_keys && name == "AWS_PROFILE") return std::nullopt;
    return process(name);
  };
  return access;
}

std::string FormatIso8601(std::chrono::system_clock::time_point t) { return Iso8601(t); }

Result<AwsAccess> WizardSession::Access(const std::string& region) const {
  std::lock_guard<std::mutex> lock(mu_);
  if (!credentials_) {
    return Status::PreconditionFailed(
        "no AWS credentials yet: check them on the Credentials step first");
  }
  return AccessFor(*credentials_, base_, region.empty() ? draft_.aws.region : region);
}

Result<aws::AwsSession> WizardSession::OpenAws(const std::string& region) const {
  TECTONIC_ASSIGN_OR_RETURN(AwsAccess access, Access(region));
  return aws::OpenSession(access.settings, access.env);
}

Phase WizardSession::phase() const {
  std::lock_guard<std::mutex> lock(mu_);
  return phase_;
}

std::string WizardSession::failure() const {
  std::lock_guard<std::mutex> lock(mu_);
  return failure_;
}

void WizardSession::SetPhase(Phase phase, std::string failure) {
  std::lock_guard<std::mutex> lock(mu_);
  phase_ = phase;
  failure_ = std::move(failure);
}

nlohmann::json WizardSession::Have() const {
  model::ClusterConfig draft = Draft();
  model::ClusterDir cluster{dir_};
  auto present = [&](const std::string& relative) {
    if (relative.empty()) return false;
    fs::path p = fs::path(relative).is_absolute() ? fs::path(relative) : dir_ / relative;
    std::error_code ec;
    return fs::is_regular_file(p, ec);
  };
  std::error_code ec;
  std::lock_guard<std::mutex> lock(mu_);
  return {{"credentials", credentials_.has_value()},
          {"license", present(draft.tectonic.license_path)},
          {"pullSecret", present(draft.tectonic.pull_secret_path)},
          {"ca", checked_.count("ca") > 0 || fs::exists(cluster.TlsDir() / "ca.crt", ec)},
          {"adminPassword", !draft.tectonic.admin_password_hash.empty()}};
}

std::string WizardSession::CurrentStepLocked() const {
  for (const auto& step : StepNames()) {
    if (!checked_.count(step)) return step;
  }
  return "review";
}

nlohmann::json WizardSession::ToJson() const {
  nlohmann::json have = Have();
  std::lock_guard<std::mutex> lock(mu_);
  nlohmann::json identity = nullptr;
  if (identity_) {
    identity = {{"account", identity_->account},
                {"arn", identity_->arn},
                {"expiration", nullptr},
                {"outlastsInstall", nullptr}};
    if (identity_->expiration) identity["expiration"] = Iso8601(*identity_->expiration);
    if (identity_->outlasts_install) identity["outlastsInstall"] = *identity_->outlasts_install;
  }
  return {
      {"phase", PhaseName(phase_)},
      {"dir", dir_.string()},
      {"step", CurrentStepLocked()},
      {"config", DraftJson(draft_)},
      {"have", have},
      {"identity", identity},
      {"failure", failure_.empty() ? nlohmann::json(nullptr) : nlohmann::json(Redact(failure_))}};
}

}  // namespace tectonic::gui
