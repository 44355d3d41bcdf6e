// What the update cycle tells the event feed: each ask, reminder and escalation, in the
// cycle's own transaction, delivered by the outbox to a real events service.
#include "gmock/gmock.h"
#include "tests/actionplans/actionplans_fixture.h"
#include "tests/events/events_fixture.h"

namespace assure::actionplans {
namespace {

using ::testing::ElementsAre;

class CycleEventsTest : public ActionPlansServiceTest {
 protected:
  void SetUp() override {
    feed_ = std::make_unique<events::SenderFeed>(testing::TestStoreLocation(dir_.File("events.db")),
                                                 clock_);
    routes_ = feed_->RoutesHere();
    ActionPlansServiceTest::SetUp();
  }

  std::vector<std::string> Feed() {
    return feed_->Seen(*outbox_, As("iro-m", "iro_manager"), "actionplans");
  }

  std::unique_ptr<events::SenderFeed> feed_;
};

TEST_F(CycleEventsTest, EachAskReminderAndEscalationOfAnUpdateIsPublishedOnce) {
  Today(absl::CivilDay(2026, 5, 20));
  ActionOn(Created().name());  // due 30 June: asked in May
  service_->RunUpdateCycle();
  service_->RunUpdateCycle();  // asked once: nothing more to tell
  Today(absl::CivilDay(2026, 5, 27));
  service_->RunUpdateCycle();
  Today(absl::CivilDay(2026, 6, 3));
  service_->RunUpdateCycle();
  const std::string request = "plans/p-1/actions/1/updateRequests/2026-05";
  EXPECT_THAT(Feed(), ElementsAre("actionplans.update.due " + request + " (1)",
                                  "actionplans.update.reminded " + request + " (2)",
                                  "actionplans.update.escalated " + request + " (3)"));
}

TEST_F(CycleEventsTest, AnOverdueHighPriorityActionIsPublishedOnce) {
  const v1::Action a = ActionOn(Created().name());
  Today(absl::CivilDay(2026, 7, 1));
  service_->RunUpdateCycle();
  service_->RunUpdateCycle();
  std::vector<std::string> overdue;
  for (const auto& e : Feed()) {
    if (e.rfind("actionplans.action.overdue", 0) == 0) overdue.push_back(e);
  }
  ASSERT_EQ(overdue.size(), 1u);
  EXPECT_THAT(overdue[0], ::testing::HasSubstr(a.name()));
}

}  // namespace
}  // namespace assure::actionplans
