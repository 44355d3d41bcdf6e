// Allocation of IROs: hard rules refuse, soft rules need a recorded reason, and no child is
// left without an active IRO unseen.
#include "gmock/gmock.h"
#include "tests/reviews/service_fixture.h"

namespace assure::reviews {
namespace {

using assure::testing::FailedRuleOf;

TEST_F(ReviewsServiceTest, NotificationDelayIsMeasuredAgainstFiveWorkingDays) {
  CreateIro("iro-1");
  CreateLookedAfterChild("C1", D(2026, 11, 16));
  v1::Child child;
  ASSERT_TRUE(Allocate("C1", "iro-1", &child).ok());  // allocated today, 25 November
  EXPECT_EQ(child.iro_allocation().notification_delay_working_days(), 7);
  EXPECT_FALSE(child.iro_allocation().within_notification_target());
}

TEST_F(ReviewsServiceTest, AnIroWhoWorksOnTheCaseCannotBeItsIro) {
  CreateIro("iro-1");
  v1::Child child = CreateLookedAfterChild("C1", D(2026, 3, 2));
  v1::UpdateChildRequest upd;
  upd.mutable_child()->set_name("children/C1");
  upd.mutable_child()->add_case_worker_ids("iro-1");
  upd.mutable_update_mask()->add_paths("case_worker_ids");
  ASSERT_TRUE(stub_->UpdateChild(CaseSystem().get(), upd, &child).ok());
  auto st = Allocate("C1", "iro-1", &child);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(FailedRuleOf(st), "allocation.iro_independence");
}

TEST_F(ReviewsServiceTest, SplittingSiblingsNeedsARecordedReason) {
  CreateIro("iro-1");
  CreateIro("iro-2");
  for (const char* id : {"S1", "S2"}) {
    v1::CreateChildRequest req;
    req.set_child_id(id);
    *req.mutable_child()->mutable_birth_date() = D(2014, 1, 1);
    req.mutable_child()->set_sibling_group("fam-1");
    auto* p = req.mutable_child()->add_periods_of_care();
    *p->mutable_start_date() = D(2026, 3, 2);
    p->set_legal_status(v1::LEGAL_STATUS_INTERIM_CARE_ORDER);
    v1::Child out;
    ASSERT_TRUE(stub_->CreateChild(CaseSystem().get(), req, &out).ok());
  }
  v1::Child child;
  ASSERT_TRUE(Allocate("S1", "iro-1", &child).ok());
  auto st = Allocate("S2", "iro-2", &child);
  EXPECT_EQ(FailedRuleOf(st), "allocation.soft_rule");
  ASSERT_TRUE(Allocate("S2", "iro-2", &child, "sibling placed out of county").ok());
  EXPECT_EQ(child.iro_allocation().override_reason(), "sibling placed out of county");
  EXPECT_EQ(child.iro_allocation().overridden_warnings_size(), 1);
}

TEST_F(ReviewsServiceTest, ALeaversChildrenJoinTheExceptionListUntilTransferred) {
  CreateIro("iro-1");
  v1::Iro iro2 = CreateIro("iro-2");
  CreateLookedAfterChild("C1", D(2026, 3, 2));
  CreateLookedAfterChild("C2", D(2026, 3, 2));
  v1::Child child;
  ASSERT_TRUE(Allocate("C1", "iro-1", &child).ok());
  ASSERT_TRUE(Allocate("C2", "iro-1", &child).ok());
  EXPECT_THAT(Metrics(), ::testing::HasSubstr(
                             "assure_reviews_children_without_active_iro{tenant=\"LA1\"} 0"));
  EXPECT_THAT(Metrics(), ::testing::HasSubstr(
                             "assure_reviews_iro_caseload{iro=\"iro-1\",kind=\"lac\",tenant=\"LA1\"} 2"));

  v1::UpdateIroRequest leave;
  leave.mutable_iro()->set_name("iros/iro-1");
  leave.mutable_iro()->set_status(v1::IRO_STATUS_LEAVER);
  leave.mutable_update_mask()->add_paths("status");
  v1::Iro updated;
  ASSERT_TRUE(stub_->UpdateIro(Manager().get(), leave, &updated).ok());

  v1::ListChildrenRequest list;
  list.set_filter("has_active_iro = false");
  v1::ListChildrenResponse exceptions;
  ASSERT_TRUE(stub_->ListChildren(Manager().get(), list, &exceptions).ok());
  EXPECT_EQ(exceptions.children_size(), 2);
  EXPECT_THAT(Metrics(), ::testing::HasSubstr(
                             "assure_reviews_children_without_active_iro{tenant=\"LA1\"} 2"));

  v1::TransferCaseloadRequest transfer;
  transfer.set_name("iros/iro-1");
  transfer.set_target_iro("iros/iro-2");
  v1::TransferCaseloadResponse moved;
  ASSERT_TRUE(stub_->TransferCaseload(Manager().get(), transfer, &moved).ok());
  EXPECT_EQ(moved.moved_children_size(), 2);
  ASSERT_TRUE(stub_->ListChildren(Manager().get(), list, &exceptions).ok());
  EXPECT_EQ(exceptions.children_size(), 0);
  EXPECT_THAT(Metrics(), ::testing::HasSubstr(
                             "assure_reviews_children_without_active_iro{tenant=\"LA1\"} 0"));

  v1::GetIroRequest get;
  get.set_name(iro2.name());
  ASSERT_TRUE(stub_->GetIro(Manager().get(), get, &updated).ok());
  EXPECT_EQ(updated.lac_caseload(), 2);
}

TEST_F(ReviewsServiceTest, ListChildrenPagesThroughEveryChildOnce) {
  for (int i = 0; i < 7; ++i) CreateLookedAfterChild("P" + std::to_string(i), D(2026, 3, 2));
  v1::ListChildrenRequest list;
  list.set_page_size(3);
  std::vector<std::string> seen;
  for (int page = 0; page < 5; ++page) {
    v1::ListChildrenResponse resp;
    ASSERT_TRUE(stub_->ListChildren(Manager().get(), list, &resp).ok());
    for (const auto& c : resp.children()) seen.push_back(c.name());
    if (resp.next_page_token().empty()) break;
    list.set_page_token(resp.next_page_token());
  }
  EXPECT_EQ(seen.size(), 7u);
  EXPECT_EQ(seen.front(), "children/P0");
  EXPECT_EQ(seen.back(), "children/P6");
}

TEST_F(ReviewsServiceTest, APageTokenCannotBeReusedWithAnotherFilter) {
  for (int i = 0; i < 3; ++i) CreateLookedAfterChild("P" + std::to_string(i), D(2026, 3, 2));
  v1::ListChildrenRequest list;
  list.set_page_size(1);
  v1::ListChildrenResponse resp;
  ASSERT_TRUE(stub_->ListChildren(Manager().get(), list, &resp).ok());
  list.set_page_token(resp.next_page_token());
  list.set_filter("looked_after = true");
  EXPECT_THAT(assure::testing::BadFields(stub_->ListChildren(Manager().get(), list, &resp)),
              ::testing::ElementsAre("page_token"));
}


TEST_F(ReviewsServiceTest, AnIroWhoLineManagesAWorkerOnTheCaseCannotBeItsIroOrChair) {
  CreateIro("tm-7");
  CreateLookedAfterChild("C1", D(2026, 3, 2));
  v1::UpdateChildRequest upd;
  upd.mutable_child()->set_name("children/C1");
  upd.mutable_child()->add_case_worker_ids("sw-1");
  upd.mutable_child()->add_case_worker_line_manager_ids("tm-7");
  upd.mutable_update_mask()->add_paths("case_worker_ids");
  upd.mutable_update_mask()->add_paths("case_worker_line_manager_ids");
  v1::Child child;
  ASSERT_TRUE(stub_->UpdateChild(CaseSystem().get(), upd, &child).ok());
  auto st = Allocate("C1", "tm-7", &child, "no one else is free");
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(testing::FailedRuleOf(st), "allocation.iro_independence");
  v1::CreateReviewRequest review;
  review.set_parent("children/C1");
  review.mutable_review()->set_kind(v1::REVIEW_KIND_LAC_REVIEW);
  review.mutable_review()->set_iro("iros/tm-7");
  v1::Review out;
  EXPECT_EQ(testing::FailedRuleOf(stub_->CreateReview(Iro().get(), review, &out)),
            "allocation.iro_independence");
}

TEST_F(ReviewsServiceTest, AllocationPastTheAuthoritysCaseloadBenchmarkNeedsAReason) {
  CreateIro("iro-1");
  for (const char* id : {"C1", "C2"}) CreateLookedAfterChild(id, D(2026, 3, 2));
  v1::UpdateReviewSettingsRequest settings;
  settings.mutable_settings()->set_name("reviewSettings");
  settings.mutable_settings()->set_caseload_benchmark_low(1);
  settings.mutable_settings()->set_caseload_benchmark_high(1);
  settings.mutable_settings()->set_departure_reason("a test of the benchmark");
  for (const char* path : {"caseload_benchmark_low", "caseload_benchmark_high", "departure_reason"}) {
    settings.mutable_update_mask()->add_paths(path);
  }
  v1::ReviewSettings saved;
  ASSERT_TRUE(stub_->UpdateReviewSettings(Manager().get(), settings, &saved).ok());
  v1::Child child;
  ASSERT_TRUE(Allocate("C1", "iro-1", &child).ok());
  // Re-allocating the same child does not count it twice.
  ASSERT_TRUE(Allocate("C1", "iro-1", &child).ok());
  auto st = Allocate("C2", "iro-1", &child);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(testing::FailedRuleOf(st), "allocation.soft_rule");
  EXPECT_NE(st.error_message().find("allocation.caseload_benchmark"), std::string::npos);
  ASSERT_TRUE(Allocate("C2", "iro-1", &child, "covering a long absence until January").ok());
  EXPECT_EQ(child.iro_allocation().override_reason(), "covering a long absence until January");
}

}  // namespace
}  // namespace assure::reviews
