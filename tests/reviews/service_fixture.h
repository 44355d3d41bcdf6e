// The reviews service running in-process on a temporary SQLite store, with a clock the test
// moves, called through the generated stub.
#ifndef ASSURE_TESTS_REVIEWS_SERVICE_FIXTURE_H_
#define ASSURE_TESTS_REVIEWS_SERVICE_FIXTURE_H_

#include <memory>
#include <string>

#include "assure/reviews/v1/reviews_service.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "prometheus/registry.h"
#include "prometheus/text_serializer.h"
#include "services/common/clock.h"
#include "services/common/dates.h"
#include "services/common/outbox.h"
#include "services/common/server.h"
#include "services/common/store/store.h"
#include "services/reviews/metrics.h"
#include "services/reviews/service.h"
#include "tests/support/call_context.h"
#include "tests/support/test_store.h"

namespace assure_data::reviews_migrations {
const std::vector<assure::EmbeddedFile>& Files();
}

namespace assure::reviews {

namespace v1 = ::assure::reviews::v1;
using assure::testing::As;

inline google::type::Date D(int y, int m, int d) { return ToProto(absl::CivilDay(y, m, d)); }
inline absl::Time LondonTime(int y, int m, int d, int h) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, h, 0, 0), London());
}

class ReviewsServiceTest : public ::testing::Test {
 protected:
  void SetUp() override { Start(); }
  void TearDown() override { Stop(); }

  void Start() {
    if (location_.empty()) location_ = testing::TestStoreLocation(dir_.File("reviews.db"));
    auto store = store::Store::Open({location_, 2, 256}, "reviews",
                                    assure_data::reviews_migrations::Files());
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
    registry_ = std::make_shared<prometheus::Registry>();
    metrics_ = std::make_unique<ReviewsMetrics>(*registry_, *store_, clock_);
    ASSERT_TRUE(metrics_->SeedOnce(*store_).ok());
    outbox_ = std::make_unique<Outbox>(*store_, routes_, clock_, *registry_, "reviews");
    service_ = std::make_unique<ReviewsService>(*store_, calendar_, clock_, *metrics_, *outbox_,
                                                routes_);
    ASSERT_TRUE(service_->SeedWorklistOnce().ok());
    ServerConfig config;
    config.access_log = false;
    server_ = std::make_unique<Server>(config, registry_);
    server_->AddService(service_.get(), ReviewsService::kName);
    ASSERT_TRUE(server_->Start().ok());
    server_->SetServing(true);
    channel_ = grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials());
    stub_ = v1::ReviewsService::NewStub(channel_);
  }

  void Stop() {
    server_.reset();
    outbox_.reset();
    store_.reset();
  }

  std::string Metrics() {
    auto families = registry_->Collect();
    for (auto& f : metrics_->figures()->Collect()) families.push_back(std::move(f));
    return prometheus::TextSerializer().Serialize(families);
  }

  // Common steps.
  v1::Iro CreateIro(const std::string& id, bool lac = true, bool cp = true) {
    v1::CreateIroRequest req;
    req.set_iro_id(id);
    req.mutable_iro()->set_display_name("IRO " + id);
    req.mutable_iro()->set_fte_hundredths(100);
    req.mutable_iro()->set_chairs_lac_reviews(lac);
    req.mutable_iro()->set_chairs_cp_conferences(cp);
    req.mutable_iro()->set_status(v1::IRO_STATUS_ACTIVE);
    v1::Iro out;
    auto st = stub_->CreateIro(Manager().get(), req, &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return out;
  }

  v1::Child CreateLookedAfterChild(const std::string& id, google::type::Date looked_after,
                                   google::type::Date birth = D(2012, 5, 1)) {
    v1::CreateChildRequest req;
    req.set_child_id(id);
    *req.mutable_child()->mutable_birth_date() = birth;
    auto* p = req.mutable_child()->add_periods_of_care();
    *p->mutable_start_date() = looked_after;
    p->set_legal_status(v1::LEGAL_STATUS_CARE_ORDER);
    v1::Child out;
    auto st = stub_->CreateChild(CaseSystem().get(), req, &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return out;
  }

  grpc::Status Allocate(const std::string& child, const std::string& iro, v1::Child* out,
                        const std::string& reason = "") {
    v1::AllocateIroRequest req;
    req.set_name("children/" + child);
    req.set_iro("iros/" + iro);
    req.set_override_reason(reason);
    return stub_->AllocateIro(Manager().get(), req, out);
  }

  v1::Review Schedule(const std::string& child, v1::ReviewKind kind) {
    v1::CreateReviewRequest req;
    req.set_parent("children/" + child);
    req.mutable_review()->set_kind(kind);
    v1::Review out;
    auto st = stub_->CreateReview(Iro().get(), req, &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return out;
  }

  grpc::Status Record(const v1::Review& review, google::type::Date held, v1::Review* out,
                      v1::Participation pn = v1::PARTICIPATION_PN1,
                      v1::LateReason reason = v1::LATE_REASON_UNSPECIFIED) {
    v1::RecordReviewRequest req;
    req.set_name(review.name());
    *req.mutable_held_date() = held;
    req.set_participation(pn);
    req.set_late_reason(reason);
    return stub_->RecordReview(Iro().get(), req, out);
  }

  static std::unique_ptr<grpc::ClientContext> Manager() { return As("mgr-1", "iro_manager"); }
  static std::unique_ptr<grpc::ClientContext> Iro() { return As("iro-1", "iro"); }
  static std::unique_ptr<grpc::ClientContext> CaseSystem() { return As("mosaic", "case_system"); }

  assure::testing::TempDir dir_;
  std::string location_;  // kept across Stop() and Start()
  FakeClock clock_{LondonTime(2026, 11, 25, 12)};
  WorkingDays calendar_ = *WorkingDays::EnglandAndWales();
  std::unique_ptr<store::Store> store_;
  std::shared_ptr<prometheus::Registry> registry_;
  std::unique_ptr<ReviewsMetrics> metrics_;
  // No other service is reachable unless a test routes one: challenges wait in the outbox.
  Routes routes_;
  std::unique_ptr<Outbox> outbox_;
  std::unique_ptr<ReviewsService> service_;
  std::unique_ptr<Server> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::ReviewsService::Stub> stub_;
};

}  // namespace assure::reviews

#endif  // ASSURE_TESTS_REVIEWS_SERVICE_FIXTURE_H_
