#include "services/reviews/paperwork.h"

#include "gtest/gtest.h"
#include "services/common/dates.h"

namespace assure::reviews {
namespace {

using absl::CivilDay;

absl::Time At(int y, int m, int d, int h = 12) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, h, 0, 0), London());
}

const PaperworkItem& Item(const std::vector<PaperworkItem>& items, const std::string& name) {
  for (const auto& i : items) {
    if (i.item == name) return i;
  }
  static PaperworkItem none;
  ADD_FAILURE() << "no item " << name;
  return none;
}

TEST(CheckPaperwork, DecisionsWithinFiveWorkingDaysAreOnTime) {
  const WorkingDays cal = *WorkingDays::EnglandAndWales();
  MeetingPaperwork m;
  m.meeting_day = CivilDay(2026, 12, 22);
  m.held = true;
  m.decisions_distributed = CivilDay(2026, 12, 31);
  const auto items = CheckPaperwork(m, cal, At(2027, 1, 5));
  const auto& decisions = Item(items, "decisions_distributed");
  EXPECT_EQ(decisions.deadline.date, CivilDay(2026, 12, 31));
  EXPECT_EQ(decisions.state, PaperworkState::kOnTime);
}

TEST(CheckPaperwork, AFullRecordNotSentWithinTwentyWorkingDaysIsOverdue) {
  const WorkingDays cal = *WorkingDays::EnglandAndWales();
  MeetingPaperwork m;
  m.meeting_day = CivilDay(2026, 3, 2);
  m.held = true;
  EXPECT_EQ(Item(CheckPaperwork(m, cal, At(2026, 3, 30)), "record_distributed").state,
            PaperworkState::kPending);
  EXPECT_EQ(Item(CheckPaperwork(m, cal, At(2026, 3, 31)), "record_distributed").state,
            PaperworkState::kOverdue);
}

TEST(CheckPaperwork, SocialWorkerConsultsAtLeastFifteenWorkingDaysBefore) {
  const WorkingDays cal = *WorkingDays::EnglandAndWales();
  MeetingPaperwork m;
  m.meeting_day = CivilDay(2026, 3, 30);
  m.social_worker_consultation = CivilDay(2026, 3, 10);
  const auto items = CheckPaperwork(m, cal, At(2026, 3, 1));
  const auto& item = Item(items, "social_worker_consultation");
  EXPECT_EQ(item.deadline.date, CivilDay(2026, 3, 9));
  EXPECT_EQ(item.state, PaperworkState::kLate);
}

TEST(CheckPaperwork, DecisionSheetIsDueFortyEightHoursAfterTheConference) {
  const WorkingDays cal = *WorkingDays::EnglandAndWales();
  MeetingPaperwork m;
  m.child_protection = true;
  m.meeting_day = CivilDay(2026, 3, 2);
  m.held = true;
  m.held_time = At(2026, 3, 2, 10);
  m.decision_sheet_sent = At(2026, 3, 4, 11);
  const auto items = CheckPaperwork(m, cal, At(2026, 3, 5));
  const auto& item = Item(items, "decision_sheet_sent");
  EXPECT_EQ(item.state, PaperworkState::kLate);
  m.decision_sheet_sent = At(2026, 3, 4, 9);
  EXPECT_EQ(Item(CheckPaperwork(m, cal, At(2026, 3, 5)), "decision_sheet_sent").state,
            PaperworkState::kOnTime);
}

TEST(CheckPaperwork, ConferenceReportGoesThreeWorkingDaysBeforeAfterApproval) {
  const WorkingDays cal = *WorkingDays::EnglandAndWales();
  MeetingPaperwork m;
  m.child_protection = true;
  m.meeting_day = CivilDay(2026, 4, 8);  // Wednesday after Easter
  m.report_sent_to_chair = CivilDay(2026, 4, 1);
  m.report_approved = CivilDay(2026, 4, 2);  // approved after it was sent
  const auto items = CheckPaperwork(m, cal, At(2026, 4, 1));
  EXPECT_EQ(Item(items, "report_sent_to_chair").deadline.date, CivilDay(2026, 4, 1));
  EXPECT_EQ(Item(items, "report_sent_to_chair").state, PaperworkState::kOnTime);
  EXPECT_EQ(Item(items, "report_approved").state, PaperworkState::kLate);
}

TEST(CheckPaperwork, ThePepAndHealthPlanAreDueBesideTheCarePlan) {
  const WorkingDays cal = *WorkingDays::EnglandAndWales();
  MeetingPaperwork m;
  m.meeting_day = CivilDay(2026, 11, 20);
  m.care_plan_received = CivilDay(2026, 11, 16);
  m.pep_received = CivilDay(2026, 11, 18);
  const auto items = CheckPaperwork(m, cal, At(2026, 11, 19));
  EXPECT_EQ(Item(items, "pep_received").deadline.date, CivilDay(2026, 11, 17));
  EXPECT_EQ(Item(items, "pep_received").state, PaperworkState::kLate);
  EXPECT_EQ(Item(items, "health_plan_received").state, PaperworkState::kOverdue);
  EXPECT_EQ(Item(items, "care_plan_received").state, PaperworkState::kOnTime);
  // The social worker's report for a looked-after review is approved by then too.
  EXPECT_EQ(Item(items, "report_approved").deadline.date, CivilDay(2026, 11, 17));
  EXPECT_EQ(Item(items, "report_approved").deadline.rule, "paperwork.report_approved");
}

TEST(CheckPaperwork, ConferenceMinutesAreDueWithinTheAuthoritysWorkingDays) {
  const WorkingDays cal = *WorkingDays::EnglandAndWales();
  MeetingPaperwork m;
  m.child_protection = true;
  m.meeting_day = CivilDay(2026, 12, 23);
  m.held = true;
  // Four working days from Wednesday 23 December 2026: 24, 29, 30, 31 (Christmas on the
  // 25th, Boxing Day's substitute on the 28th).
  EXPECT_EQ(Item(CheckPaperwork(m, cal, At(2026, 12, 24)), "minutes_distributed").deadline.date,
            CivilDay(2026, 12, 31));
  m.minutes_working_days = 2;
  m.minutes_distributed = CivilDay(2026, 12, 30);
  const auto items = CheckPaperwork(m, cal, At(2027, 1, 4));
  const auto& minutes = Item(items, "minutes_distributed");
  EXPECT_EQ(minutes.deadline.date, CivilDay(2026, 12, 29));
  EXPECT_EQ(minutes.state, PaperworkState::kLate);
}

}  // namespace
}  // namespace assure::reviews
