// Advocacy referrals through the reviews service: the authority refers, the provider answers,
// allocates and closes; a provider reaches only its own referrals and, through them, only the
// children referred to it; a referral ends with the child's looked-after or protection status;
// the contract report times each provider against its authority's own timescales.
#include <grpcpp/client_context.h>

#include "gmock/gmock.h"
#include "tests/reviews/service_fixture.h"

namespace assure::reviews {
namespace {

using assure::testing::BadFields;
using assure::testing::FailedRuleOf;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

class ReferralsTest : public ReviewsServiceTest {
 protected:
  void SetUp() override {
    ReviewsServiceTest::SetUp();
    CreateLookedAfterChild("C1", D(2026, 3, 2));
    CreateLookedAfterChild("C2", D(2026, 3, 2));
  }

  static v1::CreateReferralRequest Referral(
      const std::string& child, const std::string& partner,
      v1::ReferralUrgency urgency = v1::REFERRAL_URGENCY_ROUTINE) {
    v1::CreateReferralRequest req;
    req.set_parent("children/" + child);
    auto* r = req.mutable_referral();
    r->set_partner(partner);
    r->set_reason(v1::REFERRAL_REASON_LOOKED_AFTER_REVIEW);
    r->set_urgency(urgency);
    r->set_consent(v1::CHILD_CONSENT_GIVEN);
    r->set_note("Wants help to say what she thinks about contact at her next review");
    return req;
  }

  v1::Referral Refer(const std::string& child, const std::string& partner,
                     const std::string& tenant = "LA1",
                     v1::ReferralUrgency urgency = v1::REFERRAL_URGENCY_ROUTINE) {
    v1::Referral out;
    auto st =
        stub_->CreateReferral(SocialWorker(tenant).get(), Referral(child, partner, urgency), &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return out;
  }

  grpc::Status Accept(const v1::Referral& r, const std::string& partner, v1::Referral* out,
                      const std::string& advocate = "") {
    v1::AcceptReferralRequest req;
    req.set_name(r.name());
    req.set_advocate(advocate);
    return stub_->AcceptReferral(Advocate(partner).get(), req, out);
  }

  grpc::Status GetChildAs(std::unique_ptr<grpc::ClientContext> ctx, const std::string& child,
                          v1::Child* out) {
    v1::GetChildRequest get;
    get.set_name("children/" + child);
    return stub_->GetChild(ctx.get(), get, out);
  }

  static std::unique_ptr<grpc::ClientContext> SocialWorker(const std::string& tenant = "LA1") {
    return As("sw-1", "social_worker", tenant);
  }
  static std::unique_ptr<grpc::ClientContext> Advocate(const std::string& partner,
                                                       const std::string& tenant = "LA1") {
    return As("adv-1", "advocate", tenant, partner);
  }
};

TEST_F(ReferralsTest, TheProviderAcceptsAllocatesAnAdvocateAndClosesItsReferral) {
  const v1::Referral made = Refer("C1", "nyas");
  EXPECT_EQ(made.name(), "children/C1/referrals/1");
  EXPECT_EQ(made.state(), v1::REFERRAL_STATE_REFERRED);
  EXPECT_EQ(made.referred_by(), "sw-1");
  EXPECT_TRUE(made.response_within_timescale());

  clock_.Advance(absl::Hours(24));
  v1::Referral accepted;
  ASSERT_TRUE(Accept(made, "nyas", &accepted).ok());
  EXPECT_EQ(accepted.state(), v1::REFERRAL_STATE_ACCEPTED);
  EXPECT_EQ(accepted.responded_by(), "adv-1");
  EXPECT_EQ(accepted.response_working_days(), 1);
  EXPECT_TRUE(accepted.advocate().empty());

  v1::AllocateAdvocateRequest allocate;
  allocate.set_name(made.name());
  allocate.set_advocate("adv-7");
  allocate.set_etag(accepted.etag());
  v1::Referral allocated;
  ASSERT_TRUE(stub_->AllocateAdvocate(Advocate("nyas").get(), allocate, &allocated).ok());
  EXPECT_EQ(allocated.advocate(), "adv-7");
  EXPECT_TRUE(allocated.has_advocate_allocate_time());

  v1::CloseReferralRequest close;
  close.set_name(made.name());
  close.set_reason(v1::REFERRAL_CLOSE_REASON_COMPLETED);
  close.set_note("Views given at the review on 3 December");
  v1::Referral closed;
  ASSERT_TRUE(stub_->CloseReferral(Advocate("nyas").get(), close, &closed).ok());
  EXPECT_EQ(closed.state(), v1::REFERRAL_STATE_CLOSED);
  EXPECT_EQ(closed.closed_by(), "adv-1");

  v1::Referral again;
  const grpc::Status twice = stub_->CloseReferral(Advocate("nyas").get(), close, &again);
  EXPECT_EQ(twice.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(FailedRuleOf(twice), "referral.closed_once");
}

TEST_F(ReferralsTest, AProviderReachesOnlyItsOwnReferralsAndTheirChildren) {
  const v1::Referral to_nyas = Refer("C1", "nyas");
  const v1::Referral to_coram = Refer("C2", "coram");

  v1::Child child;
  EXPECT_TRUE(GetChildAs(Advocate("nyas"), "C1", &child).ok());
  EXPECT_EQ(GetChildAs(Advocate("nyas"), "C2", &child).error_code(), grpc::StatusCode::NOT_FOUND);

  v1::GetReferralRequest get;
  get.set_name(to_coram.name());
  v1::Referral r;
  EXPECT_EQ(stub_->GetReferral(Advocate("nyas").get(), get, &r).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Accept(to_coram, "nyas", &r).error_code(), grpc::StatusCode::NOT_FOUND);

  v1::ListReferralsRequest list;
  list.set_parent("children/-");
  list.set_filter("partner = coram");
  v1::ListReferralsResponse listed;
  ASSERT_TRUE(stub_->ListReferrals(Advocate("nyas").get(), list, &listed).ok());
  ASSERT_EQ(listed.referrals_size(), 1) << "a provider's list is its own, whatever it asks";
  EXPECT_EQ(listed.referrals(0).name(), to_nyas.name());

  list.clear_filter();
  ASSERT_TRUE(stub_->ListReferrals(SocialWorker().get(), list, &listed).ok());
  EXPECT_EQ(listed.referrals_size(), 2) << "staff see every provider's";
}

TEST_F(ReferralsTest, ADeclinedReferralSaysWhyAndHidesTheChildFromTheProviderAgain) {
  const v1::Referral made = Refer("C1", "nyas");
  v1::DeclineReferralRequest decline;
  decline.set_name(made.name());
  v1::Referral out;
  const grpc::Status no_reason = stub_->DeclineReferral(Advocate("nyas").get(), decline, &out);
  EXPECT_EQ(no_reason.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(BadFields(no_reason), ElementsAre("reason"));

  decline.set_reason("No advocate speaks the child's first language this month");
  ASSERT_TRUE(stub_->DeclineReferral(Advocate("nyas").get(), decline, &out).ok());
  EXPECT_EQ(out.state(), v1::REFERRAL_STATE_DECLINED);
  EXPECT_EQ(out.decline_reason(), decline.reason());
  v1::Child child;
  EXPECT_EQ(GetChildAs(Advocate("nyas"), "C1", &child).error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(FailedRuleOf(Accept(made, "nyas", &out)), "referral.answered_once");
}

TEST_F(ReferralsTest, StaffSeeWhichProvidersAChildIsReferredToButCannotSetItByHand) {
  Refer("C1", "nyas");
  Refer("C1", "coram");
  v1::Child child;
  ASSERT_TRUE(GetChildAs(Iro(), "C1", &child).ok());
  EXPECT_THAT(child.referred_partners(), ElementsAre("coram", "nyas"));
  v1::ListChildrenRequest list;
  v1::ListChildrenResponse listed;
  ASSERT_TRUE(stub_->ListChildren(Manager().get(), list, &listed).ok());
  ASSERT_EQ(listed.children_size(), 2);
  EXPECT_THAT(listed.children(0).referred_partners(), ElementsAre("coram", "nyas"));
  EXPECT_THAT(listed.children(1).referred_partners(), IsEmpty());

  v1::UpdateChildRequest update;
  update.mutable_child()->set_name("children/C2");
  update.mutable_child()->add_referred_partners("nyas");
  update.mutable_update_mask()->add_paths("referred_partners");
  EXPECT_EQ(stub_->UpdateChild(CaseSystem().get(), update, &child).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(GetChildAs(Advocate("nyas"), "C2", &child).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(ReferralsTest, AReferralEndsWhenTheChildStopsBeingLookedAfter) {
  const v1::Referral made = Refer("C1", "nyas");
  v1::Child child;
  ASSERT_TRUE(GetChildAs(CaseSystem(), "C1", &child).ok());
  v1::UpdateChildRequest update;
  *update.mutable_child() = child;
  *update.mutable_child()->mutable_periods_of_care(0)->mutable_end_date() = D(2026, 11, 20);
  update.mutable_update_mask()->add_paths("periods_of_care");
  ASSERT_TRUE(stub_->UpdateChild(CaseSystem().get(), update, &child).ok());
  EXPECT_FALSE(child.looked_after());
  EXPECT_THAT(child.referred_partners(), IsEmpty());

  v1::GetReferralRequest get;
  get.set_name(made.name());
  v1::Referral ended;
  ASSERT_TRUE(stub_->GetReferral(SocialWorker().get(), get, &ended).ok());
  EXPECT_EQ(ended.state(), v1::REFERRAL_STATE_CLOSED);
  EXPECT_EQ(ended.close_reason(), v1::REFERRAL_CLOSE_REASON_NO_LONGER_ELIGIBLE);
  EXPECT_EQ(GetChildAs(Advocate("nyas"), "C1", &child).error_code(), grpc::StatusCode::NOT_FOUND);

  v1::Referral refused;
  const grpc::Status st =
      stub_->CreateReferral(SocialWorker().get(), Referral("C1", "nyas"), &refused);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(FailedRuleOf(st), "referral.child_eligible");
}

TEST_F(ReferralsTest, BadInputNamesEachFieldAndRefersNoOne) {
  v1::CreateReferralRequest req;
  req.set_parent("children/C1");
  req.mutable_referral()->set_partner("not a code!");
  v1::Referral out;
  const grpc::Status st = stub_->CreateReferral(SocialWorker().get(), req, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(BadFields(st), ElementsAre("referral.partner", "referral.reason", "referral.urgency",
                                         "referral.consent"));

  Refer("C1", "nyas");
  const grpc::Status twice =
      stub_->CreateReferral(SocialWorker().get(), Referral("C1", "nyas"), &out);
  EXPECT_EQ(FailedRuleOf(twice), "referral.open_already");

  v1::CloseReferralRequest close;
  close.set_name("children/C1/referrals/1");
  close.set_reason(v1::REFERRAL_CLOSE_REASON_NO_LONGER_ELIGIBLE);
  EXPECT_THAT(BadFields(stub_->CloseReferral(SocialWorker().get(), close, &out)),
              ElementsAre("reason"));

  v1::ListReferralsRequest list;
  list.set_parent("children/-");
  v1::ListReferralsResponse listed;
  ASSERT_TRUE(stub_->ListReferrals(SocialWorker().get(), list, &listed).ok());
  ASSERT_EQ(listed.referrals_size(), 1);
  EXPECT_EQ(listed.referrals(0).state(), v1::REFERRAL_STATE_REFERRED);
}

TEST_F(ReferralsTest, AnotherAuthoritySeesNoneOfItsReferralsEvenThroughTheSameProvider) {
  const v1::Referral made = Refer("C1", "nyas");
  v1::Child child;
  EXPECT_EQ(GetChildAs(Advocate("nyas", "LA2"), "C1", &child).error_code(),
            grpc::StatusCode::NOT_FOUND);
  v1::GetReferralRequest get;
  get.set_name(made.name());
  v1::Referral r;
  EXPECT_EQ(stub_->GetReferral(As("sw-9", "social_worker", "LA2").get(), get, &r).error_code(),
            grpc::StatusCode::NOT_FOUND);
  v1::AcceptReferralRequest accept;
  accept.set_name(made.name());
  EXPECT_EQ(stub_->AcceptReferral(Advocate("nyas", "LA2").get(), accept, &r).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(ReferralsTest, EachAuthorityTimesItsProvidersAgainstItsOwnContract) {
  // LA2 gives urgent referrals 3 working days; LA1 keeps the default of 1.
  v1::UpdateReviewSettingsRequest settings;
  settings.mutable_settings()->set_name("reviewSettings");
  settings.mutable_settings()->set_urgent_referral_response_working_days(3);
  settings.mutable_update_mask()->add_paths("urgent_referral_response_working_days");
  v1::ReviewSettings saved;
  ASSERT_TRUE(
      stub_->UpdateReviewSettings(As("mgr-9", "iro_manager", "LA2").get(), settings, &saved).ok());
  v1::CreateChildRequest create;
  create.set_child_id("C1");
  *create.mutable_child()->mutable_birth_date() = D(2012, 5, 1);
  *create.mutable_child()->add_periods_of_care()->mutable_start_date() = D(2026, 3, 2);
  create.mutable_child()->mutable_periods_of_care(0)->set_legal_status(v1::LEGAL_STATUS_CARE_ORDER);
  v1::Child child;
  ASSERT_TRUE(stub_->CreateChild(As("mosaic", "case_system", "LA2").get(), create, &child).ok());

  const v1::Referral la1 = Refer("C1", "nyas", "LA1", v1::REFERRAL_URGENCY_URGENT);
  const v1::Referral la2 = Refer("C1", "nyas", "LA2", v1::REFERRAL_URGENCY_URGENT);
  clock_.Set(LondonTime(2026, 11, 27, 12));  // Friday: two working days on
  v1::Referral out1, out2;
  ASSERT_TRUE(Accept(la1, "nyas", &out1).ok());
  v1::AcceptReferralRequest accept;
  accept.set_name(la2.name());
  ASSERT_TRUE(stub_->AcceptReferral(Advocate("nyas", "LA2").get(), accept, &out2).ok());
  EXPECT_EQ(out1.response_working_days(), 2);
  EXPECT_FALSE(out1.response_within_timescale());
  EXPECT_TRUE(out2.response_within_timescale());

  v1::GetReferralReportRequest ask;
  *ask.mutable_start_date() = D(2026, 11, 1);
  *ask.mutable_end_date() = D(2026, 11, 30);
  v1::ReferralReport report1, report2;
  ASSERT_TRUE(stub_->GetReferralReport(Manager().get(), ask, &report1).ok());
  ASSERT_TRUE(
      stub_->GetReferralReport(As("mgr-9", "iro_manager", "LA2").get(), ask, &report2).ok());
  ASSERT_EQ(report1.partners_size(), 1);
  ASSERT_EQ(report2.partners_size(), 1);
  EXPECT_EQ(report1.partners(0).answered_late(), 1);
  EXPECT_EQ(report2.partners(0).answered_within_timescale(), 1);
  EXPECT_EQ(report2.urgent_response_working_days(), 3);

  v1::ReferralReport refused;
  EXPECT_EQ(stub_->GetReferralReport(Advocate("nyas").get(), ask, &refused).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(ReferralsTest, TheProviderSeesWhenAndWhereTheChildsMeetingsAreWithEveryChange) {
  CreateIro("iro-1");
  v1::UpdateIroRequest contact;
  contact.mutable_iro()->set_name("iros/iro-1");
  contact.mutable_iro()->set_contact_email("iro-1@example.gov.uk");
  contact.mutable_update_mask()->add_paths("contact_email");
  v1::Iro iro;
  ASSERT_TRUE(stub_->UpdateIro(Manager().get(), contact, &iro).ok());
  v1::Child child;
  ASSERT_TRUE(Allocate("C1", "iro-1", &child).ok());
  const v1::Review review = Schedule("C1", v1::REVIEW_KIND_LAC_REVIEW);
  v1::UpdateReviewRequest plan;
  plan.mutable_review()->set_name(review.name());
  *plan.mutable_review()->mutable_planned_date() = D(2026, 12, 1);
  plan.mutable_review()->set_planned_time("10:30");
  plan.mutable_review()->set_venue("Carers' home");
  for (const char* path : {"planned_date", "planned_time", "venue"}) {
    plan.mutable_update_mask()->add_paths(path);
  }
  v1::Review planned;
  ASSERT_TRUE(stub_->UpdateReview(Iro().get(), plan, &planned).ok());
  *plan.mutable_review()->mutable_planned_date() = D(2026, 12, 2);
  ASSERT_TRUE(stub_->UpdateReview(Iro().get(), plan, &planned).ok());
  Refer("C1", "nyas");

  v1::GetAdvocacyViewRequest get;
  get.set_name("children/C1/advocacyView");
  v1::AdvocacyView view;
  ASSERT_TRUE(stub_->GetAdvocacyView(Advocate("nyas").get(), get, &view).ok());
  EXPECT_EQ(view.age_years(), 14);
  EXPECT_EQ(view.iro().email(), "iro-1@example.gov.uk");
  ASSERT_EQ(view.meetings_size(), 1);
  EXPECT_EQ(view.meetings(0).venue(), "Carers' home");
  EXPECT_EQ(view.meetings(0).planned_time(), "10:30");
  ASSERT_EQ(view.meetings(0).reschedules_size(), 1);
  EXPECT_EQ(view.meetings(0).reschedules(0).from_date().day(), 1);
  EXPECT_EQ(view.meetings(0).reschedules(0).to_date().day(), 2);

  get.set_name("children/C2/advocacyView");
  EXPECT_EQ(stub_->GetAdvocacyView(Advocate("nyas").get(), get, &view).error_code(),
            grpc::StatusCode::NOT_FOUND);

  plan.mutable_review()->set_planned_time("9.30am");
  const grpc::Status bad = stub_->UpdateReview(Iro().get(), plan, &planned);
  EXPECT_THAT(BadFields(bad), ElementsAre("review.planned_time"));
}

TEST_F(ReferralsTest, AProviderListsTheReferralsWhoseChildHasAMeetingComingUp) {
  const v1::Review review = Schedule("C1", v1::REVIEW_KIND_LAC_REVIEW);
  v1::UpdateReviewRequest plan;
  plan.mutable_review()->set_name(review.name());
  *plan.mutable_review()->mutable_planned_date() = D(2026, 12, 1);  // 6 days on
  plan.mutable_update_mask()->add_paths("planned_date");
  v1::Review planned;
  ASSERT_TRUE(stub_->UpdateReview(Iro().get(), plan, &planned).ok());
  const v1::Referral soon = Refer("C1", "nyas");
  Refer("C2", "nyas");

  auto list = [&](const std::string& filter, v1::ListReferralsResponse* out) {
    v1::ListReferralsRequest req;
    req.set_parent("children/-");
    req.set_filter(filter);
    return stub_->ListReferrals(Advocate("nyas").get(), req, out);
  };
  v1::ListReferralsResponse out;
  ASSERT_TRUE(list("meeting_within_days = 7", &out).ok());
  ASSERT_EQ(out.referrals_size(), 1);
  EXPECT_EQ(out.referrals(0).name(), soon.name());
  out.Clear();
  ASSERT_TRUE(list("meeting_within_days = 5 AND open = true", &out).ok());
  EXPECT_EQ(out.referrals_size(), 0);
  EXPECT_THAT(BadFields(list("meeting_within_days = soon", &out)), ElementsAre("filter"));
}

}  // namespace
}  // namespace assure::reviews
