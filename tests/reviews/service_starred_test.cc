// Starred recommendations: decisions with a deadline that enter the problem resolution log
// only when the deadline is missed, once, whichever replica's check finds them first, on
// SQLite and on PostgreSQL.
#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/reviews/service_fixture.h"

namespace assure::reviews {
namespace {

using assure::testing::As;
using assure::testing::BadFields;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::StartsWith;

class StarredTest : public ReviewsServiceTest {
 protected:
  // A held looked-after review in `tenant` and a decision made at it.
  v1::Decision DecisionIn(const std::string& tenant, const std::string& child,
                          google::type::Date due, bool starred) {
    v1::CreateChildRequest make_child;
    make_child.set_child_id(child);
    *make_child.mutable_child()->mutable_birth_date() = D(2012, 5, 1);
    auto* p = make_child.mutable_child()->add_periods_of_care();
    *p->mutable_start_date() = D(2026, 10, 1);
    p->set_legal_status(v1::LEGAL_STATUS_CARE_ORDER);
    v1::Child made;
    EXPECT_TRUE(stub_->CreateChild(As("mosaic", "case_system", tenant).get(), make_child, &made)
                    .ok());
    v1::CreateReviewRequest schedule;
    schedule.set_parent("children/" + child);
    schedule.mutable_review()->set_kind(v1::REVIEW_KIND_LAC_REVIEW);
    v1::Review review;
    EXPECT_TRUE(stub_->CreateReview(IroIn(tenant).get(), schedule, &review).ok());
    v1::RecordReviewRequest record;
    record.set_name(review.name());
    *record.mutable_held_date() = D(2026, 10, 20);
    record.set_participation(v1::PARTICIPATION_PN1);
    EXPECT_TRUE(stub_->RecordReview(IroIn(tenant).get(), record, &review).ok());

    v1::CreateDecisionRequest req;
    req.set_parent(review.name());
    req.mutable_decision()->set_text("Find a permanent placement with the siblings");
    req.mutable_decision()->set_owner("tm-4");
    *req.mutable_decision()->mutable_due_date() = due;
    req.mutable_decision()->set_starred(starred);
    if (starred) req.mutable_decision()->set_theme("permanent_placement_delay");
    v1::Decision out;
    const auto st = stub_->CreateDecision(IroIn(tenant).get(), req, &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return out;
  }

  v1::Decision Get(const std::string& tenant, const std::string& name) {
    v1::GetDecisionRequest req;
    req.set_name(name);
    v1::Decision out;
    EXPECT_TRUE(stub_->GetDecision(IroIn(tenant).get(), req, &out).ok());
    return out;
  }

  void DayOf(int y, int m, int d) { clock_.Set(LondonTime(y, m, d, 9)); }

  // The value a tenant's figure is exported with ("" when it is not).
  std::string Figure(const std::string& name, const std::string& tenant) {
    const std::string all = Metrics();
    const std::string series = absl::StrCat("\n", name, "{tenant=\"", tenant, "\"} ");
    const size_t at = all.find(series);
    if (at == std::string::npos) return "";
    const size_t from = at + series.size();
    return all.substr(from, all.find('\n', from) - from);
  }

  // Calls waiting in the outbox for another service.
  int64_t Queued() {
    int64_t n = -1;
    EXPECT_TRUE(store_->Read(store::kAllTenants, [&](Connection& db) {
      return db.Query("SELECT COUNT(*) FROM outbox", {},
                      [&](const store::Row& r) { n = r.Int(0); });
    }).ok());
    return n;
  }

  static std::unique_ptr<grpc::ClientContext> IroIn(const std::string& tenant) {
    return As("iro-1", "iro", tenant);
  }
};

TEST_F(StarredTest, AStarredRecommendationEntersTheLogOnlyTheDayAfterItsDeadlineAndOnce) {
  const v1::Decision d = DecisionIn("LA1", "C1", D(2026, 12, 1), true);
  EXPECT_TRUE(d.starred());
  EXPECT_EQ(d.theme(), "permanent_placement_delay");
  EXPECT_TRUE(d.dispute().empty());
  EXPECT_EQ(Figure("assure_reviews_starred_open", "LA1"), "1");

  EXPECT_EQ(service_->RunStarredCheck(), 0);  // before the deadline: nothing in the log
  DayOf(2026, 12, 1);
  EXPECT_EQ(service_->RunStarredCheck(), 0);  // the deadline day is still in time
  EXPECT_EQ(Figure("assure_reviews_starred_overdue", "LA1"), "0");

  DayOf(2026, 12, 2);
  EXPECT_EQ(service_->RunStarredCheck(), 1);
  const v1::Decision sent = Get("LA1", d.name());
  EXPECT_THAT(sent.dispute(), StartsWith("disputes/d-"));
  EXPECT_EQ(sent.state(), v1::DECISION_STATE_OPEN);
  EXPECT_EQ(Figure("assure_reviews_starred_overdue", "LA1"), "1");
  EXPECT_EQ(Queued(), 1);

  EXPECT_EQ(service_->RunStarredCheck(), 0);  // once
  DayOf(2026, 12, 9);
  EXPECT_EQ(service_->RunStarredCheck(), 0);
  EXPECT_EQ(Queued(), 1);
}

TEST_F(StarredTest, ARecommendationCarriedOutInTimeNeverEntersTheLog) {
  const v1::Decision d = DecisionIn("LA1", "C1", D(2026, 12, 1), true);
  v1::CompleteDecisionRequest done;
  done.set_name(d.name());
  *done.mutable_completed_date() = D(2026, 11, 25);
  v1::Decision completed;
  ASSERT_TRUE(stub_->CompleteDecision(As("tm-4", "team_manager").get(), done, &completed).ok());
  EXPECT_EQ(Figure("assure_reviews_starred_open", "LA1"), "0");

  DayOf(2026, 12, 2);
  EXPECT_EQ(service_->RunStarredCheck(), 0);
  EXPECT_TRUE(Get("LA1", d.name()).dispute().empty());
  EXPECT_EQ(Queued(), 0);
}

TEST_F(StarredTest, AnUnstarredDecisionPastItsDueDateIsDriftNotADispute) {
  DecisionIn("LA1", "C1", D(2026, 12, 1), false);
  DayOf(2026, 12, 2);
  EXPECT_EQ(service_->RunStarredCheck(), 0);
  EXPECT_EQ(Figure("assure_reviews_decisions_overdue", "LA1"), "1");
}

TEST_F(StarredTest, EachAuthoritysDeadlinesAreItsOwnAndCountedApart) {
  const v1::Decision la1 = DecisionIn("LA1", "C1", D(2026, 12, 1), true);
  const v1::Decision la2 = DecisionIn("LA2", "C1", D(2026, 12, 8), true);
  DayOf(2026, 12, 2);
  EXPECT_EQ(service_->RunStarredCheck(), 1);
  EXPECT_FALSE(Get("LA1", la1.name()).dispute().empty());
  EXPECT_TRUE(Get("LA2", la2.name()).dispute().empty());
  EXPECT_EQ(Figure("assure_reviews_starred_overdue", "LA1"), "1");
  EXPECT_EQ(Figure("assure_reviews_starred_overdue", "LA2"), "0");

  // The log of starred recommendations, across children, is each authority's own.
  v1::ListDecisionsRequest list;
  list.set_parent("children/-/reviews/-");
  list.set_filter("starred = true");
  v1::ListDecisionsResponse page;
  ASSERT_TRUE(stub_->ListDecisions(IroIn("LA2").get(), list, &page).ok());
  ASSERT_EQ(page.decisions_size(), 1);
  EXPECT_EQ(page.decisions(0).due_date().day(), 8);

  DayOf(2026, 12, 9);
  EXPECT_EQ(service_->RunStarredCheck(), 1);
  EXPECT_FALSE(Get("LA2", la2.name()).dispute().empty());
}

TEST_F(StarredTest, TwoReplicasCheckingTogetherSendEachMissedDeadlineOnce) {
  for (int i = 0; i < 6; ++i) DecisionIn("LA1", absl::StrCat("C", i), D(2026, 12, 1), true);
  ReviewsService replica(*store_, calendar_, clock_, *metrics_, *outbox_, routes_);
  DayOf(2026, 12, 2);
  int first = 0, second = 0;
  std::thread a([&] { first = service_->RunStarredCheck(); });
  std::thread b([&] { second = replica.RunStarredCheck(); });
  a.join();
  b.join();
  EXPECT_EQ(first + second, 6);
  EXPECT_EQ(Queued(), 6);
  EXPECT_EQ(Figure("assure_reviews_starred_overdue", "LA1"), "6");
}

TEST_F(StarredTest, AStarredRecommendationNeedsAThemeAndOnlyItCarriesOne) {
  v1::CreateDecisionRequest req;
  req.set_parent("children/C1/reviews/1");
  req.mutable_decision()->set_text("Review contact");
  req.mutable_decision()->set_owner("sw-1");
  *req.mutable_decision()->mutable_due_date() = D(2026, 12, 1);
  req.mutable_decision()->set_starred(true);
  v1::Decision out;
  auto st = stub_->CreateDecision(Iro().get(), req, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(BadFields(st), Contains("decision.theme"));

  req.mutable_decision()->set_starred(false);
  req.mutable_decision()->set_theme("permanent_placement_delay");
  st = stub_->CreateDecision(Iro().get(), req, &out);
  EXPECT_THAT(BadFields(st), Contains("decision.theme"));
  EXPECT_THAT(st.error_message(), HasSubstr("starred recommendations only"));
}

TEST_F(StarredTest, AChallengeCannotBeStarred) {
  CreateIro("iro-1");
  CreateLookedAfterChild("C1", D(2026, 10, 1));
  const v1::Review review = Schedule("C1", v1::REVIEW_KIND_LAC_REVIEW);
  v1::RecordReviewRequest req;
  req.set_name(review.name());
  *req.mutable_held_date() = D(2026, 10, 20);
  req.set_participation(v1::PARTICIPATION_PN1);
  auto* c = req.add_challenges();
  c->set_theme("permanent_placement_delay");
  c->set_concern("no permanent placement in nine months");
  c->set_starred(true);
  v1::Review out;
  const auto st = stub_->RecordReview(Iro().get(), req, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(BadFields(st), Contains("challenges[0].starred"));
  v1::GetReviewRequest get;
  get.set_name(review.name());
  ASSERT_TRUE(stub_->GetReview(Iro().get(), get, &out).ok());
  EXPECT_EQ(out.state(), v1::REVIEW_STATE_SCHEDULED);  // nothing changed
}

}  // namespace
}  // namespace assure::reviews
