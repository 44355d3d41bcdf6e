// What every service shows operations: health, reflection and metrics.
#include "gmock/gmock.h"
#include "services/common/health_client.h"
#include "tests/support/reflection_client.h"
#include "tests/reviews/service_fixture.h"

namespace assure::reviews {
namespace {

using ::testing::HasSubstr;

TEST_F(ReviewsServiceTest, HealthReportsServingForTheServiceAndTheServer) {
  for (const std::string name : {"", "assure.reviews.v1.ReviewsService"}) {
    auto status = CheckHealth(channel_, name, absl::Seconds(5));
    ASSERT_TRUE(status.ok()) << name << ": " << status.status();
    EXPECT_EQ(*status, HealthStatus::kServing);
  }
  EXPECT_EQ(CheckHealth(channel_, "no.such.Service", absl::Seconds(5)).status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(ReviewsServiceTest, HealthReportsNotServingWhileDraining) {
  server_->SetServing(false);
  EXPECT_EQ(*CheckHealth(channel_, "", absl::Seconds(5)), HealthStatus::kNotServing);
}

TEST_F(ReviewsServiceTest, ReflectionListsTheService) {
  const std::string listed = assure::testing::ListServicesViaReflection(channel_);
  EXPECT_THAT(listed, HasSubstr("assure.reviews.v1.ReviewsService"));
  EXPECT_THAT(listed, HasSubstr("grpc.health.v1.Health"));
}

TEST_F(ReviewsServiceTest, ARequestIdNamesOneRequestByOneCaller) {
  v1::CreateIroRequest req;
  req.set_request_id("r-1");
  req.set_iro_id("iro-7");
  req.mutable_iro()->set_display_name("IRO 7");
  req.mutable_iro()->set_fte_hundredths(100);
  req.mutable_iro()->set_chairs_lac_reviews(true);
  req.mutable_iro()->set_status(v1::IRO_STATUS_ACTIVE);
  v1::Iro first, again;
  ASSERT_TRUE(stub_->CreateIro(Manager().get(), req, &first).ok());
  ASSERT_TRUE(stub_->CreateIro(Manager().get(), req, &again).ok()) << "a retry is answered";
  EXPECT_EQ(again.etag(), first.etag());

  v1::CreateIroRequest other = req;
  other.set_iro_id("iro-8");
  auto st = stub_->CreateIro(Manager().get(), other, &again);
  EXPECT_THAT(testing::BadFields(st), ::testing::ElementsAre("request_id"));
  st = stub_->CreateIro(As("mgr-2", "iro_manager").get(), req, &again);
  EXPECT_THAT(testing::BadFields(st), ::testing::ElementsAre("request_id"))
      << "another caller never receives the first caller's result";
  v1::GetIroRequest get;
  get.set_name("iros/iro-8");
  EXPECT_EQ(stub_->GetIro(Manager().get(), get, &again).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(ReviewsServiceTest, MetricsShowRpcAndDomainSeriesAfterCalls) {
  // Every method's series exist before the first call.
  EXPECT_THAT(Metrics(), HasSubstr("grpc_server_handled_total{grpc_code=\"OK\",grpc_method="
                                   "\"RecordReview\",grpc_service=\"assure.reviews.v1."
                                   "ReviewsService\",grpc_type=\"unary\"} 0"));
  CreateIro("iro-1");
  CreateLookedAfterChild("M1", D(2026, 3, 2));
  v1::Review out;
  ASSERT_TRUE(Record(Schedule("M1", v1::REVIEW_KIND_LAC_REVIEW), D(2026, 4, 2), &out,
                     v1::PARTICIPATION_PN2, v1::LATE_REASON_STAFFING)
                  .ok());
  v1::GetChildRequest missing;
  missing.set_name("children/none");
  v1::Child child;
  stub_->GetChild(Iro().get(), missing, &child);

  const std::string text = Metrics();
  EXPECT_THAT(text, HasSubstr("grpc_server_started_total{grpc_method=\"CreateChild\",grpc_service="
                              "\"assure.reviews.v1.ReviewsService\",grpc_type=\"unary\"} 1"));
  EXPECT_THAT(text, HasSubstr("grpc_server_handled_total{grpc_code=\"NotFound\",grpc_method="
                              "\"GetChild\",grpc_service=\"assure.reviews.v1.ReviewsService\","
                              "grpc_type=\"unary\"} 1"));
  EXPECT_THAT(text, HasSubstr("grpc_server_handling_seconds_bucket{grpc_method=\"RecordReview\""));
  EXPECT_THAT(text, HasSubstr("assure_reviews_held_total{kind=\"lac_review\",tenant=\"LA1\"} 1"));
  EXPECT_THAT(text, HasSubstr("assure_reviews_late_total{kind=\"lac_review\",tenant=\"LA1\"} 1"));
  EXPECT_THAT(text, HasSubstr("assure_reviews_participating_total{tenant=\"LA1\"} 1"));
  EXPECT_THAT(text, HasSubstr("assure_reviews_children_without_active_iro{tenant=\"LA1\"} 1"));
}

TEST_F(ReviewsServiceTest, DomainGaugesAreRestoredFromTheStoreAtStart) {
  CreateIro("iro-1");
  CreateLookedAfterChild("C1", D(2026, 3, 2));
  v1::Child child;
  ASSERT_TRUE(Allocate("C1", "iro-1", &child).ok());
  CreateLookedAfterChild("C2", D(2026, 3, 2));
  Stop();
  Start();
  const std::string text = Metrics();
  EXPECT_THAT(text, HasSubstr("assure_reviews_children_without_active_iro{tenant=\"LA1\"} 1"));
  EXPECT_THAT(text,
              HasSubstr("assure_reviews_iro_caseload{iro=\"iro-1\",kind=\"lac\",tenant=\"LA1\"} 1"));
  EXPECT_THAT(text, HasSubstr("assure_reviews_iro_fte{iro=\"iro-1\",tenant=\"LA1\"} 1"));
}

TEST_F(ReviewsServiceTest, AnIrosFteIsPublishedForCaseloadPerFte) {
  CreateIro("iro-1");
  v1::UpdateIroRequest update;
  update.mutable_iro()->set_name("iros/iro-1");
  update.mutable_iro()->set_fte_hundredths(60);
  update.mutable_update_mask()->add_paths("fte_hundredths");
  v1::Iro iro;
  ASSERT_TRUE(stub_->UpdateIro(Manager().get(), update, &iro).ok());
  EXPECT_THAT(Metrics(), HasSubstr("assure_reviews_iro_fte{iro=\"iro-1\",tenant=\"LA1\"} 0.6"));
}

}  // namespace
}  // namespace assure::reviews

namespace assure::reviews {
namespace {

// A read of a child's record is answered only once its access record is durable: when the
// record cannot be written, the read fails and no data leaves.
TEST_F(ReviewsServiceTest, AReadIsAnsweredOnlyOnceItsAccessRecordIsDurable) {
  CreateLookedAfterChild("C1", D(2026, 10, 1));
  v1::GetChildRequest get;
  get.set_name("children/C1");
  v1::Child child;
  ASSERT_TRUE(stub_->GetChild(Iro().get(), get, &child).ok());
  int64_t records = 0;
  ASSERT_TRUE(store_->Read(store::kAllTenants, [&](store::Connection& db) {
    return db.Query("SELECT COUNT(*) FROM access_records WHERE method = 'GetChild'", {},
                    [&](const store::Row& r) { records = r.Int(0); });
  }).ok());
  EXPECT_EQ(records, 1) << "the answer came before its record was saved";

  store_->Stop();  // writes now fail; reads of the data still could
  v1::Child unrecorded;
  const grpc::Status st = stub_->GetChild(Iro().get(), get, &unrecorded);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::UNAVAILABLE) << st.error_message();
  EXPECT_TRUE(unrecorded.name().empty());
}

}  // namespace
}  // namespace assure::reviews
