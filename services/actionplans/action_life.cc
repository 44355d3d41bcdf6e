#include "services/actionplans/action_life.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "services/common/dates.h"
#include "services/common/errors.h"

namespace assure::actionplans {
namespace {

absl::Status MustBeOpen(const v1::Action& a) {
  if (IsOpen(a)) return absl::OkStatus();
  return FailedRule("action.open", "the action is completed or superseded");
}

}  // namespace

bool IsOpen(const v1::Action& a) { return a.state() == v1::ACTION_STATE_OPEN; }

bool IsOverdue(const v1::Action& a, absl::CivilDay today) {
  const auto target = DayOf(a.target_date());
  return IsOpen(a) && target && *target < today;
}

bool CompletedOnTime(const v1::Action& a) {
  const auto done = DayOf(a.completed_date());
  const auto target = DayOf(a.target_date());
  return a.state() == v1::ACTION_STATE_COMPLETED && done && target && *done <= *target;
}

bool IsOfficer(const v1::Action& a, const std::string& subject) {
  return std::find(a.responsible_officers().begin(), a.responsible_officers().end(), subject) !=
         a.responsible_officers().end();
}

absl::Status ChangeTarget(v1::Action& a, absl::CivilDay to, const std::string& reason,
                          const Actor& by) {
  if (auto st = MustBeOpen(a); !st.ok()) return st;
  const auto from = DayOf(a.target_date());
  if (from && *from == to) {
    return FailedRule("action.same_target_date", "the action is already due on that date");
  }
  v1::TargetDateChange* c = a.add_target_date_changes();
  *c->mutable_from_date() = a.target_date();
  *c->mutable_to_date() = ToProto(to);
  c->set_reason(reason);
  c->set_changed_by(by.subject);
  *c->mutable_change_time() = ToProto(by.now);
  c->set_slip(!from || to > *from);
  if (c->slip()) a.set_slips(a.slips() + 1);
  *a.mutable_target_date() = ToProto(to);
  return absl::OkStatus();
}

absl::Status Reassign(v1::Action& a, const std::string& team,
                      const std::vector<std::string>& officers, const std::string& reason,
                      const Actor& by) {
  if (auto st = MustBeOpen(a); !st.ok()) return st;
  v1::Reassignment* r = a.add_reassignments();
  r->set_from_team(a.team());
  r->set_to_team(team);
  for (const auto& o : officers) r->add_to_officers(o);
  r->set_reason(reason);
  r->set_reassigned_by(by.subject);
  *r->mutable_reassign_time() = ToProto(by.now);
  a.set_team(team);
  a.clear_responsible_officers();
  for (const auto& o : officers) a.add_responsible_officers(o);
  return absl::OkStatus();
}

absl::Status ApplyFollowUp(v1::Action& a, const v1::FollowUp& f, const Actor& by) {
  if (auto st = MustBeOpen(a); !st.ok()) return st;
  if (IsOfficer(a, by.subject)) {
    return FailedRule("follow_up.not_owner",
                      "a follow-up is tested by someone other than the action's officers");
  }
  if (const auto revised = DayOf(f.revised_target_date())) {
    auto st = ChangeTarget(
        a, *revised, absl::StrCat("revised response after follow-up: ", f.revised_response()), by);
    if (!st.ok()) return st;
  }
  a.set_follow_up_status(f.status());
  if (f.status() == v1::FOLLOW_UP_STATUS_SUPERSEDED) a.set_state(v1::ACTION_STATE_SUPERSEDED);
  return absl::OkStatus();
}

absl::Status Complete(v1::Action& a, const std::vector<std::string>& evidence, const Actor& by,
                      absl::CivilDay today) {
  if (auto st = MustBeOpen(a); !st.ok()) return st;
  if (evidence.empty()) {
    return FailedRule("action.evidence", "an action is completed on evidence: none was given");
  }
  if (IsOfficer(a, by.subject)) {
    return FailedRule("action.verifier_not_owner",
                      "completion is verified by someone other than the action's officers");
  }
  for (const auto& e : evidence) a.add_evidence(e);
  a.set_verified_by(by.subject);
  *a.mutable_completed_date() = ToProto(today);
  a.set_state(v1::ACTION_STATE_COMPLETED);
  return absl::OkStatus();
}

}  // namespace assure::actionplans
