#include "services/reviews/cp_episodes.h"

#include <algorithm>

#include "services/common/working_days.h"

namespace assure::reviews {

std::optional<absl::CivilDay> EpisodeStart(const CpEpisode& episode) {
  std::optional<absl::CivilDay> start;
  if (!episode.strategy_discussions.empty()) {
    start = *std::min_element(episode.strategy_discussions.begin(),
                              episode.strategy_discussions.end());
  }
  if (episode.transfer_in_notice && (!start || *episode.transfer_in_notice < *start)) {
    start = episode.transfer_in_notice;
  }
  return start;
}

bool EpisodeEnded(const CpEpisode& episode) {
  return episode.plan_end.has_value() || episode.outcome == ConferenceOutcome::kNoPlan;
}

bool HasPlan(const CpEpisode& episode) {
  return episode.outcome == ConferenceOutcome::kPlan || episode.plan_start.has_value();
}

std::vector<std::optional<PlanRepeat>> RepeatPlans(const std::vector<CpEpisode>& episodes) {
  std::vector<std::optional<PlanRepeat>> out;
  const CpEpisode* last_plan = nullptr;
  for (const CpEpisode& e : episodes) {
    if (!HasPlan(e)) {
      out.push_back(std::nullopt);
      continue;
    }
    PlanRepeat repeat = PlanRepeat::kFirst;
    if (last_plan != nullptr) {
      const auto start = e.plan_start ? e.plan_start : EpisodeStart(e);
      const bool within = last_plan->plan_end && start && *start <= AddMonths(*last_plan->plan_end, 24);
      repeat = within ? PlanRepeat::kWithinTwoYears : PlanRepeat::kLater;
    }
    out.push_back(repeat);
    last_plan = &e;
  }
  return out;
}

std::optional<PlanRepeat> PlanInForce(const std::vector<CpEpisode>& episodes) {
  if (episodes.empty() || !HasPlan(episodes.back()) || episodes.back().plan_end) {
    return std::nullopt;
  }
  return RepeatPlans(episodes).back();
}

bool OnPlanOn(const std::vector<CpEpisode>& episodes, absl::CivilDay day) {
  for (const CpEpisode& e : episodes) {
    if (!HasPlan(e) || !e.plan_start || *e.plan_start > day) continue;
    if (!e.plan_end || *e.plan_end > day) return true;
  }
  return false;
}

CpPeriodCounts CountPlansInPeriod(const std::vector<std::vector<CpEpisode>>& children,
                                  absl::CivilDay start, absl::CivilDay end) {
  CpPeriodCounts out;
  for (const auto& episodes : children) {
    const auto repeats = RepeatPlans(episodes);
    for (size_t i = 0; i < episodes.size(); ++i) {
      const CpEpisode& e = episodes[i];
      if (!HasPlan(e) || !e.plan_start) continue;
      if (e.plan_end && *e.plan_end >= start && *e.plan_end <= end) ++out.ended;
      if (*e.plan_start < start || *e.plan_start > end) continue;
      ++out.started;
      if (repeats[i] && *repeats[i] != PlanRepeat::kFirst) ++out.repeat_started;
      if (repeats[i] == PlanRepeat::kWithinTwoYears) ++out.repeat_within_two_years;
    }
    out.on_plan_at_end += OnPlanOn(episodes, end);
  }
  return out;
}

}  // namespace assure::reviews
