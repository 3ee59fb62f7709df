#include "model/cluster_metadata.h"

#include <ctime>
#include <optional>
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

Status Damaged(const ClusterDir& dir) {
  return Status::InvalidInput(
      fmt::format("{} is damaged: it must hold clusterID (a UUID), name and region, or the "
                  "\"destroyed\" history; restore it from a backup (it is the cluster's identity)",
                  dir.Metadata().string()));
}

// metadata.json parsed; nullopt when there is none. InvalidInput when it is not a JSON object.
Result<std::optional<nlohmann::json>> ReadDoc(const ClusterDir& dir) {
  std::error_code ec;
  if (!std::filesystem::exists(dir.Metadata(), ec)) return std::optional<nlohmann::json>();
  TECTONIC_ASSIGN_OR_RETURN(std::string text, files::ReadFile(dir.Metadata()));
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) return Damaged(dir);
  return std::optional<nlohmann::json>(std::move(doc));
}

std::string TextOf(const nlohmann::json& doc, const char* key) {
  return doc.is_object() && doc.contains(key) && doc[key].is_string() ? doc[key].get<std::string>()
                                                                      : "";
}

bool Valid(const ClusterMetadata& meta) {
  return IsUuid(meta.cluster_id) && !meta.name.empty() && !meta.region.empty();
}

ClusterMetadata ClusterOf(const nlohmann::json& doc) {
  return {TextOf(doc, "clusterID"), TextOf(doc, "name"), TextOf(doc, "region"),
          TextOf(doc, "createdAt")};
}

// A living cluster's fields are at the top level, beside the "destroyed" history.
bool HasLivingCluster(const nlohmann::json& doc) { return doc.contains("clusterID"); }

Result<std::vector<DestroyedCluster>> HistoryOf(const ClusterDir& dir, const nlohmann::json& doc) {
  std::vector<DestroyedCluster> history;
  if (!doc.contains("destroyed")) return history;
  if (!doc["destroyed"].is_array()) return Damaged(dir);
  for (const auto& record : doc["destroyed"]) {
    DestroyedCluster destroyed{ClusterOf(record), TextOf(record, "destroyedAt")};
    if (!Valid(destroyed.cluster)) return Damaged(dir);
    history.push_back(std::move(destroyed));
  }
  return history;
}

}  // namespace

Result<ClusterMetadata> LoadMetadata(const ClusterDir& dir) {
  TECTONIC_ASSIGN_OR_RETURN(auto doc, ReadDoc(dir));
  if (!doc) return Status::NotFound(fmt::format("{} does not exist", dir.Metadata().string()));
  if (HasLivingCluster(*doc)) {
    ClusterMetadata meta = ClusterOf(*doc);
    if (!Valid(meta)) return Damaged(dir);
    return meta;
  }
  TECTONIC_ASSIGN_OR_RETURN(auto history, HistoryOf(dir, *doc));
  if (history.empty()) return Damaged(dir);
  const DestroyedCluster& last = history.back();
  return Status::NotFound(fmt::format(
      "cluster {} ('{}' in {}) of {} was destroyed at {}; nothing of it was left, and its id is "
      "retired. 'tectonic create cluster --dir {}' installs a new cluster with a new id",
      last.cluster.cluster_id, last.cluster.name, last.cluster.region, dir.root.string(),
      last.destroyed_at, dir.root.string()));
}

Result<std::vector<DestroyedCluster>> LoadDestroyedClusters(const ClusterDir& dir) {
  TECTONIC_ASSIGN_OR_RETURN(auto doc, ReadDoc(dir));
  if (!doc) return std::vector<DestroyedCluster>();
  return HistoryOf(dir, *doc);
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

  // A new cluster; the destroyed ones stay in the history.
  TECTONIC_ASSIGN_OR_RETURN(auto previous, ReadDoc(dir));
  nlohmann::json doc = previous ? *previous : nlohmann::json::object();
  TECTONIC_ASSIGN_OR_RETURN(std::string id, NewUuidV4());
  ClusterMetadata meta{id, config.name, config.aws.region, NowRfc3339()};
  doc["clusterID"] = meta.cluster_id;
  doc["name"] = meta.name;
  doc["region"] = meta.region;
  doc["createdAt"] = meta.created_at;
  TECTONIC_RETURN_IF_ERROR(files::EnsureDir(dir.root));
  TECTONIC_RETURN_IF_ERROR(
      files::WriteAtomic(dir.Metadata(), doc.dump(2) + "\n", files::kSecretMode));
  return meta;
}

Status RetireMetadata(const ClusterDir& dir) {
  TECTONIC_ASSIGN_OR_RETURN(auto doc, ReadDoc(dir));
  if (!doc || !HasLivingCluster(*doc)) return Status::Ok();
  TECTONIC_ASSIGN_OR_RETURN(ClusterMetadata meta, LoadMetadata(dir));
  TECTONIC_RETURN_IF_ERROR(HistoryOf(dir, *doc).status());
  if (!doc->contains("destroyed")) (*doc)["destroyed"] = nlohmann::json::array();
  (*doc)["destroyed"].push_back({{"clusterID", meta.cluster_id},
                                 {"name", meta.name},
                                 {"region", meta.region},
                                 {"createdAt", meta.created_at},
                                 {"destroyedAt", NowRfc3339()}});
  for (const char* key : {"clusterID", "name", "region", "createdAt"}) doc->erase(key);
  return files::WriteAtomic(dir.Metadata(), doc->dump(2) + "\n", files::kSecretMode);
}

}  // namespace tectonic::model
