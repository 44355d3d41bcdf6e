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
                      const std::string& resource, absl::Time at) {
  store.Write(who.tenant, [=](Tx& tx) { return RecordAccess(tx.db(), who, method, resource, at); },
              [](absl::Status st) {
                if (!st.ok()) std::cerr << R"({"event":"access_record_failed"})" << "\n";
              });
}

}  // namespace assure::store
