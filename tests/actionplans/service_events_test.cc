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
    feed_server_ = std::make_unique<events::EventsServer>(
        testing::TestStoreLocation(dir_.File("events.db")), clock_);
    routes_ = std::move(**Routes::Parse(
        absl::StrCat("assure.events.v1=127.0.0.1:", feed_server_->port()), 4 << 20));
    feed_ = events::v1::EventsService::NewStub(feed_server_->Channel());
    ActionPlansServiceTest::SetUp();
  }

  // "type subject (source number)" for each event the authority's staff see.
  std::vector<std::string> Feed() {
    outbox_->DeliverDue();
    events::v1::ListEventsResponse out;
    auto st =
        feed_->ListEvents(As("iro-m", "iro_manager").get(), events::v1::ListEventsRequest(), &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
    std::vector<std::string> seen;
    for (const auto& e : out.events()) {
      EXPECT_EQ(e.source(), "actionplans");
      seen.push_back(absl::StrCat(e.type(), " ", e.subject(), " (", e.source_sequence(), ")"));
    }
    return seen;
  }

  std::unique_ptr<events::EventsServer> feed_server_;
  std::unique_ptr<events::v1::EventsService::Stub> feed_;
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
