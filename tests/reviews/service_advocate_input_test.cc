// What advocates send the IRO through the reviews service: the child's views before a meeting,
// seen by whom the child allowed, and concerns the IRO acknowledges, answers or takes up as a
// challenge, each within its own authority's timescales.
#include <grpcpp/client_context.h>

#include "gmock/gmock.h"
#include "tests/reviews/service_fixture.h"

namespace assure::reviews {
namespace {

using assure::testing::BadFields;
using assure::testing::FailedRuleOf;
using ::testing::ElementsAre;
using ::testing::StartsWith;

class AdvocateInputTest : public ReviewsServiceTest {
 protected:
  void SetUp() override {
    ReviewsServiceTest::SetUp();
    CreateIro("iro-1");
    CreateLookedAfterChild("C1", D(2026, 3, 2));
    v1::Child child;
    ASSERT_TRUE(Allocate("C1", "iro-1", &child).ok());
    meeting_ = Schedule("C1", v1::REVIEW_KIND_LAC_REVIEW);
    ReferTo("nyas", "LA1");
  }

  void ReferTo(const std::string& partner, const std::string& tenant) {
    v1::CreateReferralRequest refer;
    refer.set_parent("children/C1");
    refer.mutable_referral()->set_partner(partner);
    refer.mutable_referral()->set_reason(v1::REFERRAL_REASON_LOOKED_AFTER_REVIEW);
    refer.mutable_referral()->set_urgency(v1::REFERRAL_URGENCY_ROUTINE);
    refer.mutable_referral()->set_consent(v1::CHILD_CONSENT_GIVEN);
    v1::Referral out;
    ASSERT_TRUE(stub_->CreateReferral(As("sw-1", "social_worker", tenant).get(), refer, &out).ok());
  }

  grpc::Status SendViews(const std::string& partner, v1::ViewsAudience audience,
                         v1::ChildViews* out) {
    v1::CreateChildViewsRequest req;
    req.set_parent(meeting_.name());
    req.mutable_views()->set_text("I want to see my brother more often");
    req.mutable_views()->set_gathered(v1::VIEWS_GATHERED_IN_PERSON);
    req.mutable_views()->set_audience(audience);
    return stub_->CreateChildViews(Advocate(partner).get(), req, out);
  }

  int ViewsSeenBy(std::unique_ptr<grpc::ClientContext> ctx) {
    v1::ListChildViewsRequest req;
    req.set_parent(meeting_.name());
    v1::ListChildViewsResponse out;
    const grpc::Status st = stub_->ListChildViews(ctx.get(), req, &out);
    return st.ok() ? out.views_size() : -st.error_code();
  }

  v1::Concern Raise(const std::string& review = "") {
    v1::RaiseConcernRequest req;
    req.set_parent("children/C1");
    req.mutable_concern()->set_text("Contact with her brother has stopped since the move");
    req.mutable_concern()->set_review(review);
    v1::Concern out;
    auto st = stub_->RaiseConcern(Advocate("nyas").get(), req, &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return out;
  }

  std::vector<std::string> Listed(const std::string& filter,
                                  std::unique_ptr<grpc::ClientContext> ctx) {
    v1::ListConcernsRequest req;
    req.set_parent("children/-");
    req.set_filter(filter);
    v1::ListConcernsResponse out;
    EXPECT_TRUE(stub_->ListConcerns(ctx.get(), req, &out).ok());
    std::vector<std::string> names;
    for (const auto& c : out.concerns()) names.push_back(c.name());
    return names;
  }

  // Calls waiting in the outbox for another service.
  int64_t Queued() {
    int64_t n = -1;
    EXPECT_TRUE(store_
                    ->Read(store::kAllTenants,
                           [&](Connection& db) {
                             return db.Query("SELECT COUNT(*) FROM outbox", {},
                                             [&](const store::Row& r) { n = r.Int(0); });
                           })
                    .ok());
    return n;
  }

  static std::unique_ptr<grpc::ClientContext> Advocate(const std::string& partner,
                                                       const std::string& tenant = "LA1") {
    return As("adv-1", "advocate", tenant, partner);
  }

  v1::Review meeting_;
};

TEST_F(AdvocateInputTest, TheChildsViewsReachTheIroAndOnlyWhomTheChildAllowed) {
  v1::ChildViews views;
  ASSERT_TRUE(SendViews("nyas", v1::VIEWS_AUDIENCE_IRO_ONLY, &views).ok());
  EXPECT_EQ(views.name(), meeting_.name() + "/views/1");
  EXPECT_EQ(views.partner(), "nyas");
  ASSERT_TRUE(SendViews("nyas", v1::VIEWS_AUDIENCE_MEETING, &views).ok());

  EXPECT_EQ(ViewsSeenBy(Iro()), 2);
  EXPECT_EQ(ViewsSeenBy(Advocate("nyas")), 2);
  EXPECT_EQ(ViewsSeenBy(As("sw-1", "social_worker")), 1) << "IRO_ONLY stays with the IRO";
  EXPECT_EQ(ViewsSeenBy(Advocate("coram")), -grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(SendViews("coram", v1::VIEWS_AUDIENCE_MEETING, &views).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(ViewsSeenBy(As("iro-9", "iro", "LA2")), -grpc::StatusCode::NOT_FOUND);
}

TEST_F(AdvocateInputTest, ViewsGoToAMeetingStillToHappenAndNameWhatIsMissing) {
  v1::CreateChildViewsRequest empty;
  empty.set_parent(meeting_.name());
  v1::ChildViews views;
  EXPECT_THAT(BadFields(stub_->CreateChildViews(Advocate("nyas").get(), empty, &views)),
              ElementsAre("views.text", "views.gathered", "views.audience"));
  v1::CancelReviewRequest cancel;
  cancel.set_name(meeting_.name());
  cancel.set_reason("the child is in hospital");
  v1::Review cancelled;
  ASSERT_TRUE(stub_->CancelReview(Iro().get(), cancel, &cancelled).ok());
  const grpc::Status late = SendViews("nyas", v1::VIEWS_AUDIENCE_MEETING, &views);
  EXPECT_EQ(FailedRuleOf(late), "views.before_meeting");
  EXPECT_EQ(ViewsSeenBy(Iro()), 0);
}

TEST_F(AdvocateInputTest, AConcernIsOverdueUntilTheIroAcknowledgesAndAnswersIt) {
  const v1::Concern raised = Raise();  // Wednesday 25 November: acknowledge by Friday 27th
  EXPECT_EQ(raised.state(), v1::CONCERN_STATE_RAISED);
  EXPECT_EQ(DayOf(raised.acknowledge_due_date()), absl::CivilDay(2026, 11, 27));
  EXPECT_THAT(Listed("overdue = true", Iro()), ::testing::IsEmpty());
  clock_.Set(LondonTime(2026, 11, 30, 9));
  EXPECT_THAT(Listed("overdue = true", Iro()), ElementsAre(raised.name()));
  EXPECT_THAT(Listed("overdue = true", Advocate("nyas")), ElementsAre(raised.name()));
  EXPECT_THAT(Listed("", Advocate("coram")), ::testing::IsEmpty());

  v1::AcknowledgeConcernRequest ack;
  ack.set_name(raised.name());
  v1::Concern out;
  ASSERT_TRUE(stub_->AcknowledgeConcern(Iro().get(), ack, &out).ok());
  EXPECT_EQ(out.state(), v1::CONCERN_STATE_ACKNOWLEDGED);
  EXPECT_FALSE(out.overdue());
  EXPECT_THAT(Listed("overdue = true", Iro()), ::testing::IsEmpty());

  v1::AnswerConcernRequest answer;
  answer.set_name(raised.name());
  EXPECT_THAT(BadFields(stub_->AnswerConcern(Iro().get(), answer, &out)), ElementsAre("answer"));
  answer.set_answer("I have asked the social worker to restart contact this week");
  ASSERT_TRUE(stub_->AnswerConcern(Iro().get(), answer, &out).ok());
  EXPECT_EQ(out.state(), v1::CONCERN_STATE_ANSWERED);
  EXPECT_EQ(out.answered_by(), "iro-1");
  EXPECT_EQ(FailedRuleOf(stub_->AnswerConcern(Iro().get(), answer, &out)),
            "concern.settled_once");
  EXPECT_EQ(stub_->AnswerConcern(Advocate("nyas").get(), answer, &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(AdvocateInputTest, TheIroTakesAConcernUpAsAChallengeWhichOpensADisputeOnce) {
  const v1::Concern raised = Raise(meeting_.name());
  const int64_t before = Queued();
  v1::ChallengeConcernRequest challenge;
  challenge.set_name(raised.name());
  challenge.set_theme("contact");
  v1::Concern out;
  ASSERT_TRUE(stub_->ChallengeConcern(Iro().get(), challenge, &out).ok());
  EXPECT_EQ(out.state(), v1::CONCERN_STATE_CHALLENGED);
  EXPECT_THAT(out.dispute(), StartsWith("disputes/"));
  EXPECT_EQ(out.acknowledged_by(), "iro-1");
  EXPECT_EQ(Queued(), before + 1) << "CreateDispute waits in the outbox";
  EXPECT_EQ(FailedRuleOf(stub_->ChallengeConcern(Iro().get(), challenge, &out)),
            "concern.challenged_once");
  EXPECT_EQ(Queued(), before + 1);

  const v1::Concern unattached = Raise();
  challenge.set_name(unattached.name());
  EXPECT_THAT(BadFields(stub_->ChallengeConcern(Iro().get(), challenge, &out)),
              ElementsAre("review"));
  challenge.set_review("children/C2/reviews/1");
  EXPECT_THAT(BadFields(stub_->ChallengeConcern(Iro().get(), challenge, &out)),
              ElementsAre("review"));
}

TEST_F(AdvocateInputTest, EachAuthoritySetsItsOwnTimescaleAndSeesOnlyItsOwnConcerns) {
  v1::UpdateReviewSettingsRequest settings;
  settings.mutable_settings()->set_name("reviewSettings");
  settings.mutable_settings()->set_concern_acknowledge_working_days(5);
  settings.mutable_update_mask()->add_paths("concern_acknowledge_working_days");
  v1::ReviewSettings saved;
  ASSERT_TRUE(
      stub_->UpdateReviewSettings(As("mgr-9", "iro_manager", "LA2").get(), settings, &saved).ok());
  v1::CreateChildRequest create;
  create.set_child_id("C1");
  *create.mutable_child()->mutable_birth_date() = D(2012, 5, 1);
  *create.mutable_child()->add_periods_of_care()->mutable_start_date() = D(2026, 3, 2);
  create.mutable_child()->mutable_periods_of_care(0)->set_legal_status(
      v1::LEGAL_STATUS_CARE_ORDER);
  v1::Child child;
  ASSERT_TRUE(stub_->CreateChild(As("mosaic", "case_system", "LA2").get(), create, &child).ok());
  ReferTo("nyas", "LA2");

  const v1::Concern la1 = Raise();
  v1::RaiseConcernRequest req;
  req.set_parent("children/C1");
  req.mutable_concern()->set_text("No one has told her when the review is");
  v1::Concern la2;
  ASSERT_TRUE(stub_->RaiseConcern(Advocate("nyas", "LA2").get(), req, &la2).ok());
  EXPECT_EQ(DayOf(la1.acknowledge_due_date()), absl::CivilDay(2026, 11, 27));
  EXPECT_EQ(DayOf(la2.acknowledge_due_date()), absl::CivilDay(2026, 12, 2));

  EXPECT_THAT(Listed("", As("iro-9", "iro", "LA2")), ElementsAre(la2.name()));
  v1::AcknowledgeConcernRequest ack;
  ack.set_name(la1.name());
  ack.set_etag(la1.etag());
  v1::Concern out;
  ASSERT_TRUE(stub_->AcknowledgeConcern(As("iro-9", "iro", "LA2").get(), ack, &out).ok())
      << "the same name in LA2 is LA2's own concern";
  EXPECT_EQ(out.text(), la2.text());
  EXPECT_THAT(Listed("state = CONCERN_STATE_RAISED", Iro()), ElementsAre(la1.name()));
}

}  // namespace
}  // namespace assure::reviews
