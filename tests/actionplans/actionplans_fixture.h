// The action plans service running in-process on a temporary store (SQLite, or PostgreSQL
// under ASSURE_TEST_STORE=postgresql), with a clock the test moves, called through the stub.
#ifndef ASSURE_TESTS_ACTIONPLANS_ACTIONPLANS_FIXTURE_H_
#define ASSURE_TESTS_ACTIONPLANS_ACTIONPLANS_FIXTURE_H_

#include <memory>
#include <string>

#include "assure/actionplans/v1/actionplans_service.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "prometheus/registry.h"
#include "prometheus/text_serializer.h"
#include "services/actionplans/metrics.h"
#include "services/actionplans/service.h"
#include "services/common/clock.h"
#include "services/common/outbox.h"
#include "services/common/dates.h"
#include "services/common/routes.h"
#include "services/common/server.h"
#include "services/common/store/store.h"
#include "tests/actionplans/action_builders.h"
#include "tests/support/call_context.h"
#include "tests/support/test_store.h"

namespace assure_data::actionplans_migrations {
const std::vector<assure::EmbeddedFile>& Files();
}

namespace assure::actionplans {

using assure::testing::As;

class ActionPlansServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    location_ = testing::TestStoreLocation(dir_.File("actionplans.db"));
    auto store = store::Store::Open({location_, 2, 256}, "actionplans",
                                    assure_data::actionplans_migrations::Files());
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
    registry_ = std::make_shared<prometheus::Registry>();
    metrics_ = std::make_unique<ActionPlansMetrics>(*store_, clock_);
    outbox_ = std::make_unique<Outbox>(*store_, routes_, clock_, *registry_, "actionplans");
    service_ =
        std::make_unique<ActionPlansService>(*store_, calendar_, clock_, routes_, *outbox_);
    ServerConfig config;
    config.access_log = false;
    server_ = std::make_unique<Server>(config, registry_);
    server_->AddService(service_.get(), ActionPlansService::kName);
    ASSERT_TRUE(server_->Start().ok());
    server_->SetServing(true);
    stub_ = v1::ActionPlansService::NewStub(
        grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials()));
  }
  void TearDown() override {
    server_.reset();
    service_.reset();
    outbox_.reset();
    store_.reset();
  }

  // The value a series is exported with ("" when it is not), e.g.
  // Exported("assure_actions_open{priority=\"high\",status=\"not_tested\",tenant=\"LA1\"}").
  std::string Exported(const std::string& series) {
    const std::string all = prometheus::TextSerializer().Serialize(metrics_->figures()->Collect());
    const size_t at = all.find("\n" + series + " ");
    if (at == std::string::npos) return "";
    const size_t from = at + series.size() + 2;
    return all.substr(from, all.find('\n', from) - from);
  }

  // Moves the clock to 09:00 London on `day`.
  void Today(absl::CivilDay day) {
    clock_.Set(
        absl::FromCivil(absl::CivilSecond(day.year(), day.month(), day.day(), 9, 0, 0), London()));
  }

  static std::unique_ptr<grpc::ClientContext> Owner(const std::string& tenant = "LA1") {
    return As("hos-1", "senior_manager", tenant);
  }
  static std::unique_ptr<grpc::ClientContext> Chair(const std::string& tenant = "LA1") {
    return As("dcs-1", "senior_manager", tenant);
  }
  static std::unique_ptr<grpc::ClientContext> Officer(const std::string& tenant = "LA1") {
    return As("tm-1", "team_manager", tenant);
  }
  static std::unique_ptr<grpc::ClientContext> Auditor(const std::string& tenant = "LA1") {
    return As("ia-1", "auditor", tenant);
  }

  // plans/`id` (APlan, owned by hos-1), created by its owner; fails the test otherwise.
  v1::Plan Created(const std::string& id = "p-1", v1::Plan plan = APlan(),
                   const std::string& tenant = "LA1") {
    v1::CreatePlanRequest req;
    *req.mutable_plan() = std::move(plan);
    req.set_plan_id(id);
    v1::Plan out;
    const auto st = stub_->CreatePlan(Owner(tenant).get(), req, &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return out;
  }

  // A High recommendation on `plan`, with an action of tm-1's answering it.
  v1::Action ActionOn(const std::string& plan, const std::string& tenant = "LA1",
                      v1::Priority priority = v1::PRIORITY_HIGH,
                      absl::CivilDay target = absl::CivilDay(2026, 6, 30)) {
    v1::CreateRecommendationRequest rec;
    rec.set_parent(plan);
    rec.mutable_recommendation()->set_kind(v1::RECOMMENDATION_KIND_RECOMMENDATION);
    rec.mutable_recommendation()->set_number("1");
    rec.mutable_recommendation()->set_text("Reasons for late reviews are recorded");
    rec.mutable_recommendation()->set_priority(priority);
    v1::Recommendation r;
    auto st = stub_->CreateRecommendation(Owner(tenant).get(), rec, &r);
    EXPECT_TRUE(st.ok()) << st.error_message();
    v1::CreateActionRequest req;
    req.set_parent(plan);
    *req.mutable_action() = AnAction();
    req.mutable_action()->clear_state();
    req.mutable_action()->clear_priority();
    req.mutable_action()->clear_original_target_date();
    *req.mutable_action()->mutable_target_date() = ToProto(target);
    req.mutable_action()->set_recommendation(r.name());
    v1::Action a;
    st = stub_->CreateAction(Owner(tenant).get(), req, &a);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return a;
  }

  v1::Action StoredAction(const std::string& name, const std::string& tenant = "LA1") {
    v1::GetActionRequest get;
    get.set_name(name);
    v1::Action a;
    const auto st = stub_->GetAction(Owner(tenant).get(), get, &a);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return a;
  }

  v1::Plan StoredPlan(const std::string& name, const std::string& tenant = "LA1") {
    v1::GetPlanRequest get;
    get.set_name(name);
    v1::Plan p;
    const auto st = stub_->GetPlan(Owner(tenant).get(), get, &p);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return p;
  }

  grpc::Status Update(const std::string& action, absl::CivilDay day, v1::ActionUpdate* out,
                      const std::string& tenant = "LA1") {
    v1::AddActionUpdateRequest req;
    req.set_parent(action);
    *req.mutable_update()->mutable_update_date() = ToProto(day);
    req.mutable_update()->set_text("Reasons now recorded for 12 of 15 late reviews");
    return stub_->AddActionUpdate(Officer(tenant).get(), req, out);
  }

  assure::testing::TempDir dir_;
  std::string location_;
  WorkingDays calendar_ = *WorkingDays::EnglandAndWales();
  FakeClock clock_{absl::FromCivil(absl::CivilSecond(2026, 4, 1, 9, 0, 0), London())};
  // None unless a test routes them: live figures are reported unreadable.
  Routes routes_;
  std::unique_ptr<store::Store> store_;
  std::shared_ptr<prometheus::Registry> registry_;
  std::unique_ptr<ActionPlansMetrics> metrics_;
  std::unique_ptr<Outbox> outbox_;
  std::unique_ptr<ActionPlansService> service_;
  std::unique_ptr<Server> server_;
  std::unique_ptr<v1::ActionPlansService::Stub> stub_;
};

}  // namespace assure::actionplans

#endif  // ASSURE_TESTS_ACTIONPLANS_ACTIONPLANS_FIXTURE_H_
