// ClusterStatus: the journal and AWS side by side, plus what AWS holds in the cluster's name
// that the journal does not know.
#include <fmt/format.h>

#include <set>

#include "engine/context.h"
#include "engine/graph.h"
#include "engine/journal.h"
#include "installer/aws_context.h"
#include "installer/installer.h"
#include "installer/journal_check.h"
#include "installer/stack_path.h"
#include "model/cluster_dir.h"
#include "model/cluster_metadata.h"
#include "resources/registry.h"

namespace tectonic::installer {

StatusOutcome ClusterStatus(const CommonOptions& options) {
  StatusOutcome out;
  model::ClusterDir dir{options.dir};
  auto metadata = model::LoadMetadata(dir);
  if (!metadata.ok()) {
    out.stage = Stage::kConfig;
    // A destroyed cluster's directory: LoadMetadata's message names the cluster and the fix.
    auto destroyed = model::LoadDestroyedClusters(dir);
    out.status =
        Status::InvalidInput(destroyed.ok() && !destroyed->empty()
                                 ? metadata.status().message()
                                 : fmt::format("{} holds no cluster yet (no metadata.json); run "
                                               "'tectonic create cluster --dir {}'",
                                               options.dir.string(), options.dir.string()));
    return out;
  }
  out.cluster_id = metadata->cluster_id;
  out.name = metadata->name;
  out.region = options.aws.region.empty() ? metadata->region : options.aws.region;
  if (auto s = CheckJournal(dir, out.cluster_id, out.region); !s.ok()) {
    out.stage = Stage::kConfig;
    out.status = s;
    return out;
  }

  auto aws = AwsContext::Open(options, out.region);
  if (!aws.ok()) {
    out.stage = Stage::kAwsSession;
    out.status = aws.status();
    return out;
  }
  aws::AwsClient& client = (*aws)->client();
  engine::HandlerRegistry registry;
  resources::HandlerStore store = resources::RegisterAllHandlers(registry, client);

  std::set<std::string> known_ids;
  std::set<std::string> known_keys;  // journaled graph keys
  if (std::filesystem::exists(dir.Journal())) {
    auto journal = engine::Journal::Open(dir.Journal());
    if (!journal.ok()) {
      out.stage = Stage::kApply;
      out.status = journal.status();
      return out;
    }
    auto entries = (*journal)->LoadAll();
    if (entries.ok()) {
      engine::ClusterIdentity identity{out.cluster_id, out.name, {}};
      for (const auto& entry : *entries) {
        bool has_id = entry.outputs.is_object() && entry.outputs.contains("id");
        NodeStatus node{entry.key, entry.kind, std::string(engine::NodeStateName(entry.state)),
                        has_id ? entry.outputs["id"].get<std::string>() : "", ""};
        known_ids.insert(node.id);
        known_keys.insert(entry.key);
        auto handler = registry.find(entry.kind);
        if (handler == registry.end()) {
          node.aws_state = "unknown: no handler";
        } else {
          auto ctx = engine::MakeNodeContext(identity, entry.key, entry.kind, entry.shared);
          std::optional<engine::Outputs> journaled;
          if (has_id) journaled = entry.outputs;
          auto found = handler->second->Find(ctx, entry.props, journaled);
          node.aws_state = !found.ok()          ? "unknown: " + found.status().message()
                           : found->has_value() ? "present"
                                                : "missing";
        }
        out.nodes.push_back(std::move(node));
      }
    }
  }

  // The stack's resources carry the cluster's tags too: they are known, not untracked.
  FillStackStatus(dir, client, &out);
  for (const auto& resource : out.stack_resources) known_ids.insert(resource.physical_id);

  resources::SweepOptions sweep_options;
  sweep_options.cluster_id = out.cluster_id;
  sweep_options.cluster_name = out.name;
  auto owned = resources::ListOwned(client, sweep_options);
  if (owned.ok()) {
    for (const auto& leftover : *owned) {
      // Route 53 answers record names with a trailing dot; the journal's ids have none.
      std::string id_seen = leftover.id;
      if (leftover.kind == "route53:record") {
        auto dot = id_seen.rfind("./");
        if (dot != std::string::npos) id_seen.erase(dot, 1);
      }
      // Instances an Auto Scaling group launched and volumes of journaled instances carry
      // their node's key: they belong to it.
      bool known = known_ids.count(id_seen) > 0 ||
                   (!leftover.key.empty() && known_keys.count(leftover.key) > 0);
      for (const auto& id : known_ids) {
        if (!id.empty() && id_seen.find(id) != std::string::npos) known = true;
      }
      if (!known) out.untracked.push_back(leftover);
    }
  }
  out.calls = (*aws)->counts();
  return out;
}

}  // namespace tectonic::installer
