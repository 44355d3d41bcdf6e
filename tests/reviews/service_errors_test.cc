// Bad input is refused with every bad field or the blocking rule named, and changes nothing;
// retries and stale writes are safe.
#include "gmock/gmock.h"
#include "tests/reviews/service_fixture.h"

namespace assure::reviews {
namespace {

using assure::testing::BadFields;
using assure::testing::FailedRuleOf;
using ::testing::Contains;
using ::testing::UnorderedElementsAre;

TEST_F(ReviewsServiceTest, MissingFieldsAreAllNamedAndNothingIsCreated) {
  v1::CreateChildRequest req;
  req.set_child_id("C9");
  req.mutable_child()->add_periods_of_care();
  v1::Child out;
  auto st = stub_->CreateChild(CaseSystem().get(), req, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(BadFields(st), UnorderedElementsAre("child.birth_date",
                                                  "child.periods_of_care[0].start_date",
                                                  "child.periods_of_care[0].legal_status"));
  v1::GetChildRequest get;
  get.set_name("children/C9");
  EXPECT_EQ(stub_->GetChild(Iro().get(), get, &out).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(ReviewsServiceTest, AnImpossibleDateIsNamed) {
  v1::CreateChildRequest req;
  req.set_child_id("C9");
  auto* birth = req.mutable_child()->mutable_birth_date();
  birth->set_year(2015);
  birth->set_month(2);
  birth->set_day(30);
  v1::Child out;
  auto st = stub_->CreateChild(CaseSystem().get(), req, &out);
  EXPECT_THAT(BadFields(st), UnorderedElementsAre("child.birth_date"));
}

TEST_F(ReviewsServiceTest, AReviewHeldBeforeTheChildBecameLookedAfterIsRefused) {
  CreateLookedAfterChild("C1", D(2026, 3, 2));
  v1::Review review = Schedule("C1", v1::REVIEW_KIND_LAC_REVIEW);
  v1::Review out;
  auto st = Record(review, D(2026, 2, 27), &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(BadFields(st), UnorderedElementsAre("held_date"));
  EXPECT_THAT(st.error_message(), ::testing::HasSubstr("became looked after (2026-03-02)"));
  v1::GetReviewRequest get;
  get.set_name(review.name());
  ASSERT_TRUE(stub_->GetReview(Iro().get(), get, &out).ok());
  EXPECT_EQ(out.state(), v1::REVIEW_STATE_SCHEDULED);
}

TEST_F(ReviewsServiceTest, ALateReviewNeedsAReason) {
  CreateLookedAfterChild("C1", D(2026, 3, 2));
  v1::Review review = Schedule("C1", v1::REVIEW_KIND_LAC_REVIEW);
  v1::Review out;
  auto st = Record(review, D(2026, 3, 31), &out);
  EXPECT_THAT(BadFields(st), UnorderedElementsAre("late_reason"));
  ASSERT_TRUE(Record(review, D(2026, 3, 31), &out, v1::PARTICIPATION_PN1,
                     v1::LATE_REASON_DIARY_ERROR)
                  .ok());
  EXPECT_TRUE(out.late());
}

TEST_F(ReviewsServiceTest, Pn0IsRefusedForAChildOverFour) {
  CreateLookedAfterChild("C1", D(2026, 3, 2));
  v1::Review review = Schedule("C1", v1::REVIEW_KIND_LAC_REVIEW);
  v1::Review out;
  auto st = Record(review, D(2026, 3, 20), &out, v1::PARTICIPATION_PN0);
  EXPECT_THAT(BadFields(st), UnorderedElementsAre("participation"));
}

TEST_F(ReviewsServiceTest, AnUnknownIroIsRefusedNamingTheField) {
  CreateLookedAfterChild("C1", D(2026, 3, 2));
  v1::Child out;
  auto st = Allocate("C1", "nobody", &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(BadFields(st), UnorderedElementsAre("iro"));
}

TEST_F(ReviewsServiceTest, APreparerCannotApproveTheirOwnReport) {
  v1::CreateChildRequest req;
  req.set_child_id("CP1");
  *req.mutable_child()->mutable_birth_date() = D(2019, 2, 1);
  *req.mutable_child()->mutable_child_protection()->add_strategy_discussion_dates() = D(2026, 11, 2);
  v1::Child child;
  ASSERT_TRUE(stub_->CreateChild(CaseSystem().get(), req, &child).ok());
  v1::Review conf = Schedule("CP1", v1::REVIEW_KIND_CP_INITIAL_CONFERENCE);
  v1::UpdateReviewRequest upd;
  upd.mutable_review()->set_name(conf.name());
  upd.mutable_review()->mutable_report()->set_prepared_by("tm-1");
  upd.mutable_update_mask()->add_paths("report.prepared_by");
  v1::Review out;
  ASSERT_TRUE(stub_->UpdateReview(As("tm-1", "team_manager").get(), upd, &out).ok());

  v1::ApproveReportRequest approve;
  approve.set_name(conf.name());
  auto st = stub_->ApproveReport(As("tm-1", "team_manager").get(), approve, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(FailedRuleOf(st), "report.separation_of_duties");
  v1::GetReviewRequest get;
  get.set_name(conf.name());
  ASSERT_TRUE(stub_->GetReview(Iro().get(), get, &out).ok());
  EXPECT_TRUE(out.report().approved_by().empty());

  approve.set_approved_by("tm-2");  // naming someone else does not make them the approver
  EXPECT_THAT(BadFields(stub_->ApproveReport(As("tm-1", "team_manager").get(), approve, &out)),
              UnorderedElementsAre("approved_by"));
  upd.mutable_review()->mutable_report()->set_prepared_by("sw-9");
  EXPECT_THAT(BadFields(stub_->UpdateReview(As("tm-2", "team_manager").get(), upd, &out)),
              UnorderedElementsAre("review.report.prepared_by"));
}

TEST_F(ReviewsServiceTest, AnIroWhoWorksOnTheCaseCannotChairItsMeetingsByAnyPath) {
  CreateIro("iro-1");
  CreateIro("iro-2");
  CreateLookedAfterChild("C1", D(2026, 3, 2));
  v1::UpdateChildRequest workers;
  workers.mutable_child()->set_name("children/C1");
  workers.mutable_child()->add_case_worker_ids("iro-2");
  workers.mutable_update_mask()->add_paths("case_worker_ids");
  v1::Child child;
  ASSERT_TRUE(stub_->UpdateChild(CaseSystem().get(), workers, &child).ok());

  v1::CreateReviewRequest create;
  create.set_parent("children/C1");
  create.mutable_review()->set_kind(v1::REVIEW_KIND_LAC_REVIEW);
  create.mutable_review()->set_iro("iros/iro-2");
  v1::Review review;
  auto st = stub_->CreateReview(Iro().get(), create, &review);
  EXPECT_EQ(FailedRuleOf(st), "allocation.iro_independence");

  create.mutable_review()->set_iro("iros/iro-1");
  ASSERT_TRUE(stub_->CreateReview(Iro().get(), create, &review).ok());
  v1::UpdateReviewRequest upd;
  upd.mutable_review()->set_name(review.name());
  upd.mutable_review()->set_iro("iros/iro-2");
  upd.mutable_update_mask()->add_paths("iro");
  EXPECT_EQ(FailedRuleOf(stub_->UpdateReview(Iro().get(), upd, &review)),
            "allocation.iro_independence");

  ASSERT_TRUE(Allocate("C1", "iro-1", &child).ok());
  workers.mutable_child()->add_case_worker_ids("iro-1");
  EXPECT_EQ(FailedRuleOf(stub_->UpdateChild(CaseSystem().get(), workers, &child)),
            "allocation.iro_independence");
}

TEST_F(ReviewsServiceTest, ARetriedCreateWithTheSameRequestIdReturnsTheFirstResult) {
  v1::CreateIroRequest req;
  req.set_iro_id("iro-7");
  req.set_request_id("8a1f4e52-retry");
  req.mutable_iro()->set_display_name("First");
  req.mutable_iro()->set_fte_hundredths(80);
  req.mutable_iro()->set_chairs_lac_reviews(true);
  req.mutable_iro()->set_status(v1::IRO_STATUS_ACTIVE);
  v1::Iro first, second;
  ASSERT_TRUE(stub_->CreateIro(Manager().get(), req, &first).ok());
  clock_.Advance(absl::Minutes(1));
  ASSERT_TRUE(stub_->CreateIro(Manager().get(), req, &second).ok());
  EXPECT_EQ(second.display_name(), "First");
  EXPECT_EQ(second.create_time().seconds(), first.create_time().seconds());

  req.mutable_iro()->set_display_name("Changed on retry");
  EXPECT_THAT(BadFields(stub_->CreateIro(Manager().get(), req, &second)),
              UnorderedElementsAre("request_id"));
  req.set_request_id("");
  EXPECT_EQ(stub_->CreateIro(Manager().get(), req, &second).error_code(),
            grpc::StatusCode::ALREADY_EXISTS);
}

TEST_F(ReviewsServiceTest, ARequestIdReusedForAnotherMethodIsRefused) {
  CreateIro("iro-1");
  v1::CreateChildRequest req;
  req.set_child_id("C1");
  req.set_request_id("same-id");
  *req.mutable_child()->mutable_birth_date() = D(2015, 1, 1);
  v1::Child out;
  ASSERT_TRUE(stub_->CreateChild(CaseSystem().get(), req, &out).ok());
  v1::AllocateIroRequest alloc;
  alloc.set_name("children/C1");
  alloc.set_iro("iros/iro-1");
  alloc.set_request_id("same-id");
  auto st = stub_->AllocateIro(Manager().get(), alloc, &out);
  EXPECT_THAT(BadFields(st), UnorderedElementsAre("request_id"));
}

TEST_F(ReviewsServiceTest, AStaleEtagIsAborted) {
  v1::Child child = CreateLookedAfterChild("C1", D(2026, 3, 2));
  v1::UpdateChildRequest upd;
  *upd.mutable_child() = child;
  upd.mutable_child()->set_gender("F");
  upd.mutable_update_mask()->add_paths("gender");
  v1::Child updated;
  ASSERT_TRUE(stub_->UpdateChild(CaseSystem().get(), upd, &updated).ok());
  EXPECT_NE(updated.etag(), child.etag());

  upd.mutable_child()->set_gender("M");
  auto st = stub_->UpdateChild(CaseSystem().get(), upd, &updated);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::ABORTED);
  v1::GetChildRequest get;
  get.set_name("children/C1");
  ASSERT_TRUE(stub_->GetChild(Iro().get(), get, &updated).ok());
  EXPECT_EQ(updated.gender(), "F");
}

TEST_F(ReviewsServiceTest, AnUpdateMaskNamingAnOutputFieldIsRefused) {
  v1::Child child = CreateLookedAfterChild("C1", D(2026, 3, 2));
  v1::UpdateChildRequest upd;
  *upd.mutable_child() = child;
  upd.mutable_update_mask()->add_paths("iro_allocation");
  v1::Child out;
  EXPECT_THAT(BadFields(stub_->UpdateChild(CaseSystem().get(), upd, &out)),
              UnorderedElementsAre("update_mask"));
}

TEST_F(ReviewsServiceTest, ACallWithoutAPrincipalIsUnauthenticated) {
  grpc::ClientContext ctx;
  v1::GetChildRequest get;
  get.set_name("children/C1");
  v1::Child out;
  EXPECT_EQ(stub_->GetChild(&ctx, get, &out).error_code(), grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(ReviewsServiceTest, ARoleWithoutTheRightIsDenied) {
  v1::CreateIroRequest req;
  req.set_iro_id("iro-2");
  v1::Iro out;
  EXPECT_EQ(stub_->CreateIro(As("sw-1", "social_worker").get(), req, &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(ReviewsServiceTest, AnOversizedFieldIsRefusedNamingItAndNothingIsStored) {
  v1::CreateChildRequest req;
  req.set_child_id("BIG");
  *req.mutable_child()->mutable_birth_date() = D(2014, 3, 1);
  req.mutable_child()->set_gender(std::string(2200000, 'g'));
  v1::Child out;
  auto st = stub_->CreateChild(CaseSystem().get(), req, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(BadFields(st), UnorderedElementsAre("child.gender"));
  v1::GetChildRequest get;
  get.set_name("children/BIG");
  EXPECT_EQ(stub_->GetChild(Iro().get(), get, &out).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(ReviewsServiceTest, AHugeFilterIsABadRequestNamingTheFilter) {
  v1::ListChildrenRequest list;
  list.set_filter(std::string(7000, 'x') + " = true");
  v1::ListChildrenResponse out;
  auto st = stub_->ListChildren(Manager().get(), list, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(BadFields(st), UnorderedElementsAre("filter"));
}

TEST_F(ReviewsServiceTest, ADueDatePastTheBankHolidayListIsRefusedUntilTheListIsExtended) {
  clock_.Advance(LondonTime(2035, 12, 20, 12) - clock_.Now());
  CreateLookedAfterChild("C35", D(2035, 12, 15));
  v1::GetReviewScheduleRequest get;
  get.set_name("children/C35/reviewSchedule");
  v1::ReviewSchedule schedule;
  auto st = stub_->GetReviewSchedule(Iro().get(), get, &schedule);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(FailedRuleOf(st), "calendar.coverage");
  EXPECT_THAT(st.error_message(), ::testing::HasSubstr("2015-2035"));

  // What --bank_holidays_file loads: the built-in list and the next year's proclamation.
  calendar_ = *WorkingDays::FromList(
      "# covers: 2035 2036\n2035-12-25\tChristmas Day\n2035-12-26\tBoxing Day\n"
      "2036-01-01\tNew Year's Day\n");
  ASSERT_TRUE(stub_->GetReviewSchedule(Iro().get(), get, &schedule).ok());
  ASSERT_GE(schedule.meetings_size(), 1);
  EXPECT_EQ(schedule.meetings(0).due().due_date().year(), 2036);
  EXPECT_EQ(schedule.meetings(0).due().due_date().month(), 1);
  EXPECT_EQ(schedule.meetings(0).due().due_date().day(), 16) << "20 working days in law";
}

TEST_F(ReviewsServiceTest, AYearOutsideTheAcceptedOnesIsNamedAsSuch) {
  v1::CreateChildRequest req;
  req.set_child_id("Y1");
  *req.mutable_child()->mutable_birth_date() = D(1, 1, 1);
  v1::Child out;
  auto st = stub_->CreateChild(CaseSystem().get(), req, &out);
  EXPECT_THAT(st.error_message(), ::testing::HasSubstr("year 1 is outside the accepted years"));
}

TEST_F(ReviewsServiceTest, AnUpdateThatWouldMakeRecordedHistoryImpossibleIsRefused) {
  CreateIro("iro-1");
  v1::Child child = CreateLookedAfterChild("H1", D(2026, 3, 2));
  v1::Review first = Schedule("H1", v1::REVIEW_KIND_LAC_REVIEW);
  v1::Review held;
  ASSERT_TRUE(Record(first, D(2026, 3, 20), &held).ok());

  v1::UpdateChildRequest move;
  move.mutable_child()->set_name("children/H1");
  auto* p = move.mutable_child()->add_periods_of_care();
  *p->mutable_start_date() = D(2026, 4, 1);
  p->set_legal_status(v1::LEGAL_STATUS_CARE_ORDER);
  move.mutable_update_mask()->add_paths("periods_of_care");
  v1::Child out;
  auto st = stub_->UpdateChild(CaseSystem().get(), move, &out);
  EXPECT_EQ(FailedRuleOf(st), "history.review_within_period_of_care");

  v1::Review second = Schedule("H1", v1::REVIEW_KIND_LAC_REVIEW);
  st = Record(second, D(2026, 3, 10), &held);
  EXPECT_EQ(FailedRuleOf(st), "history.meetings_in_order");
  v1::GetReviewRequest get;
  get.set_name(second.name());
  ASSERT_TRUE(stub_->GetReview(Iro().get(), get, &held).ok());
  EXPECT_EQ(held.state(), v1::REVIEW_STATE_SCHEDULED) << "nothing changed";
}

TEST_F(ReviewsServiceTest, OneAuthorityNeverSeesAnothersChildren) {
  CreateLookedAfterChild("C1", D(2026, 3, 2));
  v1::GetChildRequest get;
  get.set_name("children/C1");
  v1::Child out;
  EXPECT_EQ(stub_->GetChild(As("iro-9", "iro", "LA2").get(), get, &out).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(ReviewsServiceTest, AMalformedNameIsNamed) {
  v1::GetReviewRequest get;
  get.set_name("children/C1/reviews/zero");
  v1::Review out;
  auto st = stub_->GetReview(Iro().get(), get, &out);
  EXPECT_THAT(BadFields(st), UnorderedElementsAre("name"));
}

}  // namespace
}  // namespace assure::reviews
