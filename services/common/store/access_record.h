// The access record (ARCHITECTURE section 6): every read or write of a child's data is kept
// with who, what, when and why, in the service's own store.
#ifndef ASSURE_SERVICES_COMMON_STORE_ACCESS_RECORD_H_
#define ASSURE_SERVICES_COMMON_STORE_ACCESS_RECORD_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/common/principal.h"
#include "services/common/store/store.h"

namespace assure::store {

// Inside a write: recorded in the same transaction as the change.
absl::Status RecordAccess(Connection& db, const Principal& who, const std::string& method,
                          const std::string& resource, absl::Time at);

// For a read: a record of every resource it returned, written in the next group commit.
// `done` runs once they are durable (or have failed), and only then may the read be
// answered: no data leaves without its record.
void RecordReadAccess(Store& store, const Principal& who, const std::string& method,
                      std::vector<std::string> resources, absl::Time at,
                      std::function<void(absl::Status)> done);

struct StoredAccess {
  int64_t id = 0;
  std::string subject, method, resource, purpose;
  absl::Time at;
};

// The records of `resource` and of everything named under it ("children/C-1" and
// "children/C-1/reviews/2", never "children/C-10"), oldest first, after record `after_id`.
absl::StatusOr<std::vector<StoredAccess>> AccessRecordsUnder(Connection& db,
                                                             const std::string& tenant,
                                                             const std::string& resource,
                                                             int64_t after_id, int limit);

}  // namespace assure::store

#endif  // ASSURE_SERVICES_COMMON_STORE_ACCESS_RECORD_H_
