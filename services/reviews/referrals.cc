#include "services/reviews/referrals.h"

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "services/common/dates.h"
#include "services/common/errors.h"

namespace assure::reviews {
namespace {

absl::CivilDay DayOfTime(const google::protobuf::Timestamp& t) { return LondonDay(FromProto(t)); }

// The lower median: a figure that happened, not an average of two.
int Median(std::vector<int> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[(values.size() - 1) / 2];
}

struct PartnerTally {
  v1::PartnerReferralFigures figures;
  std::vector<int> response_days;
  std::vector<int> allocation_days;
};

void Count(const v1::Referral& r, const ReferralTimescales& timescales, absl::CivilDay today,
           const WorkingDays& calendar, PartnerTally& t) {
  auto& f = t.figures;
  f.set_referred(f.referred() + 1);
  if (r.urgency() == v1::REFERRAL_URGENCY_URGENT) f.set_urgent(f.urgent() + 1);
  const int days = ResponseWorkingDays(r, today, calendar);
  const bool in_time = days <= timescales.For(r.urgency());
  if (r.has_response_time()) {
    t.response_days.push_back(days);
    if (in_time) {
      f.set_answered_within_timescale(f.answered_within_timescale() + 1);
    } else {
      f.set_answered_late(f.answered_late() + 1);
    }
  } else if (IsOpen(r)) {
    f.set_awaiting_answer(f.awaiting_answer() + 1);
    if (!in_time) f.set_awaiting_past_timescale(f.awaiting_past_timescale() + 1);
  }
  if (r.state() == v1::REFERRAL_STATE_DECLINED) f.set_declined(f.declined() + 1);
  if (r.has_advocate_allocate_time()) {
    f.set_advocate_allocated(f.advocate_allocated() + 1);
    t.allocation_days.push_back(calendar.WorkingDaysBetween(DayOfTime(r.referral_time()),
                                                            DayOfTime(r.advocate_allocate_time())));
  }
  if (r.state() == v1::REFERRAL_STATE_CLOSED) {
    (*f.mutable_closed_by_reason())[v1::ReferralCloseReason_Name(r.close_reason())] += 1;
  }
}

}  // namespace

bool IsOpen(const v1::Referral& r) {
  return r.state() == v1::REFERRAL_STATE_REFERRED || r.state() == v1::REFERRAL_STATE_ACCEPTED;
}

absl::Status CheckCanAnswer(const v1::Referral& r) {
  if (r.state() == v1::REFERRAL_STATE_REFERRED) return absl::OkStatus();
  return FailedRule("referral.answered_once",
                    absl::StrCat(r.name(), " is ", v1::ReferralState_Name(r.state()),
                                 ": only a referral not yet answered can be accepted or declined"));
}

absl::Status CheckCanAllocate(const v1::Referral& r) {
  if (r.state() == v1::REFERRAL_STATE_ACCEPTED) return absl::OkStatus();
  return FailedRule("referral.advocate_when_accepted",
                    absl::StrCat(r.name(), " is ", v1::ReferralState_Name(r.state()),
                                 ": an advocate is allocated to an accepted referral"));
}

absl::Status CheckCanClose(const v1::Referral& r) {
  if (IsOpen(r)) return absl::OkStatus();
  return FailedRule("referral.closed_once",
                    absl::StrCat(r.name(), " is ", v1::ReferralState_Name(r.state()),
                                 ": only an open referral can be closed"));
}

absl::Status CheckNotReferredAlready(const std::vector<v1::Referral>& open,
                                     const v1::Referral& wanted) {
  for (const auto& r : open) {
    if (IsOpen(r) && r.partner() == wanted.partner() && r.reason() == wanted.reason()) {
      return FailedRule("referral.open_already",
                        absl::StrCat(r.name(), " already refers the child to ", r.partner(),
                                     " for ", v1::ReferralReason_Name(r.reason())));
    }
  }
  return absl::OkStatus();
}

int ResponseWorkingDays(const v1::Referral& r, absl::CivilDay today, const WorkingDays& calendar) {
  absl::CivilDay until = today;
  if (r.has_response_time()) {
    until = DayOfTime(r.response_time());
  } else if (r.has_close_time()) {
    until = DayOfTime(r.close_time());
  }
  return std::max(0, calendar.WorkingDaysBetween(DayOfTime(r.referral_time()), until));
}

void PresentReferral(v1::Referral& r, const ReferralTimescales& timescales, absl::CivilDay today,
                     const WorkingDays& calendar) {
  const int days = ResponseWorkingDays(r, today, calendar);
  r.set_response_working_days(days);
  r.set_response_within_timescale(days <= timescales.For(r.urgency()));
}

v1::ReferralReport BuildReferralReport(const std::vector<v1::Referral>& referrals,
                                       absl::CivilDay from, absl::CivilDay to,
                                       const ReferralTimescales& timescales, absl::CivilDay today,
                                       const WorkingDays& calendar) {
  std::map<std::string, PartnerTally> by_partner;  // ordered by partner code
  for (const auto& r : referrals) {
    const absl::CivilDay made = DayOfTime(r.referral_time());
    if (made < from || made > to) continue;
    Count(r, timescales, today, calendar, by_partner[r.partner()]);
  }
  v1::ReferralReport report;
  *report.mutable_start_date() = ToProto(from);
  *report.mutable_end_date() = ToProto(to);
  report.set_routine_response_working_days(timescales.routine);
  report.set_urgent_response_working_days(timescales.urgent);
  for (auto& [partner, tally] : by_partner) {
    auto& f = *report.add_partners();
    f = std::move(tally.figures);
    f.set_partner(partner);
    f.set_median_response_working_days(Median(tally.response_days));
    f.set_longest_response_working_days(
        tally.response_days.empty()
            ? 0
            : *std::max_element(tally.response_days.begin(), tally.response_days.end()));
    f.set_median_allocation_working_days(Median(tally.allocation_days));
  }
  return report;
}

}  // namespace assure::reviews
