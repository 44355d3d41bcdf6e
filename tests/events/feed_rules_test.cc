#include "services/events/feed_rules.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace assure::events {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

v1::RecordEventRequest WellFormed() {
  v1::RecordEventRequest req;
  req.set_request_id("msg-1");
  req.set_type("reviews.review.moved");
  req.set_subject("children/C1/reviews/2");
  req.set_child("children/C1");
  req.mutable_occur_time()->set_seconds(1);
  req.set_source("reviews");
  req.set_source_sequence(1);
  return req;
}

TEST(EventRules, AWellFormedEventIsAccepted) { EXPECT_TRUE(ValidateEvent(WellFormed()).ok()); }

TEST(EventRules, EachMalformedFieldIsNamed) {
  auto bad = [](auto change) {
    auto req = WellFormed();
    change(req);
    return std::string(ValidateEvent(req).message());
  };
  EXPECT_THAT(bad([](auto& r) { r.set_type("reviews.moved"); }), ::testing::HasSubstr("type"));
  EXPECT_THAT(bad([](auto& r) { r.set_type("Reviews.review.moved"); }),
              ::testing::HasSubstr("type"));
  EXPECT_THAT(bad([](auto& r) { r.clear_subject(); }), ::testing::HasSubstr("subject"));
  EXPECT_THAT(bad([](auto& r) { r.set_child("C1"); }), ::testing::HasSubstr("child"));
  EXPECT_THAT(bad([](auto& r) { r.set_child("children/C1/reviews/2"); }),
              ::testing::HasSubstr("child"));
  EXPECT_THAT(bad([](auto& r) { r.set_partner("bad partner"); }), ::testing::HasSubstr("partner"));
  EXPECT_THAT(bad([](auto& r) { r.clear_occur_time(); }), ::testing::HasSubstr("occur_time"));
  EXPECT_THAT(bad([](auto& r) { r.set_source("Reviews"); }), ::testing::HasSubstr("source"));
  EXPECT_THAT(bad([](auto& r) { r.set_source_sequence(0); }),
              ::testing::HasSubstr("source_sequence"));
}

TEST(EventRules, AReferralOpensWhenMadeAndClosesWhenDeclinedOrClosed) {
  EXPECT_EQ(ReferralChangeOf("reviews.referral.made"), ReferralChange::kOpens);
  EXPECT_EQ(ReferralChangeOf("reviews.referral.declined"), ReferralChange::kCloses);
  EXPECT_EQ(ReferralChangeOf("reviews.referral.closed"), ReferralChange::kCloses);
  EXPECT_EQ(ReferralChangeOf("reviews.referral.accepted"), ReferralChange::kNone);
  EXPECT_EQ(ReferralChangeOf("reviews.review.moved"), ReferralChange::kNone);
}

TEST(EventRules, TheAudienceIsTheChildsReferredPartnersAndThePartnerConcerned) {
  v1::Event e;
  e.set_child("children/C1");
  EXPECT_THAT(AudienceOf(e, {"P2", "P1", "P2"}), ElementsAre("P1", "P2"));
  e.set_partner("P3");
  EXPECT_THAT(AudienceOf(e, {"P1"}), ElementsAre("P1", "P3"));
}

TEST(EventRules, AnEventAboutNoChildIsShownToNoPartnerButTheOneConcerned) {
  v1::Event e;
  EXPECT_THAT(AudienceOf(e, {"P1"}), IsEmpty());
  e.set_partner("P3");
  EXPECT_THAT(AudienceOf(e, {"P1"}), ElementsAre("P3"));
}

TEST(EventRules, TheFilterTakesTypeAndChild) {
  auto f = ParseEventFilter("type = \"reviews.review.moved\" AND child = \"children/C1\"");
  ASSERT_TRUE(f.ok()) << f.status();
  v1::Event e;
  e.set_type("reviews.review.moved");
  e.set_child("children/C1");
  EXPECT_TRUE(Matches(*f, e));
  e.set_child("children/C2");
  EXPECT_FALSE(Matches(*f, e));
  EXPECT_TRUE(Matches(EventFilter{}, e));
}

TEST(EventRules, TheFilterRefusesOtherFieldsAndMalformedValues) {
  EXPECT_FALSE(ParseEventFilter("partner = \"P1\"").ok());
  EXPECT_FALSE(ParseEventFilter("type = \"moved\"").ok());
  EXPECT_FALSE(ParseEventFilter("child = \"C1\"").ok());
}

}  // namespace
}  // namespace assure::events
