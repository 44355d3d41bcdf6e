// Where a service test keeps its store: a SQLite file in the test's folder, or, when the
// test runs with ASSURE_TEST_STORE=postgresql (a second CTest entry for each service test
// binary), a fresh database on the test PostgreSQL server. The same tests, two stores.
#ifndef ASSURE_TESTS_SUPPORT_TEST_STORE_H_
#define ASSURE_TESTS_SUPPORT_TEST_STORE_H_

#include <cstdlib>
#include <string>

#include "tests/support/postgres_server.h"

namespace assure::testing {

inline bool TestsRunOnPostgresql() {
  const char* store = std::getenv("ASSURE_TEST_STORE");
  return store != nullptr && std::string(store) == "postgresql";
}

// `sqlite_file` is used on SQLite; on PostgreSQL a new database is made for each call.
inline std::string TestStoreLocation(const std::string& sqlite_file) {
  return TestsRunOnPostgresql() ? PostgresServer::Shared().NewDatabase() : sqlite_file;
}

}  // namespace assure::testing

#endif  // ASSURE_TESTS_SUPPORT_TEST_STORE_H_
