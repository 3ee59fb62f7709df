#include "installer/journal_check.h"

#include <fmt/format.h>

#include "engine/journal.h"

namespace tectonic::installer {

Status CheckJournal(const model::ClusterDir& dir, const std::string& cluster_id,
                    const std::string& region) {
  Status verified = engine::Journal::Verify(dir.Journal());
  if (verified.ok()) return verified;
  std::string id = cluster_id.empty() ? "ID" : cluster_id;
  std::string r = region.empty() ? "R" : region;
  std::string where = cluster_id.empty()
                          ? "the tectonicClusterID tag value printed by create cluster"
                          : "tagged tectonicClusterID=" + cluster_id;
  return Status::InvalidInput(fmt::format(
      "{}. Nothing was changed. The journal only caches ids; AWS holds the cluster ({}). "
      "To remove the cluster: 'tectonic destroy cluster --cluster-id {} --region {}' (without "
      "--dir) still removes everything by tag. To go on installing instead: move {} aside "
      "(e.g. to {}.damaged) and re-run 'tectonic create cluster', which finds by tag what "
      "already exists.",
      verified.message(), where, id, r, dir.Journal().string(), dir.Journal().string()));
}

}  // namespace tectonic::installer
