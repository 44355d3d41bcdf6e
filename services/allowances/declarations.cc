#include "services/allowances/declarations.h"

#include "absl/strings/str_cat.h"
#include "services/common/dates.h"
#include "services/common/errors.h"

namespace assure::allowances {
namespace {

bool NotBack(const v1::Declaration& d) {
  return d.state() == v1::DECLARATION_STATE_ISSUED || d.state() == v1::DECLARATION_STATE_REMINDED;
}

}  // namespace

absl::StatusOr<v1::Declaration> Issue(int year, absl::CivilDay issued, int reminder_days,
                                      absl::CivilDay today) {
  if (issued > today) {
    return FailedRule("declaration.issue_date", "a declaration cannot be issued in the future");
  }
  // A year's declaration goes out from the January before it (seed 002: when it is sent
  // matters for up-to-date information) to its end.
  if (issued < absl::CivilDay(year, 1, 1) || issued > absl::CivilDay(year + 1, 3, 31)) {
    return FailedRule(
        "declaration.issue_date",
        absl::StrCat("the declaration for ", year, "-", (year + 1) % 100,
                     " is issued between 1 January ", year, " and 31 March ", year + 1));
  }
  v1::Declaration d;
  d.set_year(year);
  d.set_state(v1::DECLARATION_STATE_ISSUED);
  *d.mutable_issue_date() = ToProto(issued);
  *d.mutable_next_step_date() = ToProto(issued + reminder_days);
  return d;
}

DeclarationStep StepDue(const v1::Declaration& d, absl::CivilDay today) {
  const auto next = DayOf(d.next_step_date());
  if (!NotBack(d) || !next || today < *next) return DeclarationStep::kNone;
  return d.state() == v1::DECLARATION_STATE_ISSUED ? DeclarationStep::kRemind
                                                   : DeclarationStep::kLapse;
}

void Remind(v1::Declaration& d, absl::CivilDay today) {
  d.set_state(v1::DECLARATION_STATE_REMINDED);
  *d.mutable_reminder_date() = ToProto(today);
  *d.mutable_next_step_date() = ToProto(today + kSuspendAfterReminderDays);
}

void Lapse(v1::Declaration& d, absl::CivilDay today) {
  d.set_state(v1::DECLARATION_STATE_LAPSED);
  *d.mutable_lapse_date() = ToProto(today);
  d.clear_next_step_date();
}

absl::Status Return(v1::Declaration& d, absl::CivilDay returned, const std::string& changes,
                    absl::CivilDay today) {
  if (d.state() == v1::DECLARATION_STATE_RETURNED) {
    return FailedRule("declaration.state", "this declaration is already back");
  }
  const auto issued = DayOf(d.issue_date());
  if (returned > today || (issued && returned < *issued)) {
    return FailedRule("declaration.return_date",
                      "a declaration comes back after it was issued and not in the future");
  }
  d.set_state(v1::DECLARATION_STATE_RETURNED);
  *d.mutable_return_date() = ToProto(returned);
  d.set_changes(changes);
  d.clear_next_step_date();
  return absl::OkStatus();
}

}  // namespace assure::allowances
