#include "gui/operation_runner.h"

#include <fmt/format.h>

#include "installer/installer.h"
#include "model/cluster_dir.h"
#include "model/cluster_metadata.h"
#include "util/redact.h"

namespace tectonic::gui {
namespace {

// The failure in plain words, with what the user can do next.
std::string Explain(const Status& status, installer::Stage stage,
                    const installer::CallCounts& calls) {
  if (status.code() == StatusCode::kCancelled) {
    return "cancelled: the journal is consistent; Retry resumes where it stopped";
  }
  std::string out = Redact(status.message());
  if (calls.first_denied) {
    out += fmt::format(
        " (AWS refused {}: these credentials lack the IAM permission {}; attach the policy "
        "printed by 'tectonic policy')",
        calls.first_denied->operation, calls.first_denied->action);
  }
  if (stage == installer::Stage::kApply) {
    out += ". Nothing is lost: Retry resumes from the journal, Destroy removes what was created";
  }
  return out;
}

}  // namespace

OperationRunner::~OperationRunner() { Shutdown(); }

void OperationRunner::Cancel() { cancel_ = true; }

void OperationRunner::Shutdown() {
  cancel_ = true;
  std::lock_guard<std::mutex> lock(mu_);
  if (thread_.joinable()) thread_.join();
}

Status OperationRunner::StartInstall() { return Start(false); }
Status OperationRunner::StartDestroy() { return Start(true); }

Status OperationRunner::Start(bool destroy) {
  std::lock_guard<std::mutex> lock(mu_);
  if (running_) return Status::AlreadyExists("an operation is already running");
  if (!session_.HasCredentials()) {
    return Status::PreconditionFailed("check the AWS credentials first");
  }
  if (thread_.joinable()) thread_.join();  // the previous one has finished
  running_ = true;
  cancel_ = false;
  hub_.Reset();
  SetPhase(destroy ? Phase::kDestroying : Phase::kInstalling);
  thread_ = std::thread([this, destroy] {
    // A thread's leaf: nothing may escape it.
    try {
      destroy ? RunDestroy() : RunInstall();
    } catch (const std::exception& e) {
      SetPhase(Phase::kFailed, std::string("internal error: ") + e.what());
    }
    running_ = false;
  });
  return Status::Ok();
}

void OperationRunner::SetPhase(Phase phase, const std::string& unsafe_failure) {
  const std::string failure = Redact(unsafe_failure);
  // An operation is over once its final phase is known: a client that reacts to the event at
  // once (Retry after "failed") must find no operation running.
  if (phase == Phase::kFailed || phase == Phase::kDone || phase == Phase::kDestroyed) {
    running_ = false;
  }
  session_.SetPhase(phase, failure);
  nlohmann::json data = {
      {"phase", PhaseName(phase)},
      {"failure", failure.empty() ? nlohmann::json(nullptr) : nlohmann::json(failure)}};
  hub_.Publish("phase", data.dump());
}

void OperationRunner::RunInstall() {
  auto access = session_.Access("");
  if (!access.ok()) return SetPhase(Phase::kFailed, access.status().message());
  installer::CreateOptions options;
  options.dir = session_.dir();
  options.aws = access->settings;
  options.aws.region.clear();  // cluster.yaml's region, as the CLI without --region
  options.env = access->env;
  options.events = &hub_;
  options.cancel = &cancel_;
  installer::CreateOutcome out = installer::CreateCluster(options);
  if (!out.status.ok()) {
    std::string why = Explain(out.status, out.stage, out.calls);
    for (const auto& e : out.config_errors) why += "; " + e.field + ": " + e.message;
    if (out.stage == installer::Stage::kPreflight && out.preflight) {
      for (const auto& r : out.preflight->results) {
        if (r.state == preflight::CheckState::kFail) why += "; " + r.id + ": " + r.summary;
      }
    }
    return SetPhase(Phase::kFailed, why);
  }
  SetPhase(Phase::kDone);
  hub_.Publish("done", DoneJson().dump());
}

void OperationRunner::RunDestroy() {
  auto access = session_.Access("");
  if (!access.ok()) return SetPhase(Phase::kFailed, access.status().message());
  installer::DestroyOptions options;
  options.dir = session_.dir();
  options.aws = access->settings;
  options.aws.region.clear();
  options.env = access->env;
  options.events = &hub_;
  options.cancel = &cancel_;
  installer::DestroyOutcome out = installer::DestroyCluster(options);
  nlohmann::json remaining = nlohmann::json::array();
  for (const auto& r : out.remaining) {
    // "ec2:vpc vpc-0abc (detail)": what is left, in the words of `tectonic destroy`.
    remaining.push_back(r.kind + " " + r.id + (r.detail.empty() ? "" : " (" + r.detail + ")"));
  }
  {
    std::lock_guard<std::mutex> lock(done_mu_);
    leftovers_ = remaining;
  }
  if (!out.status.ok()) return SetPhase(Phase::kFailed, Explain(out.status, out.stage, out.calls));
  SetPhase(Phase::kDestroyed);
}

nlohmann::json OperationRunner::DoneJson() const {
  model::ClusterConfig config = session_.Draft();
  model::ClusterDir dir{session_.dir()};
  auto metadata = model::LoadMetadata(dir);
  const std::string d = session_.dir().string();
  nlohmann::json leftovers;
  {
    std::lock_guard<std::mutex> lock(done_mu_);
    leftovers = leftovers_;
  }
  return {{"apiUrl", "https://" + config.ApiHost()},
          {"consoleUrl", "https://" + config.ConsoleHost()},
          {"clusterId", metadata.ok() ? metadata->cluster_id : ""},
          {"kubeconfig", "auth/kubeconfig"},
          {"commands",
           {{"status", "tectonic status --dir " + d},
            {"destroy", "tectonic destroy cluster --dir " + d}}},
          {"leftovers", leftovers}};
}

}  // namespace tectonic::gui
