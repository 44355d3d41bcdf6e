// When the next statutory meeting of each chain is due, from a child's history. Pure.
//
//   Looked-after reviews [law] (CPPCR 2010 reg 33): first within 20 working days of becoming
//   looked after; second within 3 months of the first; then at most 6 months after the
//   previous one. Keyed by period of care. An earlier (unscheduled) review is a held review
//   like any other, so it restarts the 6-month chain from its date.
//   Adoption reviews [law] (Adoption Agencies Regulations 2005 reg 36) replace them once
//   there is authority to place: not placed, 3 months after authority then every 6 months;
//   placed, 4 weeks after placement, then 3 months, then every 6 months; until the order.
//   Short breaks [law, unconfirmed] (CPPCR reg 48): 3 months after the first, then 6.
//   Child protection [guidance] (Working Together 2023, which replaced the 2018 edition):
//   initial conference within 15 working days of the strategy discussion (first or last: a
//   setting); first review 3 months after it; then at most 6 months apart. Transfer-in
//   within 15 working days of notice [unconfirmed]. Per episode (cp_episodes.h): only the
//   current episode's discussions and meetings count; no plan, or the plan's end, ends it.
#ifndef ASSURE_SERVICES_REVIEWS_SCHEDULE_H_
#define ASSURE_SERVICES_REVIEWS_SCHEDULE_H_

#include <optional>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/common/working_days.h"
#include "services/common/due.h"
#include "services/reviews/cp_episodes.h"

namespace assure::reviews {

enum class MeetingKind {
  kLacReview,
  kAdoptionReview,
  kShortBreakReview,
  kCpInitialConference,
  kCpReviewConference,
  kCpTransferInConference,
};

struct CarePeriod {
  // The day the child counts as looked after (see LookedAfterDay for s20).
  absl::CivilDay looked_after;
  std::optional<absl::CivilDay> end;
};

struct HeldMeeting {
  MeetingKind kind;
  // The date that counts as held (for two-part reviews, a setting).
  absl::CivilDay date;
};

struct ChildHistory {
  std::vector<CarePeriod> periods;
  std::optional<absl::CivilDay> authority_to_place;
  std::optional<absl::CivilDay> placed_for_adoption;
  std::optional<absl::CivilDay> adoption_order;
  std::optional<absl::CivilDay> short_breaks_start;
  // Oldest first; the last is the current one.
  std::vector<CpEpisode> cp_episodes;
  std::vector<HeldMeeting> held;
};

// Which strategy discussion anchors the initial conference: Working Together 2023 says the
// one at which s47 enquiries started; some procedures use the last.
enum class CpAnchor { kFirstDiscussion, kLastDiscussion };

struct ScheduleSettings {
  CpAnchor cp_anchor = CpAnchor::kFirstDiscussion;
};

struct NextMeeting {
  MeetingKind kind;
  Due due;
};

// The next meeting of every chain the child is in now, in a fixed order of kind.
std::vector<NextMeeting> NextMeetings(const ChildHistory& child, const WorkingDays& calendar,
                                      const ScheduleSettings& settings);

// The next meeting of one kind, if the child is in that chain.
std::optional<NextMeeting> NextMeetingOfKind(MeetingKind kind, const ChildHistory& child,
                                             const WorkingDays& calendar,
                                             const ScheduleSettings& settings);

// The open period of care, if any.
std::optional<CarePeriod> OpenPeriod(const ChildHistory& child);

// Children Act 1989 s22(2): a child accommodated under s20 is looked after once
// accommodated for more than 24 hours. The day that happens (Europe/London), or nullopt if
// the accommodation ended sooner.
std::optional<absl::CivilDay> LookedAfterDayForSection20(absl::Time start,
                                                         std::optional<absl::Time> end);

}  // namespace assure::reviews

#endif  // ASSURE_SERVICES_REVIEWS_SCHEDULE_H_
