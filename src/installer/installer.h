// The installer: the one engine the CLI (and later the GUI) drives. Each entry point runs a
// whole user-level operation on a cluster directory and reports what happened as a value:
//   CreateCluster  validate -> identity -> AWS session -> preflight -> assets -> graph -> apply
//   DestroyCluster journal-driven delete -> tag sweep -> proof that nothing owned is left
//   ClusterStatus  the journal and AWS side by side
//   WaitForCluster until the load balancers' targets are healthy and the API answers
//                  (wait_cluster.h); CreateCluster ends with it unless told not to
// Progress goes to options.events; nothing is printed here. Re-running CreateCluster resumes:
// what exists is found (no mutating call), only what is missing is created.
// Thread safety: one create or destroy per cluster directory at a time, enforced across
// processes and threads by the directory's lock (dir_lock.h).
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "aws/cloudformation.h"
#include "aws/credentials.h"
#include "engine/events.h"
#include "engine/scheduler.h"
#include "installer/api_probe.h"
#include "model/config_loader.h"
#include "preflight/check.h"
#include "resources/sweep.h"
#include "util/clock.h"

namespace tectonic::installer {

// Where an operation stopped, so the CLI can choose the exit code.
// kWait: the wait for the cluster failed (AWS or local); kNotReady: the cluster did not answer
// before the wait's deadline.
enum class Stage {
  kDone,
  kConfig,
  kAwsSession,
  kPreflight,
  kAssets,
  kGraph,
  kApply,
  kSweep,
  kWait,
  kNotReady,
  kLocked,  // another run holds the cluster directory (dir_lock.h); nothing was done
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
  // --via cloudformation: how often the stack's status and events are read.
  std::chrono::milliseconds stack_poll{5000};
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
  std::map<std::string, int> by_operation;  // "ec2:DescribeVpcs" -> calls
};

// How the wait for the cluster runs (WaitForCluster, wait_cluster.h).
struct WaitSettings {
  std::chrono::seconds timeout{30 * 60};
  // Polls start this far apart and grow by half up to max_poll (AWS's own target waiter
  // polls every 15 s).
  std::chrono::milliseconds first_poll{2000};
  std::chrono::milliseconds max_poll{15000};
  int console_lines = 25;         // console tail per failing node in the diagnosis
  int max_console_instances = 3;  // GetConsoleOutput calls at most this many nodes
  Clock* clock = nullptr;         // null: the real clock
  // The HTTPS checks; null: libcurl (MakeCurlApiProber).
  std::function<std::unique_ptr<ApiProber>(const ApiEndpoint&)> make_prober;
  // Whether the API name resolves; null: getaddrinfo (HostResolves).
  std::function<bool(const std::string& host)> resolves;
};

// One target of a target group, as DescribeTargetHealth last described it.
struct TargetReport {
  std::string group_key;  // graph key: "nlb/api-ext/tg"
  std::string target_id;  // instance id
  int port = 0;
  std::string state;  // healthy | initial | unhealthy | unused | draining | unavailable
  std::string reason;
  std::string description;
};

struct InstanceReport {
  std::string id;
  std::string role;  // its graph key tag: "asg/master", "etcd/0"
  std::string state;
  std::string zone;
  std::string private_ip;
  bool failing = false;      // a target of it is not healthy, or it is not running
  std::string console_tail;  // last lines of its console (failing nodes only), redacted
};

struct WaitOutcome {
  Stage stage = Stage::kDone;  // kWait: AWS or local failure; kNotReady: the deadline passed
  Status status;
  bool api_resolves = false;
  std::string note;  // "API name does not resolve from this machine; skipped ..." or ""
  int target_groups = 0;
  int healthy_targets = 0;
  int total_targets = 0;
  int expected_nodes = 0;
  int ready_nodes = -1;                   // -1: not checked
  std::vector<TargetReport> targets;      // the last answer of every group
  std::vector<InstanceReport> instances;  // at the deadline: every cluster instance
  std::string diagnosis;                  // human text at the deadline (redacted), "" otherwise
  int polls = 0;
  long long elapsed_ms = 0;
  CallCounts calls;
};

struct WaitOptions : CommonOptions {
  WaitSettings settings;
};

// Reads the cluster directory (cluster.yaml, metadata.json, the journal, tls/), opens AWS as
// the other commands do, and waits (wait_cluster.h says what is checked).
WaitOutcome WaitForCluster(const WaitOptions& options);

struct CreateOptions : CommonOptions {
  std::vector<std::string> waived;            // preflight checks the user accepts failing
  std::chrono::minutes expected_install{45};  // temporary credentials must outlive it
  bool wait = true;                           // end with WaitForCluster (--no-wait: false)
  WaitSettings wait_settings;
  // --via cloudformation (stack_path.h): the graph as one stack after the pre-stack part.
  bool via_cloudformation = false;
  std::string stack_on_failure = "rollback";  // rollback | delete | keep (CloudFormation OnFailure)
  std::string stack_role_arn;                 // --role-arn: the stack's service role
  bool replace_failed_stack = false;          // --yes: replace a failed or rolled-back stack
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
  std::optional<WaitOutcome> wait;  // when the wait ran
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
  // Proven clean with --dir: the directory's cluster id is retired (retire_cluster.h).
  bool retired = false;
  // Why nothing was done: the directory's cluster was destroyed before (status is ok).
  std::string nothing_to_destroy;
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
  CallCounts calls;
  // --via cloudformation (stack_path.h): the stack and its resources; stack_name empty otherwise.
  std::string stack_name;
  std::string stack_status;  // CREATE_COMPLETE, ..., "missing", or "unknown: <error>"
  std::vector<aws::StackResource> stack_resources;
};

StatusOutcome ClusterStatus(const CommonOptions& options);

}  // namespace tectonic::installer
