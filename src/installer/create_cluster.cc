// CreateCluster: validate -> identity -> AWS session -> preflight -> assets -> graph -> apply
// -> wait for the cluster (wait_cluster.h).
#include <fmt/format.h>

#include "assets/assets.h"
#include "engine/executor.h"
#include "engine/journal.h"
#include "installer/aws_context.h"
#include "installer/dir_lock.h"
#include "installer/installer.h"
#include "installer/journal_check.h"
#include "installer/retire_cluster.h"
#include "installer/run_support.h"
#include "installer/stack_path.h"
#include "installer/topology_inputs.h"
#include "installer/wait_cluster.h"
#include "model/cluster_dir.h"
#include "model/cluster_metadata.h"
#include "preflight/preflight.h"
#include "resources/registry.h"
#include "topology/topology.h"

namespace tectonic::installer {

CreateOutcome CreateCluster(const CreateOptions& options) {
  CreateOutcome out;
  auto fail = [&out](Stage stage, Status status) {
    out.stage = stage;
    out.status = std::move(status);
    return out;
  };
  EventSink* events = options.events;
  Clock& clock = RealClock::Instance();

  // 1. The configuration, checked offline.
  Phase validate(events, clock, "validate", 0);
  auto loaded = model::LoadClusterDir(options.dir, &out.config_errors);
  if (!loaded.ok()) return fail(Stage::kConfig, loaded.status());
  // One create or destroy per directory at a time; held until this function returns.
  auto lock = LockClusterDir(options, "create cluster");
  if (!lock.ok()) return fail(StageOfLockFailure(lock.status()), lock.status());
  const model::ClusterConfig& config = loaded->config;
  model::ClusterDir dir{options.dir};
  if (auto s = preflight::ValidateWaivers(options.waived); !s.ok()) return fail(Stage::kConfig, s);
  // A destroyed cluster's journal, if a kill cut its retirement short, is not this cluster's.
  if (auto s = ClearRetiredState(dir); !s.ok()) return fail(Stage::kConfig, s);
  auto metadata = model::LoadOrCreateMetadata(dir, config);
  if (!metadata.ok()) return fail(Stage::kConfig, metadata.status());
  out.cluster_id = metadata->cluster_id;
  std::string region = options.aws.region.empty() ? config.aws.region : options.aws.region;
  if (auto s = CheckJournal(dir, out.cluster_id, region); !s.ok()) {
    return fail(Stage::kConfig, s);
  }
  validate.Done(fmt::format("cluster {} ({})", config.name, out.cluster_id));

  // 2. AWS, as the user's own tools would reach it.
  auto aws = AwsContext::Open(options, config.aws.region);
  if (!aws.ok()) return fail(Stage::kAwsSession, aws.status());
  aws::AwsClient& client = (*aws)->client();

  // 3. Every requirement, before the first mutating call.
  Phase check(events, clock, "preflight", 0);
  preflight::PreflightOptions preflight_options;
  preflight_options.expected_install_time = options.expected_install;
  preflight_options.waived = options.waived;
  preflight_options.cluster_id = out.cluster_id;
  out.preflight = preflight::RunPreflight(*loaded, client, preflight_options);
  out.calls = (*aws)->counts();
  if (!out.preflight->ok()) {
    check.Done("failed");
    return fail(Stage::kPreflight, Status::PreconditionFailed(FailedChecksSummary(*out.preflight)));
  }
  check.Done(fmt::format("{} checks passed", out.preflight->Count(preflight::CheckState::kPass)));

  // 4. Assets, offline; kept when they already exist.
  Phase make_assets(events, clock, "assets", 0);
  auto assets = assets::GenerateAssets(config, options.dir);
  if (!assets.ok()) return fail(Stage::kAssets, assets.status());
  out.kubeconfig = assets->kubeconfig;
  make_assets.Done(fmt::format("{} written, {} kept", assets->written.size(), assets->kept.size()));

  // 5. The desired graph.
  auto graph = topology::BuildGraph(
      config, MakeTopologyInputs(out.cluster_id, out.preflight->facts, *assets));
  if (!graph.ok()) return fail(Stage::kGraph, graph.status());

  // 6. Apply, journaled.
  auto journal = engine::Journal::Open(dir.Journal());
  if (!journal.ok()) return fail(Stage::kApply, journal.status());
  engine::HandlerRegistry registry;
  resources::HandlerStore store = resources::RegisterAllHandlers(registry, client);
  engine::ExecutorOptions executor_options;
  executor_options.identity = {out.cluster_id, config.name, config.aws.tags};
  executor_options.scheduler.events = events;
  executor_options.scheduler.cancel = options.cancel;
  executor_options.scheduler.worker_threads = options.worker_threads;
  engine::Executor executor(registry, **journal, executor_options);
  if (options.via_cloudformation) {
    Status via = ApplyViaStack(options, config, dir, out.cluster_id, *graph, executor, **journal,
                               client, &out);
    out.calls = (*aws)->counts();
    if (!via.ok()) return fail(Stage::kApply, via);
  } else {
    out.report = executor.Apply(*graph);
    out.calls = (*aws)->counts();
    if (!out.report.status.ok()) return fail(Stage::kApply, out.report.status);
  }

  out.api_url = "https://" + config.ApiHost();
  out.console_url = "https://" + config.ConsoleHost();

  // 7. Wait until the cluster answers (unless --no-wait). The stack's target groups are not in
  // the journal: with none listed, the wait finds them by the cluster's tags.
  if (!options.wait) return out;
  std::vector<TargetGroupRef> target_groups;
  if (!options.via_cloudformation) {
    auto entries = (*journal)->LoadAll();
    if (!entries.ok()) return fail(Stage::kWait, entries.status());
    target_groups = TargetGroupsOf(*entries);
  }
  CallCounts before = (*aws)->counts();
  out.wait = WaitForClusterWith(client, config, out.cluster_id, target_groups, options,
                                options.wait_settings);
  out.calls = (*aws)->counts();
  out.wait->calls = out.calls;
  out.wait->calls.calls -= before.calls;
  out.wait->calls.mutating -= before.mutating;
  if (out.wait->stage != Stage::kDone) return fail(out.wait->stage, out.wait->status);
  return out;
}

}  // namespace tectonic::installer
