// The PostgreSQL adapter, on libpq: `?` placeholders become $1..$n, each statement is
// prepared once per connection, values go as text (BYTEA as binary) and come back as text.
// Durable as SQLite is: a commit returns once it is flushed (synchronous_commit stays on).
// Serialization failures and deadlocks are marked retryable for the store.
#ifndef ASSURE_SERVICES_COMMON_STORE_POSTGRES_CONNECTION_H_
#define ASSURE_SERVICES_COMMON_STORE_POSTGRES_CONNECTION_H_

#include <memory>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "services/common/store/connection.h"

struct pg_conn;
struct pg_result;

namespace assure::store {

// True for a --store value that names a PostgreSQL database (postgresql:// or postgres://).
bool IsPostgresUrl(const std::string& location);
// `sql` with each `?` outside quotes replaced by $1, $2, ...
std::string NumberPlaceholders(absl::string_view sql);

class PostgresConnection : public Connection {
 public:
  static absl::StatusOr<std::unique_ptr<PostgresConnection>> Open(const std::string& url);
  ~PostgresConnection() override;

  absl::Status Exec(absl::string_view sql, const Params& params = {},
                    int64_t* changed = nullptr) override;
  absl::Status Query(absl::string_view sql, const Params& params,
                     const std::function<void(const Row&)>& on_row) override;
  absl::Status ExecScript(absl::string_view sql) override;
  Dialect dialect() const override { return Dialect::kPostgresql; }
  // Every transaction is one snapshot (REPEATABLE READ): a write that read a row another
  // writer has since changed fails with a serialization failure, and the store runs it again
  // on the new data, so a check made on what was read (an etag, a rule) still holds.
  absl::Status Begin(bool write) override {
    return ExecScript(write ? "BEGIN ISOLATION LEVEL REPEATABLE READ"
                            : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  }
  absl::Status BeginRead(const std::string& tenant) override;
  absl::Status StartWrite(const std::string& tenant) override;

 private:
  explicit PostgresConnection(pg_conn* conn) : conn_(conn) {}
  // Runs a prepared statement; the caller owns the result.
  absl::StatusOr<pg_result*> Run(absl::string_view sql, const Params& params);
  absl::Status Error(pg_result* result, absl::string_view what) const;
  // "SELECT set_config('assure.tenant', '<tenant>', true)", the tenant quoted by libpq.
  absl::StatusOr<std::string> SetTenantSql(const std::string& tenant) const;

  pg_conn* conn_;
  absl::flat_hash_map<std::string, std::string> prepared_;  // SQL -> statement name
};

}  // namespace assure::store

#endif  // ASSURE_SERVICES_COMMON_STORE_POSTGRES_CONNECTION_H_
