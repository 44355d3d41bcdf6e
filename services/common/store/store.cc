#include "services/common/store/store.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "services/common/status_macros.h"
#include "services/common/store/sqlite_connection.h"

namespace assure_data::platform_migrations {
const std::vector<assure::EmbeddedFile>& Files();
}

namespace assure::store {
namespace {

absl::StatusOr<bool> IsApplied(Connection& db, const std::string& component,
                               const std::string& version) {
  bool applied = false;
  ASSURE_RETURN_IF_ERROR(db.Query(
      "SELECT 1 FROM schema_migrations WHERE component = ? AND version = ?", {component, version},
      [&](const Row&) { applied = true; }));
  return applied;
}

absl::Status Migrate(Connection& db, const std::string& component,
                     const std::vector<EmbeddedFile>& files) {
  std::vector<const EmbeddedFile*> sorted;
  for (const auto& f : files) sorted.push_back(&f);
  std::sort(sorted.begin(), sorted.end(),
            [](const EmbeddedFile* a, const EmbeddedFile* b) { return a->name < b->name; });
  for (const EmbeddedFile* file : sorted) {
    ASSURE_ASSIGN_OR_RETURN(bool applied, IsApplied(db, component, file->name));
    if (applied) continue;
    ASSURE_RETURN_IF_ERROR(db.ExecScript("BEGIN IMMEDIATE"));
    absl::Status st = db.ExecScript(file->content);
    if (st.ok()) {
      st = db.Exec("INSERT INTO schema_migrations (component, version) VALUES (?, ?)",
                   {component, file->name});
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
  ASSURE_ASSIGN_OR_RETURN(store->writer_, SqliteConnection::Open(options.location, false));
  ASSURE_RETURN_IF_ERROR(store->writer_->ExecScript(
      "CREATE TABLE IF NOT EXISTS schema_migrations (component TEXT NOT NULL, version TEXT NOT "
      "NULL, PRIMARY KEY (component, version))"));
  ASSURE_RETURN_IF_ERROR(
      Migrate(*store->writer_, "platform", assure_data::platform_migrations::Files()));
  ASSURE_RETURN_IF_ERROR(Migrate(*store->writer_, component, migrations));
  for (int i = 0; i < std::max(1, options.readers); ++i) {
    ASSURE_ASSIGN_OR_RETURN(auto reader, SqliteConnection::Open(options.location, true));
    absl::MutexLock lock(&store->readers_mu_);
    store->idle_readers_.push_back(std::move(reader));
  }
  store->writer_thread_ = std::thread([s = store.get()] { s->WriterLoop(); });
  return store;
}

Store::~Store() { Stop(); }

void Store::Stop() {
  {
    absl::MutexLock lock(&queue_mu_);
    if (stopping_) return;
    stopping_ = true;
  }
  if (writer_thread_.joinable()) writer_thread_.join();
}

void Store::Write(WriteFn fn, DoneFn done) {
  {
    absl::MutexLock lock(&queue_mu_);
    if (!stopping_) {
      queue_.push_back({std::move(fn), std::move(done)});
      return;
    }
  }
  done(absl::UnavailableError("store is shutting down"));
}

absl::Status Store::WriteAndWait(WriteFn fn) {
  absl::Notification finished;
  absl::Status result;
  Write(std::move(fn), [&](absl::Status st) {
    result = std::move(st);
    finished.Notify();
  });
  finished.WaitForNotification();
  return result;
}

absl::Status Store::Read(const std::function<absl::Status(Connection&)>& fn) {
  std::unique_ptr<Connection> reader;
  {
    absl::MutexLock lock(&readers_mu_);
    readers_mu_.Await(absl::Condition(
        +[](std::vector<std::unique_ptr<Connection>>* idle) { return !idle->empty(); },
        &idle_readers_));
    reader = std::move(idle_readers_.back());
    idle_readers_.pop_back();
  }
  // A read is one snapshot even when it runs several queries.
  absl::Status st = reader->Exec("BEGIN");
  if (st.ok()) {
    st = fn(*reader);
    reader->Exec("COMMIT").IgnoreError();
  }
  absl::MutexLock lock(&readers_mu_);
  idle_readers_.push_back(std::move(reader));
  return st;
}

void Store::WriterLoop() {
  for (;;) {
    std::vector<PendingWrite> batch;
    {
      absl::MutexLock lock(&queue_mu_);
      queue_mu_.Await(absl::Condition(
          +[](Store* s) ABSL_EXCLUSIVE_LOCKS_REQUIRED(s->queue_mu_) {
            return s->stopping_ || !s->queue_.empty();
          },
          this));
      if (queue_.empty()) return;  // stopping, and everything queued is done
      while (!queue_.empty() && static_cast<int>(batch.size()) < max_batch_) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    CommitBatch(batch);
  }
}

void Store::CommitBatch(std::vector<PendingWrite>& batch) {
  std::vector<absl::Status> results(batch.size());
  std::vector<std::vector<std::function<void()>>> hooks(batch.size());
  absl::Status commit = writer_->Exec("BEGIN IMMEDIATE");
  for (size_t i = 0; commit.ok() && i < batch.size(); ++i) {
    Tx tx(*writer_);
    commit = writer_->Exec("SAVEPOINT write");
    if (!commit.ok()) break;
    results[i] = batch[i].fn(tx);
    if (!results[i].ok()) {
      commit = writer_->Exec("ROLLBACK TO write");
    } else {
      hooks[i] = std::move(tx.after_commit());
    }
    if (commit.ok()) commit = writer_->Exec("RELEASE write");
  }
  if (commit.ok()) commit = writer_->Exec("COMMIT");
  if (!commit.ok()) {
    writer_->Exec("ROLLBACK").IgnoreError();
    for (auto& r : results) r = absl::InternalError(absl::StrCat("commit: ", commit.message()));
  }
  for (size_t i = 0; i < batch.size(); ++i) {
    if (results[i].ok()) {
      for (auto& hook : hooks[i]) hook();
    }
    batch[i].done(results[i]);
  }
}

}  // namespace assure::store
