// Each authority's review settings are its own resource: changed by its IRO manager, kept
// with every earlier version (who, when, why), and read by the rules for that authority only.
#include "gmock/gmock.h"
#include "tests/reviews/service_fixture.h"

namespace assure::reviews {
namespace {

using assure::testing::As;
using assure::testing::BadFields;
using ::testing::ElementsAre;

v1::UpdateReviewSettingsRequest NotifyWithin(int days, const std::string& etag,
                                             const std::string& reason) {
  v1::UpdateReviewSettingsRequest req;
  req.mutable_settings()->set_name("reviewSettings");
  req.mutable_settings()->set_iro_notification_target_working_days(days);
  req.mutable_settings()->set_departure_reason(reason);
  req.mutable_settings()->set_etag(etag);
  req.mutable_update_mask()->add_paths("iro_notification_target_working_days");
  req.mutable_update_mask()->add_paths("departure_reason");
  return req;
}

TEST_F(ReviewsServiceTest, AnAuthoritysSettingsStartAtTheGuidanceAndChangeForItAlone) {
  v1::GetReviewSettingsRequest get;
  get.set_name("reviewSettings");
  v1::ReviewSettings la1;
  ASSERT_TRUE(stub_->GetReviewSettings(Manager().get(), get, &la1).ok());
  EXPECT_EQ(la1.iro_notification_target_working_days(), 5);
  EXPECT_EQ(la1.etag(), "0");

  v1::ReviewSettings saved;
  auto refused = stub_->UpdateReviewSettings(Manager().get(), NotifyWithin(10, "0", ""), &saved);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(BadFields(refused), ElementsAre("settings.iro_notification_target_working_days"));
  EXPECT_EQ(stub_->UpdateReviewSettings(Iro().get(), NotifyWithin(10, "0", "x"), &saved)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  ASSERT_TRUE(stub_->UpdateReviewSettings(
                       Manager().get(), NotifyWithin(10, "0", "agency IROs take 10 days"), &saved)
                  .ok());
  EXPECT_EQ(saved.updated_by(), "mgr-1");
  EXPECT_EQ(saved.etag(), "1");
  EXPECT_EQ(stub_->UpdateReviewSettings(Manager().get(), NotifyWithin(8, "0", "x"), &saved)
                .error_code(),
            grpc::StatusCode::ABORTED);  // a stale etag

  // The rule reads LA1's setting: 7 working days is now within its target...
  CreateIro("iro-1");
  CreateLookedAfterChild("C1", D(2026, 11, 16));
  v1::Child child;
  ASSERT_TRUE(Allocate("C1", "iro-1", &child).ok());
  EXPECT_EQ(child.iro_allocation().notification_delay_working_days(), 7);
  EXPECT_TRUE(child.iro_allocation().within_notification_target());

  // ...and not another authority's, which keeps the Handbook's 5.
  v1::ReviewSettings la2;
  ASSERT_TRUE(stub_->GetReviewSettings(As("mgr-2", "iro_manager", "LA2").get(), get, &la2).ok());
  EXPECT_EQ(la2.iro_notification_target_working_days(), 5);
  v1::CreateIroRequest iro;
  iro.set_iro_id("iro-2");
  iro.mutable_iro()->set_display_name("IRO two");
  iro.mutable_iro()->set_fte_hundredths(100);
  iro.mutable_iro()->set_chairs_lac_reviews(true);
  iro.mutable_iro()->set_status(v1::IRO_STATUS_ACTIVE);
  v1::Iro made;
  ASSERT_TRUE(stub_->CreateIro(As("mgr-2", "iro_manager", "LA2").get(), iro, &made).ok());
  v1::CreateChildRequest create;
  create.set_child_id("C1");
  *create.mutable_child()->mutable_birth_date() = D(2014, 3, 1);
  auto* period = create.mutable_child()->add_periods_of_care();
  *period->mutable_start_date() = D(2026, 11, 16);
  period->set_legal_status(v1::LEGAL_STATUS_CARE_ORDER);
  v1::Child other;
  ASSERT_TRUE(stub_->CreateChild(As("mosaic", "case_system", "LA2").get(), create, &other).ok());
  v1::AllocateIroRequest allocate;
  allocate.set_name("children/C1");
  allocate.set_iro("iros/iro-2");
  ASSERT_TRUE(stub_->AllocateIro(As("mgr-2", "iro_manager", "LA2").get(), allocate, &other).ok());
  EXPECT_FALSE(other.iro_allocation().within_notification_target());
}

TEST_F(ReviewsServiceTest, EverySavedVersionOfTheSettingsIsKeptNewestFirst) {
  v1::ReviewSettings saved;
  ASSERT_TRUE(stub_->UpdateReviewSettings(Manager().get(), NotifyWithin(10, "0", "first"), &saved)
                  .ok());
  ASSERT_TRUE(stub_->UpdateReviewSettings(As("mgr-9", "iro_manager").get(),
                                          NotifyWithin(5, saved.etag(), ""), &saved)
                  .ok());
  v1::ListReviewSettingsRevisionsRequest list;
  list.set_name("reviewSettings");
  list.set_page_size(1);
  v1::ListReviewSettingsRevisionsResponse page;
  ASSERT_TRUE(stub_->ListReviewSettingsRevisions(Manager().get(), list, &page).ok());
  ASSERT_EQ(page.revisions_size(), 1);
  EXPECT_EQ(page.revisions(0).etag(), "2");
  EXPECT_EQ(page.revisions(0).updated_by(), "mgr-9");
  ASSERT_FALSE(page.next_page_token().empty());
  list.set_page_token(page.next_page_token());
  ASSERT_TRUE(stub_->ListReviewSettingsRevisions(Manager().get(), list, &page).ok());
  ASSERT_EQ(page.revisions_size(), 1);
  EXPECT_EQ(page.revisions(0).etag(), "1");
  EXPECT_EQ(page.revisions(0).updated_by(), "mgr-1");
  EXPECT_EQ(page.revisions(0).departure_reason(), "first");
  EXPECT_TRUE(page.next_page_token().empty());
}

}  // namespace
}  // namespace assure::reviews
