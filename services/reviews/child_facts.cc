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

bool LookedAfterOn(const v1::Child& child, absl::CivilDay day) {
  for (const auto& p : child.periods_of_care()) {
    const auto from = LookedAfterDay(p);
    const auto to = FromProto(p.end_date()).day;
    if (from && *from <= day && (!to || *to > day)) return true;
  }
  return false;
}

namespace {

CpEpisode EpisodeOf(const google::protobuf::RepeatedPtrField<google::type::Date>& discussions,
                    const google::type::Date& transfer_in, v1::ConferenceOutcome outcome,
                    const google::type::Date& plan_start, const google::type::Date& plan_end) {
  CpEpisode e;
  for (const auto& d : discussions) {
    if (auto day = FromProto(d).day) e.strategy_discussions.push_back(*day);
  }
  e.transfer_in_notice = FromProto(transfer_in).day;
  e.outcome = outcome == v1::CONFERENCE_OUTCOME_PLAN      ? ConferenceOutcome::kPlan
              : outcome == v1::CONFERENCE_OUTCOME_NO_PLAN ? ConferenceOutcome::kNoPlan
                                                          : ConferenceOutcome::kUnknown;
  e.plan_start = FromProto(plan_start).day;
  e.plan_end = FromProto(plan_end).day;
  return e;
}

}  // namespace

std::vector<CpEpisode> EpisodesOf(const v1::ChildProtection& cp) {
  std::vector<CpEpisode> out;
  for (const auto& e : cp.episodes()) {
    out.push_back(EpisodeOf(e.strategy_discussion_dates(), e.transfer_in_notice_date(),
                            e.initial_conference_outcome(), e.plan_start_date(),
                            e.plan_end_date()));
  }
  if (out.empty() &&
      (cp.strategy_discussion_dates_size() > 0 || IsSet(cp.transfer_in_notice_date()))) {
    out.push_back(EpisodeOf(cp.strategy_discussion_dates(), cp.transfer_in_notice_date(),
                            v1::CONFERENCE_OUTCOME_UNSPECIFIED, {}, cp.plan_end_date()));
  }
  return out;
}

bool InChildProtection(const v1::Child& child) {
  const auto episodes = EpisodesOf(child.child_protection());
  return !episodes.empty() && EpisodeStart(episodes.back()) && !EpisodeEnded(episodes.back());
}

CaseStaff CaseStaffOf(const v1::Child& child) {
  return {{child.case_worker_ids().begin(), child.case_worker_ids().end()},
          {child.case_worker_line_manager_ids().begin(),
           child.case_worker_line_manager_ids().end()}};
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
  const auto repeats = RepeatPlans(EpisodesOf(child.child_protection()));
  auto& episodes = *child.mutable_child_protection()->mutable_episodes();
  for (int i = 0; i < episodes.size() && i < static_cast<int>(repeats.size()); ++i) {
    episodes[i].set_repeat_plan(repeats[i] && *repeats[i] != PlanRepeat::kFirst);
    episodes[i].set_within_two_years_of_last_plan(repeats[i] == PlanRepeat::kWithinTwoYears);
  }
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
  h.cp_episodes = EpisodesOf(child.child_protection());
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
