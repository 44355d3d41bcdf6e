// The IRO annual report whole (seed 001): its own records counted for the period, and the
// sections disputes and audits keep, asked of them over gRPC as the caller.
#include "assure/audits/v1/audits_service.grpc.pb.h"
#include "assure/disputes/v1/disputes_service.grpc.pb.h"
#include "grpcpp/server_builder.h"
#include "tests/reviews/service_fixture.h"

namespace assure::reviews {
namespace {

std::string SubjectOf(const grpc::CallbackServerContext& ctx) {
  for (const auto& [key, value] : ctx.client_metadata()) {
    if (key == kSubjectHeader) return std::string(value.data(), value.size());
  }
  return "";
}

grpc::ServerUnaryReactor* Answer(grpc::CallbackServerContext* ctx) {
  auto* reactor = ctx->DefaultReactor();
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

// Stands in for disputes: eleven formal challenges, one starred recommendation.
class DisputesStandIn final : public disputes::v1::DisputesService::CallbackService {
 public:
  grpc::ServerUnaryReactor* SummarizeDisputes(grpc::CallbackServerContext* ctx,
                                              const disputes::v1::SummarizeDisputesRequest* req,
                                              disputes::v1::DisputeSummary* out) override {
    asked = *req;
    subject = SubjectOf(*ctx);
    out->set_raised(11);
    out->set_escalated_to_director_or_chief_executive(1);
    out->add_starred_recommendations()->set_dispute("disputes/d-1");
    return Answer(ctx);
  }
  disputes::v1::SummarizeDisputesRequest asked;
  std::string subject;
};

// Stands in for audits: chair practice and routine audits; two IROs, one not yet observed.
class AuditsStandIn final : public audits::v1::AuditsService::CallbackService {
 public:
  grpc::ServerUnaryReactor* GetAuditReport(grpc::CallbackServerContext* ctx,
                                           const audits::v1::GetAuditReportRequest* req,
                                           audits::v1::AuditReport* out) override {
    asked = *req;
    auto* routine = out->add_by_type();
    routine->set_key("AUDIT_TYPE_ROUTINE");
    routine->set_count(40);
    auto* chair = out->add_by_type();
    chair->set_key("AUDIT_TYPE_IRO_CHAIR_PRACTICE");
    chair->set_count(11);
    chair->set_good_or_better_percent(81);
    return Answer(ctx);
  }
  grpc::ServerUnaryReactor* GetIroObservationCoverage(
      grpc::CallbackServerContext* ctx, const audits::v1::GetIroObservationCoverageRequest* req,
      audits::v1::IroObservationCoverage* out) override {
    year = req->year();
    out->set_year(req->year());
    out->add_unobserved("iros/iro-2");
    return Answer(ctx);
  }
  audits::v1::GetAuditReportRequest asked;
  int year = 0;
};

v1::GetAnnualReportRequest Year2026() {
  v1::GetAnnualReportRequest req;
  *req.mutable_start_date() = D(2026, 4, 1);
  *req.mutable_end_date() = D(2027, 3, 31);
  return req;
}

class AnnualReportSiblingsTest : public ReviewsServiceTest {
 protected:
  void SetUp() override {
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port_);
    builder.RegisterService(&disputes_);
    builder.RegisterService(&audits_);
    siblings_ = builder.BuildAndStart();
    routes_ = std::move(**Routes::Parse(
        absl::StrCat("assure.disputes.v1=127.0.0.1:", port_, ",assure.audits.v1=127.0.0.1:", port_),
        4 << 20));
    ReviewsServiceTest::SetUp();
  }

  DisputesStandIn disputes_;
  AuditsStandIn audits_;
  std::unique_ptr<grpc::Server> siblings_;
  int port_ = 0;
};

TEST_F(AnnualReportSiblingsTest, DisputesChairAuditsAndObservationsComeFromTheirServices) {
  v1::AnnualReport report;
  ASSERT_TRUE(stub_->GetAnnualReport(Manager().get(), Year2026(), &report).ok());
  EXPECT_EQ(report.unavailable_size(), 0);
  EXPECT_EQ(report.disputes().raised(), 11);
  ASSERT_EQ(report.disputes().starred_recommendations_size(), 1);
  EXPECT_EQ(report.disputes().starred_recommendations(0).dispute(), "disputes/d-1");
  EXPECT_EQ(*DayOf(disputes_.asked.start_date()), absl::CivilDay(2026, 4, 1));
  EXPECT_EQ(*DayOf(disputes_.asked.end_date()), absl::CivilDay(2027, 3, 31));
  EXPECT_EQ(disputes_.subject, "mgr-1");  // as the caller, never from disputes' store
  EXPECT_EQ(report.chair_practice_audits().count(), 11);
  EXPECT_EQ(report.chair_practice_audits().good_or_better_percent(), 81);
  EXPECT_EQ(audits_.asked.first_month().month(), 4);
  EXPECT_EQ(audits_.asked.last_month().year(), 2027);
  EXPECT_EQ(audits_.year, 2026);
  ASSERT_EQ(report.observations().unobserved_size(), 1);
  EXPECT_EQ(report.observations().unobserved(0), "iros/iro-2");
}

TEST_F(ReviewsServiceTest, WithDisputesAndAuditsUnreachableTheReportStandsAndSaysWhatIsMissing) {
  v1::AnnualReport report;
  ASSERT_TRUE(stub_->GetAnnualReport(Manager().get(), Year2026(), &report).ok());
  ASSERT_EQ(report.unavailable_size(), 3);
  std::vector<std::string> sections;
  for (const auto& u : report.unavailable()) {
    sections.push_back(u.section());
    EXPECT_NE(u.reason().find("is not routed here"), std::string::npos) << u.reason();
  }
  std::sort(sections.begin(), sections.end());
  EXPECT_EQ(sections,
            (std::vector<std::string>{"chair_practice_audits", "disputes", "observations"}));
  EXPECT_FALSE(report.has_disputes());
}

TEST_F(ReviewsServiceTest, CaseloadsAreThoseOfThePeriodsLastDayNotToday) {
  CreateIro("iro-1");
  CreateIro("iro-2");
  CreateLookedAfterChild("C1", D(2026, 4, 6));
  v1::Child child;
  ASSERT_TRUE(Allocate("C1", "iro-1", &child).ok());  // 25 November 2026
  clock_.Set(LondonTime(2027, 5, 4, 12));
  ASSERT_TRUE(Allocate("C1", "iro-2", &child).ok());
  v1::AnnualReport report;
  ASSERT_TRUE(stub_->GetAnnualReport(Manager().get(), Year2026(), &report).ok());
  ASSERT_EQ(report.caseloads_size(), 2);
  EXPECT_EQ(report.caseloads(0).iro(), "iros/iro-1");
  EXPECT_EQ(report.caseloads(0).lac_caseload(), 1);
  EXPECT_EQ(report.caseloads(1).lac_caseload(), 0);
  // Before the first allocation, nobody's.
  v1::GetAnnualReportRequest before = Year2026();
  *before.mutable_end_date() = D(2026, 10, 31);
  ASSERT_TRUE(stub_->GetAnnualReport(Manager().get(), before, &report).ok());
  EXPECT_EQ(report.caseloads(0).lac_caseload() + report.caseloads(1).lac_caseload(), 0);
}

TEST_F(ReviewsServiceTest, DistributionIsCountedAgainstItsTimescalesForMeetingsHeld) {
  CreateIro("iro-1");
  CreateLookedAfterChild("D1", D(2026, 4, 6));
  CreateLookedAfterChild("D2", D(2026, 4, 6));
  v1::Review d1, d2;
  ASSERT_TRUE(Record(Schedule("D1", v1::REVIEW_KIND_LAC_REVIEW), D(2026, 4, 30), &d1).ok());
  ASSERT_TRUE(Record(Schedule("D2", v1::REVIEW_KIND_LAC_REVIEW), D(2026, 5, 1), &d2).ok());
  // D1's decisions went out within 5 working days; D2's never did.
  v1::UpdateReviewRequest upd;
  upd.mutable_review()->set_name(d1.name());
  *upd.mutable_review()->mutable_decisions_distributed_date() = D(2026, 5, 5);
  upd.mutable_update_mask()->add_paths("decisions_distributed_date");
  ASSERT_TRUE(stub_->UpdateReview(Iro().get(), upd, &d1).ok());
  v1::AnnualReport report;
  ASSERT_TRUE(stub_->GetAnnualReport(Manager().get(), Year2026(), &report).ok());
  ASSERT_EQ(report.distribution_size(), 3);
  const auto& decisions = report.distribution(0);
  EXPECT_EQ(decisions.item(), "decisions_distributed");
  EXPECT_EQ(decisions.on_time(), 1);
  EXPECT_EQ(decisions.overdue(), 1);
  EXPECT_EQ(decisions.on_time_per_mille(), 500);
  EXPECT_EQ(report.distribution(1).item(), "record_distributed");
  EXPECT_EQ(report.distribution(1).overdue(), 2);
}

}  // namespace
}  // namespace assure::reviews
