// What reviews tells the event feed: each change's event, written in its transaction and
// numbered in commit order, delivered by the outbox to a real events service as whoever
// made the change (a partner as that partner); a refused change tells nothing.
#include "gmock/gmock.h"
#include "tests/events/events_fixture.h"
#include "tests/reviews/service_fixture.h"

namespace assure::reviews {
namespace {

using ::testing::ElementsAre;

class ReviewsEventsTest : public ReviewsServiceTest {
 protected:
  void SetUp() override {
    feed_ = std::make_unique<events::SenderFeed>(testing::TestStoreLocation(dir_.File("events.db")),
                                                 clock_);
    routes_ = feed_->RoutesHere();
    ReviewsServiceTest::SetUp();
    CreateIro("iro-1");
    CreateLookedAfterChild("C1", D(2026, 3, 2));
    v1::Child child;
    ASSERT_TRUE(Allocate("C1", "iro-1", &child).ok());
  }

  // "type subject (source number)" for each event `as` sees, once the outbox has delivered.
  std::vector<std::string> Feed(std::unique_ptr<grpc::ClientContext> as) {
    return feed_->Seen(*outbox_, std::move(as), "reviews");
  }

  grpc::Status Refer(const std::string& partner, v1::Referral* out) {
    v1::CreateReferralRequest refer;
    refer.set_parent("children/C1");
    refer.mutable_referral()->set_partner(partner);
    refer.mutable_referral()->set_reason(v1::REFERRAL_REASON_LOOKED_AFTER_REVIEW);
    refer.mutable_referral()->set_urgency(v1::REFERRAL_URGENCY_ROUTINE);
    refer.mutable_referral()->set_consent(v1::CHILD_CONSENT_GIVEN);
    return stub_->CreateReferral(As("sw-1", "social_worker").get(), refer, out);
  }

  grpc::Status Raise(const std::string& partner, v1::Concern* out) {
    v1::RaiseConcernRequest req;
    req.set_parent("children/C1");
    req.mutable_concern()->set_text("the meeting is during school hours");
    return stub_->RaiseConcern(As("adv-1", "advocate", "LA1", partner).get(), req, out);
  }

  std::unique_ptr<events::SenderFeed> feed_;
};

TEST_F(ReviewsEventsTest, AMeetingsLifeReachesTheFeedInOrder) {
  const v1::Review meeting = Schedule("C1", v1::REVIEW_KIND_LAC_REVIEW);
  v1::CancelReviewRequest cancel;
  cancel.set_name(meeting.name());
  cancel.set_reason("the child is in hospital");
  v1::Review cancelled;
  ASSERT_TRUE(stub_->CancelReview(Iro().get(), cancel, &cancelled).ok());
  EXPECT_THAT(Feed(As("iro-1", "iro")),
              ElementsAre("reviews.review.scheduled " + meeting.name() + " (1)",
                          "reviews.review.cancelled " + meeting.name() + " (2)"));
}

TEST_F(ReviewsEventsTest, APartnersChangeReachesTheFeedAsThatPartnerAndOnlyItSeesIt) {
  v1::Referral referral;
  ASSERT_TRUE(Refer("nyas", &referral).ok());
  v1::Concern concern;
  ASSERT_TRUE(Raise("nyas", &concern).ok());
  const std::vector<std::string> expected = {"reviews.referral.made " + referral.name() + " (1)",
                                             "reviews.concern.raised " + concern.name() + " (2)"};
  EXPECT_EQ(Feed(As("adv-1", "advocate", "LA1", "nyas")), expected);
  EXPECT_THAT(Feed(As("adv-2", "advocate", "LA1", "coram")), ElementsAre());
  EXPECT_EQ(Feed(As("iro-1", "iro")), expected);
}

TEST_F(ReviewsEventsTest, ARefusedChangeTellsNothingAndTakesNoNumber) {
  v1::Concern concern;
  EXPECT_EQ(Raise("coram", &concern).error_code(), grpc::StatusCode::NOT_FOUND);  // not referred
  v1::Referral referral;
  ASSERT_TRUE(Refer("nyas", &referral).ok());
  EXPECT_EQ(Refer("nyas", &referral).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  const v1::Review meeting = Schedule("C1", v1::REVIEW_KIND_LAC_REVIEW);
  EXPECT_THAT(Feed(As("iro-1", "iro")),
              ElementsAre("reviews.referral.made children/C1/referrals/1 (1)",
                          "reviews.review.scheduled " + meeting.name() + " (2)"));
}

}  // namespace
}  // namespace assure::reviews
