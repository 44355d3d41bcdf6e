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
#include "services/common/store/postgres_connection.h"
#include "tests/support/postgres_server.h"

namespace assure {
namespace {

pid_t StartReviews(const std::string& store, int port) {
  const pid_t pid = fork();
  if (pid == 0) {
    const std::string bin = ASSURE_BIN_DIR "/assure-reviews";
    const std::string grpc = absl::StrCat("--grpc_address=127.0.0.1:", port);
    const std::string flag = "--store=" + store;
    execl(bin.c_str(), bin.c_str(), grpc.c_str(), "--metrics_address=", flag.c_str(),
          "--access_log=false", nullptr);
    _exit(127);
  }
  return pid;
}

bool Serving(int port, absl::Duration within) {
  auto channel = grpc::CreateChannel(absl::StrCat("127.0.0.1:", port),
                                     grpc::InsecureChannelCredentials());
  const absl::Time deadline = absl::Now() + within;
  while (absl::Now() < deadline) {
    auto status = CheckHealth(channel, "", absl::Milliseconds(500));
    if (status.ok() && *status == HealthStatus::kServing) return true;
    absl::SleepFor(absl::Milliseconds(100));
  }
  return false;
}

TEST(Replicas, TwoProcessesMigratingOneNewPostgresqlDatabaseBothStartAndApplyTheSchemaOnce) {
  const std::string store = testing::PostgresServer::Shared().NewDatabase();
  const int port = 21000 + (getpid() % 500) * 2;
  const pid_t a = StartReviews(store, port);
  const pid_t b = StartReviews(store, port + 1);
  EXPECT_TRUE(Serving(port, absl::Seconds(30)));
  EXPECT_TRUE(Serving(port + 1, absl::Seconds(30)));
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
  EXPECT_EQ(applied, 1);  // 0001_reviews, once
}

}  // namespace
}  // namespace assure
