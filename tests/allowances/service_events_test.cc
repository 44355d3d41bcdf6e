// What the drift check tells the event feed about declarations: reminded, then overdue, each
// once, delivered by the outbox to a real events service.
#include "gmock/gmock.h"
#include "tests/allowances/allowances_fixture.h"
#include "tests/events/events_fixture.h"

namespace assure::allowances {
namespace {

using ::testing::ElementsAre;

class DeclarationEventsTest : public AllowancesServiceTest {
 protected:
  void SetUp() override {
    feed_ = std::make_unique<events::SenderFeed>(testing::TestStoreLocation(dir_.File("events.db")),
                                                 clock_);
    routes_ = feed_->RoutesHere();
    AllowancesServiceTest::SetUp();
  }

  std::vector<std::string> Feed() {
    return feed_->Seen(*outbox_, As("sm-1", "senior_manager"), "allowances");
  }

  std::unique_ptr<events::SenderFeed> feed_;
};

TEST_F(DeclarationEventsTest, ADeclarationNotBackIsPublishedRemindedThenOverdueOnce) {
  const v1::Allowance a = Active();
  v1::Declaration d;
  ASSERT_TRUE(Issue(a.name(), 2026, absl::CivilDay(2026, 4, 1), &d).ok());
  Today(absl::CivilDay(2026, 4, 29));
  service_->RunDriftCheck();
  service_->RunDriftCheck();
  Today(absl::CivilDay(2026, 5, 27));
  service_->RunDriftCheck();
  service_->RunDriftCheck();
  EXPECT_THAT(Feed(), ElementsAre("allowances.declaration.reminded " + d.name() + " (1)",
                                  "allowances.declaration.overdue " + d.name() + " (2)"));
}

}  // namespace
}  // namespace assure::allowances
