// What the due check tells the event feed: each open action once, when its due date comes,
// through the outbox to a real events service, however many replicas check.
#include <thread>

#include "gmock/gmock.h"
#include "tests/audits/audit_life_fixture.h"
#include "tests/events/events_fixture.h"

namespace assure::audits {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

class DueCheckEventsTest : public AuditLifeTest {
 protected:
  void SetUp() override {
    feed_ = std::make_unique<events::SenderFeed>(testing::TestStoreLocation(dir_.File("events.db")),
                                                 clock_);
    routes_ = feed_->RoutesHere();
    AuditLifeTest::SetUp();
  }

  // An action on a submitted audit of `tenant` (not moderated), due on `due`.
  v1::AuditAction ActionDue(absl::CivilDay due, const std::string& tenant = "LA1") {
    SamplePercent(tenant, 0);
    const v1::Audit a = SubmittedGood(tenant);
    v1::CreateAuditActionRequest raise;
    raise.set_parent(a.name());
    raise.mutable_action()->set_text("Visit within 10 working days and record it");
    raise.mutable_action()->set_owner("sw-1");
    *raise.mutable_action()->mutable_due_date() = ToProto(due);
    v1::AuditAction out;
    const auto st = stub_->CreateAuditAction(As("iro-1", "iro", tenant).get(), raise, &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return out;
  }

  std::vector<std::string> Feed(const std::string& tenant = "LA1") {
    return feed_->Seen(*outbox_, As("qrm-1", "iro_manager", tenant), "audits");
  }

  std::unique_ptr<events::SenderFeed> feed_;
};

TEST_F(DueCheckEventsTest, AnActionIsToldOnceWhenItsDueDateComes) {
  const v1::AuditAction a = ActionDue(absl::CivilDay(2026, 12, 4));
  EXPECT_EQ(service_->AnnounceActionsDue(), 0);  // 1 December: not yet due
  EXPECT_THAT(Feed(), IsEmpty());
  clock_.Advance(absl::Hours(24 * 3));  // 4 December
  EXPECT_EQ(service_->AnnounceActionsDue(), 1);
  EXPECT_EQ(service_->AnnounceActionsDue(), 0);  // told once
  clock_.Advance(absl::Hours(24));
  EXPECT_EQ(service_->AnnounceActionsDue(), 0);  // and not again when overdue
  EXPECT_THAT(Feed(), ElementsAre("audits.action.due " + a.name() + " (1)"));
}

TEST_F(DueCheckEventsTest, AnActionSignedOffBeforeItFallsDueIsNeverTold) {
  const v1::AuditAction a = ActionDue(absl::CivilDay(2026, 12, 4));
  v1::SignOffAuditActionRequest sign;
  sign.set_name(a.name());
  sign.set_evidence("visit recorded on 2 December");
  v1::AuditAction done;
  ASSERT_TRUE(stub_->SignOffAuditAction(As("tm-1", "team_manager").get(), sign, &done).ok());
  clock_.Advance(absl::Hours(24 * 7));
  EXPECT_EQ(service_->AnnounceActionsDue(), 0);
  EXPECT_THAT(Feed(), IsEmpty());
}

TEST_F(DueCheckEventsTest, EachAuthorityIsToldOnlyOfItsOwnActions) {
  const v1::AuditAction ours = ActionDue(absl::CivilDay(2026, 12, 2), "LA1");
  const v1::AuditAction theirs = ActionDue(absl::CivilDay(2026, 12, 3), "LA2");
  clock_.Advance(absl::Hours(24 * 2));  // 3 December: both due
  EXPECT_EQ(service_->AnnounceActionsDue(), 2);
  EXPECT_THAT(Feed("LA1"), ElementsAre("audits.action.due " + ours.name() + " (1)"));
  EXPECT_THAT(Feed("LA2"), ElementsAre("audits.action.due " + theirs.name() + " (1)"));
}

TEST_F(DueCheckEventsTest, TwoReplicasCheckingAtOnceTellEachActionOnce) {
  ActionDue(absl::CivilDay(2026, 12, 2));
  ActionDue(absl::CivilDay(2026, 12, 2), "LA2");
  auto other_store =
      store::Store::Open({location_, 2, 256}, "audits", assure_data::audits_migrations::Files());
  ASSERT_TRUE(other_store.ok()) << other_store.status();
  Outbox other_outbox(**other_store, routes_, clock_, *registry_, "audits");
  AuditsMetrics other_metrics(**other_store, clock_);
  AuditsService other(**other_store, clock_, other_metrics, other_outbox);
  clock_.Advance(absl::Hours(24));
  int told_here = 0, told_there = 0;
  std::thread there([&] { told_there = other.AnnounceActionsDue(); });
  told_here = service_->AnnounceActionsDue();
  there.join();
  EXPECT_EQ(told_here + told_there, 2);
  other_outbox.DeliverDue();
  EXPECT_EQ(Feed("LA1").size(), 1u);
  EXPECT_EQ(Feed("LA2").size(), 1u);
  (*other_store)->Stop();
}

}  // namespace
}  // namespace assure::audits
