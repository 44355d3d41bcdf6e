#include "services/audits/report.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/dates.h"

namespace assure::audits {
namespace {

google::type::Date PeriodMonth(int y, int m) {
  google::type::Date d;
  d.set_year(y);
  d.set_month(m);
  return d;
}

v1::Audit Done(int m, const std::string& team, const std::string& grade,
               const std::string& q1_grade = "Good") {
  v1::Audit a;
  static int n = 0;
  a.set_name("audits/a-" + std::to_string(++n));
  a.set_state(v1::AUDIT_STATE_SUBMITTED);
  *a.mutable_month() = PeriodMonth(2026, m);
  a.set_team(team);
  a.set_service("csc");
  a.set_overall_grade(grade);
  a.set_tool_version("auditTools/routine/versions/1");
  auto* answer = a.add_answers();
  answer->set_question("q1");
  answer->set_grade(q1_grade);
  return a;
}

v1::AuditToolVersion SectionedTool() {
  v1::AuditToolVersion t;
  t.set_name("auditTools/routine/versions/1");
  auto* s = t.add_sections();
  s->set_title("Voice of the child");
  s->add_questions()->set_id("q1");
  return t;
}

TEST(Report, MonthsOfAPeriodCrossTheYearEnd) {
  const auto months = MonthsOf(PeriodMonth(2026, 4), PeriodMonth(2027, 3));
  ASSERT_EQ(months.size(), 12u);
  EXPECT_EQ(months.back().year(), 2027);
  EXPECT_EQ(months.back().month(), 3);
}

TEST(Report, GradesAreCountedByTeamSectionAndMonthInOfstedsOrderWithTheModeratorsStanding) {
  ReportRecords r;
  r.audits = {Done(11, "north", "Good"), Done(12, "north", "Inadequate", "Inadequate"),
              Done(12, "south", "Outstanding")};
  auto* m = r.audits[1].mutable_moderation();  // the moderator raised it
  m->set_moderated_overall_grade("Requires improvement to be good");
  auto* g = m->add_grades();
  g->set_question("q1");
  g->set_agree(false);
  g->set_moderated_grade("Requires improvement to be good");
  v1::Audit assigned = Done(12, "south", "");
  assigned.set_state(v1::AUDIT_STATE_ASSIGNED);
  r.audits.push_back(assigned);
  r.tools = {SectionedTool()};
  const auto report =
      AuditReportOf(PeriodMonth(2026, 11), PeriodMonth(2026, 12), r, absl::CivilDay(2026, 12, 15));
  EXPECT_EQ(report.overall().count(), 3);
  ASSERT_EQ(report.overall().grades_size(), 3);
  EXPECT_EQ(report.overall().grades(0).grade(), "Outstanding");
  EXPECT_EQ(report.overall().grades(2).grade(), "Requires improvement to be good");
  EXPECT_EQ(report.overall().good_or_better_percent(), 66);
  ASSERT_EQ(report.by_team_size(), 2);
  EXPECT_EQ(report.by_team(0).key(), "north");
  EXPECT_EQ(report.by_team(0).good_or_better_percent(), 50);
  ASSERT_EQ(report.by_section_size(), 1);
  EXPECT_EQ(report.by_section(0).key(), "Voice of the child");
  EXPECT_EQ(report.by_section(0).count(), 3);
  ASSERT_EQ(report.months_size(), 2);
  EXPECT_EQ(report.months(0).grades().count(), 1);
  EXPECT_EQ(report.months(1).grades().count(), 2);
  EXPECT_EQ(report.moderation().moderated(), 1);
  EXPECT_EQ(report.moderation().disagreed(), 1);
  EXPECT_EQ(report.moderation().agreement_percent(), 0);
}

TEST(Report, ChairPracticeAuditsAreCountedApartByType) {
  ReportRecords r;
  r.audits = {Done(11, "north", "Good"), Done(11, "iro", "Outstanding"),
              Done(12, "iro", "Requires improvement to be good")};
  r.audits[1].set_type(v1::AUDIT_TYPE_IRO_CHAIR_PRACTICE);
  r.audits[2].set_type(v1::AUDIT_TYPE_IRO_CHAIR_PRACTICE);
  r.audits[0].set_type(v1::AUDIT_TYPE_ROUTINE);
  const auto report =
      AuditReportOf(PeriodMonth(2026, 11), PeriodMonth(2026, 12), r, absl::CivilDay(2026, 12, 15));
  ASSERT_EQ(report.by_type_size(), 2);
  EXPECT_EQ(report.by_type(0).key(), "AUDIT_TYPE_IRO_CHAIR_PRACTICE");
  EXPECT_EQ(report.by_type(0).count(), 2);
  EXPECT_EQ(report.by_type(0).good_or_better_percent(), 50);
  EXPECT_EQ(report.by_type(1).key(), "AUDIT_TYPE_ROUTINE");
  EXPECT_EQ(report.by_type(1).count(), 1);
}

TEST(Report, ActionsAreOpenOverdueOrSignedOffOnTimeOrLate) {
  ReportRecords r;
  auto action = [](int due_day, bool done, int signed_day) {
    v1::AuditAction x;
    *x.mutable_due_date() = ToProto(absl::CivilDay(2026, 12, due_day));
    x.set_state(done ? v1::ACTION_STATE_DONE : v1::ACTION_STATE_OPEN);
    if (done) {
      *x.mutable_sign_off_time() =
          ToProto(absl::FromCivil(absl::CivilSecond(2026, 12, signed_day, 12, 0, 0), London()));
    }
    return x;
  };
  r.actions = {action(1, false, 0), action(20, false, 0), action(5, true, 5), action(5, true, 6)};
  const auto a =
      AuditReportOf(PeriodMonth(2026, 12), PeriodMonth(2026, 12), r, absl::CivilDay(2026, 12, 15))
          .actions();
  EXPECT_EQ(a.raised(), 4);
  EXPECT_EQ(a.open(), 2);
  EXPECT_EQ(a.overdue(), 1);
  EXPECT_EQ(a.signed_off(), 2);
  EXPECT_EQ(a.signed_off_on_time(), 1);
}

TEST(Report, TheQuotaOfEachMonthComesFromItsScorecard) {
  ReportRecords r;
  v1::Selection s;
  s.set_name("selections/s-1");
  *s.mutable_month() = PeriodMonth(2026, 11);
  auto* q = s.add_auditors();
  q->set_auditor("iro-1");
  q->set_quota(6);
  r.selections = {s};
  v1::Audit a = Done(11, "north", "Good");
  a.set_auditor("iro-1");
  a.set_selection(s.name());
  r.audits = {a};
  const auto report =
      AuditReportOf(PeriodMonth(2026, 11), PeriodMonth(2026, 12), r, absl::CivilDay(2026, 12, 15));
  EXPECT_EQ(report.months(0).quota(), 6);
  EXPECT_EQ(report.months(0).done(), 1);
  EXPECT_EQ(report.months(0).shortfall(), 5);
  EXPECT_EQ(report.quota(), 6);
  EXPECT_EQ(report.shortfall(), 5);
}

}  // namespace
}  // namespace assure::audits
