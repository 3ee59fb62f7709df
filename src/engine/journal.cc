#include "engine/journal.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <string>
#include <vector>

namespace tectonic::engine {
namespace {

constexpr int kBusyTimeoutMs = 10000;

// A prepared statement that finalizes itself.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) : db_(db) {
    rc_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr);
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Status status() const { return rc_ == SQLITE_OK ? Status::Ok() : Error("prepare"); }
  void Bind(int i, const std::string& text) {
    sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  }
  void Bind(int i, std::int64_t value) { sqlite3_bind_int64(stmt_, i, value); }
  // SQLITE_ROW, SQLITE_DONE or an error code.
  int Step() { return sqlite3_step(stmt_); }
  std::string Text(int col) const {
    const unsigned char* text = sqlite3_column_text(stmt_, col);
    return text ? std::string(reinterpret_cast<const char*>(text)) : std::string();
  }
  std::int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  Status Error(const char* what) const {
    return Status::Internal(fmt::format("journal {}: {}", what, sqlite3_errmsg(db_)));
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  int rc_;
};

std::int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

nlohmann::json ParseJson(const std::string& text, nlohmann::json fallback) {
  auto parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  return parsed.is_discarded() ? fallback : parsed;
}

constexpr const char* kSelectColumns =
    "SELECT key, kind, state, outputs, deps, props, props_hash, shared, updated_at FROM nodes";

Result<JournalEntry> ReadEntry(const Statement& st) {
  JournalEntry e;
  e.key = st.Text(0);
  e.kind = st.Text(1);
  if (!ParseNodeState(st.Text(2), &e.state)) {
    return Status::Internal(
        fmt::format("journal: node {} has unknown state {}", e.key, st.Text(2)));
  }
  e.outputs = ParseJson(st.Text(3), nlohmann::json::object());
  auto deps = ParseJson(st.Text(4), nlohmann::json::array());
  if (deps.is_array()) {
    for (const auto& d : deps) {
      if (d.is_string()) e.deps.push_back(d.get<std::string>());
    }
  }
  e.props = ParseJson(st.Text(5), nlohmann::json::object());
  e.props_hash = st.Text(6);
  e.shared = st.Int(7) != 0;
  e.updated_at = st.Int(8);
  return e;
}

}  // namespace

std::string_view NodeStateName(NodeState state) {
  switch (state) {
    case NodeState::kCreating:
      return "creating";
    case NodeState::kCreated:
      return "created";
    case NodeState::kReady:
      return "ready";
    case NodeState::kDeleting:
      return "deleting";
    case NodeState::kDeleted:
      return "deleted";
  }
  return "unknown";
}

bool ParseNodeState(std::string_view name, NodeState* state) {
  for (NodeState s : {NodeState::kCreating, NodeState::kCreated, NodeState::kReady,
                      NodeState::kDeleting, NodeState::kDeleted}) {
    if (NodeStateName(s) == name) {
      *state = s;
      return true;
    }
  }
  return false;
}

Status Journal::Verify(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec) || std::filesystem::file_size(path, ec) == 0) {
    return Status::Ok();  // absent or empty: a new journal
  }
  sqlite3* db = nullptr;
  // Read-only, and no WAL recovery that would write: the file stays exactly as it is.
  int rc =
      sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX, nullptr);
  std::string problem;
  if (rc != SQLITE_OK) {
    problem = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  } else {
    sqlite3_busy_timeout(db, kBusyTimeoutMs);
    // quick_check answers "ok", or one row per problem found (at most 3 asked for).
    std::vector<std::string> rows;
    char* error = nullptr;
    rc = sqlite3_exec(
        db, "PRAGMA quick_check(3)",
        [](void* out, int, char** values, char**) {
          static_cast<std::vector<std::string>*>(out)->push_back(values[0] ? values[0] : "");
          return 0;
        },
        &rows, &error);
    if (rc != SQLITE_OK) {
      problem = error ? error : sqlite3_errstr(rc);
    } else if (rows.size() != 1 || rows[0] != "ok") {
      for (const auto& row : rows) problem += (problem.empty() ? "" : "; ") + row;
    }
    sqlite3_free(error);
  }
  sqlite3_close(db);
  if (problem.empty()) return Status::Ok();
  return Status::InvalidInput(fmt::format(
      "the journal {} is damaged and cannot be read ({}): it was cut short, overwritten or "
      "corrupted outside tectonic",
      path.string(), problem));
}

Result<std::unique_ptr<Journal>> Journal::Open(const std::filesystem::path& path) {
  TECTONIC_RETURN_IF_ERROR(Verify(path));
  // Create the file 0600 ourselves so it is never readable by others, even for an instant.
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    return Status::InvalidInput(
        fmt::format("cannot open journal {}: {}", path.string(), std::strerror(errno)));
  }
  ::fchmod(fd, 0600);
  ::close(fd);

  sqlite3* db = nullptr;
  int rc =
      sqlite3_open_v2(path.c_str(), &db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return Status::Internal(fmt::format("cannot open journal {}: {}", path.string(), message));
  }
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  std::unique_ptr<Journal> journal(new Journal(path, db));
  TECTONIC_RETURN_IF_ERROR(journal->Exec("PRAGMA journal_mode=WAL"));
  TECTONIC_RETURN_IF_ERROR(journal->Exec("PRAGMA synchronous=FULL"));
  TECTONIC_RETURN_IF_ERROR(
      journal->Exec("CREATE TABLE IF NOT EXISTS nodes ("
                    " key TEXT PRIMARY KEY, kind TEXT NOT NULL,"
                    " state TEXT NOT NULL CHECK (state IN"
                    "   ('creating','created','ready','deleting','deleted')),"
                    " outputs TEXT NOT NULL DEFAULT '{}', deps TEXT NOT NULL DEFAULT '[]',"
                    " props TEXT NOT NULL DEFAULT '{}', props_hash TEXT NOT NULL DEFAULT '',"
                    " shared INTEGER NOT NULL DEFAULT 0, updated_at INTEGER NOT NULL)"));
  TECTONIC_RETURN_IF_ERROR(
      journal->Exec("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"));
  TECTONIC_ASSIGN_OR_RETURN(auto version, journal->GetMeta("schema_version"));
  if (!version) {
    TECTONIC_RETURN_IF_ERROR(journal->SetMeta("schema_version", std::to_string(kSchemaVersion)));
  } else if (*version != std::to_string(kSchemaVersion)) {
    return Status::InvalidInput(
        fmt::format("journal {} has schema version {}, this tectonic understands version {}",
                    path.string(), *version, kSchemaVersion));
  }
  return journal;
}

Journal::~Journal() { sqlite3_close(db_); }

Status Journal::Exec(const char* sql) {
  std::lock_guard lock(mu_);
  char* error = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    return Status::Internal(fmt::format("journal {}: {}", path_.string(), message));
  }
  return Status::Ok();
}

Status Journal::Record(const std::string& key, const std::string& kind, NodeState state,
                       const nlohmann::json& outputs) {
  std::lock_guard lock(mu_);
  Statement st(db_,
               "INSERT INTO nodes (key, kind, state, outputs, updated_at) VALUES (?,?,?,?,?) "
               "ON CONFLICT(key) DO UPDATE SET kind=excluded.kind, state=excluded.state,"
               " outputs=excluded.outputs, updated_at=excluded.updated_at");
  TECTONIC_RETURN_IF_ERROR(st.status());
  st.Bind(1, key);
  st.Bind(2, kind);
  st.Bind(3, std::string(NodeStateName(state)));
  st.Bind(4, outputs.is_null() ? std::string("{}") : outputs.dump());
  st.Bind(5, NowMs());
  if (st.Step() != SQLITE_DONE) return st.Error("record");
  return Status::Ok();
}

Status Journal::Record(const JournalEntry& e) {
  std::lock_guard lock(mu_);
  Statement st(db_,
               "INSERT OR REPLACE INTO nodes (key, kind, state, outputs, deps, props, props_hash,"
               " shared, updated_at) VALUES (?,?,?,?,?,?,?,?,?)");
  TECTONIC_RETURN_IF_ERROR(st.status());
  st.Bind(1, e.key);
  st.Bind(2, e.kind);
  st.Bind(3, std::string(NodeStateName(e.state)));
  st.Bind(4, e.outputs.is_null() ? std::string("{}") : e.outputs.dump());
  st.Bind(5, nlohmann::json(e.deps).dump());
  st.Bind(6, e.props.is_null() ? std::string("{}") : e.props.dump());
  st.Bind(7, e.props_hash);
  st.Bind(8, static_cast<std::int64_t>(e.shared ? 1 : 0));
  st.Bind(9, NowMs());
  if (st.Step() != SQLITE_DONE) return st.Error("record");
  return Status::Ok();
}

Result<std::optional<JournalEntry>> Journal::Get(const std::string& key) {
  std::lock_guard lock(mu_);
  Statement st(db_, fmt::format("{} WHERE key = ?", kSelectColumns).c_str());
  TECTONIC_RETURN_IF_ERROR(st.status());
  st.Bind(1, key);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return std::optional<JournalEntry>();
  if (rc != SQLITE_ROW) return st.Error("read");
  TECTONIC_ASSIGN_OR_RETURN(JournalEntry entry, ReadEntry(st));
  return std::optional<JournalEntry>(std::move(entry));
}

Result<std::vector<JournalEntry>> Journal::LoadAll() {
  std::lock_guard lock(mu_);
  Statement st(db_, fmt::format("{} ORDER BY key", kSelectColumns).c_str());
  TECTONIC_RETURN_IF_ERROR(st.status());
  std::vector<JournalEntry> entries;
  while (true) {
    int rc = st.Step();
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) return st.Error("load");
    TECTONIC_ASSIGN_OR_RETURN(JournalEntry entry, ReadEntry(st));
    entries.push_back(std::move(entry));
  }
  return entries;
}

Status Journal::Remove(const std::string& key) {
  std::lock_guard lock(mu_);
  Statement st(db_, "DELETE FROM nodes WHERE key = ?");
  TECTONIC_RETURN_IF_ERROR(st.status());
  st.Bind(1, key);
  if (st.Step() != SQLITE_DONE) return st.Error("remove");
  return Status::Ok();
}

Status Journal::SetMeta(const std::string& key, const std::string& value) {
  std::lock_guard lock(mu_);
  Statement st(db_, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)");
  TECTONIC_RETURN_IF_ERROR(st.status());
  st.Bind(1, key);
  st.Bind(2, value);
  if (st.Step() != SQLITE_DONE) return st.Error("set meta");
  return Status::Ok();
}

Result<std::optional<std::string>> Journal::GetMeta(const std::string& key) {
  std::lock_guard lock(mu_);
  Statement st(db_, "SELECT value FROM meta WHERE key = ?");
  TECTONIC_RETURN_IF_ERROR(st.status());
  st.Bind(1, key);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return std::optional<std::string>();
  if (rc != SQLITE_ROW) return st.Error("get meta");
  return std::optional<std::string>(st.Text(0));
}

}  // namespace tectonic::engine
