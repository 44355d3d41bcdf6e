// The disputes service running in-process on a temporary SQLite store, with a clock the test
// moves, called through the generated stub.
#ifndef ASSURE_TESTS_DISPUTES_DISPUTES_FIXTURE_H_
#define ASSURE_TESTS_DISPUTES_DISPUTES_FIXTURE_H_

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "assure/disputes/v1/disputes_service.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "prometheus/registry.h"
#include "prometheus/text_serializer.h"
#include "services/common/clock.h"
#include "services/common/dates.h"
#include "services/common/outbox.h"
#include "services/common/routes.h"
#include "services/common/server.h"
#include "services/common/store/store.h"
#include "services/disputes/metrics.h"
#include "services/disputes/service.h"
#include "tests/support/call_context.h"
#include "tests/support/test_store.h"

namespace assure_data::disputes_migrations {
const std::vector<assure::EmbeddedFile>& Files();
}

namespace assure::disputes {

using assure::testing::As;

// The disputes service as a process would run it, on `port` (0 for any free one).
class DisputesServer {
 public:
  // Findings for action plans go to `routes` (none: they wait in the outbox).
  DisputesServer(const std::string& db, const Clock& clock, int port = 0,
                 const Routes& routes = NoRoutes()) {
    auto store = store::Store::Open({db, 2, 256}, "disputes",
                                    assure_data::disputes_migrations::Files());
    EXPECT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
    metrics_ = std::make_unique<DisputesMetrics>(*registry_, *store_, clock);
    EXPECT_TRUE(metrics_->SeedOnce(*store_).ok());
    outbox_ = std::make_unique<Outbox>(*store_, routes, clock, *registry_, "disputes");
    service_ =
        std::make_unique<DisputesService>(*store_, calendar_, clock, *metrics_, *outbox_);
    EXPECT_TRUE(service_->SeedFormalDueOnce().ok());
    ServerConfig config;
    config.grpc_address = absl::StrCat("127.0.0.1:", port);
    config.access_log = false;
    server_ = std::make_unique<Server>(config, registry_);
    server_->AddService(service_.get(), DisputesService::kName);
    EXPECT_TRUE(server_->Start().ok());
    server_->SetServing(true);
  }

  std::unique_ptr<v1::DisputesService::Stub> Stub() const {
    return v1::DisputesService::NewStub(
        grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials()));
  }
  int port() const { return server_->port(); }
  DisputesService& service() { return *service_; }
  Outbox& outbox() { return *outbox_; }
  store::Store& store() { return *store_; }
  std::string Metrics() const {
    auto families = registry_->Collect();
    for (auto& f : metrics_->figures()->Collect()) families.push_back(std::move(f));
    return prometheus::TextSerializer().Serialize(families);
  }

 private:
  WorkingDays calendar_ = *WorkingDays::EnglandAndWales();
  std::shared_ptr<prometheus::Registry> registry_ = std::make_shared<prometheus::Registry>();
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<DisputesMetrics> metrics_;
  std::unique_ptr<Outbox> outbox_;
  std::unique_ptr<DisputesService> service_;
  std::unique_ptr<Server> server_;

  static const Routes& NoRoutes() {
    static const Routes none;
    return none;
  }
};

inline absl::Time London10am(int y, int m, int d) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, 10, 0, 0), London());
}

class DisputesServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    location_ = testing::TestStoreLocation(dir_.File("disputes.db"));
    server_ = std::make_unique<DisputesServer>(location_, clock_, 0, routes_);
    stub_ = server_->Stub();
  }

  // A new process on the same database.
  void Restart() {
    stub_.reset();
    server_.reset();
    server_ = std::make_unique<DisputesServer>(location_, clock_, 0, routes_);
    stub_ = server_->Stub();
  }

  v1::Dispute Create(const std::string& id, int level = 0, bool starred = false,
                     const std::string& theme = "permanent_placement_delay",
                     const std::string& tenant = "LA1") {
    v1::CreateDisputeRequest req;
    req.set_dispute_id(id);
    auto* d = req.mutable_dispute();
    d->set_child("children/C1");
    d->set_review("children/C1/reviews/2");
    d->add_decisions("children/C1/reviews/2/decisions/1");
    d->set_theme(theme);
    d->set_concern("no permanent placement after nine months");
    d->set_starred(starred);
    d->set_stage_level(level);
    v1::Dispute out;
    auto st = stub_->CreateDispute(As("iro-1", "iro", tenant).get(), req, &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return out;
  }

  grpc::Status Escalate(const std::string& id, int to, v1::Dispute* out,
                        const std::string& note = "no answer from the team manager") {
    v1::EscalateDisputeRequest req;
    req.set_name("disputes/" + id);
    req.set_to_level(to);
    req.set_note(note);
    req.set_responsible_officer("officer-" + std::to_string(to));
    return stub_->EscalateDispute(Iro().get(), req, out);
  }

  grpc::Status Resolve(const std::string& id, v1::Outcome outcome, v1::Dispute* out) {
    v1::ResolveDisputeRequest req;
    req.set_name("disputes/" + id);
    req.set_outcome(outcome);
    req.set_note("placement panel booked");
    return stub_->ResolveDispute(Iro().get(), req, out);
  }

  static std::unique_ptr<grpc::ClientContext> Iro() { return As("iro-1", "iro"); }
  static std::unique_ptr<grpc::ClientContext> Manager() { return As("mgr-1", "iro_manager"); }

  assure::testing::TempDir dir_;
  std::string location_;
  FakeClock clock_{London10am(2026, 11, 2)};  // a Monday
  // None: findings for action plans wait in the outbox.
  Routes routes_;
  std::unique_ptr<DisputesServer> server_;
  std::unique_ptr<v1::DisputesService::Stub> stub_;
};

}  // namespace assure::disputes

#endif  // ASSURE_TESTS_DISPUTES_DISPUTES_FIXTURE_H_
