// The whole life of a child's reviews, through the API.
#include "tests/reviews/service_fixture.h"

namespace assure::reviews {
namespace {

TEST_F(ReviewsServiceTest, WholeLifeOfALookedAfterChildsReviews) {
  CreateIro("iro-1");
  CreateLookedAfterChild("C100", D(2026, 3, 2));
  v1::Child child;
  ASSERT_TRUE(Allocate("C100", "iro-1", &child).ok());
  EXPECT_EQ(child.iro_allocation().iro(), "iros/iro-1");

  v1::GetReviewScheduleRequest sched_req;
  sched_req.set_name("children/C100/reviewSchedule");
  v1::ReviewSchedule schedule;
  ASSERT_TRUE(stub_->GetReviewSchedule(Iro().get(), sched_req, &schedule).ok());
  ASSERT_EQ(schedule.meetings_size(), 1);
  EXPECT_EQ(schedule.meetings(0).due().due_date().day(), 30);
  EXPECT_EQ(schedule.meetings(0).due().rule(), "lac_review.first");
  EXPECT_EQ(schedule.meetings(0).due().explanation(), "20 working days after 2026-03-02");

  v1::Review first = Schedule("C100", v1::REVIEW_KIND_LAC_REVIEW);
  EXPECT_EQ(first.name(), "children/C100/reviews/1");
  EXPECT_EQ(first.iro(), "iros/iro-1");
  EXPECT_EQ(first.due().due_date().month(), 3);
  v1::Review held;
  ASSERT_TRUE(Record(first, D(2026, 3, 27), &held).ok());
  EXPECT_EQ(held.state(), v1::REVIEW_STATE_HELD);
  EXPECT_FALSE(held.late());

  v1::Review second = Schedule("C100", v1::REVIEW_KIND_LAC_REVIEW);
  EXPECT_EQ(second.due().rule(), "lac_review.second");
  EXPECT_EQ(second.due().due_date().month(), 6);
  EXPECT_EQ(second.due().due_date().day(), 27);
  // 27 June 2026 is a Saturday: the practical deadline is the Friday before.
  EXPECT_EQ(second.due().practical_deadline().day(), 26);
  ASSERT_TRUE(Record(second, D(2026, 6, 26), &held, v1::PARTICIPATION_PN5).ok());

  v1::Review third = Schedule("C100", v1::REVIEW_KIND_LAC_REVIEW);
  EXPECT_EQ(third.due().rule(), "lac_review.subsequent");
  EXPECT_EQ(third.due().due_date().month(), 12);
  EXPECT_EQ(third.due().due_date().day(), 26);

  v1::ListReviewsRequest list;
  list.set_parent("children/C100");
  list.set_filter("state = REVIEW_STATE_HELD");
  v1::ListReviewsResponse listed;
  ASSERT_TRUE(stub_->ListReviews(Iro().get(), list, &listed).ok());
  EXPECT_EQ(listed.reviews_size(), 2);
}

TEST_F(ReviewsServiceTest, AnEarlierReviewMovesTheScheduledOneToSixMonthsAfterIt) {
  CreateIro("iro-1");
  CreateLookedAfterChild("C1", D(2026, 1, 5));
  v1::Review r1 = Schedule("C1", v1::REVIEW_KIND_LAC_REVIEW);
  v1::Review out;
  ASSERT_TRUE(Record(r1, D(2026, 1, 30), &out).ok());
  v1::Review r2 = Schedule("C1", v1::REVIEW_KIND_LAC_REVIEW);
  ASSERT_TRUE(Record(r2, D(2026, 4, 20), &out).ok());
  v1::Review regular = Schedule("C1", v1::REVIEW_KIND_LAC_REVIEW);
  EXPECT_EQ(regular.due().due_date().month(), 10);

  v1::CreateReviewRequest early;
  early.set_parent("children/C1");
  early.mutable_review()->set_kind(v1::REVIEW_KIND_LAC_REVIEW);
  early.mutable_review()->set_unscheduled(true);
  early.mutable_review()->set_unscheduled_reason("placement ending: care plan to change");
  v1::Review unscheduled;
  ASSERT_TRUE(stub_->CreateReview(Iro().get(), early, &unscheduled).ok());
  ASSERT_TRUE(Record(unscheduled, D(2026, 6, 1), &out).ok());

  v1::GetReviewRequest get;
  get.set_name(regular.name());
  ASSERT_TRUE(stub_->GetReview(Iro().get(), get, &out).ok());
  EXPECT_EQ(out.due().due_date().month(), 12);
  EXPECT_EQ(out.due().due_date().day(), 1);
}

TEST_F(ReviewsServiceTest, DecisionsPastTheirDueDateAreListedAsDrift) {
  CreateIro("iro-1");
  CreateLookedAfterChild("C2", D(2026, 10, 1));
  v1::Review r = Schedule("C2", v1::REVIEW_KIND_LAC_REVIEW);
  v1::Review held;
  ASSERT_TRUE(Record(r, D(2026, 10, 20), &held).ok());

  v1::CreateDecisionRequest make;
  make.set_parent(held.name());
  make.mutable_decision()->set_text("Arrange sibling contact monthly");
  make.mutable_decision()->set_owner("sw-7");
  *make.mutable_decision()->mutable_due_date() = D(2026, 12, 1);
  v1::Decision decision;
  ASSERT_TRUE(stub_->CreateDecision(Iro().get(), make, &decision).ok());
  EXPECT_FALSE(decision.overdue());

  v1::RecordDecisionCheckRequest check;
  check.set_name(decision.name());
  *check.mutable_check()->mutable_check_date() = D(2026, 11, 20);
  check.mutable_check()->set_note("first contact booked");
  check.mutable_check()->set_on_track(true);
  ASSERT_TRUE(stub_->RecordDecisionCheck(Iro().get(), check, &decision).ok());
  EXPECT_EQ(decision.checks_size(), 1);
  EXPECT_EQ(decision.checks(0).checked_by(), "iro-1");

  v1::ListDecisionsRequest drift;
  drift.set_parent("children/-/reviews/-");
  drift.set_filter("overdue = true");
  v1::ListDecisionsResponse listed;
  ASSERT_TRUE(stub_->ListDecisions(Iro().get(), drift, &listed).ok());
  EXPECT_EQ(listed.decisions_size(), 0);

  clock_.Set(LondonTime(2026, 12, 2, 9));
  ASSERT_TRUE(stub_->ListDecisions(Iro().get(), drift, &listed).ok());
  ASSERT_EQ(listed.decisions_size(), 1);
  EXPECT_TRUE(listed.decisions(0).overdue());
  EXPECT_NE(Metrics().find("assure_reviews_decisions_overdue{tenant=\"LA1\"} 1"), std::string::npos);

  v1::CompleteDecisionRequest done;
  done.set_name(decision.name());
  ASSERT_TRUE(stub_->CompleteDecision(As("sw-7", "social_worker").get(), done, &decision).ok());
  EXPECT_EQ(decision.state(), v1::DECISION_STATE_DONE);
  EXPECT_NE(Metrics().find("assure_reviews_decisions_overdue{tenant=\"LA1\"} 0"), std::string::npos);
}

TEST_F(ReviewsServiceTest, ConferencePaperworkIsJudgedAgainstItsTimescales) {
  CreateIro("iro-1");
  v1::CreateChildRequest req;
  req.set_child_id("CP1");
  *req.mutable_child()->mutable_birth_date() = D(2019, 2, 1);
  *req.mutable_child()->mutable_child_protection()->add_strategy_discussion_dates() = D(2026, 11, 2);
  v1::Child child;
  ASSERT_TRUE(stub_->CreateChild(CaseSystem().get(), req, &child).ok());
  v1::Review conf = Schedule("CP1", v1::REVIEW_KIND_CP_INITIAL_CONFERENCE);
  EXPECT_EQ(conf.due().due_date().day(), 23);  // 15 working days after 2 November
  EXPECT_EQ(conf.due().level(), assure::type::v1::RULE_LEVEL_GUIDANCE);

  v1::UpdateReviewRequest upd;
  upd.mutable_review()->set_name(conf.name());
  upd.mutable_review()->mutable_report()->set_prepared_by("sw-3");
  *upd.mutable_review()->mutable_report()->mutable_sent_to_chair_date() = D(2026, 11, 17);
  upd.mutable_update_mask()->add_paths("report.prepared_by");
  upd.mutable_update_mask()->add_paths("report.sent_to_chair_date");
  v1::Review updated;
  ASSERT_TRUE(stub_->UpdateReview(As("sw-3", "social_worker").get(), upd, &updated).ok());
  EXPECT_EQ(updated.report().prepared_by(), "sw-3");

  v1::ApproveReportRequest approve;
  approve.set_name(conf.name());
  *approve.mutable_approved_date() = D(2026, 11, 16);
  ASSERT_TRUE(stub_->ApproveReport(As("tm-1", "team_manager").get(), approve, &updated).ok());
  EXPECT_EQ(updated.report().approved_by(), "tm-1");
  for (const auto& p : updated.paperwork()) {
    if (p.item() == "report_sent_to_chair" || p.item() == "report_approved") {
      EXPECT_EQ(p.status(), v1::PAPERWORK_STATUS_ON_TIME) << p.item();
    }
  }
}

TEST_F(ReviewsServiceTest, AnnualReportCountsLatenessParticipationAndAdmissions) {
  CreateIro("iro-1");
  CreateLookedAfterChild("A1", D(2026, 4, 6), D(2016, 1, 1));
  CreateLookedAfterChild("A2", D(2026, 4, 6), D(2010, 1, 1));
  v1::Review out;
  ASSERT_TRUE(Record(Schedule("A1", v1::REVIEW_KIND_LAC_REVIEW), D(2026, 4, 30), &out).ok());
  ASSERT_TRUE(Record(Schedule("A2", v1::REVIEW_KIND_LAC_REVIEW), D(2026, 5, 11), &out,
                     v1::PARTICIPATION_PN7, v1::LATE_REASON_STAFFING)
                  .ok());
  EXPECT_TRUE(out.late());

  v1::GetAnnualReportRequest req;
  *req.mutable_start_date() = D(2026, 4, 1);
  *req.mutable_end_date() = D(2027, 3, 31);
  v1::AnnualReport report;
  ASSERT_TRUE(stub_->GetAnnualReport(Manager().get(), req, &report).ok());
  EXPECT_EQ(report.reviews_held(), 2);
  EXPECT_EQ(report.reviews_late(), 1);
  EXPECT_EQ(report.reviews_late_per_mille(), 500);
  EXPECT_EQ(report.participation().eligible_reviews(), 2);
  EXPECT_EQ(report.participation().participating_reviews(), 1);
  EXPECT_FALSE(report.participation().target_met());
  EXPECT_EQ(report.admissions(0).count(), 1);  // 0-12
  EXPECT_EQ(report.admissions(1).count(), 1);  // 13+
  EXPECT_EQ(report.looked_after_at_end(), 2);
}

TEST_F(ReviewsServiceTest, SafeguardingDatasetHasOneRowPerLookedAfterReview) {
  CreateIro("iro-1");
  CreateLookedAfterChild("S1", D(2026, 4, 6));
  v1::Review out;
  ASSERT_TRUE(Record(Schedule("S1", v1::REVIEW_KIND_LAC_REVIEW), D(2026, 4, 30), &out).ok());
  v1::ExportSafeguardingDatasetRequest req;
  *req.mutable_start_date() = D(2026, 4, 1);
  *req.mutable_end_date() = D(2027, 3, 31);
  v1::ExportSafeguardingDatasetResponse rows;
  ASSERT_TRUE(stub_->ExportSafeguardingDataset(Manager().get(), req, &rows).ok());
  ASSERT_EQ(rows.reviews_size(), 1);
  EXPECT_EQ(rows.reviews(0).child(), "children/S1");
  EXPECT_EQ(rows.reviews(0).participation(), "PN1");
  EXPECT_EQ(rows.reviews(0).period_of_care_start_date().day(), 6);
}

TEST_F(ReviewsServiceTest, DataSurvivesARestart) {
  CreateLookedAfterChild("R1", D(2026, 3, 2));
  Stop();
  Start();
  v1::GetChildRequest get;
  get.set_name("children/R1");
  v1::Child child;
  ASSERT_TRUE(stub_->GetChild(Iro().get(), get, &child).ok());
  EXPECT_TRUE(child.looked_after());
}

}  // namespace
}  // namespace assure::reviews
