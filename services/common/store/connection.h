// One database connection, as the store's adapters see it: SQL with `?` placeholders and
// typed values. The SQLite adapter implements it now; the PostgreSQL one later, behind the
// same interface, so service code never knows which database it runs on.
#ifndef ASSURE_SERVICES_COMMON_STORE_CONNECTION_H_
#define ASSURE_SERVICES_COMMON_STORE_CONNECTION_H_

#include <cstdint>
#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "absl/status/status.h"
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

class Connection {
 public:
  virtual ~Connection() = default;
  // Runs one statement; returns how many rows it changed through `changed` if given.
  virtual absl::Status Exec(absl::string_view sql, const Params& params = {},
                            int64_t* changed = nullptr) = 0;
  virtual absl::Status Query(absl::string_view sql, const Params& params,
                             const std::function<void(const Row&)>& on_row) = 0;
  // Runs a script of several statements without parameters (migrations).
  virtual absl::Status ExecScript(absl::string_view sql) = 0;
};

}  // namespace assure::store

#endif  // ASSURE_SERVICES_COMMON_STORE_CONNECTION_H_
