// Journal: the durable record of what this cluster has created, in SQLite (state.db in the
// cluster directory). It caches ids; the cloud (found by tags) stays the truth.
// What a caller may rely on: every Record/Remove/SetMeta is committed with synchronous=FULL
// before it returns, so an id recorded before it is used survives kill -9 and power loss.
// The file is created 0600 (its WAL and SHM files inherit that mode).
// Thread safety: one connection guarded by a mutex; every method may be called from any thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

struct sqlite3;

namespace tectonic::engine {

enum class NodeState { kCreating, kCreated, kReady, kDeleting, kDeleted };

std::string_view NodeStateName(NodeState state);
// false when name is not a state name.
bool ParseNodeState(std::string_view name, NodeState* state);

struct JournalEntry {
  std::string key;
  std::string kind;
  NodeState state = NodeState::kCreating;
  nlohmann::json outputs = nlohmann::json::object();
  std::vector<std::string> deps;                    // all dependencies at record time
  nlohmann::json props = nlohmann::json::object();  // resolved props at record time
  std::string props_hash;                           // hash of the spec's (unresolved) props
  bool shared = false;
  std::int64_t updated_at = 0;  // unix milliseconds
};

class Journal {
 public:
  inline static constexpr int kSchemaVersion = 1;

  // Opens (creating when absent) the journal at path, e.g. ClusterDir::Journal(). A damaged
  // file (Verify) is an error, and is left as it was.
  static Result<std::unique_ptr<Journal>> Open(const std::filesystem::path& path);
  // Reads the journal at path without changing it and checks its integrity (SQLite's
  // quick_check): kInvalidInput saying what is wrong when it is not a database, is cut short or
  // corrupt; Ok when it is sound, empty or absent.
  static Status Verify(const std::filesystem::path& path);
  ~Journal();
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  // Upserts state and outputs; keeps deps, props, hash and shared of an existing entry.
  Status Record(const std::string& key, const std::string& kind, NodeState state,
                const nlohmann::json& outputs);
  // Upserts every field of entry (updated_at is set by the journal).
  Status Record(const JournalEntry& entry);
  Result<std::optional<JournalEntry>> Get(const std::string& key);
  // Every entry, ordered by key.
  Result<std::vector<JournalEntry>> LoadAll();
  Status Remove(const std::string& key);

  // Small key/value table: "cluster_id", "schema_version", ...
  Status SetMeta(const std::string& key, const std::string& value);
  Result<std::optional<std::string>> GetMeta(const std::string& key);

  const std::filesystem::path& path() const { return path_; }

 private:
  Journal(std::filesystem::path path, sqlite3* db) : path_(std::move(path)), db_(db) {}
  Status Exec(const char* sql);

  std::filesystem::path path_;
  std::mutex mu_;
  sqlite3* db_;  // guarded by mu_
};

}  // namespace tectonic::engine
