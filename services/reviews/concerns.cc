#include "services/reviews/concerns.h"

#include "absl/strings/str_cat.h"
#include "services/common/dates.h"
#include "services/common/errors.h"

namespace assure::reviews {
namespace {

absl::Status NotFrom(const v1::Concern& c, const char* rule, const char* what) {
  return FailedRule(rule,
                    absl::StrCat(c.name(), " is ", v1::ConcernState_Name(c.state()), ": ", what));
}

bool Settled(const v1::Concern& c) {
  return c.state() == v1::CONCERN_STATE_ANSWERED || c.state() == v1::CONCERN_STATE_CHALLENGED;
}

}  // namespace

absl::Status CheckCanAcknowledge(const v1::Concern& c) {
  if (c.state() == v1::CONCERN_STATE_RAISED) return absl::OkStatus();
  return NotFrom(c, "concern.acknowledged_once", "only a concern just raised is acknowledged");
}

absl::Status CheckCanAnswer(const v1::Concern& c) {
  if (!Settled(c)) return absl::OkStatus();
  return NotFrom(c, "concern.settled_once", "it has been answered or challenged already");
}

absl::Status CheckCanChallenge(const v1::Concern& c) {
  if (c.state() != v1::CONCERN_STATE_CHALLENGED) return absl::OkStatus();
  return NotFrom(c, "concern.challenged_once", "a dispute is open for it already");
}

void SetConcernDueDates(v1::Concern& c, const ConcernTimescales& timescales,
                        const WorkingDays& calendar) {
  const absl::CivilDay raised = LondonDay(FromProto(c.raise_time()));
  *c.mutable_acknowledge_due_date() =
      ToProto(calendar.AddWorkingDays(raised, timescales.acknowledge));
  *c.mutable_answer_due_date() = ToProto(calendar.AddWorkingDays(raised, timescales.answer));
}

void PresentConcern(v1::Concern& c, absl::CivilDay today) {
  const auto acknowledge_by = DayOf(c.acknowledge_due_date());
  const auto answer_by = DayOf(c.answer_due_date());
  const bool unacknowledged =
      c.state() == v1::CONCERN_STATE_RAISED && acknowledge_by && today > *acknowledge_by;
  const bool unsettled = !Settled(c) && answer_by && today > *answer_by;
  c.set_overdue(unacknowledged || unsettled);
}

}  // namespace assure::reviews
