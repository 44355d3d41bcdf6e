#include "services/reviews/schedule.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "services/common/dates.h"

namespace assure::reviews {
namespace {

constexpr RuleLevel kLaw = RuleLevel::RULE_LEVEL_LAW;
constexpr RuleLevel kGuidance = RuleLevel::RULE_LEVEL_GUIDANCE;

// Held meetings of the given kinds on or after `since`, in date order.
std::vector<absl::CivilDay> HeldSince(const ChildHistory& child,
                                      std::initializer_list<MeetingKind> kinds,
                                      absl::CivilDay since,
                                      std::optional<absl::CivilDay> until = std::nullopt) {
  std::vector<absl::CivilDay> days;
  for (const HeldMeeting& m : child.held) {
    if (std::find(kinds.begin(), kinds.end(), m.kind) == kinds.end()) continue;
    if (m.date < since || (until && m.date > *until)) continue;
    days.push_back(m.date);
  }
  std::sort(days.begin(), days.end());
  return days;
}

std::string Months(int n, absl::CivilDay from) {
  return absl::StrCat(n, " months after ", FormatDay(from));
}

// The common shape of a chain: a first deadline, then `second_months` after the first
// meeting, then `then_months` after each previous one.
Due Chain(const std::vector<absl::CivilDay>& held, const Due& first, int second_months,
          int then_months, const std::string& prefix, RuleLevel level, const std::string& source,
          const WorkingDays& cal) {
  if (held.empty()) return first;
  if (held.size() == 1) {
    return MakeDue(AddMonths(held[0], second_months), cal, prefix + ".second", level, source,
                   {{"first meeting held", held[0]}}, Months(second_months, held[0]));
  }
  const absl::CivilDay last = held.back();
  return MakeDue(AddMonths(last, then_months), cal, prefix + ".subsequent", level, source,
                 {{"previous meeting held", last}}, Months(then_months, last));
}

std::optional<NextMeeting> LacReview(const ChildHistory& child, const WorkingDays& cal) {
  const auto period = OpenPeriod(child);
  if (!period || child.authority_to_place) return std::nullopt;
  const absl::CivilDay start = period->looked_after;
  const Due first = MakeDue(cal.AddWorkingDays(start, 20), cal, "lac_review.first", kLaw,
                            "CPPCR 2010 reg 33", {{"became looked after", start}},
                            absl::StrCat("20 working days after ", FormatDay(start)));
  const auto held = HeldSince(child, {MeetingKind::kLacReview}, start);
  return NextMeeting{MeetingKind::kLacReview,
                     Chain(held, first, 3, 6, "lac_review", kLaw, "CPPCR 2010 reg 33", cal)};
}

std::optional<NextMeeting> AdoptionReview(const ChildHistory& child, const WorkingDays& cal) {
  if (!child.authority_to_place || child.adoption_order || !OpenPeriod(child)) return std::nullopt;
  const std::string source = "Adoption Agencies Regulations 2005 reg 36";
  if (child.placed_for_adoption) {
    const absl::CivilDay placed = *child.placed_for_adoption;
    const Due first = MakeDue(placed + 28, cal, "adoption_review.placed_first", kLaw, source,
                              {{"placed for adoption", placed}},
                              absl::StrCat("4 weeks after ", FormatDay(placed)));
    const auto held = HeldSince(child, {MeetingKind::kAdoptionReview}, placed);
    return NextMeeting{MeetingKind::kAdoptionReview,
                       Chain(held, first, 3, 6, "adoption_review.placed", kLaw, source, cal)};
  }
  const absl::CivilDay authority = *child.authority_to_place;
  const Due first = MakeDue(AddMonths(authority, 3), cal, "adoption_review.unplaced_first", kLaw,
                            source, {{"authority to place", authority}}, Months(3, authority));
  const auto held = HeldSince(child, {MeetingKind::kAdoptionReview}, authority);
  return NextMeeting{MeetingKind::kAdoptionReview,
                     Chain(held, first, 6, 6, "adoption_review.unplaced", kLaw, source, cal)};
}

std::optional<NextMeeting> ShortBreakReview(const ChildHistory& child, const WorkingDays& cal) {
  if (!child.short_breaks_start) return std::nullopt;
  const absl::CivilDay start = *child.short_breaks_start;
  const std::string source = "CPPCR 2010 reg 48 (unconfirmed)";
  const Due first = MakeDue(AddMonths(start, 3), cal, "short_break_review.first", kLaw, source,
                            {{"first short break", start}}, Months(3, start));
  const auto held = HeldSince(child, {MeetingKind::kShortBreakReview}, start);
  return NextMeeting{MeetingKind::kShortBreakReview,
                     Chain(held, first, 6, 6, "short_break_review", kLaw, source, cal)};
}

// The initial or transfer-in conference that opened the current child protection chain.
std::optional<absl::CivilDay> OpeningConference(const ChildHistory& child, absl::CivilDay since) {
  const auto held = HeldSince(
      child, {MeetingKind::kCpInitialConference, MeetingKind::kCpTransferInConference}, since);
  if (held.empty()) return std::nullopt;
  return held.front();
}

std::optional<NextMeeting> ChildProtection(const ChildHistory& child, const WorkingDays& cal,
                                           const ScheduleSettings& settings) {
  if (child.cp_episodes.empty()) return std::nullopt;
  const CpEpisode& current = child.cp_episodes.back();
  const auto episode = EpisodeStart(current);
  if (!episode || EpisodeEnded(current)) return std::nullopt;
  const std::string wt = "Working Together to Safeguard Children 2023, ch. 3";
  const auto opened = OpeningConference(child, *episode);
  if (!opened) {
    const auto& discussions = current.strategy_discussions;
    if (!discussions.empty()) {
      const bool last = settings.cp_anchor == CpAnchor::kLastDiscussion;
      const absl::CivilDay anchor = last ? *std::max_element(discussions.begin(), discussions.end())
                                         : *std::min_element(discussions.begin(), discussions.end());
      const char* label = last ? "last strategy discussion" : "strategy discussion starting s47";
      return NextMeeting{MeetingKind::kCpInitialConference,
                         MakeDue(cal.AddWorkingDays(anchor, 15), cal, "cp.initial_conference",
                                 kGuidance, wt, {{label, anchor}},
                                 absl::StrCat("15 working days after ", FormatDay(anchor), " (",
                                              label, ")"))};
    }
    const absl::CivilDay notice = *current.transfer_in_notice;
    return NextMeeting{MeetingKind::kCpTransferInConference,
                       MakeDue(cal.AddWorkingDays(notice, 15), cal, "cp.transfer_in_conference",
                               kGuidance, wt + " (unconfirmed)", {{"transfer-in notice", notice}},
                               absl::StrCat("15 working days after ", FormatDay(notice)))};
  }
  const auto reviews = HeldSince(child, {MeetingKind::kCpReviewConference}, *opened);
  if (reviews.empty()) {
    return NextMeeting{MeetingKind::kCpReviewConference,
                       MakeDue(AddMonths(*opened, 3), cal, "cp.first_review_conference", kGuidance,
                               wt, {{"initial conference held", *opened}}, Months(3, *opened))};
  }
  return NextMeeting{MeetingKind::kCpReviewConference,
                     MakeDue(AddMonths(reviews.back(), 6), cal, "cp.subsequent_review_conference",
                             kGuidance, wt, {{"previous review conference held", reviews.back()}},
                             Months(6, reviews.back()))};
}

}  // namespace

std::optional<CarePeriod> OpenPeriod(const ChildHistory& child) {
  std::optional<CarePeriod> open;
  for (const CarePeriod& p : child.periods) {
    if (!p.end && (!open || p.looked_after > open->looked_after)) open = p;
  }
  return open;
}

std::optional<NextMeeting> NextMeetingOfKind(MeetingKind kind, const ChildHistory& child,
                                             const WorkingDays& calendar,
                                             const ScheduleSettings& settings) {
  switch (kind) {
    case MeetingKind::kLacReview: return LacReview(child, calendar);
    case MeetingKind::kAdoptionReview: return AdoptionReview(child, calendar);
    case MeetingKind::kShortBreakReview: return ShortBreakReview(child, calendar);
    case MeetingKind::kCpInitialConference:
    case MeetingKind::kCpReviewConference:
    case MeetingKind::kCpTransferInConference: {
      auto next = ChildProtection(child, calendar, settings);
      if (next && next->kind == kind) return next;
      return std::nullopt;
    }
  }
  return std::nullopt;
}

std::vector<NextMeeting> NextMeetings(const ChildHistory& child, const WorkingDays& calendar,
                                      const ScheduleSettings& settings) {
  std::vector<NextMeeting> out;
  for (auto next : {LacReview(child, calendar), AdoptionReview(child, calendar),
                    ShortBreakReview(child, calendar), ChildProtection(child, calendar, settings)}) {
    if (next) out.push_back(std::move(*next));
  }
  return out;
}

std::optional<absl::CivilDay> LookedAfterDayForSection20(absl::Time start,
                                                         std::optional<absl::Time> end) {
  const absl::Time looked_after = start + absl::Hours(24);
  if (end && *end <= looked_after) return std::nullopt;
  return LondonDay(looked_after);
}

}  // namespace assure::reviews
