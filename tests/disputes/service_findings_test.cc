// From disputes to action plans through the outbox: a dispute resolved with a finding about
// the service, and a theme recurring past the authority's threshold, each sent once.
#include "tests/disputes/disputes_fixture.h"
#include "tests/support/findings_receiver.h"

namespace assure::disputes {
namespace {

namespace plans = ::assure::actionplans::v1;

class DisputeFindingsTest : public DisputesServiceTest {
 protected:
  void SetUp() override {
    routes_ = plans_.RoutesHere();
    DisputesServiceTest::SetUp();
  }

  assure::testing::ActionPlansStandIn plans_;
};

TEST_F(DisputeFindingsTest, ADisputeResolvedWithAServiceFindingSendsItOnce) {
  Create("d-1", 0, true);
  v1::ResolveDisputeRequest req;
  req.set_name("disputes/d-1");
  req.set_outcome(v1::OUTCOME_ACTION_AGREED);
  req.set_note("agreed at the permanence panel");
  req.set_service_finding("Permanence planning is not reviewed after a placement ends");
  v1::Dispute d;
  ASSERT_TRUE(stub_->ResolveDispute(Iro().get(), req, &d).ok());
  EXPECT_EQ(d.service_finding(), req.service_finding());
  EXPECT_EQ(server_->outbox().DeliverDue(), 1);
  EXPECT_EQ(server_->outbox().DeliverDue(), 0);
  const auto got = plans_.Received();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ("findings/" + got[0].finding_id(), d.finding());
  EXPECT_EQ(got[0].finding().source_record(), "disputes/d-1");
  EXPECT_EQ(got[0].finding().priority(), plans::FINDING_PRIORITY_HIGH);
}

TEST_F(DisputeFindingsTest, AResolutionWithoutAFindingSendsNothing) {
  Create("d-1");
  v1::Dispute d;
  ASSERT_TRUE(Resolve("d-1", v1::OUTCOME_EXPLANATION_ACCEPTED, &d).ok());
  EXPECT_TRUE(d.finding().empty());
  EXPECT_EQ(server_->outbox().DeliverDue(), 0);
}

TEST_F(DisputeFindingsTest, AThemeRaisedAThirdTimeInSixMonthsIsSentOnceAndPerAuthority) {
  Create("d-1");
  Create("d-2");
  EXPECT_EQ(server_->outbox().DeliverDue(), 0);
  Create("d-3");
  Create("d-4");
  Create("d-5", 0, false, "other");
  EXPECT_EQ(server_->outbox().DeliverDue(), 1);
  Create("d-1", 0, false, "permanent_placement_delay", "LA2");
  EXPECT_EQ(server_->outbox().DeliverDue(), 0);
  const auto got = plans_.Received();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].finding().source(), plans::FINDING_SOURCE_DISPUTE);
  EXPECT_NE(got[0].finding().text().find("3 disputes"), std::string::npos);
}

TEST_F(DisputeFindingsTest, DisputesOlderThanTheWindowDoNotCount) {
  Create("d-1");
  Create("d-2");
  clock_.Set(London10am(2027, 5, 3));  // six months on: the first two fall out
  Create("d-3");
  EXPECT_EQ(server_->outbox().DeliverDue(), 0);
}

}  // namespace
}  // namespace assure::disputes
