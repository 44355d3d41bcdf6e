// Child protection episodes, as periods of care are for looked-after children. Pure.
//
// An episode begins at its first strategy discussion (or the notice of a transfer in); its
// initial conference decides on a plan or no plan. No plan ends the episode and its chain
// of conferences; so does the plan's end. A new episode is timed from its own strategy
// discussion, never from an earlier one's.
//
// A repeat plan [DfE, CIN census] is any second or later plan of the child; the board
// counts apart those that started within two years of the last plan ending (seed 001 s. 6).
#ifndef ASSURE_SERVICES_REVIEWS_CP_EPISODES_H_
#define ASSURE_SERVICES_REVIEWS_CP_EPISODES_H_

#include <optional>
#include <vector>

#include "absl/time/civil_time.h"

namespace assure::reviews {

enum class ConferenceOutcome { kUnknown, kPlan, kNoPlan };

struct CpEpisode {
  std::vector<absl::CivilDay> strategy_discussions;
  std::optional<absl::CivilDay> transfer_in_notice;
  ConferenceOutcome outcome = ConferenceOutcome::kUnknown;
  std::optional<absl::CivilDay> plan_start;
  std::optional<absl::CivilDay> plan_end;
};

// Its first strategy discussion, or the transfer-in notice if earlier; nullopt if neither.
std::optional<absl::CivilDay> EpisodeStart(const CpEpisode& episode);

// No more conferences are due in it: the plan ended, or the conference decided on none.
bool EpisodeEnded(const CpEpisode& episode);

bool HasPlan(const CpEpisode& episode);

enum class PlanRepeat {
  kFirst,           // the child's first plan
  kWithinTwoYears,  // a later plan starting within two years of the last one ending
  kLater,           // a later plan, more than two years on (or the last has not ended)
};

// For each episode, in order: what its plan is, or nullopt without one.
std::vector<std::optional<PlanRepeat>> RepeatPlans(const std::vector<CpEpisode>& episodes);

// The plan in force now (the last episode's, started and not ended), if any.
std::optional<PlanRepeat> PlanInForce(const std::vector<CpEpisode>& episodes);

// True when a plan had started by `day` and not ended by it.
bool OnPlanOn(const std::vector<CpEpisode>& episodes, absl::CivilDay day);

// Plans in force at, started and ended within [start, end], over every child's episodes.
struct CpPeriodCounts {
  int on_plan_at_end = 0;
  int started = 0;
  int repeat_started = 0;
  int repeat_within_two_years = 0;
  int ended = 0;
};
CpPeriodCounts CountPlansInPeriod(const std::vector<std::vector<CpEpisode>>& children,
                                  absl::CivilDay start, absl::CivilDay end);

}  // namespace assure::reviews

#endif  // ASSURE_SERVICES_REVIEWS_CP_EPISODES_H_
