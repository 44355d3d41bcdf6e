// An open dispute past 20 working days in the formal process (IRO Handbook para 6.2) is
// flagged as it is read, listed by a filter and counted on the board, per authority, and a
// database from before the flag has its open disputes dated once at start.
#include "gmock/gmock.h"
#include "services/common/store/store.h"
#include "services/disputes/store.h"
#include "tests/disputes/disputes_fixture.h"

namespace assure::disputes {
namespace {

using ::testing::HasSubstr;

std::vector<std::string> PastTheLimit(v1::DisputesService::Stub& stub, const std::string& tenant) {
  v1::ListDisputesRequest req;
  req.set_filter("past_formal_limit = true");
  v1::ListDisputesResponse page;
  EXPECT_TRUE(stub.ListDisputes(As("mgr-1", "iro_manager", tenant).get(), req, &page).ok());
  std::vector<std::string> names;
  for (const auto& d : page.disputes()) names.push_back(d.name());
  return names;
}

TEST_F(DisputesServiceTest, TheFormalProcessIsDueTwentyWorkingDaysFromItsFirstStage) {
  const v1::Dispute informal = Create("d0");
  EXPECT_FALSE(informal.has_formal_due());
  const v1::Dispute formal = Create("d1", 1);
  // Monday 2 November 2026: the 20th working day on is Monday 30 November.
  EXPECT_EQ(formal.formal_due().due_date().day(), 30);
  EXPECT_EQ(formal.formal_due().rule(), "disputes.formal_process");
  EXPECT_EQ(formal.formal_due().source(), "IRO Handbook 2010, para 6.2");
  EXPECT_FALSE(formal.past_formal_limit());
  // Escalating does not restart it.
  clock_.Set(London10am(2026, 11, 9));
  v1::Dispute escalated;
  ASSERT_TRUE(Escalate("d1", 2, &escalated).ok());
  EXPECT_EQ(escalated.formal_due().due_date().day(), 30);
}

TEST_F(DisputesServiceTest, AnOpenDisputePastTheFormalLimitIsFlaggedListedAndCounted) {
  Create("d1", 1);
  Create("d2", 1, false, "permanent_placement_delay", "LA2");
  clock_.Set(London10am(2026, 11, 30));
  EXPECT_TRUE(PastTheLimit(*stub_, "LA1").empty());
  EXPECT_THAT(server_->Metrics(), HasSubstr("assure_disputes_past_formal_limit{tenant=\"LA1\"} 0"));

  clock_.Set(London10am(2026, 12, 1));
  EXPECT_THAT(PastTheLimit(*stub_, "LA1"), ::testing::ElementsAre("disputes/d1"));
  EXPECT_THAT(PastTheLimit(*stub_, "LA2"), ::testing::ElementsAre("disputes/d2"));
  v1::GetDisputeRequest get;
  get.set_name("disputes/d1");
  v1::Dispute read;
  ASSERT_TRUE(stub_->GetDispute(Manager().get(), get, &read).ok());
  EXPECT_TRUE(read.past_formal_limit());
  EXPECT_THAT(server_->Metrics(), HasSubstr("assure_disputes_past_formal_limit{tenant=\"LA1\"} 1"));
  EXPECT_THAT(server_->Metrics(), HasSubstr("assure_disputes_past_formal_limit{tenant=\"LA2\"} 1"));

  v1::Dispute resolved;
  ASSERT_TRUE(Resolve("d1", v1::OUTCOME_ACTION_AGREED, &resolved).ok());
  EXPECT_FALSE(resolved.past_formal_limit());
  EXPECT_TRUE(PastTheLimit(*stub_, "LA1").empty());
  EXPECT_THAT(server_->Metrics(), HasSubstr("assure_disputes_past_formal_limit{tenant=\"LA1\"} 0"));
  EXPECT_THAT(server_->Metrics(), HasSubstr("assure_disputes_past_formal_limit{tenant=\"LA2\"} 1"));

  v1::ListDisputesRequest bad;
  bad.set_filter("past_formal_limit = false");
  v1::ListDisputesResponse none;
  EXPECT_EQ(stub_->ListDisputes(Manager().get(), bad, &none).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(DisputesServiceTest, OpenDisputesRecordedBeforeTheFormalLimitAreDatedOnceAtStart) {
  Create("d1", 1);
  // As an older database holds it: no formal_due in the record, no figure, never dated.
  ASSERT_TRUE(server_->store()
                  .WriteAndWait(store::kAllTenants,
                                [](store::Tx& tx) -> absl::Status {
                                  auto d = DisputesStore::Load(tx.db(), "LA1", "d1");
                                  if (!d.ok()) return d.status();
                                  (*d)->clear_formal_due();
                                  if (auto st = DisputesStore::Update(tx.db(), "LA1", "d1", **d);
                                      !st.ok()) {
                                    return st;
                                  }
                                  for (const char* sql :
                                       {"DELETE FROM figures WHERE name = 'assure_disputes_formal'",
                                        "DELETE FROM figures_seeded WHERE component = "
                                        "'disputes_formal'"}) {
                                    if (auto st = tx.db().Exec(sql, {}); !st.ok()) return st;
                                  }
                                  return absl::OkStatus();
                                })
                  .ok());
  clock_.Set(London10am(2026, 12, 1));
  EXPECT_TRUE(PastTheLimit(*stub_, "LA1").empty());
  Restart();
  EXPECT_THAT(PastTheLimit(*stub_, "LA1"), ::testing::ElementsAre("disputes/d1"));
  EXPECT_THAT(server_->Metrics(), HasSubstr("assure_disputes_past_formal_limit{tenant=\"LA1\"} 1"));
}

}  // namespace
}  // namespace assure::disputes
