#include "services/reviews/validation.h"

#include "absl/strings/str_cat.h"
#include "services/common/dates.h"
#include "services/common/resource_ids.h"
#include "protos/assure/reviews/v1/names.h"
#include "services/reviews/advocacy_view.h"
#include "services/reviews/child_facts.h"

namespace assure::reviews {
namespace {

std::string Path(const std::string& prefix, absl::string_view field) {
  return prefix.empty() ? std::string(field) : absl::StrCat(prefix, ".", field);
}

void CheckPeriods(const v1::Child& child, std::optional<absl::CivilDay> birth, absl::CivilDay today,
                  const std::string& prefix, FieldViolations& v) {
  int open = 0;
  for (int i = 0; i < child.periods_of_care_size(); ++i) {
    const auto& p = child.periods_of_care(i);
    const std::string at = Path(prefix, absl::StrCat("periods_of_care[", i, "]"));
    CheckDate(p.start_date(), at + ".start_date", true, v, today);
    CheckDate(p.end_date(), at + ".end_date", false, v, today);
    const auto start = FromProto(p.start_date()).day;
    const auto end = FromProto(p.end_date()).day;
    if (start && birth && *start < *birth) {
      v.Add(at + ".start_date", absl::StrCat("must not be before the child's birth (",
                                             FormatDay(*birth), ")"));
    }
    if (start && end && *end < *start) {
      v.Add(at + ".end_date", absl::StrCat("must not be before the period started (",
                                           FormatDay(*start), ")"));
    }
    if (p.legal_status() == v1::LEGAL_STATUS_UNSPECIFIED) {
      v.Add(at + ".legal_status", "is required");
    }
    if (p.legal_status() == v1::LEGAL_STATUS_SECTION_20 && !p.has_accommodation_start_time()) {
      v.Add(at + ".accommodation_start_time",
            "is required for s20 accommodation (looked after only after 24 hours, Children Act "
            "1989 s22(2))");
    }
    if (p.has_accommodation_start_time() && start &&
        LondonDay(FromProto(p.accommodation_start_time())) != *start) {
      v.Add(at + ".accommodation_start_time", "must fall on start_date (Europe/London)");
    }
    if (!end) ++open;
  }
  if (open > 1) {
    v.Add(Path(prefix, "periods_of_care"), "at most one period of care may be open");
  }
  for (int i = 1; i < child.periods_of_care_size(); ++i) {
    const auto prev_end = FromProto(child.periods_of_care(i - 1).end_date()).day;
    const auto start = FromProto(child.periods_of_care(i).start_date()).day;
    if (start && (!prev_end || *start < *prev_end)) {
      v.Add(Path(prefix, absl::StrCat("periods_of_care[", i, "].start_date")),
            "periods of care must be in order and not overlap");
    }
  }
}

void CheckEpisode(const v1::ChildProtectionEpisode& e, absl::CivilDay today,
                  const std::string& prefix, FieldViolations& v) {
  for (int i = 0; i < e.strategy_discussion_dates_size(); ++i) {
    CheckDate(e.strategy_discussion_dates(i),
              Path(prefix, absl::StrCat("strategy_discussion_dates[", i, "]")), true, v, today);
  }
  CheckDate(e.transfer_in_notice_date(), Path(prefix, "transfer_in_notice_date"), false, v, today);
  CheckDate(e.plan_start_date(), Path(prefix, "plan_start_date"), false, v, today);
  CheckDate(e.plan_end_date(), Path(prefix, "plan_end_date"), false, v, today);
  if (!v1::ConferenceOutcome_IsValid(e.initial_conference_outcome())) {
    v.Add(Path(prefix, "initial_conference_outcome"), "is not a ConferenceOutcome");
  }
  if (e.strategy_discussion_dates_size() == 0 && !IsSet(e.transfer_in_notice_date())) {
    v.Add(prefix, "needs the strategy discussion that began it, or a transfer-in notice");
  }
  if (e.initial_conference_outcome() == v1::CONFERENCE_OUTCOME_NO_PLAN &&
      (IsSet(e.plan_start_date()) || IsSet(e.plan_end_date()))) {
    v.Add(Path(prefix, "plan_start_date"),
          "an initial conference that decided on no plan has no plan to start or end");
  }
  const auto start = FromProto(e.plan_start_date()).day;
  const auto end = FromProto(e.plan_end_date()).day;
  if (start && end && *end < *start) {
    v.Add(Path(prefix, "plan_end_date"), "must not be before plan_start_date");
  }
}

// Episodes follow one another: each but the last has ended (its plan ended, or no plan was
// decided), and the next begins after it began and on or after its plan ended.
void CheckEpisodeOrder(const v1::ChildProtection& cp, const std::string& prefix,
                       FieldViolations& v) {
  const auto episodes = EpisodesOf(cp);
  for (size_t i = 1; i < episodes.size(); ++i) {
    const CpEpisode& before = episodes[i - 1];
    const auto began = EpisodeStart(episodes[i]);
    const std::string at = Path(prefix, absl::StrCat("episodes[", i, "]"));
    if (!EpisodeEnded(before)) {
      v.Add(Path(prefix, absl::StrCat("episodes[", i - 1, "]")),
            "has not ended (no plan_end_date, and no CONFERENCE_OUTCOME_NO_PLAN) but a later "
            "episode follows it");
    } else if (began && (*began <= *EpisodeStart(before) ||
                         (before.plan_end && *began < *before.plan_end))) {
      v.Add(at, "must begin after the episode before it began and not before its plan ended");
    }
  }
}

void CheckChildProtection(const v1::ChildProtection& cp, absl::CivilDay today,
                          const std::string& prefix, FieldViolations& v) {
  for (int i = 0; i < cp.strategy_discussion_dates_size(); ++i) {
    CheckDate(cp.strategy_discussion_dates(i),
              Path(prefix, absl::StrCat("strategy_discussion_dates[", i, "]")), true, v, today);
  }
  CheckDate(cp.transfer_in_notice_date(), Path(prefix, "transfer_in_notice_date"), false, v, today);
  CheckDate(cp.plan_end_date(), Path(prefix, "plan_end_date"), false, v, today);
  const bool single = cp.strategy_discussion_dates_size() > 0 ||
                      IsSet(cp.transfer_in_notice_date()) || IsSet(cp.plan_end_date());
  if (single && cp.episodes_size() > 0) {
    v.Add(Path(prefix, "episodes"),
          "give the episodes, or the single-episode fields (strategy_discussion_dates, "
          "transfer_in_notice_date, plan_end_date), not both");
  }
  for (int i = 0; i < cp.episodes_size(); ++i) {
    CheckEpisode(cp.episodes(i), today, Path(prefix, absl::StrCat("episodes[", i, "]")), v);
  }
  if (v.empty()) CheckEpisodeOrder(cp, prefix, v);
  std::optional<absl::CivilDay> first;
  for (const auto& d : cp.strategy_discussion_dates()) {
    const auto day = FromProto(d).day;
    if (day && (!first || *day < *first)) first = day;
  }
  const auto plan_end = FromProto(cp.plan_end_date()).day;
  if (plan_end && first && *plan_end < *first) {
    v.Add(Path(prefix, "plan_end_date"),
          absl::StrCat("must not be before the strategy discussion that began it (",
                       FormatDay(*first), ")"));
  }
}

void CheckAdoption(const v1::Adoption& a, std::optional<absl::CivilDay> birth,
                   absl::CivilDay today, const std::string& prefix, FieldViolations& v) {
  CheckDate(a.authority_to_place_date(), Path(prefix, "authority_to_place_date"), false, v, today);
  CheckDate(a.placed_for_adoption_date(), Path(prefix, "placed_for_adoption_date"), false, v,
            today);
  CheckDate(a.adoption_order_date(), Path(prefix, "adoption_order_date"), false, v, today);
  const auto authority = FromProto(a.authority_to_place_date()).day;
  const auto placed = FromProto(a.placed_for_adoption_date()).day;
  if (placed && !authority) {
    v.Add(Path(prefix, "authority_to_place_date"), "is required once the child is placed");
  }
  if (placed && authority && *placed < *authority) {
    v.Add(Path(prefix, "placed_for_adoption_date"), "must not be before authority to place");
  }
  if (authority && birth && *authority < *birth) {
    v.Add(Path(prefix, "authority_to_place_date"),
          absl::StrCat("must not be before the child's birth (", FormatDay(*birth), ")"));
  }
  const auto order = FromProto(a.adoption_order_date()).day;
  if (order && !placed) {
    v.Add(Path(prefix, "placed_for_adoption_date"), "is required once there is an adoption order");
  }
  if (order && placed && *order < *placed) {
    v.Add(Path(prefix, "adoption_order_date"),
          absl::StrCat("must not be before the placement for adoption (", FormatDay(*placed), ")"));
  }
}

}  // namespace

void CheckRequestId(const std::string& request_id, FieldViolations& v) {
  if (request_id.size() > 128) v.Add("request_id", "must be at most 128 characters");
}

void CheckChild(const v1::Child& child, absl::CivilDay today, const std::string& prefix,
                FieldViolations& v) {
  CheckDate(child.birth_date(), Path(prefix, "birth_date"), true, v, today);
  const auto birth = FromProto(child.birth_date()).day;
  CheckPeriods(child, birth, today, prefix, v);
  CheckChildProtection(child.child_protection(), today, Path(prefix, "child_protection"), v);
  CheckAdoption(child.adoption(), birth, today, Path(prefix, "adoption"), v);
  CheckDate(child.short_breaks_start_date(), Path(prefix, "short_breaks_start_date"), false, v,
            today);
  for (int i = 0; i < child.case_worker_ids_size(); ++i) {
    if (!IsValidId(child.case_worker_ids(i))) {
      v.Add(Path(prefix, absl::StrCat("case_worker_ids[", i, "]")),
            "must be 1-64 letters, digits, '.', '_' or '-'");
    }
  }
  for (int i = 0; i < child.case_worker_line_manager_ids_size(); ++i) {
    if (!IsValidId(child.case_worker_line_manager_ids(i))) {
      v.Add(Path(prefix, absl::StrCat("case_worker_line_manager_ids[", i, "]")),
            "must be 1-64 letters, digits, '.', '_' or '-'");
    }
  }
}

void CheckIro(const v1::Iro& iro, const std::string& prefix, FieldViolations& v) {
  if (iro.display_name().empty()) v.Add(Path(prefix, "display_name"), "is required");
  if (iro.fte_hundredths() <= 0 || iro.fte_hundredths() > 100) {
    v.Add(Path(prefix, "fte_hundredths"), "must be 1-100 (100 is full time)");
  }
  if (!iro.chairs_lac_reviews() && !iro.chairs_cp_conferences()) {
    v.Add(Path(prefix, "chairs_lac_reviews"),
          "an IRO chairs LAC reviews, CP conferences or both: set at least one");
  }
  if (iro.status() == v1::IRO_STATUS_UNSPECIFIED) v.Add(Path(prefix, "status"), "is required");
}

void CheckPlannedTime(const v1::Review& r, FieldViolations& v) {
  if (!r.planned_time().empty() && !IsClockTime(r.planned_time())) {
    v.Add("review.planned_time", "must be HH:MM on the 24-hour clock (London time)");
  }
  if (!r.planned_time().empty() && !DayOf(r.planned_date())) {
    v.Add("review.planned_time", "needs review.planned_date: a time on which day?");
  }
}

absl::Status ValidateCreateReview(const v1::CreateReviewRequest& req, FieldViolations v) {
  const auto& r = req.review();
  if (r.kind() == v1::REVIEW_KIND_UNSPECIFIED) v.Add("review.kind", "is required");
  CheckDate(r.planned_date(), "review.planned_date", false, v);
  CheckPlannedTime(r, v);
  if (r.unscheduled() && r.unscheduled_reason().empty()) {
    v.Add("review.unscheduled_reason",
          "is required for an earlier review (care plan change, IRO direction)");
  }
  if (!r.iro().empty()) {
    auto iro = ParseIroName(r.iro(), "review.iro");
    if (!iro.ok()) v.Add("review.iro", "must be of the form iros/{iro}");
  }
  CheckRequestId(req.request_id(), v);
  return v.ToStatus();
}

absl::Status ValidateRecordReview(const v1::RecordReviewRequest& req, absl::CivilDay today,
                                  FieldViolations v) {
  CheckDate(req.held_date(), "held_date", true, v, today);
  CheckDate(req.completed_date(), "completed_date", false, v, today);
  const auto held = FromProto(req.held_date()).day;
  const auto completed = FromProto(req.completed_date()).day;
  if (held && completed && *completed < *held) {
    v.Add("completed_date", "must not be before held_date (the first part)");
  }
  if (req.has_held_time() && held && LondonDay(FromProto(req.held_time())) != *held) {
    v.Add("held_time", "must fall on held_date (Europe/London)");
  }
  CheckRequestId(req.request_id(), v);
  return v.ToStatus();
}

absl::Status ValidateCreateDecision(const v1::CreateDecisionRequest& req, FieldViolations v) {
  const auto& d = req.decision();
  if (d.text().empty()) v.Add("decision.text", "is required");
  if (d.text().size() > 4000) v.Add("decision.text", "must be at most 4000 characters");
  if (!IsValidId(d.owner())) v.Add("decision.owner", "is required: the owner's staff id");
  CheckDate(d.due_date(), "decision.due_date", true, v);
  if (d.starred() && !IsCode(d.theme())) {
    v.Add("decision.theme",
          "is required for a starred recommendation: a theme code of the authority's dispute "
          "settings, for the log if the deadline is missed");
  }
  if (!d.starred() && !d.theme().empty()) {
    v.Add("decision.theme", "is for starred recommendations only");
  }
  if (!d.dispute().empty()) v.Add("decision.dispute", "is output only");
  CheckRequestId(req.request_id(), v);
  return v.ToStatus();
}

}  // namespace assure::reviews
