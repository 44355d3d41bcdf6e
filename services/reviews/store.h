// The reviews repository: the SQL for this service and nothing else. Every function takes
// the connection it runs on (a reader, or the writer's shared transaction) and the tenant,
// so no query can leave the tenant out.
#ifndef ASSURE_SERVICES_REVIEWS_STORE_H_
#define ASSURE_SERVICES_REVIEWS_STORE_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "assure/reviews/v1/resources.pb.h"
#include "assure/type/v1/due_date.pb.h"
#include "services/common/store/connection.h"
#include "services/reviews/caseload_on.h"

namespace assure::reviews {

namespace v1 = ::assure::reviews::v1;
using store::Connection;

struct Caseload {
  int lac = 0;
  int cp = 0;
};

// Filters already checked by the service; empty optionals are "any".
struct ChildQuery {
  std::optional<bool> looked_after;
  std::optional<bool> has_active_iro;
  std::optional<std::string> iro;
  std::optional<std::string> sibling_group;
  std::string after_id;
  int limit = 50;
};

// Days are YYYY-MM-DD. `today` and `due_soon_until` are set whenever overdue or due_soon is.
struct ReviewQuery {
  std::string child;  // "" for every child
  std::optional<int> kind;
  std::optional<int> state;
  std::optional<bool> late;
  std::optional<std::string> iro;
  std::optional<bool> overdue;
  std::optional<bool> due_soon;
  std::string today;
  std::string due_soon_until;
  std::optional<std::string> due_from;
  std::optional<std::string> due_to;
  // Ordered by due date (then name) rather than by name.
  bool by_due_date = false;
  std::string after_due;  // with by_due_date
  std::string after_child;
  int64_t after_seq = 0;
  int limit = 50;
};

// The next statutory meeting of one of a child's chains (next_meetings).
struct NextMeetingRow {
  int kind = 0;
  std::string due_date;
  bool scheduled = false;
  assure::type::v1::DueDate due;

  bool operator==(const NextMeetingRow& o) const {
    return kind == o.kind && due_date == o.due_date && scheduled == o.scheduled &&
           due.SerializeAsString() == o.due.SerializeAsString();
  }
};

struct UnscheduledRow {
  std::string child, iro;  // ids; iro "" when none is allocated
  int kind = 0;
  std::string due_date;
  assure::type::v1::DueDate due;
};

struct UnscheduledQuery {
  std::string child;  // "" for every child
  std::optional<int> kind;
  std::optional<std::string> iro;
  std::optional<std::string> due_before;  // due_date < this
  std::optional<std::string> due_from;    // due_date >= this
  std::optional<std::string> due_to;      // due_date <= this
  std::string after_due, after_child;
  int64_t after_kind = 0;
  int limit = 50;
};

struct DecisionQuery {
  std::string child;    // "" for any
  int64_t review = 0;   // 0 for any
  std::optional<bool> open;
  std::optional<std::string> owner;
  // Open and due before this day (YYYY-MM-DD).
  std::optional<std::string> overdue_before;
  std::optional<bool> starred;
  std::string after_child;
  int64_t after_review = 0;
  int64_t after_seq = 0;
  int limit = 50;
};

struct NotificationQuery {
  std::string child;  // "" for every child
  std::optional<std::string> iro;
  std::optional<bool> acknowledged;
  std::string after_child;
  int64_t after_seq = 0;
  int limit = 50;
};

class ReviewsStore {
 public:
  // Children. Save* bump the version (the etag) and write the derived columns.
  static absl::StatusOr<std::optional<v1::Child>> LoadChild(Connection& db, const std::string& tenant,
                                                            const std::string& id);
  static absl::Status InsertChild(Connection& db, const std::string& tenant, const std::string& id,
                                  v1::Child& child);
  static absl::Status UpdateChild(Connection& db, const std::string& tenant, const std::string& id,
                                  v1::Child& child);
  static absl::StatusOr<std::vector<v1::Child>> ListChildren(Connection& db,
                                                             const std::string& tenant,
                                                             const ChildQuery& q);
  static absl::StatusOr<std::vector<std::string>> ChildIdsOfIro(Connection& db,
                                                                const std::string& tenant,
                                                                const std::string& iro);
  // IROs of the child's siblings (other children in the group), active ones only.
  static absl::StatusOr<std::vector<std::string>> ActiveSiblingIros(Connection& db,
                                                                    const std::string& tenant,
                                                                    const std::string& group,
                                                                    const std::string& except_child);
  static absl::StatusOr<std::vector<v1::Child>> AllChildren(Connection& db, const std::string& tenant);

  // IROs.
  static absl::StatusOr<std::optional<v1::WorkProgramme>> LoadWorkProgramme(
      Connection& db, const std::string& tenant, const std::string& id);
  static absl::Status InsertWorkProgramme(Connection& db, const std::string& tenant,
                                          const std::string& id, v1::WorkProgramme& w);
  // Every work programme the tenant adopted (one a year).
  static absl::StatusOr<std::vector<v1::WorkProgramme>> WorkProgrammes(Connection& db,
                                                                       const std::string& tenant);

  static absl::StatusOr<std::optional<v1::Iro>> LoadIro(Connection& db, const std::string& tenant,
                                                        const std::string& id);
  static absl::Status InsertIro(Connection& db, const std::string& tenant, const std::string& id,
                                v1::Iro& iro);
  static absl::Status UpdateIro(Connection& db, const std::string& tenant, const std::string& id,
                                v1::Iro& iro);
  static absl::StatusOr<std::vector<v1::Iro>> ListIros(Connection& db, const std::string& tenant,
                                                       std::optional<int> status,
                                                       const std::string& after_id, int limit);
  // Every child's allocations dated on or before `day`, in recorded order, by child id.
  static absl::StatusOr<std::map<std::string, std::vector<AllocationOn>>> AllocationsUpTo(
      Connection& db, const std::string& tenant, absl::CivilDay day);
  static absl::StatusOr<Caseload> CaseloadOf(Connection& db, const std::string& tenant,
                                             const std::string& iro);
  static absl::Status InsertAllocation(Connection& db, const std::string& tenant,
                                       const std::string& child, const v1::IroAllocation& a,
                                       int64_t at_micros);

  // Reviews.
  static absl::StatusOr<std::optional<v1::Review>> LoadReview(Connection& db,
                                                              const std::string& tenant,
                                                              const std::string& child, int64_t seq);
  static absl::StatusOr<int64_t> NextReviewSeq(Connection& db, const std::string& tenant,
                                               const std::string& child);
  static absl::Status InsertReview(Connection& db, const std::string& tenant,
                                   const std::string& child, int64_t seq, v1::Review& review);
  static absl::Status UpdateReview(Connection& db, const std::string& tenant,
                                   const std::string& child, int64_t seq, v1::Review& review);
  static absl::StatusOr<std::vector<v1::Review>> ReviewsOfChild(Connection& db,
                                                                const std::string& tenant,
                                                                const std::string& child);
  static absl::StatusOr<std::vector<v1::Review>> ListReviews(Connection& db,
                                                             const std::string& tenant,
                                                             const ReviewQuery& q);
  // The worklist's record of each chain's next meeting: replaced whole for one child.
  static absl::Status ReplaceNextMeetings(Connection& db, const std::string& tenant,
                                          const std::string& child,
                                          const std::vector<NextMeetingRow>& rows);
  // The child's rows as kept, by kind: read by the primary key (never by the unscheduled
  // index, whose rows grow with the tenant).
  static absl::StatusOr<std::vector<NextMeetingRow>> NextMeetingsOf(Connection& db,
                                                                    const std::string& tenant,
                                                                    const std::string& child);
  static absl::StatusOr<std::vector<UnscheduledRow>> ListUnscheduled(Connection& db,
                                                                    const std::string& tenant,
                                                                    const UnscheduledQuery& q);
  // Every tenant with children (the worklist counted once on an older database).
  static absl::StatusOr<std::vector<std::string>> TenantsWithChildren(Connection& db);
  // Held meetings whose counted date is in [start, end].
  static absl::StatusOr<std::vector<v1::Review>> HeldBetween(Connection& db,
                                                             const std::string& tenant,
                                                             absl::CivilDay start,
                                                             absl::CivilDay end);
  // Looked-after reviews due or held in [start, end], for the safeguarding dataset.
  static absl::StatusOr<std::vector<v1::Review>> DatasetReviews(Connection& db,
                                                                const std::string& tenant,
                                                                absl::CivilDay start,
                                                                absl::CivilDay end,
                                                                const std::string& after_child,
                                                                int64_t after_seq, int limit);

  // Notifications to the IRO.
  static absl::StatusOr<std::optional<v1::Notification>> LoadNotification(
      Connection& db, const std::string& tenant, const std::string& child, int64_t seq);
  static absl::StatusOr<int64_t> NextNotificationSeq(Connection& db, const std::string& tenant,
                                                     const std::string& child);
  static absl::Status InsertNotification(Connection& db, const std::string& tenant,
                                         const std::string& child, int64_t seq,
                                         v1::Notification& n);
  static absl::Status UpdateNotification(Connection& db, const std::string& tenant,
                                         const std::string& child, int64_t seq,
                                         v1::Notification& n);
  static absl::StatusOr<std::vector<v1::Notification>> ListNotifications(
      Connection& db, const std::string& tenant, const NotificationQuery& q);

  // Decisions.
  static absl::StatusOr<std::optional<v1::Decision>> LoadDecision(Connection& db,
                                                                  const std::string& tenant,
                                                                  const std::string& child,
                                                                  int64_t review, int64_t seq);
  static absl::StatusOr<int64_t> NextDecisionSeq(Connection& db, const std::string& tenant,
                                                 const std::string& child, int64_t review);
  static absl::Status InsertDecision(Connection& db, const std::string& tenant,
                                     const std::string& child, int64_t review, int64_t seq,
                                     v1::Decision& decision);
  static absl::Status UpdateDecision(Connection& db, const std::string& tenant,
                                     const std::string& child, int64_t review, int64_t seq,
                                     v1::Decision& decision);
  static absl::StatusOr<std::vector<v1::Decision>> ListDecisions(Connection& db,
                                                                 const std::string& tenant,
                                                                 const DecisionQuery& q);

  // Start-up state for the Performance Board gauges (read once, then kept by deltas).
  struct TenantIroCaseload {
    std::string tenant, iro;
    Caseload caseload;
  };
  struct TenantIroFte {
    std::string tenant, iro;
    int fte_hundredths = 0;
  };
  // Every IRO's FTE in every tenant (metrics at start).
  static absl::StatusOr<std::vector<TenantIroFte>> AllIroFte(Connection& db);
  struct TenantCount {
    std::string tenant;
    int64_t count = 0;
  };
  struct TenantDueDate {
    std::string tenant, due_date;
  };
  static absl::StatusOr<std::vector<TenantIroCaseload>> AllCaseloads(Connection& db);
  static absl::StatusOr<std::vector<TenantCount>> ChildrenWithoutActiveIro(Connection& db);
  static absl::StatusOr<std::vector<TenantDueDate>> OpenDecisionDueDates(Connection& db);

  // Starred recommendations (every tenant: the deadline check).
  struct DecisionKey {
    std::string tenant;
    std::string child;
    int64_t review = 0;
    int64_t seq = 0;
  };
  // Open, not yet in the problem resolution log, and due before `today`.
  static absl::StatusOr<std::vector<DecisionKey>> StarredPastDeadline(Connection& db,
                                                                      absl::CivilDay today);
  // Takes the decision off the check's list: false when another replica took it first (the
  // row stays locked to this transaction until it commits).
  static absl::StatusOr<bool> ClaimMissedDeadline(Connection& db, const DecisionKey& key);
};

}  // namespace assure::reviews

#endif  // ASSURE_SERVICES_REVIEWS_STORE_H_
