// The problem resolution log and the quarterly report must reconcile: the same records,
// counted by the same rules (seed 002, IRO recommendation 1).
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/disputes/disputes_fixture.h"

namespace assure::disputes {
namespace {

using testing::BadFields;
using ::testing::ElementsAre;

class DisputeReportsTest : public DisputesServiceTest {
 protected:
  // A quarter's worth of disputes: raised, escalated, resolved, withdrawn, starred.
  void SetUp() override {
    DisputesServiceTest::SetUp();
    clock_.Set(London10am(2026, 10, 5));
    Create("a", 1, true);
    Create("b", 0, false, "social_worker_changes");
    Create("c", 2, true, "placement_legal_status");
    Create("other-la", 1, true, "other", "LA2");
    v1::Dispute d;
    clock_.Set(London10am(2026, 10, 12));
    ASSERT_TRUE(Escalate("a", 4, &d).ok());
    clock_.Set(London10am(2026, 10, 20));
    ASSERT_TRUE(Resolve("b", v1::OUTCOME_COMPROMISE_AGREED, &d).ok());
    clock_.Set(London10am(2026, 11, 20));
    v1::WithdrawDisputeRequest w;
    w.set_name("disputes/c");
    w.set_note("plan changed");
    ASSERT_TRUE(stub_->WithdrawDispute(Iro().get(), w, &d).ok());
    clock_.Set(London10am(2027, 1, 15));
  }

  int Listed(const std::string& filter) {
    v1::ListDisputesRequest req;
    req.set_filter(filter);
    *req.mutable_start_date() = ToProto(absl::CivilDay(2026, 10, 1));
    *req.mutable_end_date() = ToProto(absl::CivilDay(2026, 12, 31));
    v1::ListDisputesResponse page;
    EXPECT_TRUE(stub_->ListDisputes(Manager().get(), req, &page).ok());
    return page.disputes_size();
  }
};

TEST_F(DisputeReportsTest, TheQuarterlyReportAgreesWithTheSummaryAndTheLog) {
  v1::GetQualityAssuranceReportRequest q;
  q.set_fiscal_year(2026);
  q.set_quarter(3);
  v1::QualityAssuranceReport report;
  ASSERT_TRUE(stub_->GetQualityAssuranceReport(Manager().get(), q, &report).ok());
  v1::SummarizeDisputesRequest s;
  *s.mutable_start_date() = ToProto(absl::CivilDay(2026, 10, 1));
  *s.mutable_end_date() = ToProto(absl::CivilDay(2026, 12, 31));
  v1::DisputeSummary summary;
  ASSERT_TRUE(stub_->SummarizeDisputes(Manager().get(), s, &summary).ok());
  // The summary for the quarter's dates carries the quarter's starred recommendations too.
  ASSERT_EQ(summary.starred_recommendations_size(), report.starred_recommendations_size());
  for (int i = 0; i < summary.starred_recommendations_size(); ++i) {
    EXPECT_EQ(summary.starred_recommendations(i).SerializeAsString(),
              report.starred_recommendations(i).SerializeAsString());
  }
  summary.clear_starred_recommendations();
  EXPECT_EQ(report.summary().SerializeAsString(), summary.SerializeAsString());

  EXPECT_EQ(summary.active(), Listed(""));
  EXPECT_EQ(summary.active(), 3);  // another authority's dispute is not counted
  EXPECT_EQ(summary.raised(), 3);
  EXPECT_EQ(summary.resolved(), Listed("state = DISPUTE_STATE_RESOLVED"));
  EXPECT_EQ(summary.withdrawn(), Listed("state = DISPUTE_STATE_WITHDRAWN"));
  EXPECT_EQ(summary.open_at_end(), Listed("state = DISPUTE_STATE_OPEN"));
  EXPECT_EQ(summary.escalated_to_director_or_chief_executive(), 1);
  EXPECT_EQ(report.starred_recommendations_size(), Listed("starred = true"));
  EXPECT_EQ(report.starred_recommendations_size(), 2);
  EXPECT_EQ(report.starred_recommendations(0).dispute(), "disputes/a");
  EXPECT_EQ(report.starred_recommendations(0).stage_role(), "director");
  EXPECT_EQ(report.starred_recommendations(1).state(), v1::DISPUTE_STATE_WITHDRAWN);
}

TEST_F(DisputeReportsTest, APeriodIsRequiredAndAQuarterIsOneToFour) {
  v1::SummarizeDisputesRequest s;
  v1::DisputeSummary summary;
  EXPECT_THAT(BadFields(stub_->SummarizeDisputes(Manager().get(), s, &summary)),
              ElementsAre("start_date", "end_date"));
  v1::GetQualityAssuranceReportRequest q;
  q.set_fiscal_year(2026);
  v1::QualityAssuranceReport report;
  EXPECT_THAT(BadFields(stub_->GetQualityAssuranceReport(Manager().get(), q, &report)),
              ElementsAre("quarter"));
  EXPECT_EQ(stub_->GetQualityAssuranceReport(Iro().get(), q, &report).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

}  // namespace
}  // namespace assure::disputes
