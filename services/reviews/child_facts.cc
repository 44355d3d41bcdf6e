#include "services/reviews/child_facts.h"

#include "services/common/dates.h"
#include "services/reviews/kinds.h"
#include "services/reviews/recording.h"

namespace assure::reviews {

std::optional<absl::CivilDay> LookedAfterDay(const v1::PeriodOfCare& period) {
  if (period.legal_status() == v1::LEGAL_STATUS_SECTION_20 &&
      period.has_accommodation_start_time()) {
    std::optional<absl::Time> end;
    if (period.has_accommodation_end_time()) end = FromProto(period.accommodation_end_time());
    return LookedAfterDayForSection20(FromProto(period.accommodation_start_time()), end);
  }
  return FromProto(period.start_date()).day;
}

bool IsLookedAfter(const v1::Child& child) {
  for (const auto& p : child.periods_of_care()) {
    if (!IsSet(p.end_date()) && LookedAfterDay(p)) return true;
  }
  return false;
}

bool InChildProtection(const v1::Child& child) {
  const auto& cp = child.child_protection();
  return (cp.strategy_discussion_dates_size() > 0 || IsSet(cp.transfer_in_notice_date())) &&
         !IsSet(cp.plan_end_date());
}

std::optional<absl::CivilDay> CurrentLookedAfterDay(const v1::Child& child) {
  std::optional<absl::CivilDay> day;
  for (const auto& p : child.periods_of_care()) {
    if (IsSet(p.end_date())) continue;
    const auto d = LookedAfterDay(p);
    if (d && (!day || *d > *day)) day = d;
  }
  return day;
}

void DeriveChildFields(v1::Child& child) {
  for (auto& p : *child.mutable_periods_of_care()) {
    const auto day = LookedAfterDay(p);
    if (day) {
      *p.mutable_looked_after_date() = ToProto(*day);
    } else {
      p.clear_looked_after_date();
    }
  }
  child.set_looked_after(IsLookedAfter(child));
}

ChildHistory HistoryOf(const v1::Child& child, const std::vector<v1::Review>& reviews,
                       const Settings& settings, const std::string& except_name) {
  ChildHistory h;
  for (const auto& p : child.periods_of_care()) {
    const auto day = LookedAfterDay(p);
    if (!day) continue;
    h.periods.push_back({*day, FromProto(p.end_date()).day});
  }
  h.authority_to_place = FromProto(child.adoption().authority_to_place_date()).day;
  h.placed_for_adoption = FromProto(child.adoption().placed_for_adoption_date()).day;
  h.adoption_order = FromProto(child.adoption().adoption_order_date()).day;
  h.short_breaks_start = FromProto(child.short_breaks_start_date()).day;
  for (const auto& d : child.child_protection().strategy_discussion_dates()) {
    if (auto day = FromProto(d).day) h.strategy_discussions.push_back(*day);
  }
  h.transfer_in_notice = FromProto(child.child_protection().transfer_in_notice_date()).day;
  h.cp_plan_end = FromProto(child.child_protection().plan_end_date()).day;
  for (const auto& r : reviews) {
    if (r.state() != v1::REVIEW_STATE_HELD || r.name() == except_name) continue;
    const auto kind = KindFromProto(r.kind());
    const auto held = FromProto(r.held_date()).day;
    if (!kind || !held) continue;
    h.held.push_back({*kind, EffectiveDate(*held, FromProto(r.completed_date()).day, settings)});
  }
  return h;
}

}  // namespace assure::reviews
