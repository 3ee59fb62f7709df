// DestroyCluster: delete what the journal knows in reverse dependency order, then sweep by the
// cluster tag for everything else (crash leftovers, what Kubernetes created), then prove that
// nothing the cluster owns is left. Works without the journal and without the directory.
// Proven clean, the directory's cluster id is retired so that the directory can install a fresh
// cluster (retire_cluster.h); run again on such a directory, destroy has nothing to do.
#include <fmt/format.h>

#include "engine/destroy.h"
#include "engine/journal.h"
#include "installer/aws_context.h"
#include "installer/dir_lock.h"
#include "installer/installer.h"
#include "installer/journal_check.h"
#include "installer/retire_cluster.h"
#include "installer/run_support.h"
#include "installer/stack_path.h"
#include "model/cluster_dir.h"
#include "model/cluster_metadata.h"
#include "resources/registry.h"

namespace tectonic::installer {
namespace {

struct Identity {
  std::string cluster_id;
  std::string name;
  std::string region;
  bool from_metadata = false;      // the directory's living cluster
  std::string nothing_to_destroy;  // the directory's cluster was destroyed before
};

// The cluster's identity from metadata.json, else from the flags.
Result<Identity> ResolveIdentity(const DestroyOptions& options) {
  Identity id{options.cluster_id, "", options.aws.region};
  if (!options.dir.empty()) {
    model::ClusterDir dir{options.dir};
    auto metadata = model::LoadMetadata(dir);
    if (metadata.ok()) {
      if (!id.cluster_id.empty() && id.cluster_id != metadata->cluster_id) {
        return Status::InvalidInput(fmt::format(
            "--cluster-id {} does not match {} in {} (cluster id {}); drop the flag "
            "or point --dir at that cluster's directory",
            id.cluster_id, metadata->name, dir.Metadata().string(), metadata->cluster_id));
      }
      id.cluster_id = metadata->cluster_id;
      id.name = metadata->name;
      id.from_metadata = true;
      if (id.region.empty()) id.region = metadata->region;
    } else if (id.cluster_id.empty() && metadata.status().code() != StatusCode::kNotFound) {
      return metadata.status();  // damaged: says how to fix it
    } else if (auto destroyed = model::LoadDestroyedClusters(dir);
               id.cluster_id.empty() && destroyed.ok() && !destroyed->empty()) {
      id.cluster_id = destroyed->back().cluster.cluster_id;
      id.nothing_to_destroy = metadata.status().message();
      return id;
    } else if (id.cluster_id.empty()) {
      return Status::InvalidInput(
          fmt::format("{} has no metadata.json, so the cluster id is unknown; pass --cluster-id ID "
                      "--region R (the tectonicClusterID tag value printed by create cluster)",
                      options.dir.string()));
    }
  }
  if (id.cluster_id.empty()) {
    return Status::InvalidInput(
        "no cluster to destroy: pass --dir D, or --cluster-id ID --region R");
  }
  return id;
}

}  // namespace

DestroyOutcome DestroyCluster(const DestroyOptions& options) {
  DestroyOutcome out;
  auto fail = [&out](Stage stage, Status status) {
    out.stage = stage;
    out.status = std::move(status);
    return out;
  };
  Clock& clock = RealClock::Instance();
  auto identity = ResolveIdentity(options);
  if (!identity.ok()) return fail(Stage::kConfig, identity.status());
  out.cluster_id = identity->cluster_id;
  // One create or destroy per directory at a time; held until this function returns.
  std::unique_ptr<DirLock> lock;
  if (identity->nothing_to_destroy.empty() && !options.dir.empty() &&
      std::filesystem::is_directory(options.dir)) {
    auto locked = LockClusterDir(options, "destroy cluster");
    if (!locked.ok()) return fail(StageOfLockFailure(locked.status()), locked.status());
    lock = std::move(locked).value();
    // Read again under the lock: while this run waited, another may have destroyed the cluster
    // (its id retired) and a create may have drawn a new one.
    auto now = ResolveIdentity(options);
    if (!now.ok()) return fail(Stage::kConfig, now.status());
    if (now->nothing_to_destroy.empty() && now->cluster_id != identity->cluster_id) {
      return fail(Stage::kConfig,
                  Status::InvalidInput(fmt::format(
                      "while this destroy waited for {}, its cluster changed from {} to {} "
                      "(destroyed, then created again); nothing was changed. Re-run destroy to "
                      "remove the new cluster",
                      options.dir.string(), identity->cluster_id, now->cluster_id)));
    }
    identity = std::move(now);
    if (identity->nothing_to_destroy.empty()) {
      Status journal =
          CheckJournal(model::ClusterDir{options.dir}, out.cluster_id, identity->region);
      if (!journal.ok()) return fail(Stage::kConfig, journal);
    }
  }
  if (!identity->nothing_to_destroy.empty()) {
    out.nothing_to_destroy = identity->nothing_to_destroy;
    return out;
  }

  auto aws = AwsContext::Open(options, identity->region);
  if (!aws.ok()) return fail(Stage::kAwsSession, aws.status());
  aws::AwsClient& client = (*aws)->client();
  // 0. The stack of `create cluster --via cloudformation`, if any (stack_path.h). A stack that
  // fails to delete does not stop the rest: the sweep deletes by tag what it left.
  const Status stack = DeleteClusterStack(options, out.cluster_id, client);

  // 1. What the journal remembers, in reverse dependency order.
  model::ClusterDir dir{options.dir};
  if (!options.dir.empty() && std::filesystem::exists(dir.Journal())) {
    auto journal = engine::Journal::Open(dir.Journal());
    if (!journal.ok()) return fail(Stage::kApply, journal.status());
    auto entries = (*journal)->LoadAll();
    if (!entries.ok()) return fail(Stage::kApply, entries.status());
    engine::Graph graph = engine::GraphFromJournal(*entries);
    engine::HandlerRegistry registry;
    resources::HandlerStore store = resources::RegisterAllHandlers(registry, client);
    engine::ExecutorOptions executor_options;
    executor_options.identity = {out.cluster_id, identity->name, {}};
    executor_options.scheduler.events = options.events;
    executor_options.scheduler.cancel = options.cancel;
    executor_options.scheduler.worker_threads = options.worker_threads;
    executor_options.scheduler.keep_going = true;
    out.report = engine::Destroy(&graph, **journal, registry, executor_options);
    if (out.report.status.code() == StatusCode::kCancelled) {
      out.calls = (*aws)->counts();
      return fail(Stage::kApply, out.report.status);
    }
  }

  // 2. Everything else AWS holds in the cluster's name, until nothing is left.
  Phase sweep(options.events, clock, "sweep", 0);
  resources::SweepOptions sweep_options;
  sweep_options.cluster_id = out.cluster_id;
  sweep_options.cluster_name = identity->name;
  sweep_options.deadline = options.sweep_deadline;
  resources::SweepResult swept = resources::SweepCluster(client, sweep_options);
  out.swept = swept.deleted;
  out.remaining = swept.remaining;
  out.calls = (*aws)->counts();
  sweep.Done(fmt::format("{} deleted by tag, {} left", out.swept.size(), out.remaining.size()));
  if (!swept.status.ok()) return fail(Stage::kSweep, swept.status);
  if (!stack.ok()) {
    // Deleting again succeeds once the sweep removed what blocked it.
    if (Status again = DeleteClusterStack(options, out.cluster_id, client); !again.ok()) {
      return fail(Stage::kApply, again);
    }
  }
  if (!out.report.status.ok() && !out.remaining.empty()) {
    return fail(Stage::kApply, out.report.status);
  }
  if (identity->from_metadata && out.remaining.empty()) {
    if (Status retired = RetireClusterDir(dir); !retired.ok()) return fail(Stage::kSweep, retired);
    out.retired = true;
  }
  return out;
}

}  // namespace tectonic::installer
