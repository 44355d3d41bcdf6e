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
    feed_server_ = std::make_unique<events::EventsServer>(
        testing::TestStoreLocation(dir_.File("events.db")), clock_);
    routes_ = std::move(**Routes::Parse(
        absl::StrCat("assure.events.v1=127.0.0.1:", feed_server_->port()), 4 << 20));
    feed_ = events::v1::EventsService::NewStub(feed_server_->Channel());
    AllowancesServiceTest::SetUp();
  }

  std::vector<std::string> Feed() {
    outbox_->DeliverDue();
    events::v1::ListEventsResponse out;
    auto st = feed_->ListEvents(As("sm-1", "senior_manager").get(), events::v1::ListEventsRequest(),
                                &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
    std::vector<std::string> seen;
    for (const auto& e : out.events()) {
      EXPECT_EQ(e.source(), "allowances");
      seen.push_back(absl::StrCat(e.type(), " ", e.subject(), " (", e.source_sequence(), ")"));
    }
    return seen;
  }

  std::unique_ptr<events::EventsServer> feed_server_;
  std::unique_ptr<events::v1::EventsService::Stub> feed_;
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
