// The installer: the one engine the CLI (and later the GUI) drives. Each entry point runs a
// whole user-level operation on a cluster directory and reports what happened as a value:
//   CreateCluster  validate -> identity -> AWS session -> preflight -> assets -> graph -> apply
//   DestroyCluster journal-driven delete -> tag sweep -> proof that nothing owned is left
//   ClusterStatus  the journal and AWS side by side
// Progress goes to options.events; nothing is printed here. Re-running CreateCluster resumes:
// what exists is found (no mutating call), only what is missing is created.
// Thread safety: one create or destroy per cluster directory at a time, enforced across
// processes and threads by the directory's lock (dir_lock.h).
#pragma once

#include <atomic>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "aws/credentials.h"
#include "engine/events.h"
#include "engine/scheduler.h"
#include "model/config_loader.h"
#include "preflight/check.h"
#include "resources/sweep.h"

namespace tectonic::installer {

// Where an operation stopped, so the CLI can choose the exit code.
// kLocked: another run holds the cluster directory (dir_lock.h); nothing was done.
enum class Stage {
  kDone,
  kConfig,
  kAwsSession,
  kPreflight,
  kAssets,
  kGraph,
  kApply,
  kSweep,
  kLocked,
};

struct CommonOptions {
  std::filesystem::path dir;
  aws::ExplicitAwsSettings aws;  // profile, region, endpoint from flags (never secrets)
  aws::EnvLookup env;            // empty: the process environment
  engine::EventSink* events = nullptr;
  std::atomic<bool>* cancel = nullptr;
  int worker_threads = 8;
  // When set, every AWS call is appended to this file as "service:Operation" (see call_log.h).
  std::filesystem::path record_calls;
  // Another create or destroy holds the directory (dir_lock.h): wait for it instead of
  // stopping with Stage::kLocked.
  bool wait_lock = false;
};

// The first call AWS refused for lack of an IAM permission, so the user learns what to grant.
struct DeniedCall {
  std::string operation;  // "ec2:CreateNatGateway" (service:Operation)
  std::string action;     // the IAM action it needs: "ec2:CreateNatGateway"
  std::string extra;      // further actions AWS may check for it: "ec2:CreateTags" (or "")
  std::string aws_code;   // "AccessDenied", "UnauthorizedOperation", ...
};

struct CallCounts {
  int calls = 0;     // every AWS call made
  int mutating = 0;  // calls that may change something (not Describe/List/Get/Head/Simulate)
  std::optional<DeniedCall> first_denied;
};

struct CreateOptions : CommonOptions {
  std::vector<std::string> waived;            // preflight checks the user accepts failing
  std::chrono::minutes expected_install{45};  // temporary credentials must outlive it
};

struct CreateOutcome {
  Stage stage = Stage::kDone;
  Status status;
  std::vector<model::ConfigError> config_errors;
  std::optional<preflight::PreflightReport> preflight;
  std::string cluster_id;
  std::string api_url;
  std::string console_url;
  std::filesystem::path kubeconfig;
  engine::Report report;
  CallCounts calls;
};

CreateOutcome CreateCluster(const CreateOptions& options);

struct DestroyOptions : CommonOptions {
  // Without a directory: the cluster id (tectonicClusterID tag) and the region.
  std::string cluster_id;
  std::chrono::seconds sweep_deadline{900};
};

struct DestroyOutcome {
  Stage stage = Stage::kDone;
  Status status;
  std::string cluster_id;
  engine::Report report;                       // the journal-driven part
  std::vector<resources::Leftover> swept;      // deleted by the tag sweep
  std::vector<resources::Leftover> remaining;  // still owned at the end (empty = proven clean)
  CallCounts calls;
};

DestroyOutcome DestroyCluster(const DestroyOptions& options);

struct NodeStatus {
  std::string key;
  std::string kind;
  std::string journal_state;  // "ready", "created", ..., or "" when the journal has no entry
  std::string id;             // from the journal
  std::string aws_state;      // "present", "missing", "unknown: <error>"
};

struct StatusOutcome {
  Stage stage = Stage::kDone;
  Status status;
  std::string cluster_id;
  std::string name;
  std::string region;
  std::vector<NodeStatus> nodes;
  std::vector<resources::Leftover> untracked;  // owned in AWS but not in the journal
};

StatusOutcome ClusterStatus(const CommonOptions& options);

}  // namespace tectonic::installer
