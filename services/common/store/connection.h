// One database connection, as the store's adapters see it: SQL with `?` placeholders and
// typed values. SQLite and PostgreSQL implement it, so service code never knows which
// database it runs on; where their SQL must differ, a migration has a per-dialect file.
#ifndef ASSURE_SERVICES_COMMON_STORE_CONNECTION_H_
#define ASSURE_SERVICES_COMMON_STORE_CONNECTION_H_

#include <cstdint>
#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/cord.h"
#include "absl/strings/string_view.h"

namespace assure::store {

// Bytes that are stored as a BLOB rather than TEXT (serialized messages).
struct Bytes {
  std::string data;
};

using Value = std::variant<std::monostate, int64_t, std::string, Bytes>;
using Params = std::vector<Value>;

// One result row; columns are read by position, as selected.
class Row {
 public:
  virtual ~Row() = default;
  virtual bool IsNull(int column) const = 0;
  virtual int64_t Int(int column) const = 0;
  virtual std::string Text(int column) const = 0;
  virtual std::string Blob(int column) const = 0;
};

// A database error worth running the whole transaction again for (PostgreSQL's
// serialization failure 40001 and deadlock 40P01) carries this payload.
inline constexpr char kRetryablePayload[] = "assure.store/retryable";

enum class Dialect { kSqlite, kPostgresql };

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  // Starts a transaction; `write` asks SQLite for the write lock at once.
  virtual absl::Status Begin(bool write) = 0;
  // Starts a read-only snapshot for `tenant`, and opens the savepoint of one write for
  // `tenant` inside a write transaction. The tenant is whose rows the statements may see
  // (PostgreSQL's row-level security reads it); SQLite has no such wall and relies on the
  // queries' own filter. One round trip each on PostgreSQL.
  virtual absl::Status BeginRead(const std::string& tenant) = 0;
  virtual absl::Status StartWrite(const std::string& tenant) = 0;
  // Runs one statement; returns how many rows it changed through `changed` if given.
  // Without `changed`, PostgreSQL sends the statement without waiting for it (pipelining), so
  // its failure may come back from the next Query, Exec with `changed`, Settle or Commit:
  // never lost, but possibly reported by a later call of the same transaction.
  virtual absl::Status Exec(absl::string_view sql, const Params& params = {},
                            int64_t* changed = nullptr) = 0;
  virtual absl::Status Query(absl::string_view sql, const Params& params,
                             const std::function<void(const Row&)>& on_row) = 0;
  // Waits for every statement sent so far; the first failure among them.
  virtual absl::Status Settle() = 0;
  // How many statements the database has refused on this connection. A failure of a
  // statement sent without waiting may be reported to a later call than its own; the store
  // compares this count to know that one happened at all.
  virtual int64_t refusals() const = 0;
  // Commits the transaction, failing if the database rolled it back instead.
  virtual absl::Status Commit() = 0;
  // Ends a read's snapshot. Nothing was written, so nobody waits for the answer: PostgreSQL
  // sends the COMMIT with the connection's next statement, or at FinishIdle.
  virtual void EndRead() = 0;
  // Sends whatever an ended read still owes the server, for a connection left idle.
  virtual void FinishIdle() = 0;
  // Runs a script of several statements without parameters (migrations).
  virtual absl::Status ExecScript(absl::string_view sql) = 0;
};

inline bool IsRetryable(const absl::Status& status) {
  return status.GetPayload(kRetryablePayload).has_value();
}

}  // namespace assure::store

#endif  // ASSURE_SERVICES_COMMON_STORE_CONNECTION_H_
