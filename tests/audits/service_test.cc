// The audits service end to end on both stores: the register fed by the case system, the
// month's sample drawn reproducibly and assigned, every audit findable from its case, each
// authority apart.
#include <set>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/audits/audits_fixture.h"

namespace assure::audits {
namespace {

using assure::testing::BadFields;
using ::testing::Contains;
using ::testing::UnorderedElementsAre;

// The cases a selection's audits are about, in the order drawn.
std::vector<std::string> CasesOf(v1::AuditsService::Stub& stub, const v1::Selection& s,
                                 const std::string& tenant) {
  std::vector<std::string> out;
  for (const auto& name : s.audits()) {
    v1::GetAuditRequest get;
    get.set_name(name);
    v1::Audit a;
    EXPECT_TRUE(stub.GetAudit(As("qrm-1", "iro_manager", tenant).get(), get, &a).ok());
    out.push_back(a.case_file());
  }
  return out;
}

TEST_F(AuditsServiceTest, TheCaseSystemFeedsTheRegisterAndRereadingKeepsWhatTheDrawRemembers) {
  Feed("north", 3);
  EXPECT_EQ(Figure("assure_audits_register_open", "LA1"), "3");
  v1::Selection s;
  ASSERT_TRUE(Select("LA1", 11, {{"iro-9", 1}}, &s).ok());
  const auto drawn = CasesOf(*stub_, s, "LA1");
  ASSERT_EQ(drawn.size(), 1u);

  // The nightly feed again, with one case closed.
  v1::BatchUpsertCasesRequest again;
  for (int i = 0; i < 3; ++i) *again.add_cases() = OpenCase(absl::StrCat("C-", i), "north");
  *again.mutable_cases(2)->mutable_close_date() = D(2026, 11, 30);
  v1::BatchUpsertCasesResponse fed;
  ASSERT_TRUE(stub_->BatchUpsertCases(CaseSystem().get(), again, &fed).ok());
  EXPECT_EQ(Figure("assure_audits_register_open", "LA1"), "2");

  v1::GetCaseRequest get;
  get.set_name(drawn[0]);
  v1::Case c;
  ASSERT_TRUE(stub_->GetCase(Lead().get(), get, &c).ok());
  EXPECT_EQ(c.last_selected_date().day(), 1);  // drawn on 1 December, kept across the feed
  EXPECT_EQ(c.team(), "north");

  v1::ListCasesRequest list;
  list.set_filter("open = true AND cohort = COHORT_CHILD_IN_NEED");
  v1::ListCasesResponse page;
  ASSERT_TRUE(stub_->ListCases(Lead().get(), list, &page).ok());
  EXPECT_EQ(page.cases_size(), 2);
}

TEST_F(AuditsServiceTest, ABadBatchIsRefusedWholeNamingEachFieldAndStoresNothing) {
  v1::BatchUpsertCasesRequest req;
  *req.add_cases() = OpenCase("C-1", "north");
  *req.add_cases() = OpenCase("C-1", "");
  auto* sgo = req.add_cases();
  *sgo = OpenCase("C-3", "north");
  sgo->add_cohorts(v1::COHORT_SGO_BEFORE_COURT);
  *sgo->mutable_close_date() = D(2024, 1, 1);
  auto* made = req.add_cases();
  *made = OpenCase("C-4", "north");
  made->add_cohorts(v1::COHORT_SGO_CONCLUDED);
  made->mutable_assessment_complete_date()->set_month(13);
  v1::BatchUpsertCasesResponse out;
  const auto st = stub_->BatchUpsertCases(CaseSystem().get(), req, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(BadFields(st), UnorderedElementsAre("cases[1].team", "cases[1].name",
                                                  "cases[2].close_date", "cases[2].hearing_date",
                                                  "cases[3].order_date",
                                                  "cases[3].assessment_complete_date"));
  v1::ListCasesRequest list;
  v1::ListCasesResponse page;
  ASSERT_TRUE(stub_->ListCases(Lead().get(), list, &page).ok());
  EXPECT_EQ(page.cases_size(), 0);
}

TEST_F(AuditsServiceTest, AnEtagTheFeedSendsIsIgnoredTheVersionIsTheStoresOwn) {
  v1::BatchUpsertCasesRequest req;
  *req.add_cases() = OpenCase("C-1", "north");
  req.mutable_cases(0)->set_etag("41");
  v1::BatchUpsertCasesResponse out;
  ASSERT_TRUE(stub_->BatchUpsertCases(CaseSystem().get(), req, &out).ok());
  EXPECT_EQ(out.cases(0).etag(), "1");
  ASSERT_TRUE(stub_->BatchUpsertCases(CaseSystem().get(), req, &out).ok());
  EXPECT_EQ(out.cases(0).etag(), "2");
}

TEST_F(AuditsServiceTest, ACallerWithoutAPrincipalIsRefusedBeforeItsRequestIsRead) {
  v1::StartAuditRequest start;
  start.set_name("audits/a-1");
  start.set_tool_version("not a tool");
  v1::Audit out;
  grpc::ClientContext anonymous;
  EXPECT_EQ(stub_->StartAudit(&anonymous, start, &out).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  v1::RespondToEscalationRequest respond;
  respond.set_name("audits/a-1");
  grpc::ClientContext anonymous_too;
  EXPECT_EQ(stub_->RespondToEscalation(&anonymous_too, respond, &out).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(AuditsServiceTest, ASelectionAssignsEachQuotaAndEveryAuditIsFoundFromItsCase) {
  Feed("north", 40);
  Feed("south", 20, 100);
  v1::Selection s;
  ASSERT_TRUE(Select("LA1", 2026, {{"iro-1", 6}, {"sm-1", 1}}, &s).ok());
  EXPECT_EQ(s.audits_size(), 7);
  EXPECT_EQ(s.seed(), 2026u);
  EXPECT_EQ(s.register_size(), 60);
  EXPECT_EQ(s.selected_by(), "qrm-1");
  EXPECT_EQ(Figure("assure_audits_outstanding", "LA1"), "7");

  for (const auto& c : CasesOf(*stub_, s, "LA1")) {
    v1::ListAuditsRequest list;
    list.set_filter("case_file = " + c);
    v1::ListAuditsResponse page;
    ASSERT_TRUE(stub_->ListAudits(Lead().get(), list, &page).ok());
    ASSERT_EQ(page.audits_size(), 1) << c;
    EXPECT_EQ(page.audits(0).state(), v1::AUDIT_STATE_ASSIGNED);
    EXPECT_EQ(page.audits(0).selection(), s.name());
    EXPECT_EQ(page.audits(0).retention_class(), v1::RETENTION_CLASS_CHILDRENS_CASE);
  }
  v1::ListAuditsRequest mine;
  mine.set_filter("auditor = iro-1");
  v1::ListAuditsResponse page;
  ASSERT_TRUE(stub_->ListAudits(Lead().get(), mine, &page).ok());
  EXPECT_EQ(page.audits_size(), 6);
}

TEST_F(AuditsServiceTest, TheSameSeedOverTheSameRegisterDrawsTheSameCasesInAnyAuthority) {
  Feed("north", 50, 0, "LA1");
  Feed("north", 50, 0, "LA2");
  v1::Selection one, two;
  ASSERT_TRUE(Select("LA1", 77, {{"iro-1", 6}}, &one).ok());
  ASSERT_TRUE(Select("LA2", 77, {{"iro-1", 6}}, &two).ok());
  EXPECT_EQ(CasesOf(*stub_, one, "LA1"), CasesOf(*stub_, two, "LA2"));
  // Each authority sees only its own audits and counts.
  v1::GetAuditRequest get;
  get.set_name(one.audits(0));
  v1::Audit a;
  EXPECT_EQ(stub_->GetAudit(Lead("LA2").get(), get, &a).error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Figure("assure_audits_outstanding", "LA2"), "6");
}

TEST_F(AuditsServiceTest, NextMonthsDrawTakesCasesNotAuditedBeforeTheOnesJustAudited) {
  Feed("north", 12);
  v1::Selection first, second;
  ASSERT_TRUE(Select("LA1", 1, {{"iro-1", 6}}, &first).ok());
  clock_.Advance(absl::Hours(24 * 31));
  ASSERT_TRUE(Select("LA1", 1, {{"iro-1", 6}}, &second).ok());
  std::set<std::string> all;
  for (const auto& c : CasesOf(*stub_, first, "LA1")) all.insert(c);
  for (const auto& c : CasesOf(*stub_, second, "LA1")) all.insert(c);
  EXPECT_EQ(all.size(), 12u);  // the whole caseload covered in two months
}

TEST_F(AuditsServiceTest, NoAuditorIsGivenTheirOwnCase) {
  v1::BatchUpsertCasesRequest req;
  for (int i = 0; i < 10; ++i) {
    *req.add_cases() = OpenCase(absl::StrCat("C-", i), "north", i < 8 ? "iro-1" : "sw-2");
  }
  v1::BatchUpsertCasesResponse fed;
  ASSERT_TRUE(stub_->BatchUpsertCases(CaseSystem().get(), req, &fed).ok());
  v1::Selection s;
  ASSERT_TRUE(Select("LA1", 5, {{"iro-1", 3}}, &s).ok());
  EXPECT_THAT(CasesOf(*stub_, s, "LA1"), UnorderedElementsAre("cases/C-8", "cases/C-9"));
}

TEST_F(AuditsServiceTest, ARetriedSelectionReturnsTheFirstDrawAndAssignsNothingMore) {
  Feed("north", 30);
  v1::Selection first, again;
  ASSERT_TRUE(Select("LA1", 0, {{"iro-1", 6}}, &first, "req-1").ok());
  EXPECT_NE(first.seed(), 0u);  // chosen by the service, and recorded
  ASSERT_TRUE(Select("LA1", 0, {{"iro-1", 6}}, &again, "req-1").ok());
  EXPECT_EQ(again.name(), first.name());
  EXPECT_EQ(Figure("assure_audits_outstanding", "LA1"), "6");
}

TEST_F(AuditsServiceTest, OnlyThoseWhoRunTheProgrammeDrawAndOnlyTheCaseSystemFeeds) {
  v1::Selection s;
  v1::CreateSelectionRequest req;
  EXPECT_EQ(stub_->CreateSelection(CaseSystem().get(), req, &s).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::BatchUpsertCasesRequest feed;
  *feed.add_cases() = OpenCase("C-1", "north");
  v1::BatchUpsertCasesResponse out;
  EXPECT_EQ(stub_->BatchUpsertCases(Lead().get(), feed, &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(AuditsServiceTest, ABadSelectionNamesEachFieldAndDrawsNothing) {
  Feed("north", 5);
  v1::CreateSelectionRequest req;
  req.mutable_selection()->mutable_month()->set_year(2026);
  req.mutable_selection()->mutable_month()->set_month(13);
  auto* a = req.mutable_selection()->add_auditors();
  a->set_auditor("iro-1");
  a->set_quota(0);
  *req.mutable_selection()->add_auditors() = *a;
  v1::Selection s;
  const auto st = stub_->CreateSelection(Lead().get(), req, &s);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(BadFields(st), UnorderedElementsAre("selection.month", "selection.type",
                                                  "selection.auditors[0].role",
                                                  "selection.auditors[1].auditor",
                                                  "selection.auditors[1].role"));
  EXPECT_THAT(BadFields(st), Contains("selection.month"));
  EXPECT_EQ(Figure("assure_audits_outstanding", "LA1"), "");
}

}  // namespace
}  // namespace assure::audits

namespace assure::audits {
namespace {

TEST_F(AuditsServiceTest, QuotasComeFromTheFrameworkInForceForTheMonth) {
  Feed("north", 60);
  v1::CreateAuditFrameworkRequest make;
  auto* f = make.mutable_framework();
  f->mutable_effective_month()->set_year(2027);
  f->mutable_effective_month()->set_month(1);
  auto* iro = f->add_quotas();
  iro->set_role("iro");
  iro->set_per_head(4);
  f->add_covered_services("childrens-social-care");
  v1::BatchUpsertCasesRequest early_help;
  for (int i = 0; i < 40; ++i) {
    *early_help.add_cases() = OpenCase(absl::StrCat("EH-", i), "family-hub");
    early_help.mutable_cases(i)->set_service("early-help");
  }
  v1::BatchUpsertCasesResponse fed;
  ASSERT_TRUE(stub_->BatchUpsertCases(CaseSystem().get(), early_help, &fed).ok());
  v1::AuditFramework saved;
  ASSERT_TRUE(stub_->CreateAuditFramework(Lead().get(), make, &saved).ok());
  EXPECT_EQ(saved.name(), "auditFrameworks/1");

  auto draw = [&](int month, const std::string& role, v1::Selection* out) {
    v1::CreateSelectionRequest req;
    req.mutable_selection()->mutable_month()->set_year(month == 12 ? 2026 : 2027);
    req.mutable_selection()->mutable_month()->set_month(month);
    req.mutable_selection()->set_type(v1::AUDIT_TYPE_ROUTINE);
    auto* a = req.mutable_selection()->add_auditors();
    a->set_auditor("iro-1");
    a->set_role(role);
    return stub_->CreateSelection(Lead().get(), req, out);
  };
  v1::Selection december, january;
  ASSERT_TRUE(draw(12, "iro", &december).ok());
  EXPECT_EQ(december.auditors(0).quota(), 6);  // no framework yet: the seed's default
  EXPECT_EQ(december.audits_size(), 6);
  ASSERT_TRUE(draw(1, "iro", &january).ok());
  EXPECT_EQ(january.auditors(0).quota(), 4);
  EXPECT_EQ(january.framework(), "auditFrameworks/1");
  EXPECT_EQ(january.register_size(), 60);  // only the services the framework covers
  for (const auto& c : CasesOf(*stub_, january, "LA1")) {
    EXPECT_THAT(c, ::testing::StartsWith("cases/C-"));
  }
  v1::Selection none;
  EXPECT_EQ(testing::FailedRuleOf(draw(1, "social_worker", &none)), "framework.no_quota");
}

TEST_F(AuditsServiceTest, TheScorecardListsEachMonthsShortfallsFromTheRecords) {
  Feed("north", 20);
  v1::Selection s;
  ASSERT_TRUE(Select("LA1", 3, {{"iro-1", 6}, {"sm-1", 1}}, &s).ok());
  v1::GetAuditScorecardRequest req;
  req.mutable_month()->set_year(2026);
  req.mutable_month()->set_month(12);
  v1::AuditScorecard card;
  ASSERT_TRUE(stub_->GetAuditScorecard(Lead().get(), req, &card).ok());
  EXPECT_EQ(card.quota(), 7);
  EXPECT_EQ(card.done(), 0);
  ASSERT_EQ(card.shortfalls_size(), 2);
  EXPECT_EQ(card.shortfalls(0).auditor(), "iro-1");
  EXPECT_EQ(card.shortfalls(0).shortfall(), 6);
  // The card reconciles with the list of audits it counts.
  v1::ListAuditsRequest list;
  list.set_filter("auditor = iro-1");
  v1::ListAuditsResponse page;
  ASSERT_TRUE(stub_->ListAudits(Lead().get(), list, &page).ok());
  EXPECT_EQ(card.shortfalls(0).assigned(), page.audits_size());
  EXPECT_FALSE(card.month_ended());
  // Owed this month: counted, but not yet a shortfall to escalate.
  EXPECT_EQ(Figure("assure_audits_quota_unmet", "LA1"), "7");
  EXPECT_EQ(Figure("assure_audits_shortfall", "LA1"), "0");

  clock_.Advance(absl::Hours(24 * 31));  // 1 January: December has ended
  ASSERT_TRUE(stub_->GetAuditScorecard(Lead().get(), req, &card).ok());
  EXPECT_TRUE(card.month_ended());
  EXPECT_EQ(Figure("assure_audits_shortfall", "LA1"), "7");
  EXPECT_EQ(Figure("assure_audits_shortfall", "LA2"), "");

  req.mutable_month()->set_month(13);
  EXPECT_THAT(testing::BadFields(stub_->GetAuditScorecard(Lead().get(), req, &card)),
              ::testing::ElementsAre("month"));
}

}  // namespace
}  // namespace assure::audits
