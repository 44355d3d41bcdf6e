#include "services/common/store/store.h"

#include <algorithm>
#include <map>

#include "absl/random/random.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "services/common/status_macros.h"
#include "services/common/store/postgres_connection.h"
#include "services/common/store/sqlite_connection.h"
#include "services/common/store/store_errors.h"

namespace assure_data::platform_migrations {
const std::vector<assure::EmbeddedFile>& Files();
}

namespace assure::store {
namespace {

absl::BitGen& BitGen() {
  thread_local absl::BitGen gen;
  return gen;
}

// A batch attempt in which a statement was refused, perhaps reported to a later write than
// the one that sent it.
constexpr char kUnattributedPayload[] = "assure.store/unattributed";

absl::Status Unattributed() {
  absl::Status st = absl::AbortedError("a statement was refused; running each write apart");
  st.SetPayload(kUnattributedPayload, absl::Cord("1"));
  return st;
}

bool IsUnattributed(const absl::Status& st) {
  return st.GetPayload(kUnattributedPayload).has_value();
}

absl::StatusOr<bool> IsApplied(Connection& db, const std::string& component,
                               const std::string& version) {
  bool applied = false;
  ASSURE_RETURN_IF_ERROR(db.Query(
      "SELECT 1 FROM schema_migrations WHERE component = ? AND version = ?", {component, version},
      [&](const Row&) { applied = true; }));
  return applied;
}

// The files to apply for a dialect, by version: "0001_x.postgresql.sql" stands in for
// "0001_x.sql" on PostgreSQL, where the SQL must differ; the version is the generic name.
std::map<std::string, const EmbeddedFile*> ForDialect(const std::vector<EmbeddedFile>& files,
                                                     Dialect dialect) {
  const std::string mine = dialect == Dialect::kPostgresql ? ".postgresql.sql" : ".sqlite.sql";
  const std::string other = dialect == Dialect::kPostgresql ? ".sqlite.sql" : ".postgresql.sql";
  std::map<std::string, const EmbeddedFile*> out;
  for (const auto& f : files) {
    if (absl::EndsWith(f.name, other)) continue;
    if (absl::EndsWith(f.name, mine)) {
      out[absl::StrCat(f.name.substr(0, f.name.size() - mine.size()), ".sql")] = &f;
    } else {
      out.emplace(f.name, &f);  // a dialect's own file, seen earlier or later, wins
    }
  }
  return out;
}

absl::Status Migrate(Connection& db, const std::string& component,
                     const std::vector<EmbeddedFile>& files) {
  for (const auto& [version, file] : ForDialect(files, db.dialect())) {
    ASSURE_ASSIGN_OR_RETURN(bool applied, IsApplied(db, component, version));
    if (applied) continue;
    ASSURE_RETURN_IF_ERROR(db.Begin(true));
    // Another replica may have applied it while this one waited for the write lock.
    auto again = IsApplied(db, component, version);
    if (!again.ok() || *again) {
      db.ExecScript("ROLLBACK").IgnoreError();
      if (!again.ok()) return again.status();
      continue;
    }
    absl::Status st = db.ExecScript(file->content);
    if (st.ok()) {
      st = db.Exec("INSERT INTO schema_migrations (component, version) VALUES (?, ?)",
                   {component, version});
    }
    if (!st.ok()) {
      db.ExecScript("ROLLBACK").IgnoreError();
      return absl::InternalError(absl::StrCat("migration ", component, "/", file->name, ": ",
                                              st.message()));
    }
    ASSURE_RETURN_IF_ERROR(db.ExecScript("COMMIT"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<Connection>> Connect(const std::string& location, bool read_only) {
  if (IsPostgresUrl(location)) {
    ASSURE_ASSIGN_OR_RETURN(auto pg, PostgresConnection::Open(location));
    return std::unique_ptr<Connection>(std::move(pg));
  }
  ASSURE_ASSIGN_OR_RETURN(auto lite, SqliteConnection::Open(location, read_only));
  return std::unique_ptr<Connection>(std::move(lite));
}

// Replicas starting together migrate one at a time: PostgreSQL holds an advisory lock for the
// whole run (SQLite's write lock already serialises each migration).
absl::Status MigrateAll(Connection& db, const std::string& component,
                        const std::vector<EmbeddedFile>& migrations) {
  const bool pg = db.dialect() == Dialect::kPostgresql;
  if (pg) ASSURE_RETURN_IF_ERROR(db.ExecScript("SELECT pg_advisory_lock(4242)"));
  absl::Status st = db.ExecScript(
      "CREATE TABLE IF NOT EXISTS schema_migrations (component TEXT NOT NULL, version TEXT NOT "
      "NULL, PRIMARY KEY (component, version))");
  if (st.ok()) st = Migrate(db, "platform", assure_data::platform_migrations::Files());
  if (st.ok()) st = Migrate(db, component, migrations);
  if (pg) db.ExecScript("SELECT pg_advisory_unlock(4242)").IgnoreError();
  return st;
}

}  // namespace

absl::StatusOr<std::unique_ptr<Store>> Store::Open(const StoreOptions& options,
                                                   const std::string& component,
                                                   const std::vector<EmbeddedFile>& migrations) {
  if (options.location.empty() || options.location == ":memory:") {
    return absl::InvalidArgumentError("store: needs a file path (an in-memory database cannot be "
                                      "shared by the writer and the readers)");
  }
  std::unique_ptr<Store> store(new Store);
  store->max_batch_ = std::max(1, options.max_batch);
  ASSURE_ASSIGN_OR_RETURN(auto first, Connect(options.location, false));
  ASSURE_RETURN_IF_ERROR(MigrateAll(*first, component, migrations));
  const int writers = first->dialect() == Dialect::kSqlite ? 1 : std::max(1, options.writers);
  store->writers_.push_back(std::move(first));
  while (static_cast<int>(store->writers_.size()) < writers) {
    ASSURE_ASSIGN_OR_RETURN(auto more, Connect(options.location, false));
    store->writers_.push_back(std::move(more));
  }
  for (int i = 0; i < std::max(1, options.readers); ++i) {
    ASSURE_ASSIGN_OR_RETURN(auto reader, Connect(options.location, true));
    absl::MutexLock lock(&store->readers_mu_);
    store->idle_readers_.push_back({std::move(reader), absl::Now()});
  }
  for (auto& writer : store->writers_) {
    store->writer_threads_.emplace_back([s = store.get(), w = writer.get()] { s->WriterLoop(*w); });
  }
  return store;
}

Store::~Store() { Stop(); }

void Store::Stop() {
  {
    absl::MutexLock lock(&queue_mu_);
    if (stopping_) return;
    stopping_ = true;
  }
  for (auto& t : writer_threads_) {
    if (t.joinable()) t.join();
  }
}

void Store::Write(std::string tenant, WriteFn fn, DoneFn done) {
  {
    absl::MutexLock lock(&queue_mu_);
    if (!stopping_) {
      queue_.push_back({std::move(tenant), std::move(fn), std::move(done)});
      return;
    }
  }
  done(absl::UnavailableError("store is shutting down"));
}

absl::Status Store::WriteAndWait(std::string tenant, WriteFn fn) {
  absl::Notification finished;
  absl::Status result;
  Write(std::move(tenant), std::move(fn), [&](absl::Status st) {
    result = std::move(st);
    finished.Notify();
  });
  finished.WaitForNotification();
  return result;
}

absl::Status Store::Read(const std::string& tenant,
                         const std::function<absl::Status(Connection&)>& fn) {
  std::unique_ptr<Connection> reader;
  {
    absl::MutexLock lock(&readers_mu_);
    readers_mu_.Await(absl::Condition(
        +[](std::vector<IdleReader>* idle) { return !idle->empty(); }, &idle_readers_));
    reader = std::move(idle_readers_.back().connection);
    idle_readers_.pop_back();
  }
  // A read is one snapshot even when it runs several queries.
  absl::Status st = reader->BeginRead(tenant);
  if (st.ok()) {
    st = fn(*reader);
    reader->EndRead();
  }
  absl::MutexLock lock(&readers_mu_);
  idle_readers_.push_back({std::move(reader), absl::Now()});
  return st;
}

absl::Status Store::Probe() {
  ASSURE_RETURN_IF_ERROR(Read(kAllTenants, [](Connection& db) {
    return db.Query("SELECT at_micros FROM store_probe WHERE id = 1", {}, [](const Row&) {});
  }));
  if (!write_outage_) return absl::OkStatus();
  return WriteAndWait(kAllTenants, [](Tx& tx) {
    int64_t changed = 0;
    return tx.db().Exec("UPDATE store_probe SET at_micros = ? WHERE id = 1",
                        {absl::ToUnixMicros(absl::Now())}, &changed);
  });
}

void Store::FinishIdleReaders(absl::Time now) {
  absl::MutexLock lock(&readers_mu_);
  for (auto& idle : idle_readers_) {
    if (now - idle.since >= kIdleRead) idle.connection->FinishIdle();
  }
}

// On PostgreSQL the first writer also looks after the idle readers, between its batches.
void Store::WriterLoop(Connection& writer) {
  const bool keeps_readers =
      &writer == writers_.front().get() && writer.dialect() == Dialect::kPostgresql;
  const absl::Duration wake = keeps_readers ? kIdleRead : absl::InfiniteDuration();
  absl::Time swept = absl::Now();
  for (;;) {
    if (keeps_readers && absl::Now() - swept >= kIdleRead) {
      swept = absl::Now();
      FinishIdleReaders(swept);
    }
    std::vector<PendingWrite> batch;
    {
      absl::MutexLock lock(&queue_mu_);
      queue_mu_.AwaitWithTimeout(absl::Condition(
          +[](Store* s) ABSL_EXCLUSIVE_LOCKS_REQUIRED(s->queue_mu_) {
            return s->stopping_ || !s->queue_.empty();
          },
          this), wake);
      if (!stopping_ && queue_.empty()) continue;  // time to look at the idle readers
      if (queue_.empty()) return;  // stopping, and everything queued is done
      while (!queue_.empty() && static_cast<int>(batch.size()) < max_batch_) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    CommitBatch(writer, batch);
  }
}

void Store::CommitBatch(Connection& writer, std::vector<PendingWrite>& batch) {
  std::vector<absl::Status> results(batch.size());
  std::vector<std::vector<std::function<void()>>> hooks(batch.size());
  // A serialization failure or deadlock (PostgreSQL, between writers or replicas) undoes the
  // whole transaction: run every write of the batch again, a bounded number of times.
  absl::Status commit;
  bool conflicted = false;
  bool settle_each = false;
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    commit = TryBatch(writer, batch, results, hooks, settle_each);
    if (IsUnattributed(commit)) {
      writer.ExecScript("ROLLBACK").IgnoreError();
      settle_each = true;
      --attempt;  // not a conflict: the same work again, waiting on each write
      continue;
    }
    conflicted = IsRetryable(commit);
    for (const auto& r : results) conflicted |= IsRetryable(r);
    if (!conflicted) break;
    writer.ExecScript("ROLLBACK").IgnoreError();
    // Conflicting writers back off for a random, growing while, so they stop colliding.
    absl::SleepFor(absl::Microseconds(absl::Uniform(BitGen(), 0, 200 << attempt)));
  }
  if (conflicted) {
    commit = absl::AbortedError("the change kept conflicting with concurrent ones; try again");
  } else if (!commit.ok()) {
    writer.ExecScript("ROLLBACK").IgnoreError();
    // An outage keeps its code (the caller may retry); anything else is our fault.
    if (!IsStoreOutage(commit)) {
      commit = absl::InternalError(absl::StrCat("commit: ", commit.message()));
    }
  }
  write_outage_ = IsStoreOutage(commit);
  for (size_t i = 0; i < batch.size(); ++i) {
    if (!commit.ok()) results[i] = commit;
    if (results[i].ok()) {
      for (auto& hook : hooks[i]) hook();
    }
    batch[i].done(results[i]);
  }
}

// Statements a write sends without waiting (PostgreSQL) are answered with a later write's
// first read, or at the commit. Most batches have no refusal, so the first attempt does not
// wait at the end of each write; a refusal may then reach a later write than its own, so the
// batch is undone and run again waiting (Settle) after each write, where each failure is its
// own write's and undone by its own savepoint.
absl::Status Store::TryBatch(Connection& writer, std::vector<PendingWrite>& batch,
                             std::vector<absl::Status>& results,
                             std::vector<std::vector<std::function<void()>>>& hooks,
                             bool settle_each) {
  const int64_t refusals = writer.refusals();
  const auto unattributed = [&] { return !settle_each && writer.refusals() != refusals; };
  absl::Status commit = writer.Begin(true);
  for (size_t i = 0; commit.ok() && i < batch.size(); ++i) {
    Tx tx(writer);
    commit = writer.StartWrite(batch[i].tenant);
    if (!commit.ok()) break;
    results[i] = batch[i].fn(tx);
    if (settle_each || !results[i].ok()) {
      const absl::Status settled = writer.Settle();
      if (results[i].ok()) results[i] = settled;
    }
    hooks[i].clear();
    if (IsRetryable(results[i])) return results[i];
    // The database failed, not this write (SQLite undoes the whole transaction on a full
    // disk; a lost connection takes it along): every write of the batch fails with it.
    if (IsStoreOutage(results[i])) return results[i];
    if (unattributed()) return Unattributed();
    if (!results[i].ok()) {
      commit = writer.Exec("ROLLBACK TO write");
    } else {
      hooks[i] = std::move(tx.after_commit());
    }
    if (commit.ok()) commit = writer.Exec("RELEASE write");
  }
  if (commit.ok()) commit = writer.Commit();
  if (!commit.ok() && !IsRetryable(commit) && unattributed()) return Unattributed();
  return commit;
}

}  // namespace assure::store
