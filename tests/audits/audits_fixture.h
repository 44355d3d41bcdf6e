// The audits service running in-process on a temporary store (SQLite, or PostgreSQL under
// ASSURE_TEST_STORE=postgresql), with a clock the test moves, called through the stub.
#ifndef ASSURE_TESTS_AUDITS_AUDITS_FIXTURE_H_
#define ASSURE_TESTS_AUDITS_AUDITS_FIXTURE_H_

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "assure/audits/v1/audits_service.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "prometheus/registry.h"
#include "prometheus/text_serializer.h"
#include "services/audits/metrics.h"
#include "services/audits/service.h"
#include "services/common/clock.h"
#include "services/common/dates.h"
#include "services/common/outbox.h"
#include "services/common/routes.h"
#include "services/common/server.h"
#include "services/common/store/store.h"
#include "tests/support/call_context.h"
#include "tests/support/test_store.h"

namespace assure_data::audits_migrations {
const std::vector<assure::EmbeddedFile>& Files();
}

namespace assure::audits {

namespace v1 = ::assure::audits::v1;
using assure::testing::As;

inline google::type::Date D(int y, int m, int d) { return ToProto(absl::CivilDay(y, m, d)); }
inline google::type::Date Month(int y, int m) {
  google::type::Date out;
  out.set_year(y);
  out.set_month(m);
  return out;
}

class AuditsServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    location_ = testing::TestStoreLocation(dir_.File("audits.db"));
    auto store = store::Store::Open({location_, 2, 256}, "audits",
                                    assure_data::audits_migrations::Files());
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
    registry_ = std::make_shared<prometheus::Registry>();
    metrics_ = std::make_unique<AuditsMetrics>(*store_, clock_);
    outbox_ = std::make_unique<Outbox>(*store_, routes_, clock_, *registry_, "audits");
    service_ = std::make_unique<AuditsService>(*store_, clock_, *metrics_, *outbox_);
    ServerConfig config;
    config.access_log = false;
    server_ = std::make_unique<Server>(config, registry_);
    server_->AddService(service_.get(), AuditsService::kName);
    ASSERT_TRUE(server_->Start().ok());
    server_->SetServing(true);
    stub_ = v1::AuditsService::NewStub(
        grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials()));
  }
  void TearDown() override {
    server_.reset();
    service_.reset();
    outbox_.reset();
    store_.reset();
  }

  // The value a tenant's figure is exported with ("" when it is not).
  std::string Figure(const std::string& name, const std::string& tenant) {
    const std::string all = prometheus::TextSerializer().Serialize(metrics_->figures()->Collect());
    const std::string series = absl::StrCat("\n", name, "{tenant=\"", tenant, "\"} ");
    const size_t at = all.find(series);
    if (at == std::string::npos) return "";
    const size_t from = at + series.size();
    return all.substr(from, all.find('\n', from) - from);
  }

  // An open case of `team`, allocated to `worker`.
  static v1::Case OpenCase(const std::string& id, const std::string& team,
                           const std::string& worker = "sw-1") {
    v1::Case c;
    c.set_name("cases/" + id);
    c.set_team(team);
    c.set_service("childrens-social-care");
    c.set_worker(worker);
    *c.mutable_open_date() = D(2025, 4, 1);
    c.add_cohorts(v1::COHORT_CHILD_IN_NEED);
    return c;
  }

  // Feeds `n` open cases of `team`, C-{first}...; fails the test unless accepted.
  void Feed(const std::string& team, int n, int first = 0, const std::string& tenant = "LA1") {
    v1::BatchUpsertCasesRequest req;
    for (int i = 0; i < n; ++i) *req.add_cases() = OpenCase(absl::StrCat("C-", first + i), team);
    v1::BatchUpsertCasesResponse out;
    const auto st = stub_->BatchUpsertCases(CaseSystem(tenant).get(), req, &out);
    ASSERT_TRUE(st.ok()) << st.error_message();
  }

  grpc::Status Select(const std::string& tenant, uint64_t seed,
                      std::vector<std::pair<std::string, int>> quotas, v1::Selection* out,
                      const std::string& request_id = "") {
    v1::CreateSelectionRequest req;
    *req.mutable_selection()->mutable_month() = Month(2026, 12);
    req.mutable_selection()->set_type(v1::AUDIT_TYPE_ROUTINE);
    req.mutable_selection()->set_seed(seed);
    for (const auto& [auditor, quota] : quotas) {
      auto* a = req.mutable_selection()->add_auditors();
      a->set_auditor(auditor);
      a->set_quota(quota);
    }
    req.set_request_id(request_id);
    return stub_->CreateSelection(Lead(tenant).get(), req, out);
  }

  static std::unique_ptr<grpc::ClientContext> CaseSystem(const std::string& tenant = "LA1") {
    return As("mosaic", "case_system", tenant);
  }
  static std::unique_ptr<grpc::ClientContext> Lead(const std::string& tenant = "LA1") {
    return As("qrm-1", "iro_manager", tenant);
  }

  assure::testing::TempDir dir_;
  std::string location_;
  FakeClock clock_{absl::FromCivil(absl::CivilSecond(2026, 12, 1, 9, 0, 0), London())};
  std::unique_ptr<store::Store> store_;
  std::shared_ptr<prometheus::Registry> registry_;
  std::unique_ptr<AuditsMetrics> metrics_;
  // No route: findings for action plans wait in the outbox (a test may set one first).
  Routes routes_;
  std::unique_ptr<Outbox> outbox_;
  std::unique_ptr<AuditsService> service_;
  std::unique_ptr<Server> server_;
  std::unique_ptr<v1::AuditsService::Stub> stub_;
};

}  // namespace assure::audits

#endif  // ASSURE_TESTS_AUDITS_AUDITS_FIXTURE_H_
