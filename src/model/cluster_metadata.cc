#include "model/cluster_metadata.h"

#include <ctime>
#include <system_error>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "util/files.h"
#include "util/uuid.h"

namespace tectonic::model {
namespace {

std::string NowRfc3339() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof(buffer), "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

}  // namespace

Result<ClusterMetadata> LoadMetadata(const ClusterDir& dir) {
  std::error_code ec;
  if (!std::filesystem::exists(dir.Metadata(), ec)) {
    return Status::NotFound(fmt::format("{} does not exist", dir.Metadata().string()));
  }
  TECTONIC_ASSIGN_OR_RETURN(std::string text, files::ReadFile(dir.Metadata()));
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  auto text_of = [&](const char* key) -> std::string {
    return doc.is_object() && doc.contains(key) && doc[key].is_string()
               ? doc[key].get<std::string>()
               : "";
  };
  ClusterMetadata meta{text_of("clusterID"), text_of("name"), text_of("region"),
                       text_of("createdAt")};
  if (!IsUuid(meta.cluster_id) || meta.name.empty() || meta.region.empty()) {
    return Status::InvalidInput(
        fmt::format("{} is damaged: it must hold clusterID (a UUID), name and region; restore "
                    "it from a backup (it is the cluster's identity)",
                    dir.Metadata().string()));
  }
  return meta;
}

Result<ClusterMetadata> LoadOrCreateMetadata(const ClusterDir& dir, const ClusterConfig& config) {
  auto existing = LoadMetadata(dir);
  if (existing.ok()) {
    if (existing->name != config.name || existing->region != config.aws.region) {
      return Status::InvalidInput(fmt::format(
          "{} belongs to cluster '{}' in {}, but cluster.yaml says '{}' in {}; use a new "
          "directory for a new cluster, or restore the name and region in cluster.yaml",
          dir.Metadata().string(), existing->name, existing->region, config.name,
          config.aws.region));
    }
    return existing;
  }
  if (existing.status().code() != StatusCode::kNotFound) return existing.status();

  TECTONIC_ASSIGN_OR_RETURN(std::string id, NewUuidV4());
  ClusterMetadata meta{id, config.name, config.aws.region, NowRfc3339()};
  nlohmann::json doc = {{"clusterID", meta.cluster_id},
                        {"name", meta.name},
                        {"region", meta.region},
                        {"createdAt", meta.created_at}};
  TECTONIC_RETURN_IF_ERROR(files::EnsureDir(dir.root));
  TECTONIC_RETURN_IF_ERROR(
      files::WriteAtomic(dir.Metadata(), doc.dump(2) + "\n", files::kSecretMode));
  return meta;
}

}  // namespace tectonic::model
