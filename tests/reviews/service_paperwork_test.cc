// Paperwork through the API: a looked-after review's report is approved by a team manager
// who did not prepare it, as a conference's is; the PEP and health plan are tracked beside
// the care plan; conference minutes are due within the authority's own timescale.
#include "gmock/gmock.h"
#include "tests/reviews/service_fixture.h"

namespace assure::reviews {
namespace {

using assure::testing::FailedRuleOf;

const v1::PaperworkCheck* Item(const v1::Review& review, const std::string& item) {
  for (const auto& p : review.paperwork()) {
    if (p.item() == item) return &p;
  }
  return nullptr;
}

TEST_F(ReviewsServiceTest, ALookedAfterReviewsReportIsApprovedByATeamManagerWhoDidNotPrepareIt) {
  CreateLookedAfterChild("C1", D(2026, 11, 2));
  const v1::Review review = Schedule("C1", v1::REVIEW_KIND_LAC_REVIEW);
  ASSERT_NE(Item(review, "report_approved"), nullptr);
  ASSERT_NE(Item(review, "pep_received"), nullptr);
  ASSERT_NE(Item(review, "health_plan_received"), nullptr);
  v1::UpdateReviewRequest upd;
  upd.mutable_review()->set_name(review.name());
  upd.mutable_review()->mutable_report()->set_prepared_by("tm-1");
  *upd.mutable_review()->mutable_pep_received_date() = D(2026, 11, 20);
  upd.mutable_update_mask()->add_paths("report.prepared_by");
  upd.mutable_update_mask()->add_paths("pep_received_date");
  v1::Review out;
  ASSERT_TRUE(stub_->UpdateReview(As("tm-1", "team_manager").get(), upd, &out).ok());
  EXPECT_EQ(Item(out, "pep_received")->done_date().day(), 20);

  v1::ApproveReportRequest approve;
  approve.set_name(review.name());
  EXPECT_EQ(FailedRuleOf(stub_->ApproveReport(As("tm-1", "team_manager").get(), approve, &out)),
            "report.separation_of_duties");
  EXPECT_EQ(stub_->ApproveReport(As("sw-1", "social_worker").get(), approve, &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(stub_->ApproveReport(As("tm-2", "team_manager").get(), approve, &out).ok());
  EXPECT_EQ(out.report().approved_by(), "tm-2");
  EXPECT_EQ(Item(out, "report_approved")->status(), v1::PAPERWORK_STATUS_ON_TIME);
}

TEST_F(ReviewsServiceTest, ConferenceMinutesAreDueWithinEachAuthoritysOwnTimescale) {
  auto conference_in = [&](const std::string& tenant) {
    v1::CreateChildRequest child;
    child.set_child_id("CP1");
    *child.mutable_child()->mutable_birth_date() = D(2019, 2, 1);
    *child.mutable_child()->mutable_child_protection()->add_strategy_discussion_dates() =
        D(2026, 11, 2);
    v1::Child created;
    EXPECT_TRUE(stub_->CreateChild(As("mosaic", "case_system", tenant).get(), child, &created).ok());
    v1::CreateReviewRequest schedule;
    schedule.set_parent("children/CP1");
    schedule.mutable_review()->set_kind(v1::REVIEW_KIND_CP_INITIAL_CONFERENCE);
    v1::Review conference;
    EXPECT_TRUE(stub_->CreateReview(As("iro-1", "iro", tenant).get(), schedule, &conference).ok());
    v1::RecordReviewRequest record;
    record.set_name(conference.name());
    *record.mutable_held_date() = D(2026, 11, 19);
    *record.mutable_held_time() = ToProto(LondonTime(2026, 11, 19, 10));
    v1::Review held;
    EXPECT_TRUE(stub_->RecordReview(As("iro-1", "iro", tenant).get(), record, &held).ok());
    return held;
  };
  v1::UpdateReviewSettingsRequest settings;
  settings.mutable_settings()->set_name("reviewSettings");
  settings.mutable_settings()->set_conference_minutes_working_days(2);
  settings.mutable_update_mask()->add_paths("conference_minutes_working_days");
  v1::ReviewSettings saved;
  ASSERT_TRUE(stub_->UpdateReviewSettings(Manager().get(), settings, &saved).ok());

  // Thursday 19 November 2026: 2 working days on is the 23rd (LA1); 4 is the 25th (LA2).
  const v1::Review la1 = conference_in("LA1");
  ASSERT_NE(Item(la1, "minutes_distributed"), nullptr);
  EXPECT_EQ(Item(la1, "minutes_distributed")->deadline().due_date().day(), 23);
  EXPECT_EQ(Item(la1, "minutes_distributed")->status(), v1::PAPERWORK_STATUS_OVERDUE);
  const v1::Review la2 = conference_in("LA2");
  EXPECT_EQ(Item(la2, "minutes_distributed")->deadline().due_date().day(), 25);
  EXPECT_EQ(Item(la2, "minutes_distributed")->status(), v1::PAPERWORK_STATUS_PENDING);
}

}  // namespace
}  // namespace assure::reviews
