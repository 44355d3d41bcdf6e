// The SQLite adapter: WAL, synchronous=FULL (a commit is on disk before it returns),
// foreign keys on, prepared statements cached per connection. One connection is used by one
// thread at a time; the Store hands them out.
#ifndef ASSURE_SERVICES_COMMON_STORE_SQLITE_CONNECTION_H_
#define ASSURE_SERVICES_COMMON_STORE_SQLITE_CONNECTION_H_

#include <memory>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "services/common/store/connection.h"

struct sqlite3;
struct sqlite3_stmt;

namespace assure::store {

class SqliteConnection : public Connection {
 public:
  static absl::StatusOr<std::unique_ptr<SqliteConnection>> Open(const std::string& path,
                                                                bool read_only);
  ~SqliteConnection() override;

  absl::Status Exec(absl::string_view sql, const Params& params = {},
                    int64_t* changed = nullptr) override;
  absl::Status Query(absl::string_view sql, const Params& params,
                     const std::function<void(const Row&)>& on_row) override;
  absl::Status ExecScript(absl::string_view sql) override;
  Dialect dialect() const override { return Dialect::kSqlite; }
  absl::Status Begin(bool write) override { return ExecScript(write ? "BEGIN IMMEDIATE" : "BEGIN"); }
  absl::Status BeginRead(const std::string&) override { return Begin(false); }
  absl::Status StartWrite(const std::string&) override { return Exec("SAVEPOINT write"); }
  // Every call waits for its statement, so a failure is always reported to its own caller.
  absl::Status Settle() override { return absl::OkStatus(); }
  int64_t refusals() const override { return 0; }
  absl::Status Commit() override { return ExecScript("COMMIT"); }
  void EndRead() override { ExecScript("COMMIT").IgnoreError(); }
  void FinishIdle() override {}

 private:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  absl::StatusOr<sqlite3_stmt*> Prepare(absl::string_view sql, const Params& params);
  absl::Status Error(absl::string_view what) const;
  static absl::Status Failure(int code, const std::string& detail);

  sqlite3* db_;
  absl::flat_hash_map<std::string, sqlite3_stmt*> statements_;
};

}  // namespace assure::store

#endif  // ASSURE_SERVICES_COMMON_STORE_SQLITE_CONNECTION_H_
