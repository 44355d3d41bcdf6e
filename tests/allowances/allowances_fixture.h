// The allowances service running in-process on a temporary store (SQLite, or PostgreSQL
// under ASSURE_TEST_STORE=postgresql), with a clock the test moves, called through the stub.
#ifndef ASSURE_TESTS_ALLOWANCES_ALLOWANCES_FIXTURE_H_
#define ASSURE_TESTS_ALLOWANCES_ALLOWANCES_FIXTURE_H_

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "assure/allowances/v1/allowances_service.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "prometheus/registry.h"
#include "prometheus/text_serializer.h"
#include "services/allowances/metrics.h"
#include "services/allowances/service.h"
#include "services/common/clock.h"
#include "services/common/dates.h"
#include "services/common/outbox.h"
#include "services/common/routes.h"
#include "services/common/server.h"
#include "services/common/store/store.h"
#include "tests/allowances/allowance_fixture.h"
#include "tests/support/call_context.h"
#include "tests/support/test_store.h"

namespace assure_data::allowances_migrations {
const std::vector<assure::EmbeddedFile>& Files();
}

namespace assure::allowances {

using assure::testing::As;

class AllowancesServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    location_ = testing::TestStoreLocation(dir_.File("allowances.db"));
    auto store = store::Store::Open({location_, 2, 256}, "allowances",
                                    assure_data::allowances_migrations::Files());
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
    registry_ = std::make_shared<prometheus::Registry>();
    metrics_ = std::make_unique<AllowancesMetrics>(*registry_, *store_, clock_);
    outbox_ = std::make_unique<Outbox>(*store_, routes_, clock_, *registry_, "allowances");
    service_ = std::make_unique<AllowancesService>(*store_, clock_, *metrics_, *outbox_);
    ServerConfig config;
    config.access_log = false;
    server_ = std::make_unique<Server>(config, registry_);
    server_->AddService(service_.get(), AllowancesService::kName);
    ASSERT_TRUE(server_->Start().ok());
    server_->SetServing(true);
    stub_ = v1::AllowancesService::NewStub(
        grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials()));
  }
  void TearDown() override {
    server_.reset();
    service_.reset();
    outbox_.reset();
    store_.reset();
  }

  // The value a series is exported with ("" when it is not), e.g.
  // Exported("assure_allowances_active{tenant=\"LA1\",type=\"special_guardianship\"}").
  std::string Exported(const std::string& series) {
    std::string all = prometheus::TextSerializer().Serialize(metrics_->figures()->Collect());
    all += prometheus::TextSerializer().Serialize(registry_->Collect());
    const size_t at = all.find("\n" + series + " ");
    if (at == std::string::npos) return "";
    const size_t from = at + series.size() + 2;
    return all.substr(from, all.find('\n', from) - from);
  }

  // Creates the child C-1 and the draft allowance allowances/a-1 for it (by sw-1), with its
  // paperwork and assessment recorded; fails the test otherwise.
  v1::Allowance Prepared(const std::string& tenant = "LA1",
                         const v1::SupportedChild& for_child = AChild()) {
    v1::CreateSupportedChildRequest child;
    *child.mutable_child() = for_child;
    child.set_child_id("C-1");
    v1::SupportedChild c;
    auto st = stub_->CreateSupportedChild(Worker(tenant).get(), child, &c);
    EXPECT_TRUE(st.ok()) << st.error_message();

    v1::CreateAllowanceRequest create;
    *create.mutable_allowance() = ADraft();
    create.mutable_allowance()->clear_paperwork();
    create.mutable_allowance()->clear_assessment();
    create.set_allowance_id("a-1");
    v1::Allowance a;
    st = stub_->CreateAllowance(Worker(tenant).get(), create, &a);
    EXPECT_TRUE(st.ok()) << st.error_message();

    v1::RecordPaperworkRequest paper;
    paper.set_name(a.name());
    *paper.mutable_paperwork() = ADraft().paperwork();
    st = stub_->RecordPaperwork(Worker(tenant).get(), paper, &a);
    EXPECT_TRUE(st.ok()) << st.error_message();

    v1::RecordFinancialAssessmentRequest means;
    means.set_name(a.name());
    *means.mutable_assessment() = ADraft().assessment();
    st = stub_->RecordFinancialAssessment(Worker(tenant).get(), means, &a);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return a;
  }

  grpc::Status Approve(const std::string& subject, const std::string& role, v1::Allowance* a,
                       const std::string& tenant = "LA1") {
    v1::ApproveAllowanceRequest req;
    req.set_name(a->name());
    req.set_role(role);
    return stub_->ApproveAllowance(As(subject, role, tenant).get(), req, a);
  }

  // Prepared, approved by the default scheme's two roles and activated.
  v1::Allowance Active(const std::string& tenant = "LA1",
                       const v1::SupportedChild& for_child = AChild()) {
    v1::Allowance a = Prepared(tenant, for_child);
    EXPECT_TRUE(Approve("tm-1", "team_manager", &a, tenant).ok());
    EXPECT_TRUE(Approve("hos-1", "senior_manager", &a, tenant).ok());
    v1::ActivateAllowanceRequest req;
    req.set_name(a.name());
    const auto st = stub_->ActivateAllowance(Finance(tenant).get(), req, &a);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return a;
  }

  grpc::Status Schedule(const std::string& name, absl::CivilDay due, v1::LedgerEntry* out,
                        const std::string& request_id = "", const std::string& tenant = "LA1") {
    v1::SchedulePaymentRequest req;
    req.set_name(name);
    *req.mutable_due_date() = ToProto(due);
    req.set_request_id(request_id);
    return stub_->SchedulePayment(Finance(tenant).get(), req, out);
  }

  grpc::Status Issue(const std::string& allowance, int year, absl::CivilDay issued,
                     v1::Declaration* out, const std::string& tenant = "LA1") {
    v1::IssueDeclarationRequest req;
    req.set_parent(allowance);
    req.mutable_declaration()->set_year(year);
    *req.mutable_declaration()->mutable_issue_date() = ToProto(issued);
    return stub_->IssueDeclaration(Finance(tenant).get(), req, out);
  }

  v1::Allowance Stored(const std::string& name, const std::string& tenant = "LA1") {
    v1::GetAllowanceRequest get;
    get.set_name(name);
    v1::Allowance a;
    const auto st = stub_->GetAllowance(Finance(tenant).get(), get, &a);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return a;
  }

  // Moves the clock to 09:00 London on `day`.
  void Today(absl::CivilDay day) {
    clock_.Set(
        absl::FromCivil(absl::CivilSecond(day.year(), day.month(), day.day(), 9, 0, 0), London()));
  }

  static std::unique_ptr<grpc::ClientContext> Worker(const std::string& tenant = "LA1") {
    return As("sw-1", "social_worker", tenant);
  }
  static std::unique_ptr<grpc::ClientContext> Finance(const std::string& tenant = "LA1") {
    return As("fin-1", "finance", tenant);
  }

  assure::testing::TempDir dir_;
  std::string location_;
  FakeClock clock_{absl::FromCivil(absl::CivilSecond(2026, 4, 1, 9, 0, 0), London())};
  std::unique_ptr<store::Store> store_;
  std::shared_ptr<prometheus::Registry> registry_;
  std::unique_ptr<AllowancesMetrics> metrics_;
  // No route: control failures for action plans wait in the outbox.
  Routes routes_;
  std::unique_ptr<Outbox> outbox_;
  std::unique_ptr<AllowancesService> service_;
  std::unique_ptr<Server> server_;
  std::unique_ptr<v1::AllowancesService::Stub> stub_;
};

}  // namespace assure::allowances

#endif  // ASSURE_TESTS_ALLOWANCES_ALLOWANCES_FIXTURE_H_
