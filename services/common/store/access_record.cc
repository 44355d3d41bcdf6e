#include "services/common/store/access_record.h"

#include <iostream>

#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"
#include "services/common/trace.h"

namespace assure::store {

absl::Status RecordAccess(Connection& db, const Principal& who, const std::string& method,
                          const std::string& resource, absl::Time at) {
  return db.Exec(
      "INSERT INTO access_records (tenant, subject, method, resource, purpose, at_micros) "
      "VALUES (?, ?, ?, ?, ?, ?)",
      {who.tenant, who.subject, method, resource, who.purpose, absl::ToUnixMicros(at)});
}

void RecordReadAccess(Store& store, const Principal& who, const std::string& method,
                      std::vector<std::string> resources, absl::Time at,
                      std::function<void(absl::Status)> done) {
  if (resources.empty()) return done(absl::OkStatus());
  store.Write(
      who.tenant,
      [=, resources = std::move(resources)](Tx& tx) {
        for (const auto& resource : resources) {
          if (auto st = RecordAccess(tx.db(), who, method, resource, at); !st.ok()) return st;
        }
        return absl::OkStatus();
      },
      [done = std::move(done), trace = TraceIdOf(who.traceparent)](absl::Status st) {
        if (!st.ok()) {
          std::cerr << R"({"event":"access_record_failed","trace_id":")" << trace << "\"}\n";
        }
        done(std::move(st));
      });
}

absl::StatusOr<std::vector<StoredAccess>> AccessRecordsUnder(Connection& db,
                                                             const std::string& tenant,
                                                             const std::string& resource,
                                                             int64_t after_id, int limit) {
  // What is named under `resource` sorts, byte by byte, from "resource/" up to "resource0"
  // ('0' follows '/'). PostgreSQL is told to compare bytes whatever the database's collation
  // (an index with the same collation serves it); SQLite always does.
  const char* bytes = db.dialect() == Dialect::kPostgresql ? " COLLATE \"C\"" : "";
  const std::string sql = absl::StrCat(
      "SELECT id, subject, method, resource, purpose, at_micros FROM access_records "
      "WHERE tenant = ? AND (resource", bytes, " = ? OR (resource", bytes, " >= ? AND resource",
      bytes, " < ?)) AND id > ? ORDER BY id LIMIT ?");
  std::vector<StoredAccess> out;
  ASSURE_RETURN_IF_ERROR(db.Query(
      sql,
      {tenant, resource, absl::StrCat(resource, "/"), absl::StrCat(resource, "0"), after_id,
       int64_t{limit}},
      [&](const Row& r) {
        out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4),
                       absl::FromUnixMicros(r.Int(5))});
      }));
  return out;
}

}  // namespace assure::store
