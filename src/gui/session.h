// The wizard's session: the draft configuration (cluster.yaml's fields, written to
// <dir>/cluster.yaml each time a step is checked), the AWS credentials the user typed (memory
// only, never written), which steps passed, and the phase (wizard, installing, failed, done,
// destroying, destroyed). `--dir` of an existing directory reopens it: cluster.yaml fills the
// draft and the journal decides the phase.
// Thread safety: every method locks; AWS calls are made by callers outside the lock.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>

#include "aws/credentials.h"
#include "aws/session.h"
#include "model/cluster_config.h"
#include "util/result.h"

namespace tectonic::gui {

enum class Phase { kWizard, kInstalling, kFailed, kDone, kDestroying, kDestroyed };
std::string_view PhaseName(Phase phase);

// The wizard's steps, in order (GET /session "step": the first one not checked yet).
const std::vector<std::string>& StepNames();

struct TypedCredentials {
  std::string mode;  // static | temporary | profile
  std::string access_key_id;
  std::string secret_access_key;  // secret
  std::string session_token;      // secret
  std::string profile;
  std::optional<std::chrono::system_clock::time_point> expiration;  // temporary, when given
};

struct Identity {
  std::string account;
  std::string arn;
  std::optional<std::chrono::system_clock::time_point> expiration;
  std::optional<bool> outlasts_install;
};

// What a step check needs to reach AWS as the user: the SDK settings and an environment in
// which the typed keys stand for AWS_ACCESS_KEY_ID/... (the process environment is not used
// for keys, so nothing the user typed is ever put in it).
struct AwsAccess {
  aws::ExplicitAwsSettings settings;
  aws::EnvLookup env;
};

// The access for `credentials` in `region` on top of base (--endpoint-url, --profile).
AwsAccess AccessFor(const TypedCredentials& credentials, const aws::ExplicitAwsSettings& base,
                    const std::string& region);

// "2026-12-06T08:00:00Z".
std::string FormatIso8601(std::chrono::system_clock::time_point t);

class WizardSession {
 public:
  // base: --profile and --endpoint-url of `tectonic gui` (no secrets).
  WizardSession(std::filesystem::path dir, aws::ExplicitAwsSettings base);

  // Reads <dir>/cluster.yaml (when present) into the draft and the journal into the phase.
  Status Open();

  const std::filesystem::path& dir() const { return dir_; }
  const aws::ExplicitAwsSettings& base() const { return base_; }
  model::ClusterConfig Draft() const;
  // Checks of one step may overlap (the page checks as the user types): each takes a ticket
  // when it starts, and only the newest check of a step may commit, so the draft always holds
  // the last answer given, never an older one that finished later.
  uint64_t Ticket(const std::string& step);
  // Applies a checked step's values to the draft, marks the step checked and writes
  // cluster.yaml (0600, directory 0700). A stale ticket changes nothing (and is not an error).
  Status Commit(const std::string& step, uint64_t ticket,
                const std::function<void(model::ClusterConfig&)>& apply);
  // Marks a step checked or not without touching the draft (license, CA: files).
  void MarkStep(const std::string& step, bool checked);

  // Keeps checked credentials (in memory only) unless a newer check of them has started.
  void SetCredentials(uint64_t ticket, TypedCredentials credentials, Identity identity);
  bool HasCredentials() const;
  // For `region`; fails with PreconditionFailed when no credentials were checked yet.
  Result<AwsAccess> Access(const std::string& region) const;
  // An AWS session as the user, in `region` (the draft's region when empty).
  Result<aws::AwsSession> OpenAws(const std::string& region = "") const;

  Phase phase() const;
  std::string failure() const;
  void SetPhase(Phase phase, std::string failure = "");
  // Flags of `have`: files present in the directory and credentials in memory.
  nlohmann::json Have() const;
  // GET /session.
  nlohmann::json ToJson() const;

 private:
  Status WriteDraftLocked() const;
  std::string CurrentStepLocked() const;

  const std::filesystem::path dir_;
  const aws::ExplicitAwsSettings base_;
  mutable std::mutex mu_;
  model::ClusterConfig draft_;
  std::set<std::string> checked_;
  uint64_t last_ticket_ = 0;
  std::map<std::string, uint64_t> newest_;  // step -> its newest check's ticket
  std::optional<TypedCredentials> credentials_;
  std::optional<Identity> identity_;
  Phase phase_ = Phase::kWizard;
  std::string failure_;
};

// The draft as GET /session shows it: cluster.yaml's non-secret fields in its own names.
nlohmann::json DraftJson(const model::ClusterConfig& config);

}  // namespace tectonic::gui
