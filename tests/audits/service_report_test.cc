// The audit report through the service on both stores, reconciled with the lists it
// summarises: audits by grade, the scorecard's quota, actions open, overdue and signed off,
// moderation agreement; a bad period refused naming the field; each authority apart.
#include <map>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/audits/moderation.h"
#include "tests/audits/audit_life_fixture.h"

namespace assure::audits {
namespace {

using assure::testing::BadFields;
using ::testing::ElementsAre;

class ReportTest : public AuditLifeTest {
 protected:
  grpc::Status Report(int first_month, int last_month, v1::AuditReport* out,
                      const std::string& tenant = "LA1") {
    v1::GetAuditReportRequest req;
    *req.mutable_first_month() = Month(2026, first_month);
    *req.mutable_last_month() = Month(2026, last_month);
    return stub_->GetAuditReport(Lead(tenant).get(), req, out);
  }

  std::vector<v1::Audit> Listed() {
    v1::ListAuditsRequest req;
    v1::ListAuditsResponse page;
    EXPECT_TRUE(stub_->ListAudits(Lead().get(), req, &page).ok());
    return {page.audits().begin(), page.audits().end()};
  }

  std::vector<v1::AuditAction> ListedActions(const std::string& filter = "") {
    v1::ListAuditActionsRequest req;
    req.set_parent("audits/-");
    req.set_filter(filter);
    v1::ListAuditActionsResponse page;
    EXPECT_TRUE(stub_->ListAuditActions(Lead().get(), req, &page).ok());
    return {page.actions().begin(), page.actions().end()};
  }
};

TEST_F(ReportTest, TheReportAgreesWithTheAuditsActionsAndScorecardItSummarises) {
  SamplePercent("LA1", 100);
  const v1::AuditToolVersion tool = Released();
  Feed("north", 6);
  v1::Selection s;
  ASSERT_TRUE(Select("LA1", 3, {{"iro-1", 3}}, &s).ok());
  const v1::Audit first = SubmitGood(s.audits(0), "iro-1", tool);
  SubmitGood(s.audits(1), "iro-1", tool);
  v1::ModerateAuditRequest moderate;
  moderate.set_name(first.name());
  moderate.set_overall_agree(false);
  moderate.set_moderated_overall_grade("Inadequate");
  moderate.set_rationale("visits out of timescale");
  v1::Audit moderated;
  ASSERT_TRUE(stub_->ModerateAudit(As("tm-1", "team_manager").get(), moderate, &moderated).ok());
  v1::CreateAuditActionRequest raise;
  raise.set_parent(first.name());
  raise.mutable_action()->set_text("Visit and record it");
  raise.mutable_action()->set_owner("sw-1");
  *raise.mutable_action()->mutable_due_date() = D(2026, 12, 4);
  v1::AuditAction one, two;
  ASSERT_TRUE(stub_->CreateAuditAction(As("iro-1", "iro").get(), raise, &one).ok());
  ASSERT_TRUE(stub_->CreateAuditAction(As("iro-1", "iro").get(), raise, &two).ok());
  v1::SignOffAuditActionRequest sign;
  sign.set_name(one.name());
  sign.set_evidence("visit recorded on 2 December");
  v1::AuditAction signed_off;
  ASSERT_TRUE(stub_->SignOffAuditAction(As("tm-1", "team_manager").get(), sign, &signed_off).ok());
  clock_.Advance(absl::Hours(24 * 5));  // 6 December: the other is overdue

  v1::AuditReport report;
  ASSERT_TRUE(Report(11, 12, &report).ok());
  std::map<std::string, int> listed_grades;
  int done = 0, moderated_count = 0;
  for (const auto& a : Listed()) {
    if (a.state() < v1::AUDIT_STATE_SUBMITTED) continue;
    ++done;
    ++listed_grades[FinalGrade(a)];
    if (a.has_moderation()) ++moderated_count;
  }
  std::map<std::string, int> reported_grades;
  for (const auto& g : report.overall().grades()) reported_grades[g.grade()] = g.count();
  EXPECT_EQ(reported_grades, listed_grades);
  EXPECT_EQ(report.overall().count(), done);
  EXPECT_EQ(report.done(), done);
  EXPECT_EQ(report.moderation().moderated(), moderated_count);
  EXPECT_EQ(report.moderation().agreement_percent(), 0);

  v1::GetAuditScorecardRequest card_req;
  *card_req.mutable_month() = Month(2026, 12);
  v1::AuditScorecard card;
  ASSERT_TRUE(stub_->GetAuditScorecard(Lead().get(), card_req, &card).ok());
  ASSERT_EQ(report.months_size(), 2);
  EXPECT_EQ(report.months(1).quota(), card.quota());
  EXPECT_EQ(report.months(1).shortfall(), card.shortfall());
  EXPECT_EQ(report.quota(), card.quota());

  EXPECT_EQ(report.actions().raised(), static_cast<int>(ListedActions().size()));
  EXPECT_EQ(report.actions().open(),
            static_cast<int>(ListedActions("state = ACTION_STATE_OPEN").size()));
  EXPECT_EQ(report.actions().overdue(), static_cast<int>(ListedActions("overdue = true").size()));
  EXPECT_EQ(report.actions().signed_off(), 1);
  EXPECT_EQ(report.actions().signed_off_on_time(), 1);
  ASSERT_EQ(report.by_team_size(), 1);
  EXPECT_EQ(report.by_team(0).key(), "north");
  ASSERT_EQ(report.by_section_size(), 1);
  EXPECT_EQ(report.by_section(0).key(), "Voice of the child");

  v1::AuditReport other;
  ASSERT_TRUE(Report(11, 12, &other, "LA2").ok());
  EXPECT_EQ(other.overall().count(), 0);
  EXPECT_EQ(other.actions().raised(), 0);
}

TEST_F(ReportTest, APeriodBackwardsOrLongerThanTwoYearsIsRefusedNamingTheField) {
  v1::AuditReport out;
  EXPECT_THAT(BadFields(Report(12, 11, &out)), ElementsAre("last_month"));
  v1::GetAuditReportRequest req;
  *req.mutable_first_month() = Month(2024, 1);
  *req.mutable_last_month() = Month(2026, 1);
  EXPECT_THAT(BadFields(stub_->GetAuditReport(Lead().get(), req, &out)), ElementsAre("last_month"));
  req.mutable_first_month()->set_month(13);
  EXPECT_THAT(BadFields(stub_->GetAuditReport(Lead().get(), req, &out)),
              ElementsAre("first_month"));
}

}  // namespace
}  // namespace assure::audits
