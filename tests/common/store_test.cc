#include "services/common/store/store.h"

#include <atomic>
#include <filesystem>

#include "absl/synchronization/blocking_counter.h"
#include "gtest/gtest.h"

namespace assure::store {
namespace {

const std::vector<EmbeddedFile> kMigrations = {
    {"0001_items.sql", "CREATE TABLE items (tenant TEXT NOT NULL, id TEXT NOT NULL, "
                       "PRIMARY KEY (tenant, id));"}};

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("assure-store-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  StoreOptions Options() { return {(dir_ / "test.db").string(), 2, 256}; }

  int64_t Count(Store& store) {
    int64_t n = -1;
    EXPECT_TRUE(store.Read([&](Connection& db) {
      return db.Query("SELECT COUNT(*) FROM items", {}, [&](const Row& r) { n = r.Int(0); });
    }).ok());
    return n;
  }

  std::filesystem::path dir_;
};

TEST_F(StoreTest, ConcurrentWritesAreAllCommittedAndReadable) {
  auto store = Store::Open(Options(), "test", kMigrations);
  ASSERT_TRUE(store.ok()) << store.status();
  constexpr int kWrites = 500;
  absl::BlockingCounter done(kWrites);
  std::atomic<int> failures{0};
  for (int i = 0; i < kWrites; ++i) {
    (*store)->Write(
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

TEST_F(StoreTest, AFailedWriteUndoesOnlyItsOwnChanges) {
  auto store = Store::Open(Options(), "test", kMigrations);
  ASSERT_TRUE(store.ok());
  EXPECT_TRUE((*store)->WriteAndWait([](Tx& tx) {
    return tx.db().Exec("INSERT INTO items (tenant, id) VALUES ('LA1', 'kept')");
  }).ok());
  absl::Status failed = (*store)->WriteAndWait([](Tx& tx) {
    auto st = tx.db().Exec("INSERT INTO items (tenant, id) VALUES ('LA1', 'undone')");
    if (!st.ok()) return st;
    return absl::FailedPreconditionError("rule broken after the insert");
  });
  EXPECT_EQ(failed.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(Count(**store), 1);
}

TEST_F(StoreTest, AfterCommitHooksRunOnlyForSuccessfulWrites) {
  auto store = Store::Open(Options(), "test", kMigrations);
  ASSERT_TRUE(store.ok());
  int hooks = 0;
  (*store)->WriteAndWait([&](Tx& tx) {
    tx.AfterCommit([&] { ++hooks; });
    return absl::OkStatus();
  }).IgnoreError();
  (*store)->WriteAndWait([&](Tx& tx) {
    tx.AfterCommit([&] { ++hooks; });
    return absl::InvalidArgumentError("no");
  }).IgnoreError();
  EXPECT_EQ(hooks, 1);
}

TEST_F(StoreTest, MigrationsApplyOnceAndDataSurvivesReopening) {
  {
    auto store = Store::Open(Options(), "test", kMigrations);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->WriteAndWait([](Tx& tx) {
      return tx.db().Exec("INSERT INTO items (tenant, id) VALUES ('LA1', 'a')");
    }).ok());
  }
  auto reopened = Store::Open(Options(), "test", kMigrations);
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  EXPECT_EQ(Count(**reopened), 1);
}

TEST_F(StoreTest, WritesAfterStopFailUnavailable) {
  auto store = Store::Open(Options(), "test", kMigrations);
  ASSERT_TRUE(store.ok());
  (*store)->Stop();
  EXPECT_EQ((*store)->WriteAndWait([](Tx&) { return absl::OkStatus(); }).code(),
            absl::StatusCode::kUnavailable);
}

TEST_F(StoreTest, WritesAreCommittedInWalModeWithSynchronousFull) {
  auto store = Store::Open(Options(), "test", kMigrations);
  ASSERT_TRUE(store.ok());
  std::string journal;
  int64_t synchronous = -1;
  ASSERT_TRUE((*store)->WriteAndWait([&](Tx& tx) {
    auto st = tx.db().Query("PRAGMA journal_mode", {}, [&](const Row& r) { journal = r.Text(0); });
    if (!st.ok()) return st;
    return tx.db().Query("PRAGMA synchronous", {}, [&](const Row& r) { synchronous = r.Int(0); });
  }).ok());
  EXPECT_EQ(journal, "wal");
  EXPECT_EQ(synchronous, 2);  // FULL
}

TEST_F(StoreTest, InMemoryDatabaseIsRefused) {
  EXPECT_FALSE(Store::Open({":memory:", 1, 1}, "test", kMigrations).ok());
}

}  // namespace
}  // namespace assure::store
