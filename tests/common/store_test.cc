#include "services/common/store/store.h"

#include <atomic>
#include <filesystem>
#include <thread>

#include "absl/synchronization/blocking_counter.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "services/common/store/body_rows.h"
#include "tests/support/call_context.h"
#include "tests/support/postgres_server.h"

namespace assure::store {
namespace {

const std::vector<EmbeddedFile> kMigrations = {
    {"0001_items.sql", "CREATE TABLE items (tenant TEXT NOT NULL, id TEXT NOT NULL, "
                       "PRIMARY KEY (tenant, id));"},
    {"0001_items.postgresql.sql",
     "CREATE TABLE items (tenant TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (tenant, id));"
     "ALTER TABLE items ENABLE ROW LEVEL SECURITY; ALTER TABLE items FORCE ROW LEVEL SECURITY;"
     "CREATE POLICY tenant_wall ON items USING (tenant = current_setting('assure.tenant', true) "
     "OR current_setting('assure.tenant', true) = '*');"}};

// The same tests on both stores.
class StoreTest : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("assure-store-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    location_ = Postgres() ? testing::PostgresServer::Shared().NewDatabase()
                           : (dir_ / "test.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  bool Postgres() const { return std::string(GetParam()) == "postgresql"; }
  StoreOptions Options() { return {location_, 2, 256}; }

  int64_t Count(Store& store, const std::string& tenant = kAllTenants) {
    int64_t n = -1;
    EXPECT_TRUE(store.Read(tenant, [&](Connection& db) {
      return db.Query("SELECT COUNT(*) FROM items", {}, [&](const Row& r) { n = r.Int(0); });
    }).ok());
    return n;
  }

  std::filesystem::path dir_;
  std::string location_;
};

INSTANTIATE_TEST_SUITE_P(BothStores, StoreTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return std::string(info.param); });

TEST_P(StoreTest, ConcurrentWritesAreAllCommittedAndReadable) {
  auto store = Store::Open(Options(), "test", kMigrations);
  ASSERT_TRUE(store.ok()) << store.status();
  constexpr int kWrites = 500;
  absl::BlockingCounter done(kWrites);
  std::atomic<int> failures{0};
  for (int i = 0; i < kWrites; ++i) {
    (*store)->Write(
        "LA1",
        [i](Tx& tx) {
          return tx.db().Exec("INSERT INTO items (tenant, id) VALUES ('LA1', ?)",
                              {std::to_string(i)});
        },
        [&](absl::Status st) {
          if (!st.ok()) ++failures;
          done.DecrementCount();
        });
  }
  done.Wait();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(Count(**store), kWrites);
}

TEST_P(StoreTest, ConcurrentReadModifyWritesOfOneRowLoseNoUpdate) {
  StoreOptions one_write_per_commit = Options();
  one_write_per_commit.max_batch = 1;  // so that PostgreSQL's writers really run side by side
  one_write_per_commit.writers = 2;
  auto store = Store::Open(one_write_per_commit, "test", kMigrations);
  ASSERT_TRUE(store.ok()) << store.status();
  ASSERT_TRUE((*store)->WriteAndWait("LA1", [](Tx& tx) {
    return tx.db().Exec("INSERT INTO items (tenant, id) VALUES ('LA1', '0')");
  }).ok());
  // Each write reads the counter (kept as the id) and writes it back plus one: on PostgreSQL
  // several writers run at once, and a write that read a value another has since changed
  // must run again rather than overwrite it. On a row this hot a write may still lose every
  // retry: it then fails ABORTED (try again), and is not counted.
  constexpr int kWrites = 60;
  absl::BlockingCounter done(kWrites);
  std::atomic<int> applied{0}, aborted{0}, other{0};
  for (int i = 0; i < kWrites; ++i) {
    (*store)->Write(
        "LA1",
        [](Tx& tx) {
          int64_t n = -1;
          auto st = tx.db().Query("SELECT id FROM items WHERE tenant = 'LA1'", {},
                                  [&](const Row& r) { n = std::stoll(r.Text(0)); });
          if (!st.ok()) return st;
          return tx.db().Exec("UPDATE items SET id = ? WHERE tenant = 'LA1'",
                              {std::to_string(n + 1)});
        },
        [&](absl::Status st) {
          ++(st.ok() ? applied : st.code() == absl::StatusCode::kAborted ? aborted : other);
          done.DecrementCount();
        });
  }
  done.Wait();
  EXPECT_EQ(other, 0);
  EXPECT_GT(applied, kWrites / 2);
  std::string last;
  ASSERT_TRUE((*store)->Read("LA1", [&](Connection& db) {
    return db.Query("SELECT id FROM items", {}, [&](const Row& r) { last = r.Text(0); });
  }).ok());
  EXPECT_EQ(last, std::to_string(applied.load()));  // every acknowledged update is there
}

TEST_P(StoreTest, AFailedWriteUndoesOnlyItsOwnChanges) {
  auto store = Store::Open(Options(), "test", kMigrations);
  ASSERT_TRUE(store.ok());
  EXPECT_TRUE((*store)->WriteAndWait("LA1", [](Tx& tx) {
    return tx.db().Exec("INSERT INTO items (tenant, id) VALUES ('LA1', 'kept')");
  }).ok());
  absl::Status failed = (*store)->WriteAndWait("LA1", [](Tx& tx) {
    auto st = tx.db().Exec("INSERT INTO items (tenant, id) VALUES ('LA1', 'undone')");
    if (!st.ok()) return st;
    return absl::FailedPreconditionError("rule broken after the insert");
  });
  EXPECT_EQ(failed.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(Count(**store), 1);
}

// On PostgreSQL an INSERT is sent without waiting for its answer, so a refusal may first be
// reported to a later write of the same commit; it must still fail only its own write.
TEST_P(StoreTest, ARefusedStatementFailsOnlyItsOwnWriteInASharedCommit) {
  StoreOptions one_writer = Options();
  one_writer.writers = 1;
  auto store = Store::Open(one_writer, "test", kMigrations);
  ASSERT_TRUE(store.ok()) << store.status();
  // Hold the writer so the next three writes queue and share one commit.
  absl::Notification holding, release;
  absl::BlockingCounter done(4);
  absl::Status held, before, refused, after;
  const auto record = [&](absl::Status* into) {
    return [&done, into](absl::Status st) {
      *into = st;
      done.DecrementCount();
    };
  };
  (*store)->Write("LA1", [&](Tx&) {
    holding.Notify();
    release.WaitForNotification();
    return absl::OkStatus();
  }, record(&held));
  holding.WaitForNotification();
  (*store)->Write("LA1", [](Tx& tx) {
    return tx.db().Exec("INSERT INTO items (tenant, id) VALUES ('LA1', 'before')");
  }, record(&before));
  (*store)->Write("LA1", [](Tx& tx) {  // id is NOT NULL
    return tx.db().Exec("INSERT INTO items (tenant, id) VALUES ('LA1', ?)", {Value{}});
  }, record(&refused));
  (*store)->Write("LA1", [](Tx& tx) {
    auto st = tx.db().Query("SELECT COUNT(*) FROM items", {}, [](const Row&) {});
    if (!st.ok()) return st;
    return tx.db().Exec("INSERT INTO items (tenant, id) VALUES ('LA1', 'after')");
  }, record(&after));
  release.Notify();
  done.Wait();
  EXPECT_TRUE(held.ok()) << held;
  EXPECT_TRUE(before.ok()) << before;
  EXPECT_FALSE(refused.ok());
  EXPECT_TRUE(after.ok()) << after;
  std::vector<std::string> ids;
  ASSERT_TRUE((*store)->Read("LA1", [&](Connection& db) {
    return db.Query("SELECT id FROM items ORDER BY id", {},
                    [&](const Row& r) { ids.push_back(r.Text(0)); });
  }).ok());
  EXPECT_EQ(ids, (std::vector<std::string>{"after", "before"}));
}

// A read's COMMIT waits for the connection's next use; a reader left idle must still end its
// snapshot soon, or it would hold back vacuum for as long as the pool is quiet.
TEST_P(StoreTest, AnIdleReaderDoesNotKeepItsSnapshotOpen) {
  if (!Postgres()) GTEST_SKIP() << "PostgreSQL only: SQLite commits a read at once";
  auto store = Store::Open(Options(), "test", kMigrations);
  ASSERT_TRUE(store.ok()) << store.status();
  EXPECT_EQ(Count(**store, "LA1"), 0);
  int64_t open = -1;
  for (int i = 0; i < 50 && open != 0; ++i) {
    absl::SleepFor(absl::Milliseconds(100));
    ASSERT_TRUE((*store)->WriteAndWait("LA1", [&](Tx& tx) {
      return tx.db().Query(
          "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() "
          "AND state = 'idle in transaction' AND pid <> pg_backend_pid()",
          {}, [&](const Row& r) { open = r.Int(0); });
    }).ok());
  }
  EXPECT_EQ(open, 0);
}

TEST_P(StoreTest, AfterCommitHooksRunOnlyForSuccessfulWrites) {
  auto store = Store::Open(Options(), "test", kMigrations);
  ASSERT_TRUE(store.ok());
  int hooks = 0;
  (*store)->WriteAndWait("LA1", [&](Tx& tx) {
    tx.AfterCommit([&] { ++hooks; });
    return absl::OkStatus();
  }).IgnoreError();
  (*store)->WriteAndWait("LA1", [&](Tx& tx) {
    tx.AfterCommit([&] { ++hooks; });
    return absl::InvalidArgumentError("no");
  }).IgnoreError();
  EXPECT_EQ(hooks, 1);
}

TEST_P(StoreTest, MigrationsApplyOnceAndDataSurvivesReopening) {
  {
    auto store = Store::Open(Options(), "test", kMigrations);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->WriteAndWait("LA1", [](Tx& tx) {
      return tx.db().Exec("INSERT INTO items (tenant, id) VALUES ('LA1', 'a')");
    }).ok());
  }
  auto reopened = Store::Open(Options(), "test", kMigrations);
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  EXPECT_EQ(Count(**reopened), 1);
}

TEST_P(StoreTest, NextSeqNumbersEachParentsRowsFromOne) {
  const std::vector<EmbeddedFile> numbered = {
      {"0001_lines.sql",
       "CREATE TABLE lines (tenant TEXT NOT NULL, parent TEXT NOT NULL, seq INTEGER NOT NULL, "
       "PRIMARY KEY (tenant, parent, seq));"}};
  auto store = Store::Open(Options(), "test", numbered);
  ASSERT_TRUE(store.ok()) << store.status();
  std::vector<int64_t> given;
  for (const char* parent : {"a", "a", "b", "a", "b"}) {
    ASSERT_TRUE((*store)->WriteAndWait("LA1", [&](Tx& tx) -> absl::Status {
      ASSURE_ASSIGN_OR_RETURN(int64_t seq, NextSeq(tx.db(), "lines", "tenant = ? AND parent = ?",
                                                   {std::string("LA1"), std::string(parent)}));
      given.push_back(seq);
      return tx.db().Exec("INSERT INTO lines (tenant, parent, seq) VALUES ('LA1', ?, ?)",
                          {std::string(parent), seq});
    }).ok());
  }
  EXPECT_EQ(given, (std::vector<int64_t>{1, 2, 1, 3, 2}));
}

TEST_P(StoreTest, WritesAfterStopFailUnavailable) {
  auto store = Store::Open(Options(), "test", kMigrations);
  ASSERT_TRUE(store.ok());
  (*store)->Stop();
  EXPECT_EQ((*store)->WriteAndWait("LA1", [](Tx&) { return absl::OkStatus(); }).code(),
            absl::StatusCode::kUnavailable);
}

TEST_P(StoreTest, WritesAreCommittedInWalModeWithSynchronousFull) {
  if (Postgres()) GTEST_SKIP() << "SQLite only; see CommitsWaitForTheFlushOnPostgresql";
  auto store = Store::Open(Options(), "test", kMigrations);
  ASSERT_TRUE(store.ok());
  std::string journal;
  int64_t synchronous = -1;
  ASSERT_TRUE((*store)->WriteAndWait("LA1", [&](Tx& tx) {
    auto st = tx.db().Query("PRAGMA journal_mode", {}, [&](const Row& r) { journal = r.Text(0); });
    if (!st.ok()) return st;
    return tx.db().Query("PRAGMA synchronous", {}, [&](const Row& r) { synchronous = r.Int(0); });
  }).ok());
  EXPECT_EQ(journal, "wal");
  EXPECT_EQ(synchronous, 2);  // FULL
}

TEST_P(StoreTest, CommitsWaitForTheFlushOnPostgresql) {
  if (!Postgres()) GTEST_SKIP() << "PostgreSQL only";
  auto store = Store::Open(Options(), "test", kMigrations);
  ASSERT_TRUE(store.ok()) << store.status();
  std::string synchronous_commit, fsync;
  ASSERT_TRUE((*store)->Read(kAllTenants, [&](Connection& db) {
    auto st = db.Query("SHOW synchronous_commit", {},
                       [&](const Row& r) { synchronous_commit = r.Text(0); });
    if (!st.ok()) return st;
    return db.Query("SHOW fsync", {}, [&](const Row& r) { fsync = r.Text(0); });
  }).ok());
  EXPECT_EQ(synchronous_commit, "on");
  EXPECT_EQ(fsync, "on");
}

TEST_P(StoreTest, InMemoryDatabaseIsRefused) {
  EXPECT_FALSE(Store::Open({":memory:", 1, 1}, "test", kMigrations).ok());
}

TEST_P(StoreTest, ReadsSeeOnlyTheirTenantsRowsEvenWithoutAFilterOnPostgresql) {
  if (!Postgres()) GTEST_SKIP() << "SQLite has no second wall; queries filter by tenant";
  auto store = Store::Open(Options(), "test", kMigrations);
  ASSERT_TRUE(store.ok()) << store.status();
  ASSERT_TRUE((*store)->WriteAndWait("LA1", [](Tx& tx) {
    return tx.db().Exec("INSERT INTO items (tenant, id) VALUES ('LA1', 'a')");
  }).ok());
  // The query below forgets the tenant filter: row-level security still hides LA1's row.
  EXPECT_EQ(Count(**store, "LA2"), 0);
  EXPECT_EQ(Count(**store, "LA1"), 1);
  EXPECT_EQ(Count(**store, ""), 0);  // no tenant: nothing
  // And a write for one tenant cannot reach another's rows.
  int64_t changed = -1;
  ASSERT_TRUE((*store)->WriteAndWait("LA2", [&](Tx& tx) {
    return tx.db().Exec("DELETE FROM items", {}, &changed);
  }).ok());
  EXPECT_EQ(changed, 0);
}

TEST_P(StoreTest, TwoReplicasMigratingOneNewDatabaseAtOnceApplyTheSchemaOnce) {
  absl::StatusOr<std::unique_ptr<Store>> a, b;
  std::thread first([&] { a = Store::Open(Options(), "test", kMigrations); });
  std::thread second([&] { b = Store::Open(Options(), "test", kMigrations); });
  first.join();
  second.join();
  ASSERT_TRUE(a.ok()) << a.status();
  ASSERT_TRUE(b.ok()) << b.status();
  int64_t applied = -1;
  ASSERT_TRUE((*a)->Read(kAllTenants, [&](Connection& db) {
    return db.Query("SELECT COUNT(*) FROM schema_migrations WHERE component = 'test'", {},
                    [&](const Row& r) { applied = r.Int(0); });
  }).ok());
  EXPECT_EQ(applied, 1);
}

}  // namespace
}  // namespace assure::store

namespace assure::store {
namespace {

// SQLite's max_page_count stands in for a full disk: past it, writes fail SQLITE_FULL.
absl::Status LimitPages(Store& store, int extra_pages) {
  return store.WriteAndWait(kAllTenants, [extra_pages](Tx& tx) {
    int64_t pages = 0;
    auto st = tx.db().Query("PRAGMA page_count", {}, [&](const Row& r) { pages = r.Int(0); });
    if (!st.ok()) return st;
    return tx.db().ExecScript("PRAGMA max_page_count = " + std::to_string(pages + extra_pages));
  });
}

TEST(StoreFull, AFullDiskAnswersResourceExhaustedSavesNothingAndWritesResumeWhenSpaceReturns) {
  testing::TempDir dir;
  auto store = Store::Open({dir.File("full.db"), 2, 256}, "test", kMigrations);
  ASSERT_TRUE(store.ok()) << store.status();
  ASSERT_TRUE(LimitPages(**store, 0).ok());
  const absl::Status full = (*store)->WriteAndWait("LA1", [](Tx& tx) {
    for (int i = 0; i < 2000; ++i) {
      auto st = tx.db().Exec("INSERT INTO items (tenant, id) VALUES ('LA1', ?)",
                             {std::string(200, 'x') + std::to_string(i)});
      if (!st.ok()) return st;
    }
    return absl::OkStatus();
  });
  EXPECT_EQ(full.code(), absl::StatusCode::kResourceExhausted) << full;
  EXPECT_NE(full.message().find("disk is full"), std::string::npos) << full;
  int64_t saved = -1;
  ASSERT_TRUE((*store)->Read(kAllTenants, [&](Connection& db) {
    return db.Query("SELECT COUNT(*) FROM items", {}, [&](const Row& r) { saved = r.Int(0); });
  }).ok());
  EXPECT_EQ(saved, 0);

  ASSERT_TRUE(LimitPages(**store, 100000).ok());
  EXPECT_TRUE((*store)->WriteAndWait("LA1", [](Tx& tx) {
    return tx.db().Exec("INSERT INTO items (tenant, id) VALUES ('LA1', 'after')");
  }).ok());
  EXPECT_TRUE((*store)->Probe().ok());
}

}  // namespace
}  // namespace assure::store
