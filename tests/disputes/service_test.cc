// The disputes API end to end in-process: raising, moving, the drift check, errors, tenancy
// and metrics.
#include "gmock/gmock.h"
#include "services/common/store/settings_revisions.h"
#include "services/disputes/ladder.h"
#include "gtest/gtest.h"
#include "tests/disputes/disputes_fixture.h"

namespace assure::disputes {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;
using testing::BadFields;
using testing::FailedRuleOf;

TEST_F(DisputesServiceTest, ARaisedDisputeCanBeReadBackWithItsLinksAndHistory) {
  const v1::Dispute created = Create("d1");
  EXPECT_EQ(created.name(), "disputes/d1");
  EXPECT_EQ(created.raised_by(), "iro-1");
  EXPECT_EQ(created.stage_role(), "informal");
  EXPECT_EQ(created.etag(), "1");
  v1::GetDisputeRequest get;
  get.set_name("disputes/d1");
  v1::Dispute read;
  ASSERT_TRUE(stub_->GetDispute(Manager().get(), get, &read).ok());
  EXPECT_EQ(read.review(), "children/C1/reviews/2");
  EXPECT_THAT(read.decisions(), ElementsAre("children/C1/reviews/2/decisions/1"));
  EXPECT_EQ(read.history_size(), 1);
}

TEST_F(DisputesServiceTest, TheServiceChoosesAnIdWhenTheIroGivesNone) {
  v1::CreateDisputeRequest req;
  req.mutable_dispute()->set_child("children/C1");
  req.mutable_dispute()->set_theme("other");
  req.mutable_dispute()->set_concern("contact arrangements not reviewed");
  v1::Dispute out;
  ASSERT_TRUE(stub_->CreateDispute(Iro().get(), req, &out).ok());
  EXPECT_THAT(out.name(), HasSubstr("disputes/d-"));
}

TEST_F(DisputesServiceTest, BadInputNamesEveryFieldAndCreatesNothing) {
  v1::CreateDisputeRequest req;
  req.set_dispute_id("d1");
  req.mutable_dispute()->set_child("C1");
  req.mutable_dispute()->set_theme("food");
  req.mutable_dispute()->set_stage_level(9);
  v1::Dispute out;
  const auto st = stub_->CreateDispute(Iro().get(), req, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(BadFields(st), UnorderedElementsAre("dispute.child", "dispute.theme",
                                                  "dispute.concern", "dispute.stage_level"));
  v1::GetDisputeRequest get;
  get.set_name("disputes/d1");
  EXPECT_EQ(stub_->GetDispute(Iro().get(), get, &out).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(DisputesServiceTest, TheWholeLadderCanBeClimbedSkippedAndClosed) {
  Create("d1");
  v1::Dispute d;
  ASSERT_TRUE(Escalate("d1", 0, &d).ok());
  EXPECT_EQ(d.stage_role(), "team_manager");
  ASSERT_TRUE(Escalate("d1", 4, &d).ok());
  EXPECT_EQ(d.stage_role(), "director");
  const auto down = Escalate("d1", 2, &d);
  EXPECT_EQ(down.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(FailedRuleOf(down), "dispute.escalates_upwards");
  ASSERT_TRUE(Resolve("d1", v1::OUTCOME_ACTION_AGREED, &d).ok());
  EXPECT_EQ(d.state(), v1::DISPUTE_STATE_RESOLVED);
  const auto again = Escalate("d1", 0, &d);
  EXPECT_EQ(FailedRuleOf(again), "dispute.closed");
}

TEST_F(DisputesServiceTest, WithdrawAndCafcassReferralAreRecordedWithWhoWhenAndNote) {
  Create("d1", 2);
  v1::ReferDisputeToCafcassRequest refer;
  refer.set_name("disputes/d1");
  refer.set_note("child's placement at risk; s25B(3)");
  v1::Dispute d;
  ASSERT_TRUE(stub_->ReferDisputeToCafcass(Iro().get(), refer, &d).ok());
  EXPECT_EQ(d.cafcass_referral().referred_by(), "iro-1");
  v1::WithdrawDisputeRequest withdraw;
  withdraw.set_name("disputes/d1");
  EXPECT_THAT(BadFields(stub_->WithdrawDispute(Iro().get(), withdraw, &d)), ElementsAre("note"));
  withdraw.set_note("care plan changed at the review");
  ASSERT_TRUE(stub_->WithdrawDispute(Iro().get(), withdraw, &d).ok());
  EXPECT_EQ(d.state(), v1::DISPUTE_STATE_WITHDRAWN);
  EXPECT_EQ(d.history(d.history_size() - 1).note(), "care plan changed at the review");
}

TEST_F(DisputesServiceTest, ANoteOverItsLimitIsRefusedAndTheMoveIsNotMade) {
  Create("d1", 2);
  v1::WithdrawDisputeRequest withdraw;
  withdraw.set_name("disputes/d1");
  withdraw.set_note(std::string(4001, 'n'));
  v1::Dispute d;
  EXPECT_THAT(BadFields(stub_->WithdrawDispute(Iro().get(), withdraw, &d)), ElementsAre("note"));
  v1::GetDisputeRequest get;
  get.set_name("disputes/d1");
  ASSERT_TRUE(stub_->GetDispute(Iro().get(), get, &d).ok());
  EXPECT_NE(d.state(), v1::DISPUTE_STATE_WITHDRAWN);
}

TEST_F(DisputesServiceTest, AStaleEtagIsRefusedAndARetriedRequestIdActsOnce) {
  Create("d1");
  v1::EscalateDisputeRequest req;
  req.set_name("disputes/d1");
  req.set_note("no reply");
  req.set_responsible_officer("tm-3");
  req.set_etag("1");
  req.set_request_id("r-42");
  v1::Dispute first, second;
  ASSERT_TRUE(stub_->EscalateDispute(Iro().get(), req, &first).ok());
  ASSERT_TRUE(stub_->EscalateDispute(Iro().get(), req, &second).ok());
  EXPECT_EQ(second.stage_level(), 1);
  EXPECT_EQ(first.etag(), second.etag());
  req.set_request_id("r-43");
  EXPECT_EQ(stub_->EscalateDispute(Iro().get(), req, &second).error_code(),
            grpc::StatusCode::ABORTED);
}

TEST_F(DisputesServiceTest, OnlyIrosRaiseAndEscalateAndAnotherAuthoritySeesNothing) {
  Create("d1");
  v1::CreateDisputeRequest req;
  v1::Dispute out;
  EXPECT_EQ(stub_->CreateDispute(As("sw-1", "social_worker").get(), req, &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::EscalateDisputeRequest esc;
  esc.set_name("disputes/d1");
  esc.set_note("x");
  EXPECT_EQ(stub_->EscalateDispute(As("tm-1", "team_manager").get(), esc, &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::GetDisputeRequest get;
  get.set_name("disputes/d1");
  EXPECT_EQ(stub_->GetDispute(As("iro-9", "iro", "LA2").get(), get, &out).error_code(),
            grpc::StatusCode::NOT_FOUND);
  v1::ListDisputesRequest list;
  v1::ListDisputesResponse page;
  ASSERT_TRUE(stub_->ListDisputes(As("iro-9", "iro", "LA2").get(), list, &page).ok());
  EXPECT_EQ(page.disputes_size(), 0);
  EXPECT_EQ(stub_->GetDispute(As("iro-1", "iro", "").get(), get, &out).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(DisputesServiceTest, TheLogListsByFilterInPages) {
  Create("d1", 1, true);
  Create("d2", 1);
  Create("d3", 2, false, "social_worker_changes");
  v1::ListDisputesRequest req;
  req.set_filter("stage_level = 1");
  req.set_page_size(1);
  v1::ListDisputesResponse page;
  ASSERT_TRUE(stub_->ListDisputes(Manager().get(), req, &page).ok());
  ASSERT_EQ(page.disputes_size(), 1);
  EXPECT_EQ(page.disputes(0).name(), "disputes/d1");
  req.set_page_token(page.next_page_token());
  ASSERT_TRUE(stub_->ListDisputes(Manager().get(), req, &page).ok());
  EXPECT_EQ(page.disputes(0).name(), "disputes/d2");
  EXPECT_TRUE(page.next_page_token().empty());

  v1::ListDisputesRequest themed;
  themed.set_filter("theme = social_worker_changes AND state = DISPUTE_STATE_OPEN");
  ASSERT_TRUE(stub_->ListDisputes(Manager().get(), themed, &page).ok());
  ASSERT_EQ(page.disputes_size(), 1);
  EXPECT_EQ(page.disputes(0).name(), "disputes/d3");

  v1::ListDisputesRequest bad;
  bad.set_filter("colour = red");
  EXPECT_THAT(BadFields(stub_->ListDisputes(Manager().get(), bad, &page)), ElementsAre("filter"));
}

TEST_F(DisputesServiceTest, TheDriftCheckEscalatesStagesPastTheirLimitWhenTheAuthorityChoseSo) {
  v1::UpdateDisputeSettingsRequest update;
  update.mutable_settings()->set_name("disputeSettings");
  update.mutable_settings()->set_auto_escalate(true);
  update.mutable_update_mask()->add_paths("auto_escalate");
  v1::DisputeSettings settings;
  ASSERT_TRUE(stub_->UpdateDisputeSettings(Manager().get(), update, &settings).ok());
  EXPECT_TRUE(settings.auto_escalate());
  Create("d1", 1);  // team manager, due Monday 9 November
  Create("d2", 3);  // head of service, due Friday 6 November

  clock_.Set(London10am(2026, 11, 9));
  EXPECT_EQ(server_->service().RunDriftCheck(), 1);  // d2 only
  clock_.Set(London10am(2026, 11, 10));
  EXPECT_EQ(server_->service().RunDriftCheck(), 1);  // d1 now

  v1::GetDisputeRequest get;
  get.set_name("disputes/d1");
  v1::Dispute d1;
  ASSERT_TRUE(stub_->GetDispute(Manager().get(), get, &d1).ok());
  EXPECT_EQ(d1.stage_role(), "service_manager");
  EXPECT_EQ(d1.history(d1.history_size() - 1).actor(), "system:drift-check");
  EXPECT_THAT(server_->Metrics(), HasSubstr(
      "assure_disputes_overdue_stages{stage=\"1 team_manager\",tenant=\"LA1\"} 0"));
  EXPECT_THAT(server_->Metrics(),
              HasSubstr("assure_disputes_open{stage=\"2 service_manager\",tenant=\"LA1\"} 1"));
}

TEST_F(DisputesServiceTest, WithoutAutomaticEscalationTheDriftCheckFlagsTheStageOverdue) {
  Create("d1", 1);
  clock_.Set(London10am(2026, 11, 10));
  EXPECT_EQ(server_->service().RunDriftCheck(), 1);
  EXPECT_EQ(server_->service().RunDriftCheck(), 0);  // marked once
  v1::ListDisputesRequest req;
  req.set_filter("overdue = true");
  v1::ListDisputesResponse page;
  ASSERT_TRUE(stub_->ListDisputes(Manager().get(), req, &page).ok());
  ASSERT_EQ(page.disputes_size(), 1);
  EXPECT_TRUE(page.disputes(0).overdue());
  EXPECT_EQ(page.disputes(0).stage_role(), "team_manager");
  EXPECT_THAT(server_->Metrics(), HasSubstr(
      "assure_disputes_overdue_stages{stage=\"1 team_manager\",tenant=\"LA1\"} 1"));
}

TEST_F(DisputesServiceTest, MetricsCountRaisedAndResolvedByThemeAndOutcome) {
  Create("d1", 1, false, "placement_legal_status");
  v1::Dispute d;
  clock_.Advance(absl::Hours(72));
  ASSERT_TRUE(Resolve("d1", v1::OUTCOME_EXPLANATION_ACCEPTED, &d).ok());
  const std::string m = server_->Metrics();
  EXPECT_THAT(m, HasSubstr(
      "assure_disputes_raised_total{tenant=\"LA1\",theme=\"placement_legal_status\"} 1"));
  EXPECT_THAT(m, HasSubstr("assure_disputes_resolved_total{outcome=\"OUTCOME_EXPLANATION_ACCEPTED\""
                           ",tenant=\"LA1\"} 1"));
  EXPECT_THAT(m, HasSubstr("assure_disputes_time_to_resolve_seconds_count{tenant=\"LA1\"} 1"));
  EXPECT_THAT(m, HasSubstr("assure_disputes_open{stage=\"1 team_manager\",tenant=\"LA1\"} 0"));
}

TEST_F(DisputesServiceTest, SettingsAreValidatedAndKeptPerAuthority) {
  v1::UpdateDisputeSettingsRequest update;
  update.mutable_settings()->set_name("disputeSettings");
  auto* stage = update.mutable_settings()->add_stages();
  stage->set_role("assistant_director");
  stage->set_title("Assistant Director");
  stage->set_limit_working_days(25);
  update.mutable_update_mask()->add_paths("stages");
  v1::DisputeSettings out;
  const auto st = stub_->UpdateDisputeSettings(Manager().get(), update, &out);
  EXPECT_THAT(BadFields(st), ElementsAre("settings.stages"));
  update.mutable_settings()->set_departure_reason("agreed by the Corporate Parenting Board");
  update.mutable_update_mask()->add_paths("departure_reason");
  ASSERT_TRUE(stub_->UpdateDisputeSettings(Manager().get(), update, &out).ok());
  EXPECT_EQ(out.formal_total_working_days(), 25);
  EXPECT_EQ(out.themes_size(), 5);  // untouched by the mask

  v1::GetDisputeSettingsRequest get;
  get.set_name("disputeSettings");
  v1::DisputeSettings other;
  ASSERT_TRUE(stub_->GetDisputeSettings(As("mgr-9", "iro_manager", "LA2").get(), get, &other).ok());
  EXPECT_EQ(other.stages_size(), 5);
  EXPECT_EQ(stub_->UpdateDisputeSettings(Iro().get(), update, &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(DisputesServiceTest, EverySavedVersionOfTheLadderIsKeptWithWhoSavedIt) {
  v1::UpdateDisputeSettingsRequest update;
  update.mutable_settings()->set_name("disputeSettings");
  update.mutable_settings()->set_auto_escalate(true);
  update.mutable_update_mask()->add_paths("auto_escalate");
  v1::DisputeSettings out;
  ASSERT_TRUE(stub_->UpdateDisputeSettings(Manager().get(), update, &out).ok());
  EXPECT_EQ(out.updated_by(), "mgr-1");
  update.mutable_settings()->set_auto_escalate(false);
  update.mutable_settings()->set_etag(out.etag());
  ASSERT_TRUE(stub_->UpdateDisputeSettings(As("mgr-2", "iro_manager").get(), update, &out).ok());

  v1::ListDisputeSettingsRevisionsRequest list;
  list.set_name("disputeSettings");
  v1::ListDisputeSettingsRevisionsResponse revisions;
  ASSERT_TRUE(stub_->ListDisputeSettingsRevisions(Manager().get(), list, &revisions).ok());
  ASSERT_EQ(revisions.revisions_size(), 2);
  EXPECT_EQ(revisions.revisions(0).updated_by(), "mgr-2");
  EXPECT_FALSE(revisions.revisions(0).auto_escalate());
  EXPECT_EQ(revisions.revisions(1).updated_by(), "mgr-1");
  EXPECT_TRUE(revisions.revisions(1).auto_escalate());
  v1::ListDisputeSettingsRevisionsResponse other;
  ASSERT_TRUE(stub_->ListDisputeSettingsRevisions(As("mgr-9", "iro_manager", "LA2").get(), list,
                                                  &other).ok());
  EXPECT_EQ(other.revisions_size(), 0);  // another authority's history is its own
}

// A database from before the settings history keeps its ladder: the version in force moves
// into settings_revisions when the new migration runs.
TEST(DisputesUpgrade, ALadderSavedBeforeTheHistoryExistedIsKept) {
  testing::TempDir dir;
  const std::string location = testing::TestStoreLocation(dir.File("old.db"));
  std::vector<EmbeddedFile> first;
  for (const auto& f : assure_data::disputes_migrations::Files()) {
    if (f.name.rfind("0001_", 0) == 0) first.push_back(f);
  }
  {
    auto old = store::Store::Open({location, 1, 16}, "disputes", first);
    ASSERT_TRUE(old.ok()) << old.status();
    v1::DisputeSettings ladder = DefaultSettings();
    ladder.set_auto_escalate(true);
    ASSERT_TRUE((*old)->WriteAndWait("LA1", [&](store::Tx& tx) {
      return tx.db().Exec("INSERT INTO dispute_settings (tenant, version, body) VALUES (?, ?, ?)",
                          {std::string("LA1"), int64_t{3}, store::BodyOf(ladder, 3)});
    }).ok());
  }
  auto upgraded = store::Store::Open({location, 1, 16}, "disputes",
                                     assure_data::disputes_migrations::Files());
  ASSERT_TRUE(upgraded.ok()) << upgraded.status();
  std::optional<v1::DisputeSettings> kept;
  ASSERT_TRUE((*upgraded)->Read("LA1", [&](store::Connection& db) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(kept, store::LatestSettings<v1::DisputeSettings>(db, "LA1",
                                                                             "disputeSettings"));
    return absl::OkStatus();
  }).ok());
  ASSERT_TRUE(kept.has_value());
  EXPECT_TRUE(kept->auto_escalate());
  EXPECT_EQ(kept->etag(), "3");
}

}  // namespace
}  // namespace assure::disputes
