#include "services/common/store/sqlite_connection.h"

#include <sqlite3.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/common/store/store_errors.h"
#include "absl/time/clock.h"

namespace assure::store {
namespace {

class SqliteRow : public Row {
 public:
  explicit SqliteRow(sqlite3_stmt* stmt) : stmt_(stmt) {}
  bool IsNull(int c) const override { return sqlite3_column_type(stmt_, c) == SQLITE_NULL; }
  int64_t Int(int c) const override { return sqlite3_column_int64(stmt_, c); }
  std::string Text(int c) const override {
    const auto* text = sqlite3_column_text(stmt_, c);
    return text ? std::string(reinterpret_cast<const char*>(text), sqlite3_column_bytes(stmt_, c))
                : std::string();
  }
  std::string Blob(int c) const override {
    const void* data = sqlite3_column_blob(stmt_, c);
    return data ? std::string(static_cast<const char*>(data), sqlite3_column_bytes(stmt_, c))
                : std::string();
  }

 private:
  sqlite3_stmt* stmt_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(const std::string& path,
                                                                         bool read_only) {
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_NOMUTEX |
                    (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return absl::UnavailableError(absl::StrCat("cannot open store ", path, ": ", message));
  }
  std::unique_ptr<SqliteConnection> conn(new SqliteConnection(db));
  sqlite3_busy_timeout(db, 10000);
  // FULL: a commit is acknowledged only once it is on disk; group commit recovers the speed.
  const char* pragmas = read_only ? "PRAGMA foreign_keys=ON; PRAGMA query_only=ON;"
                                  : "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                                    " PRAGMA foreign_keys=ON;";
  // Switching a new file to WAL needs it to itself, and SQLite answers "locked" at once
  // rather than waiting when another process opens it at the same moment: try again.
  absl::Status st;
  for (int attempt = 0; attempt < 400; ++attempt) {
    st = conn->ExecScript(pragmas);
    if (st.ok() || !absl::StrContains(st.message(), "locked")) break;
    absl::SleepFor(absl::Milliseconds(25));
  }
  if (!st.ok()) return st;
  return conn;
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

absl::Status SqliteConnection::Error(absl::string_view what) const {
  return Failure(sqlite3_errcode(db_), absl::StrCat(what, ": ", sqlite3_errmsg(db_)));
}

// A full disk or a failing one is the store's outage, worth retrying later. Anything else is
// INTERNAL: services check existence and rules before writing, so a failure here is ours,
// and its text (which holds SQL) must stay in the log.
absl::Status SqliteConnection::Failure(int code, const std::string& detail) {
  switch (code & 0xff) {
    case SQLITE_FULL:
      return StoreFull(detail);
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return StoreUnreachable(detail);
    default:
      return absl::InternalError(detail);
  }
}

absl::StatusOr<sqlite3_stmt*> SqliteConnection::Prepare(absl::string_view sql,
                                                        const Params& params) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                           &stmt, nullptr) != SQLITE_OK) {
      return Error(absl::StrCat("prepare ", sql));
    }
    it = statements_.emplace(std::string(sql), stmt).first;
  }
  sqlite3_stmt* stmt = it->second;
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  for (size_t i = 0; i < params.size(); ++i) {
    const int index = static_cast<int>(i + 1);
    int rc = SQLITE_OK;
    if (const auto* v = std::get_if<int64_t>(&params[i])) {
      rc = sqlite3_bind_int64(stmt, index, *v);
    } else if (const auto* s = std::get_if<std::string>(&params[i])) {
      rc = sqlite3_bind_text(stmt, index, s->data(), static_cast<int>(s->size()), SQLITE_STATIC);
    } else if (const auto* b = std::get_if<Bytes>(&params[i])) {
      rc = sqlite3_bind_blob(stmt, index, b->data.data(), static_cast<int>(b->data.size()),
                             SQLITE_STATIC);
    } else {
      rc = sqlite3_bind_null(stmt, index);
    }
    if (rc != SQLITE_OK) return Error("bind");
  }
  return stmt;
}

absl::Status SqliteConnection::Exec(absl::string_view sql, const Params& params,
                                    int64_t* changed) {
  auto stmt = Prepare(sql, params);
  if (!stmt.ok()) return stmt.status();
  int rc;
  while ((rc = sqlite3_step(*stmt)) == SQLITE_ROW) {
  }
  sqlite3_reset(*stmt);
  if (rc != SQLITE_DONE) return Error(sql);
  if (changed) *changed = sqlite3_changes64(db_);
  return absl::OkStatus();
}

absl::Status SqliteConnection::Query(absl::string_view sql, const Params& params,
                                     const std::function<void(const Row&)>& on_row) {
  auto stmt = Prepare(sql, params);
  if (!stmt.ok()) return stmt.status();
  SqliteRow row(*stmt);
  int rc;
  while ((rc = sqlite3_step(*stmt)) == SQLITE_ROW) on_row(row);
  sqlite3_reset(*stmt);
  if (rc != SQLITE_DONE) return Error(sql);
  return absl::OkStatus();
}

absl::Status SqliteConnection::ExecScript(absl::string_view sql) {
  char* message = nullptr;
  if (const int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &message);
      rc != SQLITE_OK) {
    absl::Status st = Failure(rc, message ? message : "script failed");
    sqlite3_free(message);
    return st;
  }
  return absl::OkStatus();
}

}  // namespace assure::store
