// A real PostgreSQL server for tests, not a mock: initdb into a temporary directory and
// `postgres` listening only on a Unix socket in it, stopped when the test binary ends.
//
// PostgreSQL refuses to run as root, and CI runs as root: when this process is root, the
// server runs as the unprivileged user `assure-pg` (created if missing) through runuser.
// Services connect as `assure_service`, a role that is neither superuser nor BYPASSRLS, so
// row-level security applies to them as it would in production.
//
//   std::string url = PostgresServer::Shared().NewDatabase();   // a fresh, empty database
#ifndef ASSURE_TESTS_SUPPORT_POSTGRES_SERVER_H_
#define ASSURE_TESTS_SUPPORT_POSTGRES_SERVER_H_

#include <string>

namespace assure::testing {

class PostgresServer {
 public:
  // Started on first use, stopped at exit. Aborts the test binary if it cannot start.
  static PostgresServer& Shared();
  // Creates a database owned by the service role; returns its postgresql:// URL.
  std::string NewDatabase();
  // The same database as the superuser (to look past row-level security in tests).
  std::string SuperuserUrl(const std::string& service_url) const;

 private:
  PostgresServer();
  void Stop();
  std::string Run(const std::string& command) const;

  std::string dir_;
  std::string bin_;
  std::string as_user_;  // "runuser -u assure-pg -- " when root, else ""
  int pid_ = -1;
  int databases_ = 0;
};

}  // namespace assure::testing

#endif  // ASSURE_TESTS_SUPPORT_POSTGRES_SERVER_H_
