// The dispute state machine: every move a person or the drift check can make, and the
// rules that refuse any other with FAILED_PRECONDITION naming the rule. Pure: a move takes
// the dispute, the authority's ladder, the calendar and who/when, and changes the dispute.
//
//   open at level L --escalate(to > L)--> open at level to        (any higher stage: IROs may skip)
//   open            --resolve(outcome)--> resolved
//   open            --withdraw-->          withdrawn
//   open            --refer to Cafcass-->  open, referral recorded (at any point, once)
//   open, stage past its limit --drift check--> marked overdue, and escalated one stage
//                                               where the authority chose auto_escalate
#ifndef ASSURE_SERVICES_DISPUTES_MOVES_H_
#define ASSURE_SERVICES_DISPUTES_MOVES_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "assure/disputes/v1/resources.pb.h"
#include "services/common/working_days.h"

namespace assure::disputes {

namespace v1 = ::assure::disputes::v1;

inline constexpr char kDriftCheckActor[] = "system:drift-check";

// Who moves, when, and what they said.
struct Move {
  std::string actor;
  absl::Time time;
  std::string note;
  bool automatic = false;
};

// Opens `d` at d.stage_level() (0, the informal step, unless the IRO chose a formal stage);
// the informal step is recorded either way.
absl::Status Raise(v1::Dispute& d, const v1::DisputeSettings& settings,
                   const WorkingDays& calendar, const Move& move);
// `to_level` 0 means the next stage; `officer` answers for it there (required of a person).
absl::Status Escalate(v1::Dispute& d, const v1::DisputeSettings& settings,
                      const WorkingDays& calendar, int to_level, const std::string& officer,
                      const Move& move);
absl::Status Resolve(v1::Dispute& d, v1::Outcome outcome, const Move& move);
absl::Status Withdraw(v1::Dispute& d, const Move& move);
// Open or closed: an IRO may refer to Cafcass at any point, once.
absl::Status ReferToCafcass(v1::Dispute& d, const Move& move);
// What came of the referral, once.
absl::Status RecordCafcassOutcome(v1::Dispute& d, const Move& move);

// The drift check for one dispute at `now`: marks the current stage overdue once it is past
// its limit, and escalates it where the authority chose so. True when it changed `d`.
bool CheckDrift(v1::Dispute& d, const v1::DisputeSettings& settings,
                const WorkingDays& calendar, absl::Time now);

// The current stage's due day; nullopt when the dispute is closed.
std::optional<absl::CivilDay> CurrentDue(const v1::Dispute& d);
// Sets formal_due on a dispute recorded before it existed, from its first formal stage;
// true if it did.
absl::StatusOr<bool> FillFormalDue(v1::Dispute& d, const WorkingDays& calendar);
// When an open dispute's formal process should be over; nullopt when closed or informal.
std::optional<absl::CivilDay> FormalDue(const v1::Dispute& d);
// Working days from the start of the first formal stage to `until`; 0 when never formal.
int FormalWorkingDays(const v1::Dispute& d, const WorkingDays& calendar, absl::Time until);
// The output-only fields that depend on the day it is read: overdue, past_formal_limit,
// formal_working_days.
void Present(v1::Dispute& d, const WorkingDays& calendar, absl::Time now);

}  // namespace assure::disputes

#endif  // ASSURE_SERVICES_DISPUTES_MOVES_H_
