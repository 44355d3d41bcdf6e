// A real PostgreSQL server for tests, not a mock: tools/local_postgres in a temporary folder,
// started on first use and stopped, with the folder removed, when the test binary ends.
//
//   std::string url = PostgresServer::Shared().NewDatabase();   // a fresh, empty database
#ifndef ASSURE_TESTS_SUPPORT_POSTGRES_SERVER_H_
#define ASSURE_TESTS_SUPPORT_POSTGRES_SERVER_H_

#include <memory>
#include <string>

#include "tools/local_postgres/local_postgres.h"

namespace assure::testing {

class PostgresServer {
 public:
  // Aborts the test binary if the server cannot start.
  static PostgresServer& Shared();
  std::string NewDatabase();

 private:
  PostgresServer();
  void Stop();

  std::string dir_;
  std::unique_ptr<LocalPostgres> server_;
  int databases_ = 0;
};

}  // namespace assure::testing

#endif  // ASSURE_TESTS_SUPPORT_POSTGRES_SERVER_H_
