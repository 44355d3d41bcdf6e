// The worklist through the API: meetings overdue and due soon across every child, the
// meetings a child's chains need with none scheduled, and their gauges, per authority.
#include "gmock/gmock.h"
#include "tests/reviews/service_fixture.h"

namespace assure::reviews {
namespace {

using ::testing::HasSubstr;

class WorklistTest : public ReviewsServiceTest {
 protected:
  // On 25 November 2026: A's first review was due on 29 October (overdue); B's is due on
  // 18 December (due soon: the window of 20 working days runs to 23 December); C's second
  // is due on 25 December (neither); D has none scheduled (its first is due 30 November).
  void SetUpChildren() {
    CreateIro("iro-1");
    CreateLookedAfterChild("A", D(2026, 10, 1));
    CreateLookedAfterChild("B", D(2026, 11, 20));
    CreateLookedAfterChild("C", D(2026, 9, 1));
    CreateLookedAfterChild("D", D(2026, 11, 2));
    v1::Child allocated;
    ASSERT_TRUE(Allocate("D", "iro-1", &allocated).ok());
    a_ = Schedule("A", v1::REVIEW_KIND_LAC_REVIEW);
    b_ = Schedule("B", v1::REVIEW_KIND_LAC_REVIEW);
    v1::Review held;
    ASSERT_TRUE(Record(Schedule("C", v1::REVIEW_KIND_LAC_REVIEW), D(2026, 9, 25), &held).ok());
    c_ = Schedule("C", v1::REVIEW_KIND_LAC_REVIEW);
  }

  std::vector<std::string> Names(const std::string& filter, const std::string& order_by = "",
                                 const std::string& tenant = "LA1") {
    v1::ListReviewsRequest req;
    req.set_parent("children/-");
    req.set_filter(filter);
    req.set_order_by(order_by);
    v1::ListReviewsResponse out;
    auto st = stub_->ListReviews(As("mgr-1", "iro_manager", tenant).get(), req, &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
    std::vector<std::string> names;
    for (const auto& r : out.reviews()) names.push_back(r.name());
    return names;
  }

  v1::ListUnscheduledMeetingsResponse Unscheduled(const std::string& filter = "",
                                                  const std::string& tenant = "LA1") {
    v1::ListUnscheduledMeetingsRequest req;
    req.set_parent("children/-");
    req.set_filter(filter);
    v1::ListUnscheduledMeetingsResponse out;
    auto st = stub_->ListUnscheduledMeetings(As("mgr-1", "iro_manager", tenant).get(), req, &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return out;
  }

  v1::Review a_, b_, c_;
};

TEST_F(WorklistTest, EachMeetingSaysWhetherItIsOverdueOrDueSoon) {
  SetUpChildren();
  EXPECT_TRUE(a_.overdue());
  EXPECT_FALSE(a_.due_soon());
  EXPECT_FALSE(b_.overdue());
  EXPECT_TRUE(b_.due_soon());
  EXPECT_FALSE(c_.overdue() || c_.due_soon());
  v1::GetReviewRequest get;
  get.set_name(a_.name());
  v1::Review read;
  ASSERT_TRUE(stub_->GetReview(Iro().get(), get, &read).ok());
  EXPECT_TRUE(read.overdue());
}

TEST_F(WorklistTest, ListsTheMeetingsOverdueDueSoonOrInARangeAcrossEveryChild) {
  SetUpChildren();
  EXPECT_THAT(Names("overdue = true"), ::testing::ElementsAre(a_.name()));
  EXPECT_THAT(Names("due_soon = true"), ::testing::ElementsAre(b_.name()));
  EXPECT_THAT(Names("overdue = false AND state = REVIEW_STATE_SCHEDULED"),
              ::testing::ElementsAre(b_.name(), c_.name()));
  EXPECT_THAT(Names(R"(due_date >= "2026-12-19" AND due_date <= "2026-12-31")"),
              ::testing::ElementsAre(c_.name()));
  EXPECT_THAT(Names("state = REVIEW_STATE_SCHEDULED", "due_date"),
              ::testing::ElementsAre(a_.name(), b_.name(), c_.name()));
  // Held, the overdue meeting leaves the list.
  v1::Review held;
  ASSERT_TRUE(Record(a_, D(2026, 11, 25), &held, v1::PARTICIPATION_PN1,
                     v1::LATE_REASON_STAFFING).ok());
  EXPECT_FALSE(held.overdue());
  EXPECT_THAT(Names("overdue = true"), ::testing::IsEmpty());
}

TEST_F(WorklistTest, PagesInDueDateOrder) {
  SetUpChildren();
  v1::ListReviewsRequest req;
  req.set_parent("children/-");
  req.set_filter("state = REVIEW_STATE_SCHEDULED");
  req.set_order_by("due_date");
  req.set_page_size(1);
  std::vector<std::string> seen;
  do {
    v1::ListReviewsResponse page;
    ASSERT_TRUE(stub_->ListReviews(Iro().get(), req, &page).ok());
    for (const auto& r : page.reviews()) seen.push_back(r.name());
    req.set_page_token(page.next_page_token());
  } while (!req.page_token().empty());
  EXPECT_THAT(seen, ::testing::ElementsAre(a_.name(), b_.name(), c_.name()));
}

TEST_F(WorklistTest, ABadWorklistFilterIsRefusedNamingTheField) {
  v1::ListReviewsRequest req;
  req.set_parent("children/-");
  req.set_filter(R"(due_date >= "next week")");
  v1::ListReviewsResponse out;
  auto st = stub_->ListReviews(Iro().get(), req, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(st.error_message(), HasSubstr("due_date>= takes a date"));
  req.set_filter("due_date > 2026-01-01");
  EXPECT_EQ(stub_->ListReviews(Iro().get(), req, &out).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  req.set_filter("");
  req.set_order_by("due_date desc");
  EXPECT_EQ(stub_->ListReviews(Iro().get(), req, &out).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  v1::ListUnscheduledMeetingsRequest unscheduled;
  unscheduled.set_parent("children/-");
  unscheduled.set_filter("due_soon = false");
  v1::ListUnscheduledMeetingsResponse none;
  EXPECT_EQ(stub_->ListUnscheduledMeetings(Iro().get(), unscheduled, &none).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(WorklistTest, ChildrenWhoseNextMeetingIsNotScheduledAreTheExceptions) {
  SetUpChildren();
  auto out = Unscheduled();
  ASSERT_EQ(out.unscheduled_meetings_size(), 1);
  const auto& d = out.unscheduled_meetings(0);
  EXPECT_EQ(d.child(), "children/D");
  EXPECT_EQ(d.kind(), v1::REVIEW_KIND_LAC_REVIEW);
  EXPECT_EQ(d.iro(), "iros/iro-1");
  EXPECT_EQ(d.due().rule(), "lac_review.first");
  EXPECT_EQ(d.due().due_date().day(), 30);
  EXPECT_TRUE(d.due_soon());
  EXPECT_FALSE(d.overdue());
  EXPECT_EQ(Unscheduled("iro = iros/iro-1").unscheduled_meetings_size(), 1);
  EXPECT_EQ(Unscheduled("iro = iros/iro-2").unscheduled_meetings_size(), 0);
  EXPECT_EQ(Unscheduled("overdue = true").unscheduled_meetings_size(), 0);
  EXPECT_EQ(Unscheduled("due_soon = true").unscheduled_meetings_size(), 1);
  EXPECT_THAT(Metrics(), HasSubstr("assure_reviews_unscheduled{tenant=\"LA1\"} 1"));

  // A week on, it is overdue; once held, the child's next review is the exception.
  clock_.Advance(absl::Hours(24 * 6));
  EXPECT_EQ(Unscheduled("overdue = true").unscheduled_meetings_size(), 1);
  const v1::Review first = Schedule("D", v1::REVIEW_KIND_LAC_REVIEW);
  EXPECT_EQ(Unscheduled().unscheduled_meetings_size(), 0);
  EXPECT_THAT(Metrics(), HasSubstr("assure_reviews_unscheduled{tenant=\"LA1\"} 0"));
  v1::Review held;
  ASSERT_TRUE(Record(first, D(2026, 11, 30), &held).ok());
  out = Unscheduled();
  ASSERT_EQ(out.unscheduled_meetings_size(), 1);
  EXPECT_EQ(out.unscheduled_meetings(0).due().rule(), "lac_review.second");
  EXPECT_THAT(Metrics(), HasSubstr("assure_reviews_unscheduled{tenant=\"LA1\"} 1"));
}

TEST_F(WorklistTest, GaugesCountEachAuthoritysMeetingsApart) {
  SetUpChildren();
  v1::CreateChildRequest other;
  other.set_child_id("A");
  *other.mutable_child()->mutable_birth_date() = D(2015, 1, 1);
  auto* p = other.mutable_child()->add_periods_of_care();
  *p->mutable_start_date() = D(2026, 10, 1);
  p->set_legal_status(v1::LEGAL_STATUS_CARE_ORDER);
  v1::Child child;
  ASSERT_TRUE(stub_->CreateChild(As("mosaic", "case_system", "LA2").get(), other, &child).ok());
  EXPECT_THAT(Metrics(), HasSubstr("assure_reviews_unscheduled{tenant=\"LA2\"} 1"));
  v1::CreateReviewRequest schedule;
  schedule.set_parent("children/A");
  schedule.mutable_review()->set_kind(v1::REVIEW_KIND_LAC_REVIEW);
  v1::Review review;
  ASSERT_TRUE(
      stub_->CreateReview(As("iro-9", "iro", "LA2").get(), schedule, &review).ok());

  EXPECT_THAT(Names("overdue = true", "", "LA2"), ::testing::ElementsAre(review.name()));
  EXPECT_EQ(Unscheduled("", "LA2").unscheduled_meetings_size(), 0);
  const std::string text = Metrics();
  EXPECT_THAT(text, HasSubstr("assure_reviews_overdue{kind=\"lac_review\",tenant=\"LA1\"} 1"));
  EXPECT_THAT(text, HasSubstr("assure_reviews_overdue{kind=\"lac_review\",tenant=\"LA2\"} 1"));
  EXPECT_THAT(text, HasSubstr("assure_reviews_scheduled{kind=\"lac_review\",tenant=\"LA1\"} 3"));
  EXPECT_THAT(text, HasSubstr("assure_reviews_unscheduled{tenant=\"LA1\"} 1"));
  EXPECT_THAT(text, HasSubstr("assure_reviews_unscheduled{tenant=\"LA2\"} 0"));

  v1::CancelReviewRequest cancel;
  cancel.set_name(a_.name());
  cancel.set_reason("child moved to another authority's care: to be rebooked");
  cancel.set_request_id("6a1f0c52-0d57-4b0e-9d0e-5c1d7a1c0001");
  v1::Review cancelled;
  ASSERT_TRUE(stub_->CancelReview(Iro().get(), cancel, &cancelled).ok());
  EXPECT_THAT(Metrics(), HasSubstr("assure_reviews_overdue{kind=\"lac_review\",tenant=\"LA1\"} 0"));
  EXPECT_THAT(Metrics(), HasSubstr("assure_reviews_unscheduled{tenant=\"LA1\"} 2"));
}

TEST_F(WorklistTest, ADatabaseFromBeforeTheWorklistIsCountedOnceAtStart) {
  SetUpChildren();
  const std::string before = Metrics();
  ASSERT_TRUE(store_
                  ->WriteAndWait(store::kAllTenants,
                                 [](store::Tx& tx) -> absl::Status {
                                   auto& db = tx.db();
                                   for (const char* sql :
                                        {"DELETE FROM next_meetings",
                                         "DELETE FROM figures WHERE name IN "
                                         "('assure_reviews_scheduled', "
                                         "'assure_reviews_unscheduled')",
                                         "DELETE FROM figures_seeded WHERE component = "
                                         "'reviews_worklist'"}) {
                                     if (auto st = db.Exec(sql, {}); !st.ok()) return st;
                                   }
                                   return absl::OkStatus();
                                 })
                  .ok());
  EXPECT_EQ(Unscheduled().unscheduled_meetings_size(), 0);
  Stop();
  Start();
  EXPECT_EQ(Unscheduled().unscheduled_meetings_size(), 1);
  const std::string after = Metrics();
  EXPECT_THAT(after, HasSubstr("assure_reviews_overdue{kind=\"lac_review\",tenant=\"LA1\"} 1"));
  EXPECT_THAT(after, HasSubstr("assure_reviews_scheduled{kind=\"lac_review\",tenant=\"LA1\"} 3"));
  EXPECT_THAT(after, HasSubstr("assure_reviews_unscheduled{tenant=\"LA1\"} 1"));
  // Counted once: a second start adds nothing.
  Stop();
  Start();
  EXPECT_THAT(Metrics(), HasSubstr("assure_reviews_scheduled{kind=\"lac_review\",tenant=\"LA1\"} 3"));
}

}  // namespace
}  // namespace assure::reviews
