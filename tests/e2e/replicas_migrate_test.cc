// Two replicas of a service started together on one new PostgreSQL database: both start and
// serve, and the schema is applied once (the migration runs under an advisory lock).
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "services/common/health_client.h"
#include "services/common/serving_report.h"
#include "services/common/store/postgres_connection.h"
#include "tests/support/call_context.h"
#include "tests/support/postgres_server.h"

namespace assure {
namespace {

// On a port of its own choosing, reported in `ready_file`.
pid_t StartReviews(const std::string& store, const std::string& ready_file) {
  const pid_t pid = fork();
  if (pid == 0) {
    const std::string bin = ASSURE_BIN_DIR "/assure-reviews";
    const std::string flag = "--store=" + store;
    const std::string ready = "--ready_file=" + ready_file;
    execl(bin.c_str(), bin.c_str(), "--grpc_address=127.0.0.1:0", "--metrics_address=",
          flag.c_str(), ready.c_str(), "--access_log=false", nullptr);
    _exit(127);
  }
  return pid;
}

bool Serving(const std::string& ready_file, absl::Duration within) {
  const absl::Time deadline = absl::Now() + within;
  absl::StatusOr<Listeners> listeners;
  while (!(listeners = ReadReadyFile(ready_file)).ok() && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(50));
  }
  if (!listeners.ok() || listeners->empty()) return false;
  auto channel = grpc::CreateChannel((*listeners)[0].second, grpc::InsecureChannelCredentials());
  while (absl::Now() < deadline) {
    auto status = CheckHealth(channel, "", absl::Milliseconds(500));
    if (status.ok() && *status == HealthStatus::kServing) return true;
    absl::SleepFor(absl::Milliseconds(100));
  }
  return false;
}

TEST(Replicas, TwoProcessesMigratingOneNewPostgresqlDatabaseBothStartAndApplyTheSchemaOnce) {
  const std::string store = testing::PostgresServer::Shared().NewDatabase();
  testing::TempDir dir;
  const pid_t a = StartReviews(store, dir.File("a.ready"));
  const pid_t b = StartReviews(store, dir.File("b.ready"));
  EXPECT_TRUE(Serving(dir.File("a.ready"), absl::Seconds(30)));
  EXPECT_TRUE(Serving(dir.File("b.ready"), absl::Seconds(30)));
  for (pid_t pid : {a, b}) {
    kill(pid, SIGTERM);
    int status = 0;
    waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  auto db = store::PostgresConnection::Open(store);
  ASSERT_TRUE(db.ok()) << db.status();
  int64_t applied = -1;
  ASSERT_TRUE((*db)->Query("SELECT COUNT(*) FROM schema_migrations WHERE component = 'reviews'", {},
                           [&](const store::Row& r) { applied = r.Int(0); }).ok());
  EXPECT_EQ(applied, 8);  // 0001_reviews ... 0008_views_and_concerns, once each
}

}  // namespace
}  // namespace assure
