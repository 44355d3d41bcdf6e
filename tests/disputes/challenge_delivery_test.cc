// From reviews to disputes through the outbox (ARCHITECTURE section 5): a challenge recorded
// at a review is saved with the review even when the disputes service is down, delivered
// when it comes back, and opens exactly one dispute however often it is delivered.
#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/routes.h"
#include "tests/disputes/disputes_fixture.h"
#include "tests/reviews/service_fixture.h"

namespace assure {
namespace {

using ::testing::HasSubstr;
using testing::As;
using ::testing::StartsWith;

class ChallengeDeliveryTest : public reviews::ReviewsServiceTest {
 protected:
  void SetUp() override {
    // A port where nothing listens yet: found by starting and stopping a server on it.
    disputes_port_ = disputes::DisputesServer(dir_.File("probe.db"), clock_).port();
    disputes_store_ = testing::TestStoreLocation(dir_.File("disputes.db"));
    routes_ = std::move(**Routes::Parse(
        absl::StrCat("assure.disputes.v1=127.0.0.1:", disputes_port_), 4 << 20));
    Start();
  }
  void TearDown() override {
    Stop();
    disputes_.reset();
  }

  // A looked-after child's first review, scheduled, and a request recording it as held.
  reviews::v1::RecordReviewRequest HeldReview() {
    CreateIro("iro-1");
    CreateLookedAfterChild("C1", reviews::D(2026, 10, 1));
    reviews::v1::Child child;
    EXPECT_TRUE(Allocate("C1", "iro-1", &child).ok());
    reviews::v1::Review review = Schedule("C1", reviews::v1::REVIEW_KIND_LAC_REVIEW);
    reviews::v1::RecordReviewRequest req;
    req.set_name(review.name());
    *req.mutable_held_date() = reviews::D(2026, 10, 27);
    req.set_participation(reviews::v1::PARTICIPATION_PN1);
    return req;
  }

  reviews::v1::Review RecordWithChallenge() {
    reviews::v1::RecordReviewRequest req = HeldReview();
    auto* c = req.add_challenges();
    c->set_theme("permanent_placement_delay");
    c->set_concern("no permanent placement has been found in nine months");
    c->set_stage_level(1);
    reviews::v1::Review held;
    const auto st = stub_->RecordReview(Iro().get(), req, &held);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return held;
  }

  int DisputesListed() {
    disputes::v1::ListDisputesRequest req;
    disputes::v1::ListDisputesResponse page;
    EXPECT_TRUE(disputes_->Stub()->ListDisputes(As("mgr-1", "iro_manager").get(), req, &page).ok());
    return page.disputes_size();
  }

  int disputes_port_ = 0;
  std::string disputes_store_;
  std::unique_ptr<disputes::DisputesServer> disputes_;
};

TEST_F(ChallengeDeliveryTest, AChallengeSavedWhileDisputesIsDownOpensOneDisputeWhenItIsBack) {
  const reviews::v1::Review held = RecordWithChallenge();
  ASSERT_EQ(held.challenges_size(), 1);
  const std::string dispute = held.challenges(0).dispute();
  EXPECT_THAT(dispute, StartsWith("disputes/d-"));

  EXPECT_EQ(outbox_->DeliverDue(), 0);  // disputes is down: the message waits
  EXPECT_THAT(Metrics(),
              HasSubstr("assure_outbox_messages{component=\"reviews\",state=\"pending\"} 1"));

  disputes_ = std::make_unique<disputes::DisputesServer>(disputes_store_, clock_,
                                                         disputes_port_);
  clock_.Advance(absl::Seconds(1));  // past the first backoff
  int delivered = 0;
  for (int i = 0; i < 50 && delivered == 0; ++i) {  // the channel reconnects within ~1 s
    delivered = outbox_->DeliverDue();
    if (delivered == 0) {
      absl::SleepFor(absl::Milliseconds(100));
      clock_.Advance(absl::Minutes(10));
    }
  }
  ASSERT_EQ(delivered, 1);
  EXPECT_THAT(Metrics(),
              HasSubstr("assure_outbox_messages{component=\"reviews\",state=\"pending\"} 0"));

  disputes::v1::GetDisputeRequest get;
  get.set_name(dispute);
  disputes::v1::Dispute opened;
  ASSERT_TRUE(disputes_->Stub()->GetDispute(As("mgr-1", "iro_manager").get(), get, &opened).ok());
  EXPECT_EQ(opened.review(), held.name());
  EXPECT_EQ(opened.child(), "children/C1");
  EXPECT_EQ(opened.raised_by(), "iro-1");
  EXPECT_EQ(opened.stage_role(), "team_manager");
  EXPECT_FALSE(opened.starred());  // a challenge, not a missed starred recommendation
  // Raised at a looked-after review: a looked-after case in the log.
  EXPECT_EQ(opened.case_type(), disputes::v1::CASE_TYPE_LOOKED_AFTER);

  // The relay stopped after the call but before recording it: the message goes again.
  ASSERT_TRUE(store_->WriteAndWait(store::kAllTenants, [](store::Tx& tx) {
    return tx.db().Exec("UPDATE outbox SET state = 'pending', next_attempt_micros = 0");
  }).ok());
  EXPECT_EQ(outbox_->DeliverDue(), 1);
  EXPECT_EQ(DisputesListed(), 1);
}

TEST_F(ChallengeDeliveryTest, AMessageTheReceiverRefusesIsKeptForAnOperatorNotRetriedOrLost) {
  disputes_ = std::make_unique<disputes::DisputesServer>(disputes_store_, clock_,
                                                         disputes_port_);
  reviews::v1::RecordReviewRequest req = HeldReview();
  auto* c = req.add_challenges();
  c->set_theme("school_transport");  // well formed, but not one of the authority's themes
  c->set_concern("transport to school not arranged");
  reviews::v1::Review held;
  ASSERT_TRUE(stub_->RecordReview(Iro().get(), req, &held).ok());
  int settled = 0;
  for (int i = 0; i < 50; ++i) {
    outbox_->DeliverDue();
    if (Metrics().find("state=\"refused\"} 1") != std::string::npos) {
      settled = 1;
      break;
    }
    absl::SleepFor(absl::Milliseconds(100));
    clock_.Advance(absl::Minutes(10));
  }
  ASSERT_EQ(settled, 1) << Metrics();
  std::string error;
  ASSERT_TRUE(store_->Read(store::kAllTenants, [&](store::Connection& db) {
    return db.Query("SELECT last_error FROM outbox", {},
                    [&](const store::Row& r) { error = r.Text(0); });
  }).ok());
  EXPECT_THAT(error, HasSubstr("InvalidArgument"));
  EXPECT_THAT(error, HasSubstr("dispute.theme"));
  EXPECT_EQ(DisputesListed(), 0);
}

TEST_F(ChallengeDeliveryTest, AStarredRecommendationPastItsDeadlineOpensOneStarredDispute) {
  disputes_ = std::make_unique<disputes::DisputesServer>(disputes_store_, clock_,
                                                         disputes_port_);
  reviews::v1::Review held;
  ASSERT_TRUE(stub_->RecordReview(Iro().get(), HeldReview(), &held).ok());
  reviews::v1::CreateDecisionRequest make;
  make.set_parent(held.name());
  make.mutable_decision()->set_text("Present the permanence plan to the panel");
  make.mutable_decision()->set_owner("tm-4");
  *make.mutable_decision()->mutable_due_date() = reviews::D(2026, 12, 1);
  make.mutable_decision()->set_starred(true);
  make.mutable_decision()->set_theme("permanent_placement_delay");
  reviews::v1::Decision decision;
  ASSERT_TRUE(stub_->CreateDecision(Iro().get(), make, &decision).ok());

  clock_.Set(reviews::LondonTime(2026, 12, 2, 9));
  ASSERT_EQ(service_->RunStarredCheck(), 1);
  int delivered = 0;
  for (int i = 0; i < 50 && delivered == 0; ++i) {  // the channel connects within ~1 s
    delivered = outbox_->DeliverDue();
    if (delivered == 0) {
      absl::SleepFor(absl::Milliseconds(100));
      clock_.Advance(absl::Minutes(10));
    }
  }
  ASSERT_EQ(delivered, 1);
  EXPECT_EQ(service_->RunStarredCheck(), 0);
  EXPECT_EQ(DisputesListed(), 1);

  reviews::v1::GetDecisionRequest get_decision;
  get_decision.set_name(decision.name());
  ASSERT_TRUE(stub_->GetDecision(Iro().get(), get_decision, &decision).ok());
  disputes::v1::GetDisputeRequest get;
  get.set_name(decision.dispute());
  disputes::v1::Dispute opened;
  ASSERT_TRUE(disputes_->Stub()->GetDispute(As("mgr-1", "iro_manager").get(), get, &opened).ok());
  EXPECT_TRUE(opened.starred());
  EXPECT_THAT(opened.decisions(), ::testing::ElementsAre(decision.name()));
  EXPECT_EQ(opened.review(), held.name());
  EXPECT_EQ(opened.theme(), "permanent_placement_delay");
  EXPECT_EQ(opened.stage_level(), 1);
  EXPECT_EQ(opened.raised_by(), "system:starred-deadline");
  EXPECT_EQ(opened.responsible_officer(), "tm-4");
  EXPECT_THAT(opened.concern(), HasSubstr("2026-12-01"));
}

TEST(OutboxBackoffTest, RetriesWaitTwiceAsLongEachTimeUpToTheCap) {
  OutboxOptions options;
  EXPECT_EQ(Backoff(options, 1), absl::Milliseconds(200));
  EXPECT_EQ(Backoff(options, 2), absl::Milliseconds(400));
  EXPECT_EQ(Backoff(options, 4), absl::Milliseconds(1600));
  EXPECT_EQ(Backoff(options, 40), absl::Minutes(5));
  EXPECT_TRUE(IsTransient(grpc::StatusCode::UNAVAILABLE));
  EXPECT_TRUE(IsTransient(grpc::StatusCode::DEADLINE_EXCEEDED));
  EXPECT_FALSE(IsTransient(grpc::StatusCode::INVALID_ARGUMENT));
  EXPECT_FALSE(IsTransient(grpc::StatusCode::PERMISSION_DENIED));
}

TEST_F(ChallengeDeliveryTest, AChallengeWithoutThemeOrConcernIsRefusedAndNothingIsQueued) {
  reviews::v1::RecordReviewRequest req = HeldReview();
  req.add_challenges()->add_decisions("children/C2/reviews/1/decisions/1");
  reviews::v1::Review out;
  const auto st = stub_->RecordReview(Iro().get(), req, &out);
  EXPECT_THAT(testing::BadFields(st),
              ::testing::UnorderedElementsAre("challenges[0].theme", "challenges[0].concern",
                                              "challenges[0].decisions[0]"));
  EXPECT_THAT(Metrics(),
              HasSubstr("assure_outbox_messages{component=\"reviews\",state=\"pending\"} 0"));
}

}  // namespace
}  // namespace assure

namespace assure {
namespace {

// A backlog goes out in concurrent rounds, and two relays on one outbox (two replicas on one
// database) never send the same message twice: each is claimed by one of them.
TEST_F(ChallengeDeliveryTest, TwoRelaysDrainABacklogInRoundsSendingEachMessageOnce) {
  disputes_ = std::make_unique<disputes::DisputesServer>(disputes_store_, clock_,
                                                         disputes_port_);
  constexpr int kMessages = 600;  // more than two rounds of 256
  const Principal iro{"iro-1", {"iro"}, "LA1", "", ""};
  ASSERT_TRUE(store_->WriteAndWait("LA1", [&](store::Tx& tx) -> absl::Status {
    for (int i = 0; i < kMessages; ++i) {
      disputes::v1::CreateDisputeRequest call;
      call.set_dispute_id(absl::StrCat("d-backlog-", i));
      call.mutable_dispute()->set_child("children/C1");
      call.mutable_dispute()->set_theme("permanent_placement_delay");
      call.mutable_dispute()->set_concern("no permanent placement");
      call.mutable_dispute()->set_stage_level(1);
      auto id = outbox_->Enqueue(tx, iro, "/assure.disputes.v1.DisputesService/CreateDispute",
                                 call, clock_.Now());
      if (!id.ok()) return id.status();
    }
    return absl::OkStatus();
  }).ok());
  auto other_registry = std::make_shared<prometheus::Registry>();
  Outbox other(*store_, routes_, clock_, *other_registry, "reviews");
  int by_this = 0, by_other = 0;
  for (int i = 0; i < 50 && by_this + by_other < kMessages; ++i) {  // the channels connect
    std::thread a([&] { by_this += outbox_->DeliverDue(); });
    std::thread b([&] { by_other += other.DeliverDue(); });
    a.join();
    b.join();
    if (by_this + by_other < kMessages) {
      absl::SleepFor(absl::Milliseconds(100));
      clock_.Advance(absl::Minutes(10));
    }
  }
  EXPECT_EQ(by_this + by_other, kMessages);
  int64_t once = 0;
  ASSERT_TRUE(store_->Read(store::kAllTenants, [&](store::Connection& db) {
    return db.Query("SELECT COUNT(*) FROM outbox WHERE state = 'delivered' AND attempts = 1", {},
                    [&](const store::Row& r) { once = r.Int(0); });
  }).ok());
  EXPECT_EQ(once, kMessages) << "a message was sent more than once";
}

}  // namespace
}  // namespace assure
