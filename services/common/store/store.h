// The store a service owns: one database (SQLite or PostgreSQL), migrated at open, written
// through one writer thread that commits concurrent writes together (group commit) and read
// through a small pool of reader connections.
//
// Durability is never traded for speed: a write's `done` runs only after the transaction
// holding it has committed (SQLite synchronous=FULL; PostgreSQL synchronous_commit=on).
// Writes that arrive while a commit is on disk wait and then share the next commit, so one
// fsync acknowledges many writes.
//
//   store->Write([&](Tx& tx) { return tx.db().Exec("INSERT ...", {...}); },
//                [reactor](absl::Status st) { reactor->Finish(ToGrpcStatus(st)); });
#ifndef ASSURE_SERVICES_COMMON_STORE_STORE_H_
#define ASSURE_SERVICES_COMMON_STORE_STORE_H_

#include <atomic>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/common/embedded_file.h"
#include "services/common/store/connection.h"

namespace assure::store {

// The tenant of the store's own cross-tenant work (the drift check's scan, the outbox relay,
// metrics at start): never a principal's.
inline constexpr char kAllTenants[] = "*";

// One write's view of the shared transaction.
class Tx {
 public:
  explicit Tx(Connection& db) : db_(db) {}
  Connection& db() { return db_; }
  // Runs after the commit is durable and before the write's `done`: in-memory state such as
  // metrics changes only when the data it describes is safe.
  void AfterCommit(std::function<void()> fn) { after_commit_.push_back(std::move(fn)); }
  std::vector<std::function<void()>>& after_commit() { return after_commit_; }

 private:
  Connection& db_;
  std::vector<std::function<void()>> after_commit_;
};

struct StoreOptions {
  // A SQLite file path (":memory:" is refused: readers could not see the writer's data), or a
  // PostgreSQL URL (postgresql://user@host:port/db?...).
  std::string location;
  // Reader connections (the pool).
  int readers = 4;
  // The most writes that share one commit.
  int max_batch = 256;
  // Writer connections, each committing its own group of writes. SQLite allows one writer
  // at a time, so it always has one; PostgreSQL runs them side by side, which pays only when
  // the database has cores of its own (bench/README.md).
  int writers = 1;
};

class Store {
 public:
  using WriteFn = std::function<absl::Status(Tx&)>;
  using DoneFn = std::function<void(absl::Status)>;

  // Opens the database and applies the platform's migrations, then `migrations` (sorted by
  // name, e.g. 0001_children.sql), each once, recorded in schema_migrations.
  static absl::StatusOr<std::unique_ptr<Store>> Open(const StoreOptions& options,
                                                     const std::string& component,
                                                     const std::vector<EmbeddedFile>& migrations);
  ~Store();

  // Queues a write for `tenant` (the caller's local authority). `fn` runs on the writer
  // thread inside a savepoint of the shared transaction: if it fails, only its own changes
  // are undone. `done` runs once it is durable, or has failed.
  void Write(std::string tenant, WriteFn fn, DoneFn done);
  // Write, and wait for the outcome.
  absl::Status WriteAndWait(std::string tenant, WriteFn fn);
  // Runs `fn` for `tenant` on a reader connection (a consistent snapshot of committed data).
  absl::Status Read(const std::string& tenant,
                    const std::function<absl::Status(Connection&)>& fn);

  // Whether the database answers reads and, after a commit failed for want of it (lost,
  // full), takes writes again: what a health check reports.
  absl::Status Probe();

  // Finishes every queued write, then stops the writer. Later writes fail UNAVAILABLE.
  void Stop();

 private:
  struct PendingWrite {
    std::string tenant;
    WriteFn fn;
    DoneFn done;
  };
  Store() = default;
  static constexpr int kMaxAttempts = 10;
  void WriterLoop(Connection& writer);
  void CommitBatch(Connection& writer, std::vector<PendingWrite>& batch);
  // One attempt at the batch's transaction; the commit's status (or a retryable write's).
  // `settle_each` waits for every write's statements before the next write starts.
  absl::Status TryBatch(Connection& writer, std::vector<PendingWrite>& batch,
                        std::vector<absl::Status>& results,
                        std::vector<std::vector<std::function<void()>>>& hooks,
                        bool settle_each);

  std::vector<std::unique_ptr<Connection>> writers_;
  int max_batch_ = 256;
  // The last commit failed because of the database (UNAVAILABLE, RESOURCE_EXHAUSTED).
  std::atomic<bool> write_outage_{false};

  absl::Mutex queue_mu_;
  std::deque<PendingWrite> queue_ ABSL_GUARDED_BY(queue_mu_);
  bool stopping_ ABSL_GUARDED_BY(queue_mu_) = false;
  std::vector<std::thread> writer_threads_;

  // A reader in the pool, and since when. A read's end may leave its snapshot open on the
  // server until the connection's next use (PostgreSQL sends the COMMIT then); a reader idle
  // for kIdleRead sends it on its own, so that no snapshot holds back vacuum for long.
  struct IdleReader {
    std::unique_ptr<Connection> connection;
    absl::Time since;
  };
  static constexpr absl::Duration kIdleRead = absl::Milliseconds(50);
  void FinishIdleReaders(absl::Time now);

  absl::Mutex readers_mu_;
  std::vector<IdleReader> idle_readers_ ABSL_GUARDED_BY(readers_mu_);
};

}  // namespace assure::store

#endif  // ASSURE_SERVICES_COMMON_STORE_STORE_H_
