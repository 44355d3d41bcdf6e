#include "services/disputes/summary.h"

#include <algorithm>
#include <map>

#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/disputes/ladder.h"
#include "services/disputes/moves.h"

namespace assure::disputes {
namespace {

absl::CivilDay DayOf(const google::protobuf::Timestamp& t) { return LondonDay(FromProto(t)); }

bool In(absl::CivilDay day, const Period& p) { return day >= p.start && day <= p.end; }

bool IsClosed(const v1::Dispute& d) {
  return d.state() == v1::DISPUTE_STATE_RESOLVED || d.state() == v1::DISPUTE_STATE_WITHDRAWN;
}

void Fill(const std::map<std::string, int>& counts,
          google::protobuf::RepeatedPtrField<v1::Count>* out) {
  for (const auto& [key, n] : counts) {
    auto* c = out->Add();
    c->set_key(key);
    c->set_count(n);
  }
}

bool ReachedTop(const v1::StageRecord& s) {
  return s.role() == "director" || s.role() == "chief_executive";
}

}  // namespace

Standing StandingAt(const v1::Dispute& d, absl::CivilDay day) {
  Standing s;
  for (const auto& e : d.history()) {
    if (DayOf(e.time()) > day) break;
    switch (e.kind()) {
      case v1::EVENT_KIND_RAISED:
        s.state = v1::DISPUTE_STATE_OPEN;
        s.level = e.to_level();
        break;
      case v1::EVENT_KIND_ESCALATED:
        s.level = e.to_level();
        break;
      case v1::EVENT_KIND_RESOLVED:
        s.state = v1::DISPUTE_STATE_RESOLVED;
        break;
      case v1::EVENT_KIND_WITHDRAWN:
        s.state = v1::DISPUTE_STATE_WITHDRAWN;
        break;
      default:
        break;
    }
  }
  for (const auto& stage : d.stages()) {
    if (DayOf(stage.start_time()) > day || stage.level() != s.level) continue;
    s.role = stage.role();
    const auto due = FromProto(stage.due().due_date()).day;
    s.overdue = s.state == v1::DISPUTE_STATE_OPEN && due && day > *due;
  }
  return s;
}

bool ActiveIn(const v1::Dispute& d, const Period& period) {
  if (DayOf(d.raise_time()) > period.end) return false;
  return !IsClosed(d) || DayOf(d.close_time()) >= period.start;
}

v1::DisputeSummary Summarize(const std::vector<v1::Dispute>& disputes, const Period& period,
                             absl::Time now, const WorkingDays& calendar) {
  v1::DisputeSummary out;
  *out.mutable_start_date() = ToProto(period.start);
  *out.mutable_end_date() = ToProto(period.end);
  const absl::CivilDay as_of = std::min(period.end, LondonDay(now));
  std::map<std::string, int> by_stage, by_theme, by_outcome, entered, raised_by_case,
      open_by_case;
  std::vector<int> formal_days;
  for (const auto& d : disputes) {
    if (!ActiveIn(d, period)) continue;
    out.set_active(out.active() + 1);
    if (In(DayOf(d.raise_time()), period)) {
      out.set_raised(out.raised() + 1);
      if (d.starred()) out.set_raised_starred(out.raised_starred() + 1);
      ++by_theme[d.theme()];
      ++raised_by_case[v1::CaseType_Name(d.case_type())];
    }
    const Standing s = StandingAt(d, as_of);
    if (s.state == v1::DISPUTE_STATE_OPEN) {
      out.set_open_at_end(out.open_at_end() + 1);
      if (d.starred()) out.set_starred_open_at_end(out.starred_open_at_end() + 1);
      if (s.overdue) out.set_overdue_at_end(out.overdue_at_end() + 1);
      ++by_stage[StageKey(s.level, s.role)];
      ++open_by_case[v1::CaseType_Name(d.case_type())];
    }
    const bool closed_in = IsClosed(d) && In(DayOf(d.close_time()), period);
    if (closed_in && d.state() == v1::DISPUTE_STATE_WITHDRAWN) {
      out.set_withdrawn(out.withdrawn() + 1);
    }
    if (closed_in && d.state() == v1::DISPUTE_STATE_RESOLVED) {
      out.set_resolved(out.resolved() + 1);
      ++by_outcome[v1::Outcome_Name(d.outcome())];
      const bool formal = std::any_of(d.stages().begin(), d.stages().end(),
                                      [](const auto& st) { return st.level() > 0; });
      if (formal) formal_days.push_back(FormalWorkingDays(d, calendar, FromProto(d.close_time())));
    }
    bool to_top = false;
    for (const auto& stage : d.stages()) {
      if (stage.level() == 0 || !In(DayOf(stage.start_time()), period)) continue;
      ++entered[StageKey(stage.level(), stage.role())];
      to_top |= ReachedTop(stage);
    }
    if (to_top) {
      out.set_escalated_to_director_or_chief_executive(
          out.escalated_to_director_or_chief_executive() + 1);
    }
    if (d.has_cafcass_referral() && In(DayOf(d.cafcass_referral().time()), period)) {
      out.set_referred_to_cafcass(out.referred_to_cafcass() + 1);
    }
  }
  Fill(by_stage, out.mutable_open_by_stage());
  Fill(by_theme, out.mutable_raised_by_theme());
  Fill(by_outcome, out.mutable_resolved_by_outcome());
  Fill(entered, out.mutable_entered_stage());
  Fill(raised_by_case, out.mutable_raised_by_case_type());
  Fill(open_by_case, out.mutable_open_at_end_by_case_type());
  out.set_resolved_formally(static_cast<int>(formal_days.size()));
  out.set_resolved_within_20_working_days(static_cast<int>(std::count_if(
      formal_days.begin(), formal_days.end(), [](int n) { return n <= kGuidanceFormalWorkingDays; })));
  if (!formal_days.empty()) {
    std::sort(formal_days.begin(), formal_days.end());
    out.set_median_formal_working_days(formal_days[formal_days.size() / 2]);
  }
  return out;
}

std::vector<v1::StarredRecommendation> StarredRecommendations(
    const std::vector<v1::Dispute>& disputes, const Period& period, absl::Time now) {
  const absl::CivilDay as_of = std::min(period.end, LondonDay(now));
  std::vector<v1::StarredRecommendation> out;
  for (const auto& d : disputes) {
    if (!d.starred() || !ActiveIn(d, period)) continue;
    const Standing s = StandingAt(d, as_of);
    v1::StarredRecommendation r;
    r.set_dispute(d.name());
    r.set_child(d.child());
    r.set_theme(d.theme());
    r.set_state(s.state);
    r.set_stage_level(s.level);
    r.set_stage_role(s.role);
    r.set_overdue(s.overdue);
    *r.mutable_raise_time() = d.raise_time();
    if (s.state == v1::DISPUTE_STATE_RESOLVED) r.set_outcome(d.outcome());
    if (s.state != v1::DISPUTE_STATE_OPEN) *r.mutable_close_time() = d.close_time();
    out.push_back(std::move(r));
  }
  return out;
}

absl::StatusOr<Period> FiscalQuarter(int fiscal_year, int quarter) {
  FieldViolations v;
  if (fiscal_year < 2000 || fiscal_year > 2100) v.Add("fiscal_year", "must be 2000 to 2100");
  if (quarter < 1 || quarter > 4) v.Add("quarter", "must be 1 (April to June) to 4");
  if (!v.empty()) return v.ToStatus();
  const absl::CivilMonth first = absl::CivilMonth(fiscal_year, 4) + 3 * (quarter - 1);
  return Period{absl::CivilDay(first), absl::CivilDay(first + 3) - 1};
}

}  // namespace assure::disputes
