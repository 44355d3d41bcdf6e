#include "services/reviews/paperwork.h"

#include "absl/strings/str_cat.h"
#include "services/common/dates.h"

namespace assure::reviews {
namespace {

constexpr RuleLevel kGuidance = RuleLevel::RULE_LEVEL_GUIDANCE;
constexpr RuleLevel kLocal = RuleLevel::RULE_LEVEL_LOCAL;
constexpr char kHandbook[] = "IRO Handbook 2010 (paragraph unconfirmed)";
constexpr char kSeed002[] = "local policy (internal audit 2014, IRO recommendations)";

PaperworkState StateOf(std::optional<absl::CivilDay> done, absl::CivilDay deadline,
                       absl::CivilDay today) {
  if (done) return *done <= deadline ? PaperworkState::kOnTime : PaperworkState::kLate;
  return today > deadline ? PaperworkState::kOverdue : PaperworkState::kPending;
}

PaperworkItem DayItem(std::string item, Due deadline, std::optional<absl::CivilDay> done,
                      absl::CivilDay today) {
  const PaperworkState state = StateOf(done, deadline.date, today);
  return PaperworkItem{std::move(item), std::move(deadline), done, std::nullopt, std::nullopt,
                       state};
}

Due Before(absl::CivilDay meeting, int working_days, const WorkingDays& cal, std::string rule,
           RuleLevel level, std::string source) {
  const absl::CivilDay d = cal.AddWorkingDays(meeting, -working_days);
  return MakeDue(d, cal, std::move(rule), level, std::move(source), {{"meeting", meeting}},
                 absl::StrCat(working_days, " working days before ", FormatDay(meeting)));
}

Due After(absl::CivilDay meeting, int working_days, const WorkingDays& cal, std::string rule,
          RuleLevel level, std::string source) {
  const absl::CivilDay d = cal.AddWorkingDays(meeting, working_days);
  return MakeDue(d, cal, std::move(rule), level, std::move(source), {{"meeting held", meeting}},
                 absl::StrCat(working_days, " working days after ", FormatDay(meeting)));
}

void LookedAfterItems(const MeetingPaperwork& m, const WorkingDays& cal, absl::CivilDay today,
                      std::vector<PaperworkItem>& out) {
  out.push_back(DayItem("social_worker_consultation",
                        Before(m.meeting_day, 15, cal, "paperwork.social_worker_consultation",
                               kGuidance, kHandbook),
                        m.social_worker_consultation, today));
  const absl::CivilDay plan_by = m.meeting_day - 3;
  const std::pair<const char*, std::optional<absl::CivilDay>> plans[] = {
      {"care_plan_received", m.care_plan_received},
      {"pep_received", m.pep_received},
      {"health_plan_received", m.health_plan_received}};
  for (const auto& [item, done] : plans) {
    out.push_back(DayItem(item,
                          MakeDue(plan_by, cal, absl::StrCat("paperwork.", item), kGuidance,
                                  kHandbook, {{"meeting", m.meeting_day}},
                                  absl::StrCat("3 days before ", FormatDay(m.meeting_day))),
                          done, today));
  }
  out.push_back(DayItem("report_approved",
                        MakeDue(plan_by, cal, "paperwork.report_approved", kLocal, kSeed002,
                                {{"meeting", m.meeting_day}},
                                absl::StrCat("approved by a team manager 3 days before ",
                                             FormatDay(m.meeting_day))),
                        m.report_approved, today));
  if (!m.held) return;
  out.push_back(DayItem("decisions_distributed",
                        After(m.meeting_day, 5, cal, "paperwork.decisions_distributed", kGuidance,
                              kHandbook),
                        m.decisions_distributed, today));
  out.push_back(DayItem("record_distributed",
                        After(m.meeting_day, 20, cal, "paperwork.record_distributed", kGuidance,
                              kHandbook),
                        m.record_distributed, today));
}

void ConferenceItems(const MeetingPaperwork& m, const WorkingDays& cal, absl::Time now,
                     std::vector<PaperworkItem>& out) {
  const absl::CivilDay today = LondonDay(now);
  const Due report_due =
      Before(m.meeting_day, 3, cal, "paperwork.conference_report", kLocal, kSeed002);
  // Approval comes first: the report may not go to the chair before a team manager signs it.
  const absl::CivilDay approve_by =
      m.report_sent_to_chair && *m.report_sent_to_chair < report_due.date ? *m.report_sent_to_chair
                                                                         : report_due.date;
  out.push_back(DayItem("report_approved",
                        MakeDue(approve_by, cal, "paperwork.report_approved_before_sending", kLocal,
                                kSeed002, {{"meeting", m.meeting_day}},
                                "approved by a team manager before it is sent"),
                        m.report_approved, today));
  out.push_back(DayItem("report_sent_to_chair", report_due, m.report_sent_to_chair, today));
  out.push_back(DayItem("report_shared_with_family", report_due, m.report_shared_with_family,
                        today));
  if (!m.held) return;
  out.push_back(DayItem("minutes_distributed",
                        After(m.meeting_day, m.minutes_working_days, cal,
                              "paperwork.conference_minutes", kLocal,
                              "the authority's conference minutes timescale"),
                        m.minutes_distributed, today));
  if (!m.held_time) return;
  const absl::Time deadline = *m.held_time + absl::Hours(48);
  const absl::CivilDay held_day = LondonDay(*m.held_time);
  PaperworkItem sheet{"decision_sheet_sent",
                      MakeDue(LondonDay(deadline), cal, "paperwork.decision_sheet", kLocal,
                              kSeed002, {{"conference held", held_day}},
                              "48 hours after the conference started"),
                      std::nullopt,
                      deadline,
                      m.decision_sheet_sent,
                      PaperworkState::kPending};
  if (m.decision_sheet_sent) {
    sheet.done = LondonDay(*m.decision_sheet_sent);
    sheet.state = *m.decision_sheet_sent <= deadline ? PaperworkState::kOnTime
                                                     : PaperworkState::kLate;
  } else if (now > deadline) {
    sheet.state = PaperworkState::kOverdue;
  }
  out.push_back(std::move(sheet));
}

}  // namespace

std::vector<PaperworkItem> CheckPaperwork(const MeetingPaperwork& meeting,
                                          const WorkingDays& calendar, absl::Time now) {
  std::vector<PaperworkItem> out;
  if (meeting.child_protection) {
    ConferenceItems(meeting, calendar, now, out);
  } else {
    LookedAfterItems(meeting, calendar, LondonDay(now), out);
  }
  return out;
}

}  // namespace assure::reviews
