#include "installer/retire_cluster.h"

#include <fmt/format.h>

#include <system_error>

#include "installer/stack_path.h"
#include "model/cluster_metadata.h"

namespace tectonic::installer {
namespace {

Status RemoveIfPresent(const std::filesystem::path& path) {
  std::error_code ec;
  std::filesystem::remove(path, ec);
  if (ec) {
    return Status::Internal(
        fmt::format("cannot remove {} ({}); remove it by hand, then re-run the command",
                    path.string(), ec.message()));
  }
  return Status::Ok();
}

}  // namespace

Status ClearRetiredState(const model::ClusterDir& dir) {
  auto living = model::LoadMetadata(dir);
  if (living.ok() || living.status().code() != StatusCode::kNotFound) return Status::Ok();
  auto destroyed = model::LoadDestroyedClusters(dir);
  if (!destroyed.ok() || destroyed->empty()) return Status::Ok();
  const std::string journal = dir.Journal().string();
  for (const std::string& path :
       {journal, journal + "-wal", journal + "-shm", journal + "-journal"}) {
    TECTONIC_RETURN_IF_ERROR(RemoveIfPresent(path));
  }
  return RemoveIfPresent(StackRecordPath(dir));
}

Status RetireClusterDir(const model::ClusterDir& dir) {
  TECTONIC_RETURN_IF_ERROR(model::RetireMetadata(dir));
  return ClearRetiredState(dir);
}

}  // namespace tectonic::installer
