#include "services/common/store/access_record.h"

#include <iostream>

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
      [done = std::move(done)](absl::Status st) {
        if (!st.ok()) std::cerr << R"({"event":"access_record_failed"})" << "\n";
        done(std::move(st));
      });
}

}  // namespace assure::store
