// The PostgreSQL adapter, on libpq: `?` placeholders become $1..$n, each statement is
// prepared once per connection, values go as text (BYTEA as binary) and come back as text.
// Durable as SQLite is: a commit returns once it is flushed (synchronous_commit stays on).
// Serialization failures and deadlocks are marked retryable for the store.
//
// A connection that the server dropped (a restart, a failover, a killed backend) is opened
// again at the start of the next transaction, at most once per backoff (100 ms doubling to
// 2 s), and answers UNAVAILABLE until then, so a service recovers within moments of its
// database's return instead of failing every call until it is restarted.
//
// The connection runs in libpq's pipeline mode: a statement whose answer nobody waits for
// (BEGIN, SAVEPOINT, setting the tenant, an INSERT, a read's COMMIT) is sent and its result
// read with the next one somebody does wait for, so a write of several statements costs the
// round trips of its reads, not one per statement. On a server sharing the service's cores
// each round trip is two context switches, which is where the time went.
#ifndef ASSURE_SERVICES_COMMON_STORE_POSTGRES_CONNECTION_H_
#define ASSURE_SERVICES_COMMON_STORE_POSTGRES_CONNECTION_H_

#include <deque>
#include <memory>
#include <optional>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
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
  absl::Status Begin(bool write) override;
  absl::Status BeginRead(const std::string& tenant) override;
  absl::Status StartWrite(const std::string& tenant) override;
  absl::Status Settle() override { return Receive(); }
  int64_t refusals() const override { return refusals_; }
  absl::Status Commit() override;
  void EndRead() override;
  void FinishIdle() override;

 private:
  // A statement (or a sync point) sent and not yet answered, in the order sent.
  struct Pending {
    std::string sql;             // for errors; empty for a sync point
    bool sync = false;           // the end of a pipeline segment: a failure skips to here
    bool prepare = false;        // preparing `sql`: a failure forgets its name
    bool quiet = false;          // nobody waits on it (a read's COMMIT)
    pg_result** keep = nullptr;  // where the answer goes, for the caller that waits
  };
  // Past this many unanswered statements, wait for them: the server's answers pile up in
  // the socket while we still write, and a full socket both ways would stall.
  static constexpr size_t kMaxPending = 64;

  static constexpr absl::Duration kFirstBackoff = absl::Milliseconds(100);
  static constexpr absl::Duration kMaxBackoff = absl::Seconds(2);

  PostgresConnection(pg_conn* conn, std::string url) : conn_(conn), url_(std::move(url)) {}
  // Session settings and pipeline mode, on a new connection.
  absl::Status SetUpSession();
  // Opens the connection again if the server dropped it; UNAVAILABLE while it cannot.
  absl::Status EnsureConnected();
  // Sends `sql` (prepared once) into the pipeline; `keep` receives its answer at Receive.
  absl::Status Send(absl::string_view sql, const Params& params, pg_result** keep = nullptr,
                    bool quiet = false);
  // Marks the end of a segment and flushes what was sent.
  absl::Status Sync();
  // Syncs and reads every pending answer; the first failure among them.
  absl::Status Receive();
  // Sends `sql`, waits, and returns its answer (owned by the caller).
  absl::StatusOr<pg_result*> Run(absl::string_view sql, const Params& params);
  absl::Status Error(pg_result* result, absl::string_view what) const;
  absl::Status SetTenant(const std::string& tenant);
  // Sends the COMMIT a finished read still owes, if it does.
  void SendOwedCommit();

  pg_conn* conn_;
  std::string url_;
  absl::Time retry_at_ = absl::InfinitePast();
  absl::Duration backoff_ = kFirstBackoff;
  absl::flat_hash_map<std::string, std::string> prepared_;  // SQL -> statement name
  int statements_named_ = 0;
  std::deque<Pending> pending_;
  int64_t refusals_ = 0;
  // The tenant set in the open write transaction (set_config is local to it).
  std::optional<std::string> transaction_tenant_;
  // A read ended without its COMMIT sent yet.
  bool commit_owed_ = false;
};

}  // namespace assure::store

#endif  // ASSURE_SERVICES_COMMON_STORE_POSTGRES_CONNECTION_H_
