// The disputes repository: the SQL for this service and nothing else. Every function takes
// the connection it runs on (a reader, or the writer's shared transaction) and the tenant,
// so no query can leave the tenant out; only the drift check's scan crosses tenants, and it
// returns keys, not records.
#ifndef ASSURE_SERVICES_DISPUTES_STORE_H_
#define ASSURE_SERVICES_DISPUTES_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "assure/disputes/v1/resources.pb.h"
#include "services/common/store/connection.h"

namespace assure::disputes {

namespace v1 = ::assure::disputes::v1;
using store::Connection;

// Filters already checked by the service; empty optionals are "any".
struct DisputeQuery {
  std::optional<int> state;
  std::optional<int> stage_level;
  std::optional<std::string> theme;
  std::optional<int> case_type;
  std::optional<int> outcome;
  std::optional<bool> starred;
  std::optional<std::string> child;
  std::optional<std::string> review;
  std::optional<std::string> raised_by;
  // Open with the current stage due before this day.
  std::optional<absl::CivilDay> overdue_on;
  // Open with the formal process due to be over before this day.
  std::optional<absl::CivilDay> past_formal_limit_on;
  // Open at any time in [active_from, active_to].
  std::optional<absl::CivilDay> active_from;
  std::optional<absl::CivilDay> active_to;
  std::string after_id;
  int limit = 50;
};

struct DisputeKey {
  std::string tenant;
  std::string id;
};

class DisputesStore {
 public:
  static absl::StatusOr<std::optional<v1::Dispute>> Load(Connection& db, const std::string& tenant,
                                                         const std::string& id);
  // Insert and Update bump the version (the etag) and write the derived columns.
  static absl::Status Insert(Connection& db, const std::string& tenant, const std::string& id,
                             v1::Dispute& d);
  static absl::Status Update(Connection& db, const std::string& tenant, const std::string& id,
                             v1::Dispute& d);
  // Disputes of `theme` raised on or after `from`, counted to at most `limit` (so the
  // count costs no more than the threshold it is compared with, however many there are).
  static absl::StatusOr<int64_t> CountThemeSince(Connection& db, const std::string& tenant,
                                                 const std::string& theme, absl::CivilDay from,
                                                 int64_t limit);
  static absl::StatusOr<std::vector<v1::Dispute>> List(Connection& db, const std::string& tenant,
                                                       const DisputeQuery& q);
  // Open disputes whose current stage was due before `today`, in every tenant.
  static absl::StatusOr<std::vector<DisputeKey>> PastTheirLimit(Connection& db,
                                                                absl::CivilDay today);
  // Every open dispute in every tenant (metrics at start).
  static absl::StatusOr<std::vector<std::pair<std::string, v1::Dispute>>> AllOpen(Connection& db);
};

}  // namespace assure::disputes

#endif  // ASSURE_SERVICES_DISPUTES_STORE_H_
