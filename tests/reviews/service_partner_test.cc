// Partner scope on the reviews service: an advocacy provider sees only the children referred
// to it, only what advocacy needs, and cannot tell a child not referred from one that does
// not exist.
#include <grpcpp/client_context.h>

#include "gmock/gmock.h"
#include "tests/reviews/service_fixture.h"

namespace assure::reviews {
namespace {

class PartnerScopeTest : public ReviewsServiceTest {
 protected:
  void SetUp() override {
    ReviewsServiceTest::SetUp();
    CreateLookedAfterChild("C1", D(2026, 3, 2));
    CreateLookedAfterChild("C2", D(2026, 3, 2));
    for (const char* partner : {"nyas", "coram"}) {
      v1::CreateReferralRequest refer;
      refer.set_parent("children/C1");
      refer.mutable_referral()->set_partner(partner);
      refer.mutable_referral()->set_reason(v1::REFERRAL_REASON_LOOKED_AFTER_REVIEW);
      refer.mutable_referral()->set_urgency(v1::REFERRAL_URGENCY_ROUTINE);
      refer.mutable_referral()->set_consent(v1::CHILD_CONSENT_GIVEN);
      v1::Referral out;
      ASSERT_TRUE(stub_->CreateReferral(As("sw-1", "social_worker").get(), refer, &out).ok());
    }
  }

  grpc::Status Get(std::unique_ptr<grpc::ClientContext> ctx, const std::string& child,
                   v1::Child* out) {
    v1::GetChildRequest get;
    get.set_name("children/" + child);
    return stub_->GetChild(ctx.get(), get, out);
  }

  static std::unique_ptr<grpc::ClientContext> Advocate() {
    return As("adv-1", "advocate", "LA1", "nyas");
  }
};

TEST_F(PartnerScopeTest, APartnerReadsAReferredChildWithOnlyWhatAdvocacyNeeds) {
  v1::Child out;
  ASSERT_TRUE(Get(Advocate(), "C1", &out).ok());
  EXPECT_EQ(out.name(), "children/C1");
  EXPECT_TRUE(out.has_birth_date());
  EXPECT_TRUE(out.looked_after());
  EXPECT_EQ(out.periods_of_care_size(), 0);
  EXPECT_EQ(out.referred_partners_size(), 0) << "other partners are none of its business";
}

TEST_F(PartnerScopeTest, AChildNotReferredAndAChildThatDoesNotExistGetTheSameAnswer) {
  v1::Child out;
  const grpc::Status not_referred = Get(Advocate(), "C2", &out);
  const grpc::Status missing = Get(Advocate(), "C3", &out);
  EXPECT_EQ(not_referred.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(missing.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(not_referred.error_message().find("C2") != std::string::npos,
            missing.error_message().find("C3") != std::string::npos);
}

TEST_F(PartnerScopeTest, AnAdvocateWithoutAPartnerIsRefused) {
  v1::Child out;
  EXPECT_EQ(Get(As("adv-1", "advocate"), "C1", &out).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(PartnerScopeTest, APartnerWithAStaffRoleIsRefusedRatherThanListingEveryChild) {
  v1::ListChildrenRequest list;
  v1::ListChildrenResponse out;
  auto ctx = As("adv-1", "iro_manager", "LA1", "nyas");
  EXPECT_EQ(stub_->ListChildren(ctx.get(), list, &out).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(PartnerScopeTest, APartnerCannotReadMeetingsOrDecisionsDirectly) {
  v1::ListReviewsRequest list;
  list.set_parent("children/C1");
  v1::ListReviewsResponse out;
  EXPECT_EQ(stub_->ListReviews(Advocate().get(), list, &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(PartnerScopeTest, TheScheduleOfAChildNotReferredIsNotFound) {
  v1::GetReviewScheduleRequest get;
  get.set_name("children/C2/reviewSchedule");
  v1::ReviewSchedule out;
  EXPECT_EQ(stub_->GetReviewSchedule(Advocate().get(), get, &out).error_code(),
            grpc::StatusCode::NOT_FOUND);
  get.set_name("children/C1/reviewSchedule");
  EXPECT_TRUE(stub_->GetReviewSchedule(Advocate().get(), get, &out).ok());
}

TEST_F(PartnerScopeTest, EachRoleValueIsOneRoleNeverSplitOrTrimmed) {
  v1::CreateIroRequest req;
  req.set_iro_id("iro-7");
  v1::Iro out;
  auto joined = As("sw-1", "social_worker,iro_manager");
  EXPECT_EQ(stub_->CreateIro(joined.get(), req, &out).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  auto padded = As("sw-1", " admin ");
  EXPECT_EQ(stub_->CreateIro(padded.get(), req, &out).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  auto unknown = As("sw-1", "superuser");
  EXPECT_EQ(stub_->CreateIro(unknown.get(), req, &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(PartnerScopeTest, TheAllAuthoritiesTenantCannotBeClaimed) {
  v1::Child out;
  EXPECT_EQ(Get(As("iro-1", "iro", "*"), "C1", &out).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

}  // namespace
}  // namespace assure::reviews
