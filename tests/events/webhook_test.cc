// Webhooks: each subscriber's events pushed in feed order, signed, until it answers 2xx; a
// partner's carry only its children; replicas never push the same page at once.
#include <openssl/hmac.h>

#include <thread>

#include "absl/strings/escaping.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "tests/events/events_fixture.h"
#include "tests/events/webhook_receiver.h"

namespace assure::events {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr char kSecret[] = "a-secret-of-16-bytes";

class WebhookTest : public EventsServiceTest {
 protected:
  v1::Subscription Subscribe(std::unique_ptr<grpc::ClientContext> as,
                             const std::string& filter = "", grpc::Status* status = nullptr,
                             const std::string& url = "") {
    v1::CreateSubscriptionRequest req;
    req.mutable_subscription()->set_url(url.empty() ? receiver_.url() : url);
    req.mutable_subscription()->set_secret(kSecret);
    req.mutable_subscription()->set_filter(filter);
    v1::Subscription out;
    auto st = feed_->CreateSubscription(as.get(), req, &out);
    if (status) *status = st;
    EXPECT_TRUE(status || st.ok()) << st.error_message();
    return out;
  }

  // The event ids of every delivery the receiver got, one list per delivery.
  std::vector<std::vector<std::string>> Deliveries() {
    std::vector<std::vector<std::string>> out;
    for (const auto& r : receiver_.requests()) {
      v1::ListEventsResponse page;
      EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(r.body, &page).ok()) << r.body;
      std::vector<std::string> ids;
      for (const auto& e : page.events()) ids.push_back(e.event_id());
      out.push_back(ids);
    }
    return out;
  }

  // What the subscriber checks: t=<seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>.
  static bool Signed(const WebhookReceiver::Request& r) {
    auto it = r.headers.find("x-assure-signature");
    if (it == r.headers.end()) return false;
    const std::string& header = it->second;
    const size_t comma = header.find(",v1=");
    if (header.rfind("t=", 0) != 0 || comma == std::string::npos) return false;
    const std::string text = header.substr(2, comma - 2) + "." + r.body;
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    HMAC(EVP_sha256(), kSecret, sizeof kSecret - 1,
         reinterpret_cast<const unsigned char*>(text.data()), text.size(), mac, &n);
    return header.substr(comma + 4) ==
           absl::BytesToHexString(absl::string_view(reinterpret_cast<char*>(mac), n));
  }

  void Moved(const std::string& id, const std::string& child = "children/C1") {
    ASSERT_TRUE(Record(id, "reviews.review.moved", child + "/reviews/1", child).ok());
  }

  static std::unique_ptr<grpc::ClientContext> Manager(const std::string& tenant = "LA1") {
    return As("mgr-1", "iro_manager", tenant);
  }

  WebhookReceiver receiver_;
};

TEST_F(WebhookTest, ASubscriberGetsEventsSignedInOrderAndAFailedDeliveryAgainLater) {
  Moved("before");  // a new subscription starts at the feed's end
  const auto sub = Subscribe(Manager());
  EXPECT_EQ(sub.delivered_sequence(), 1);
  EXPECT_TRUE(sub.secret().empty());
  Moved("m1");
  Moved("m2");
  receiver_.AnswerWith({503});
  EXPECT_EQ(server_->webhooks().DeliverDue(), 0);
  v1::GetSubscriptionRequest get;
  get.set_name(sub.name());
  v1::Subscription now;
  ASSERT_TRUE(feed_->GetSubscription(Manager().get(), get, &now).ok());
  EXPECT_THAT(now.last_error(), HasSubstr("503"));
  EXPECT_EQ(server_->webhooks().DeliverDue(), 0);  // not before its backoff
  clock_.Set(clock_.Now() + absl::Seconds(2));
  EXPECT_EQ(server_->webhooks().DeliverDue(), 1);
  Moved("m3");
  EXPECT_EQ(server_->webhooks().DeliverDue(), 1);
  EXPECT_THAT(Deliveries(),
              ElementsAre(ElementsAre("m1", "m2"), ElementsAre("m1", "m2"), ElementsAre("m3")));
  for (const auto& r : receiver_.requests()) {
    EXPECT_TRUE(Signed(r)) << r.headers.at("x-assure-signature");
    EXPECT_EQ(r.headers.at("x-assure-subscription"), sub.name());
  }
  ASSERT_TRUE(feed_->GetSubscription(Manager().get(), get, &now).ok());
  EXPECT_EQ(now.delivered_sequence(), 4);
  EXPECT_EQ(now.last_error(), "");
}

TEST_F(WebhookTest, APartnersSubscriptionCarriesOnlyEventsAboutItsChildren) {
  Subscribe(Advocate("P1"));
  ASSERT_TRUE(
      Record("r1", "reviews.referral.made", "children/C1/referrals/1", "children/C1", "P1").ok());
  Moved("m1", "children/C1");
  Moved("m2", "children/C2");
  Moved("m3", "children/C1");
  EXPECT_EQ(server_->webhooks().DeliverDue(), 1);
  EXPECT_THAT(Deliveries(), ElementsAre(ElementsAre("r1", "m1", "m3")));
  Moved("m4", "children/C2");  // nothing for P1: nothing sent
  EXPECT_EQ(server_->webhooks().DeliverDue(), 0);
  EXPECT_EQ(receiver_.requests().size(), 1u);
}

TEST_F(WebhookTest, AFilteredSubscriptionCarriesOnlyWhatItAskedFor) {
  Subscribe(Manager(), "type = \"reviews.review.held\"");
  Moved("m1");
  ASSERT_TRUE(Record("h1", "reviews.review.held", "children/C1/reviews/1", "children/C1").ok());
  EXPECT_EQ(server_->webhooks().DeliverDue(), 1);
  EXPECT_THAT(Deliveries(), ElementsAre(ElementsAre("h1")));
}

TEST_F(WebhookTest, ADeletedSubscriptionGetsNothingMoreAndOnlyItsOwnerSeesIt) {
  const auto sub = Subscribe(Advocate("P1"));
  v1::GetSubscriptionRequest get;
  get.set_name(sub.name());
  v1::Subscription out;
  EXPECT_EQ(feed_->GetSubscription(Advocate("P2").get(), get, &out).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(feed_->GetSubscription(Manager().get(), get, &out).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(feed_->GetSubscription(Advocate("P1", "LA2").get(), get, &out).error_code(),
            grpc::StatusCode::NOT_FOUND);
  v1::ListSubscriptionsResponse listed;
  ASSERT_TRUE(
      feed_->ListSubscriptions(Advocate("P1").get(), v1::ListSubscriptionsRequest(), &listed).ok());
  ASSERT_EQ(listed.subscriptions_size(), 1);
  EXPECT_EQ(listed.subscriptions(0).url(), receiver_.url());
  ASSERT_TRUE(
      feed_->ListSubscriptions(Manager().get(), v1::ListSubscriptionsRequest(), &listed).ok());
  EXPECT_EQ(listed.subscriptions_size(), 0);

  v1::DeleteSubscriptionRequest del;
  del.set_name(sub.name());
  google::protobuf::Empty done;
  EXPECT_EQ(feed_->DeleteSubscription(Advocate("P2").get(), del, &done).error_code(),
            grpc::StatusCode::NOT_FOUND);
  ASSERT_TRUE(feed_->DeleteSubscription(Advocate("P1").get(), del, &done).ok());
  ASSERT_TRUE(
      Record("r1", "reviews.referral.made", "children/C1/referrals/1", "children/C1", "P1").ok());
  EXPECT_EQ(server_->webhooks().DeliverDue(), 0);
  EXPECT_TRUE(receiver_.requests().empty());
}

TEST_F(WebhookTest, BadSubscriptionsAreRefusedNamingTheFieldAndSaveNothing) {
  grpc::Status st;
  Subscribe(Manager(), "", &st, "https://");
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(st.error_message(), HasSubstr("subscription.url"));
  Subscribe(Manager(), "colour = \"red\"", &st);
  EXPECT_THAT(st.error_message(), HasSubstr("subscription.filter"));
  Subscribe(As("fin-1", "finance"), "", &st);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  v1::ListSubscriptionsResponse listed;
  ASSERT_TRUE(
      feed_->ListSubscriptions(Manager().get(), v1::ListSubscriptionsRequest(), &listed).ok());
  EXPECT_EQ(listed.subscriptions_size(), 0);
}

TEST_F(WebhookTest, ASenderForTheInternetNeverConnectsToAnAddressInside) {
  // A replica as deployed: the name "localhost" resolves to loopback, which is not public.
  EventsServer deployed(location_, clock_, 100, /*private_webhooks=*/false);
  const std::string url = receiver_.url();
  Subscribe(Manager(), "", nullptr, "http://localhost" + url.substr(url.rfind(':')));
  Moved("m0");
  EXPECT_EQ(deployed.webhooks().DeliverDue(), 0);
  EXPECT_TRUE(receiver_.requests().empty());
  v1::ListSubscriptionsResponse list;
  ASSERT_TRUE(
      feed_->ListSubscriptions(Manager().get(), v1::ListSubscriptionsRequest(), &list).ok());
  ASSERT_EQ(list.subscriptions_size(), 1);
  EXPECT_THAT(list.subscriptions(0).last_error(), HasSubstr("is not a public address"));
}

TEST_F(WebhookTest, TwoReplicasNeverPushTheSamePageAtOnce) {
  EventsServer other(location_, clock_);
  Subscribe(Manager());
  for (int i = 0; i < 5; ++i) Moved("m" + std::to_string(i));
  int accepted = 0;
  std::thread a([&] { accepted += server_->webhooks().DeliverDue(); });
  int by_other = other.webhooks().DeliverDue();
  a.join();
  EXPECT_EQ(accepted + by_other, 1);
  EXPECT_THAT(Deliveries(), ElementsAre(ElementsAre("m0", "m1", "m2", "m3", "m4")));
}

}  // namespace
}  // namespace assure::events
