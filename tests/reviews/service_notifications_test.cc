// The IRO is told (CPPCR 2010 reg 45): a significant change, a failure to carry out the plan
// or a change of legal status is listed for the allocated IRO, with its date, until
// acknowledged, and may be tied to the earlier review it led to; per authority.
#include "gmock/gmock.h"
#include "tests/reviews/service_fixture.h"

namespace assure::reviews {
namespace {

using assure::testing::BadFields;
using assure::testing::FailedRuleOf;
using ::testing::UnorderedElementsAre;

class NotificationsTest : public ReviewsServiceTest {
 protected:
  grpc::Status Notify(const std::string& child, v1::NotificationKind kind, v1::Notification* out,
                      const std::string& tenant = "LA1") {
    v1::CreateNotificationRequest req;
    req.set_parent("children/" + child);
    req.mutable_notification()->set_kind(kind);
    req.mutable_notification()->set_description("placement ended after an allegation");
    *req.mutable_notification()->mutable_event_date() = D(2026, 11, 23);
    return stub_->CreateNotification(As("sw-1", "social_worker", tenant).get(), req, out);
  }

  std::vector<std::string> Unacknowledged(const std::string& iro, const std::string& tenant = "LA1") {
    v1::ListNotificationsRequest req;
    req.set_parent("children/-");
    req.set_filter("iro = iros/" + iro + " AND acknowledged = false");
    v1::ListNotificationsResponse out;
    EXPECT_TRUE(stub_->ListNotifications(As("iro-1", "iro", tenant).get(), req, &out).ok());
    std::vector<std::string> names;
    for (const auto& n : out.notifications()) names.push_back(n.name());
    return names;
  }
};

TEST_F(NotificationsTest, TheAllocatedIroSeesItUntilAcknowledgingItWithTheEarlierReview) {
  CreateIro("iro-1");
  CreateLookedAfterChild("C1", D(2026, 10, 1));
  v1::Child child;
  ASSERT_TRUE(Allocate("C1", "iro-1", &child).ok());
  v1::Notification n;
  ASSERT_TRUE(Notify("C1", v1::NOTIFICATION_KIND_SIGNIFICANT_CHANGE, &n).ok());
  EXPECT_EQ(n.name(), "children/C1/notifications/1");
  EXPECT_EQ(n.iro(), "iros/iro-1");
  EXPECT_EQ(n.notified_by(), "sw-1");
  EXPECT_EQ(n.event_date().day(), 23);
  EXPECT_FALSE(n.acknowledged());
  EXPECT_THAT(Unacknowledged("iro-1"), UnorderedElementsAre("children/C1/notifications/1"));
  EXPECT_TRUE(Unacknowledged("iro-1", "LA2").empty());

  // It leads to an earlier review.
  v1::CreateReviewRequest early;
  early.set_parent("children/C1");
  early.mutable_review()->set_kind(v1::REVIEW_KIND_LAC_REVIEW);
  early.mutable_review()->set_unscheduled(true);
  early.mutable_review()->set_unscheduled_reason("placement ended: care plan to change");
  v1::Review review;
  ASSERT_TRUE(stub_->CreateReview(Iro().get(), early, &review).ok());
  v1::AcknowledgeNotificationRequest ack;
  ack.set_name(n.name());
  ack.set_earlier_review(review.name());
  v1::Notification acknowledged;
  ASSERT_TRUE(stub_->AcknowledgeNotification(Iro().get(), ack, &acknowledged).ok());
  EXPECT_TRUE(acknowledged.acknowledged());
  EXPECT_EQ(acknowledged.acknowledged_by(), "iro-1");
  EXPECT_EQ(acknowledged.earlier_review(), review.name());
  EXPECT_TRUE(Unacknowledged("iro-1").empty());
  EXPECT_EQ(FailedRuleOf(stub_->AcknowledgeNotification(Iro().get(), ack, &acknowledged)),
            "notification.acknowledged_once");
}

TEST_F(NotificationsTest, BadNotificationsAreRefusedNamingEachFieldAndOnlyStaffMayNotify) {
  CreateLookedAfterChild("C1", D(2026, 10, 1));
  v1::CreateNotificationRequest req;
  req.set_parent("children/C1");
  *req.mutable_notification()->mutable_event_date() = D(2099, 1, 1);
  v1::Notification out;
  auto st = stub_->CreateNotification(As("sw-1", "social_worker").get(), req, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(BadFields(st), UnorderedElementsAre("notification.kind", "notification.description",
                                                  "notification.event_date"));
  v1::Notification refused;
  EXPECT_EQ(stub_->CreateNotification(As("aud-1", "auditor").get(), req, &refused).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Notify("C1", v1::NOTIFICATION_KIND_LEGAL_STATUS_CHANGE, &out, "LA2").error_code(),
            grpc::StatusCode::NOT_FOUND);
  v1::AcknowledgeNotificationRequest ack;
  ack.set_name("children/C1/notifications/1");
  ack.set_earlier_review("children/C2/reviews/1");
  EXPECT_THAT(BadFields(stub_->AcknowledgeNotification(Iro().get(), ack, &out)),
              UnorderedElementsAre("earlier_review"));
}

}  // namespace
}  // namespace assure::reviews
