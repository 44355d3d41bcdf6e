// Through the API: each formal stage names the officer who answers for it, recorded as the
// dispute is escalated; a referral to Cafcass may follow a dispute's close, and what came of
// it is recorded.
#include "gmock/gmock.h"
#include "tests/disputes/disputes_fixture.h"

namespace assure::disputes {
namespace {

using assure::testing::BadFields;
using assure::testing::FailedRuleOf;
using ::testing::ElementsAre;

TEST_F(DisputesServiceTest, EscalatingNamesTheOfficerWhoAnswersAtTheNewStage) {
  Create("d1");
  v1::EscalateDisputeRequest req;
  req.set_name("disputes/d1");
  req.set_note("no reply from the social worker");
  v1::Dispute out;
  auto st = stub_->EscalateDispute(Iro().get(), req, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(BadFields(st), ElementsAre("responsible_officer"));
  req.set_responsible_officer("tm-3");
  ASSERT_TRUE(stub_->EscalateDispute(Iro().get(), req, &out).ok());
  EXPECT_EQ(out.responsible_officer(), "tm-3");
  EXPECT_EQ(out.stages(out.stages_size() - 1).responsible_officer(), "tm-3");
}

TEST_F(DisputesServiceTest, ACafcassReferralAfterTheCloseIsRecordedWithItsOutcome) {
  Create("d1", 1);
  v1::Dispute d;
  ASSERT_TRUE(Resolve("d1", v1::OUTCOME_ACTION_AGREED, &d).ok());
  v1::RecordCafcassOutcomeRequest outcome;
  outcome.set_name("disputes/d1");
  outcome.set_note("Cafcass advised the authority; plan revised");
  EXPECT_EQ(FailedRuleOf(stub_->RecordCafcassOutcome(Iro().get(), outcome, &d)),
            "dispute.cafcass_referred_first");
  v1::ReferDisputeToCafcassRequest refer;
  refer.set_name("disputes/d1");
  refer.set_note("the agreed action was not taken");
  ASSERT_TRUE(stub_->ReferDisputeToCafcass(Iro().get(), refer, &d).ok());
  EXPECT_TRUE(d.cafcass_referral().after_close());
  EXPECT_EQ(d.state(), v1::DISPUTE_STATE_RESOLVED);
  ASSERT_TRUE(stub_->RecordCafcassOutcome(Iro().get(), outcome, &d).ok());
  EXPECT_EQ(d.cafcass_referral().outcome(), "Cafcass advised the authority; plan revised");
  EXPECT_EQ(d.cafcass_referral().outcome_recorded_by(), "iro-1");
  EXPECT_EQ(d.history(d.history_size() - 1).kind(), v1::EVENT_KIND_CAFCASS_OUTCOME_RECORDED);
  EXPECT_EQ(stub_->RecordCafcassOutcome(As("tm-1", "team_manager").get(), outcome, &d)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(DisputesServiceTest, TheLogListsLookedAfterAndChildProtectionCasesApart) {
  for (const auto& [id, type] : {std::pair{"d1", v1::CASE_TYPE_LOOKED_AFTER},
                                 std::pair{"d2", v1::CASE_TYPE_CHILD_PROTECTION}}) {
    v1::CreateDisputeRequest req;
    req.set_dispute_id(id);
    req.mutable_dispute()->set_child("children/C1");
    req.mutable_dispute()->set_theme("permanent_placement_delay");
    req.mutable_dispute()->set_concern("no permanent placement after nine months");
    req.mutable_dispute()->set_case_type(type);
    v1::Dispute out;
    ASSERT_TRUE(stub_->CreateDispute(Iro().get(), req, &out).ok());
  }
  v1::ListDisputesRequest list;
  list.set_filter("case_type = CASE_TYPE_CHILD_PROTECTION");
  v1::ListDisputesResponse page;
  ASSERT_TRUE(stub_->ListDisputes(Manager().get(), list, &page).ok());
  ASSERT_EQ(page.disputes_size(), 1);
  EXPECT_EQ(page.disputes(0).name(), "disputes/d2");
  list.set_filter("case_type = CHILD_PROTECTION");
  EXPECT_EQ(stub_->ListDisputes(Manager().get(), list, &page).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

}  // namespace
}  // namespace assure::disputes
