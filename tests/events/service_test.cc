// The feed: each event once, in sequence, per tenant, and a partner's part of it only.
#include <set>
#include <thread>

#include "gmock/gmock.h"
#include "tests/events/events_fixture.h"

namespace assure::events {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST_F(EventsServiceTest, TheSameEventDeliveredTwiceIsRecordedOnce) {
  int64_t first = 0, again = 0;
  ASSERT_TRUE(Record("msg-1", "reviews.review.scheduled", "children/C1/reviews/1", "children/C1",
                     "", "LA1", &first)
                  .ok());
  ASSERT_TRUE(Record("msg-1", "reviews.review.scheduled", "children/C1/reviews/1", "children/C1",
                     "", "LA1", &again)
                  .ok());
  EXPECT_EQ(first, again);
  EXPECT_EQ(List(Staff()).size(), 1u);
}

TEST_F(EventsServiceTest, TheFeedIsReadInSequenceFromACursor) {
  for (int i = 1; i <= 5; ++i) {
    ASSERT_TRUE(Record(absl::StrCat("msg-", i), "reviews.review.moved",
                       absl::StrCat("children/C1/reviews/", i), "children/C1")
                    .ok());
  }
  auto all = List(Staff());
  ASSERT_EQ(all.size(), 5u);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(all[i].sequence(), i + 1);
    EXPECT_EQ(all[i].name(), absl::StrCat("events/", i + 1));
    EXPECT_EQ(all[i].event_id(), absl::StrCat("msg-", i + 1));
  }
  EXPECT_THAT(Subjects(List(Staff(), 3)),
              ElementsAre("children/C1/reviews/4", "children/C1/reviews/5"));

  v1::ListEventsRequest req;
  req.set_after_sequence(1);
  req.set_page_size(2);
  v1::ListEventsResponse page;
  ASSERT_TRUE(feed_->ListEvents(Staff().get(), req, &page).ok());
  EXPECT_EQ(page.events_size(), 2);
  EXPECT_EQ(page.next_after_sequence(), 3);
}

TEST_F(EventsServiceTest, AnEventArrivingBeforeAnEarlierOneOfItsSourceWaitsForIt) {
  int64_t sequence = -1;
  auto moved = [&](const std::string& id, const std::string& source, int64_t number) {
    return RecordNumbered(id, "reviews.review.moved", "children/C1/reviews/" + id, "children/C1",
                          "", "LA1", source, number, &sequence);
  };
  ASSERT_TRUE(moved("r3", "reviews", 3).ok());
  EXPECT_EQ(sequence, 0);                        // held
  ASSERT_TRUE(moved("d1", "disputes", 1).ok());  // another source goes on meanwhile
  EXPECT_EQ(sequence, 1);
  ASSERT_TRUE(moved("r3", "reviews", 3).ok());  // delivered again while held: still once
  ASSERT_TRUE(moved("r2", "reviews", 2).ok());
  EXPECT_EQ(sequence, 0);
  EXPECT_THAT(Subjects(List(Staff())), ElementsAre("children/C1/reviews/d1"));
  ASSERT_TRUE(moved("r1", "reviews", 1).ok());
  EXPECT_EQ(sequence, 2);
  EXPECT_THAT(Subjects(List(Staff())),
              ElementsAre("children/C1/reviews/d1", "children/C1/reviews/r1",
                          "children/C1/reviews/r2", "children/C1/reviews/r3"));
  ASSERT_TRUE(moved("r2", "reviews", 2).ok());  // a late retry changes nothing
  EXPECT_EQ(List(Staff()).size(), 4u);
}

TEST_F(EventsServiceTest, HeldEventsAreCountedForEachTenantUntilTheGapFills) {
  auto moved = [&](const std::string& id, const std::string& tenant, int64_t number) {
    return RecordNumbered(id, "reviews.review.moved", "children/C1/reviews/" + id, "children/C1",
                          "", tenant, "reviews", number);
  };
  // Read as any replica reads it: from the store.
  auto other = store::Store::Open({location_, 1, 256}, "events",
                                  assure_data::events_migrations::Files());
  ASSERT_TRUE(other.ok()) << other.status();
  auto figures = FeedFigures(**other, clock_);
  auto held = [&](const std::string& tenant) {
    for (const auto& family : figures->Collect()) {
      if (family.name != kHeldFigure) continue;
      for (const auto& m : family.metric) {
        if (m.label.size() == 1 && m.label[0].value == tenant) return m.gauge.value;
      }
    }
    return -1.0;
  };
  ASSERT_TRUE(moved("r3", "LA1", 3).ok());
  ASSERT_TRUE(moved("r3", "LA1", 3).ok());  // delivered again while held: counted once
  ASSERT_TRUE(moved("r2", "LA1", 2).ok());
  ASSERT_TRUE(moved("s2", "LA2", 2).ok());
  EXPECT_EQ(held("LA1"), 2);
  EXPECT_EQ(held("LA2"), 1);
  ASSERT_TRUE(moved("r1", "LA1", 1).ok());  // releases both
  EXPECT_EQ(held("LA1"), 0);
  EXPECT_EQ(held("LA2"), 1);
  (*other)->Stop();
}

TEST_F(EventsServiceTest, APartnerReferredBeforeAMoveSeesTheMoveWhateverOrderTheyArrive) {
  ASSERT_TRUE(RecordNumbered("m2", "reviews.review.moved", "children/C1/reviews/1", "children/C1",
                             "", "LA1", "reviews", 2)
                  .ok());
  ASSERT_TRUE(RecordNumbered("m1", "reviews.referral.made", "children/C1/referrals/1",
                             "children/C1", "P1", "LA1", "reviews", 1)
                  .ok());
  std::vector<std::string> ids;
  for (const auto& e : List(Advocate("P1"))) ids.push_back(e.event_id());
  EXPECT_THAT(ids, ElementsAre("m1", "m2"));
}

TEST_F(EventsServiceTest, TheFilterNarrowsByTypeAndChild) {
  ASSERT_TRUE(Record("m1", "reviews.review.moved", "children/C1/reviews/1", "children/C1").ok());
  ASSERT_TRUE(Record("m2", "reviews.review.held", "children/C1/reviews/1", "children/C1").ok());
  ASSERT_TRUE(Record("m3", "reviews.review.moved", "children/C2/reviews/1", "children/C2").ok());
  EXPECT_THAT(Subjects(List(Staff(), 0,
                            "type = \"reviews.review.moved\" AND child = "
                            "\"children/C2\"")),
              ElementsAre("children/C2/reviews/1"));
}

TEST_F(EventsServiceTest, EachTenantHasItsOwnFeed) {
  ASSERT_TRUE(
      Record("m1", "reviews.review.moved", "children/C1/reviews/1", "children/C1", "", "LA1").ok());
  ASSERT_TRUE(
      Record("m1", "reviews.review.moved", "children/C9/reviews/1", "children/C9", "", "LA2").ok());
  auto la1 = List(Staff("LA1"));
  auto la2 = List(Staff("LA2"));
  EXPECT_THAT(Subjects(la1), ElementsAre("children/C1/reviews/1"));
  EXPECT_THAT(Subjects(la2), ElementsAre("children/C9/reviews/1"));
  EXPECT_EQ(la2[0].sequence(), 1);
}

TEST_F(EventsServiceTest, APartnerSeesOnlyEventsAboutChildrenReferredToItWhileReferred) {
  ASSERT_TRUE(Record("m1", "reviews.review.moved", "children/C1/reviews/1", "children/C1").ok());
  ASSERT_TRUE(
      Record("m2", "reviews.referral.made", "children/C1/referrals/1", "children/C1", "P1").ok());
  ASSERT_TRUE(Record("m3", "reviews.review.moved", "children/C1/reviews/1", "children/C1").ok());
  ASSERT_TRUE(Record("m4", "reviews.review.moved", "children/C2/reviews/1", "children/C2").ok());
  ASSERT_TRUE(
      Record("m5", "reviews.referral.closed", "children/C1/referrals/1", "children/C1", "P1").ok());
  ASSERT_TRUE(Record("m6", "reviews.review.held", "children/C1/reviews/1", "children/C1").ok());

  auto seen = List(Advocate("P1"));
  std::vector<std::string> ids;
  for (const auto& e : seen) ids.push_back(e.event_id());
  EXPECT_THAT(ids, ElementsAre("m2", "m3", "m5"));
  EXPECT_THAT(List(Advocate("P2")), IsEmpty());
  EXPECT_THAT(List(Advocate("P1", "LA2")), IsEmpty());
  EXPECT_EQ(List(Staff()).size(), 6u);
}

TEST_F(EventsServiceTest, TheSamePartnerInTwoTenantsSeesEachTenantsReferralsApart) {
  ASSERT_TRUE(
      Record("m1", "reviews.referral.made", "children/C1/referrals/1", "children/C1", "P1", "LA1")
          .ok());
  ASSERT_TRUE(
      Record("m2", "reviews.review.moved", "children/C1/reviews/1", "children/C1", "", "LA2").ok());
  EXPECT_EQ(List(Advocate("P1", "LA1")).size(), 1u);
  EXPECT_THAT(List(Advocate("P1", "LA2")), IsEmpty());
}

TEST_F(EventsServiceTest, BadInputIsRefusedNamingTheFieldAndRecordsNothing) {
  grpc::Status st = Record("m1", "moved", "children/C1/reviews/1", "children/C1");
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(st.error_message(), ::testing::HasSubstr("type"));
  st = Record("", "reviews.review.moved", "children/C1/reviews/1", "children/C1");
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(st.error_message(), ::testing::HasSubstr("request_id"));
  EXPECT_THAT(List(Staff()), IsEmpty());

  List(Staff(), -1, "", &st);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(st.error_message(), ::testing::HasSubstr("after_sequence"));
  List(Staff(), 0, "partner = \"P1\"", &st);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(st.error_message(), ::testing::HasSubstr("filter"));
}

TEST_F(EventsServiceTest, OnlyStaffAndAdvocatesReadTheFeed) {
  grpc::Status st;
  List(As("fin-1", "finance"), 0, "", &st);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  List(As("", "iro"), 0, "", &st);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(EventsServiceTest, TwoReplicasOnOneStoreRecordOneFeedWithoutGapsOrRepeats) {
  EventsServer other(location_, clock_);
  auto other_intake = v1::EventIntakeService::NewStub(other.Channel());
  constexpr int kEach = 60;
  auto send = [&](v1::EventIntakeService::Stub* via, const std::string& prefix) {
    for (int i = 0; i < kEach; ++i) {
      // Each twice, once through each replica: still one event.
      const std::string id = absl::StrCat(prefix, i);
      // As an outbox does: ABORTED (the replicas' transactions collided on PostgreSQL) is
      // tried again.
      grpc::Status st;
      do {
        st = Record(id, "reviews.review.moved", "children/C1/reviews/1", "children/C1", "", "LA1",
                    nullptr, via);
      } while (st.error_code() == grpc::StatusCode::ABORTED);
      EXPECT_TRUE(st.ok()) << st.error_code() << " " << st.error_message();
    }
  };
  std::thread a([&] { send(intake_.get(), "a-"); });
  std::thread b([&] { send(other_intake.get(), "b-"); });
  std::thread c([&] { send(other_intake.get(), "a-"); });
  a.join();
  b.join();
  c.join();
  auto all = List(Staff());
  ASSERT_EQ(all.size(), 2u * kEach);
  std::set<std::string> ids;
  for (size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].sequence(), static_cast<int64_t>(i + 1));
    ids.insert(all[i].event_id());
  }
  EXPECT_EQ(ids.size(), 2u * kEach);
}

}  // namespace
}  // namespace assure::events
