// A themed programme through the service on both stores (seed 003): special guardianship
// cases taken in priority order, each audit keeping its tier, the progress by tier read from
// the audits themselves; a bad priority refused naming the field; each authority apart.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/audits/audit_life_fixture.h"

namespace assure::audits {
namespace {

using assure::testing::BadFields;
using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

class ProgrammeTest : public AuditLifeTest {
 protected:
  static v1::Case Sgo(const std::string& id, v1::Cohort cohort) {
    v1::Case c = OpenCase(id, "permanence");
    c.clear_cohorts();
    c.add_cohorts(cohort);
    return c;
  }

  // Two cases before court (hearings on the 20th and the 3rd), an assessment completed, one
  // in progress, an order made in March and one made two years ago, and a child in need.
  void FeedSgoCases(const std::string& tenant = "LA1") {
    v1::BatchUpsertCasesRequest req;
    auto* later = req.add_cases();
    *later = Sgo("SGO-later", v1::COHORT_SGO_BEFORE_COURT);
    *later->mutable_hearing_date() = D(2026, 12, 20);
    auto* sooner = req.add_cases();
    *sooner = Sgo("SGO-sooner", v1::COHORT_SGO_BEFORE_COURT);
    *sooner->mutable_hearing_date() = D(2026, 12, 3);
    *req.add_cases() = Sgo("SGO-assessing", v1::COHORT_SGO_ASSESSMENT);
    auto* assessed = req.add_cases();
    *assessed = Sgo("SGO-assessed", v1::COHORT_SGO_ASSESSMENT);
    *assessed->mutable_assessment_complete_date() = D(2026, 11, 2);
    auto* made = req.add_cases();
    *made = Sgo("SGO-made", v1::COHORT_SGO_CONCLUDED);
    *made->mutable_order_date() = D(2026, 3, 9);
    auto* old = req.add_cases();
    *old = Sgo("SGO-old", v1::COHORT_SGO_CONCLUDED);
    *old->mutable_order_date() = D(2024, 10, 1);
    *req.add_cases() = OpenCase("CIN-1", "north");
    v1::BatchUpsertCasesResponse out;
    const auto st = stub_->BatchUpsertCases(CaseSystem(tenant).get(), req, &out);
    ASSERT_TRUE(st.ok()) << st.error_message();
  }

  static v1::CreateSelectionRequest Programme(std::vector<std::pair<std::string, int>> quotas) {
    v1::CreateSelectionRequest req;
    auto* s = req.mutable_selection();
    *s->mutable_month() = Month(2026, 12);
    s->set_type(v1::AUDIT_TYPE_THEMED);
    s->set_seed(11);
    for (auto cohort : {v1::COHORT_SGO_BEFORE_COURT, v1::COHORT_SGO_ASSESSMENT,
                        v1::COHORT_SGO_CARE_PLAN, v1::COHORT_SGO_CONCLUDED}) {
      s->add_priority(cohort);
    }
    for (const auto& [auditor, quota] : quotas) {
      auto* a = s->add_auditors();
      a->set_auditor(auditor);
      a->set_quota(quota);
    }
    return req;
  }

  v1::Selection GetSelection(const std::string& name, const std::string& tenant = "LA1") {
    v1::GetSelectionRequest get;
    get.set_name(name);
    v1::Selection s;
    EXPECT_TRUE(stub_->GetSelection(Lead(tenant).get(), get, &s).ok());
    return s;
  }
};

TEST_F(ProgrammeTest, SgoCasesAreTakenInTheSeedsPriorityAndEachAuditKeepsItsTier) {
  FeedSgoCases();
  v1::Selection s;
  const auto st = stub_->CreateSelection(Lead().get(), Programme({{"iro-1", 3}, {"iro-2", 3}}), &s);
  ASSERT_TRUE(st.ok()) << st.error_message();
  std::vector<std::string> cases;
  std::vector<int> tiers;
  for (const auto& name : s.audits()) {
    const v1::Audit a = Get(name);
    cases.push_back(a.case_file());
    tiers.push_back(a.programme_tier());
    EXPECT_EQ(a.type(), v1::AUDIT_TYPE_THEMED);
  }
  EXPECT_THAT(cases, ElementsAre("cases/SGO-sooner", "cases/SGO-later", "cases/SGO-assessed",
                                 "cases/SGO-assessing", "cases/SGO-made"));
  EXPECT_THAT(tiers, ElementsAre(1, 1, 2, 2, 4));
  ASSERT_EQ(s.tiers_size(), 4);
  EXPECT_EQ(s.tiers(0).cohort(), v1::COHORT_SGO_BEFORE_COURT);
  EXPECT_EQ(s.tiers(0).cases(), 2);
  EXPECT_EQ(s.tiers(0).assigned(), 2);
  EXPECT_EQ(s.tiers(2).cases(), 0);
  EXPECT_EQ(s.tiers(3).cases(), 1) << "the order made two years ago is not in the programme";
  EXPECT_EQ(s.register_size(), 6);
}

TEST_F(ProgrammeTest, ProgressByTierIsCountedFromTheAuditsAndAgreesWithTheirList) {
  FeedSgoCases();
  const v1::AuditToolVersion tool = Released();
  v1::Selection s;
  ASSERT_TRUE(stub_->CreateSelection(Lead().get(), Programme({{"iro-1", 2}, {"iro-2", 2}}), &s)
                  .ok());
  SubmitGood(s.audits(0), "iro-1", tool);
  SubmitGood(s.audits(3), "iro-2", tool);
  const v1::Selection read = GetSelection(s.name());
  v1::ListAuditsRequest list;
  list.set_filter("selection = \"" + s.name() + "\"");
  v1::ListAuditsResponse audits;
  ASSERT_TRUE(stub_->ListAudits(Lead().get(), list, &audits).ok());
  std::vector<int> assigned(4, 0), done(4, 0);
  for (const auto& a : audits.audits()) {
    ++assigned[a.programme_tier() - 1];
    if (a.state() >= v1::AUDIT_STATE_SUBMITTED) ++done[a.programme_tier() - 1];
  }
  for (int t = 0; t < 4; ++t) {
    EXPECT_EQ(read.tiers(t).assigned(), assigned[t]) << "tier " << t + 1;
    EXPECT_EQ(read.tiers(t).done(), done[t]) << "tier " << t + 1;
  }
  EXPECT_EQ(read.tiers(0).done(), 1);
  EXPECT_EQ(read.tiers(1).done(), 1);
}

TEST_F(ProgrammeTest, APriorityOutsideAThemedProgrammeOrACohortTwiceIsRefusedNamingTheField) {
  FeedSgoCases();
  v1::CreateSelectionRequest req = Programme({{"iro-1", 1}});
  req.mutable_selection()->set_type(v1::AUDIT_TYPE_ROUTINE);
  req.mutable_selection()->set_priority(1, v1::COHORT_SGO_BEFORE_COURT);
  req.mutable_selection()->add_priority(static_cast<v1::Cohort>(99));
  req.mutable_selection()->add_tiers();
  v1::Selection s;
  const auto st = stub_->CreateSelection(Lead().get(), req, &s);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(BadFields(st), UnorderedElementsAre("selection.priority", "selection.priority[1]",
                                                  "selection.priority[4]", "selection.tiers"));
  EXPECT_EQ(Figure("assure_audits_outstanding", "LA1"), "");
}

TEST_F(ProgrammeTest, AnotherAuthoritysProgrammeDrawsOnlyItsOwnCases) {
  FeedSgoCases("LA1");
  v1::Selection s;
  ASSERT_TRUE(stub_->CreateSelection(Lead("LA2").get(), Programme({{"iro-1", 3}}), &s).ok());
  EXPECT_EQ(s.audits_size(), 0);
  EXPECT_EQ(s.tiers(0).cases(), 0);
}

}  // namespace
}  // namespace assure::audits
