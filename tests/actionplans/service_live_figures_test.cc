// Success measures read against reviews' figures over gRPC, as the caller.
#include "assure/reviews/v1/reviews_service.grpc.pb.h"
#include "grpcpp/server_builder.h"
#include "tests/actionplans/actionplans_fixture.h"

namespace assure::actionplans {
namespace {

// Stands in for reviews at its annual report: 40 reviews late per thousand, as asked.
class ReviewsStandIn final : public reviews::v1::ReviewsService::CallbackService {
 public:
  grpc::ServerUnaryReactor* GetAnnualReport(grpc::CallbackServerContext* ctx,
                                            const reviews::v1::GetAnnualReportRequest* req,
                                            reviews::v1::AnnualReport* out) override {
    asked = *req;
    for (const auto& [key, value] : ctx->client_metadata()) {
      if (key == kSubjectHeader) subject = std::string(value.data(), value.size());
    }
    out->set_reviews_held(25);
    out->set_reviews_late(1);
    out->set_reviews_late_per_mille(40);
    auto* reactor = ctx->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }
  reviews::v1::GetAnnualReportRequest asked;
  std::string subject;
};

class LiveFiguresTest : public ActionPlansServiceTest {
 protected:
  void SetUp() override {
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port_);
    builder.RegisterService(&reviews_);
    reviews_server_ = builder.BuildAndStart();
    routes_ =
        std::move(**Routes::Parse(absl::StrCat("assure.reviews.v1=127.0.0.1:", port_), 4 << 20));
    ActionPlansServiceTest::SetUp();
  }

  ReviewsStandIn reviews_;
  std::unique_ptr<grpc::Server> reviews_server_;
  int port_ = 0;
};

TEST_F(LiveFiguresTest, AMeasureIsReadAgainstReviewsFigureForTheTwelveMonthsToToday) {
  v1::Plan plan = APlan();  // no more than 50 per thousand reviews late
  auto* grades = plan.add_success_measures();
  grades->set_text("Four audits in five Good or better");
  grades->set_figure(v1::LIVE_FIGURE_AUDITS_GOOD_OR_BETTER_PERCENT);
  grades->set_target(80);
  Created("p-1", plan);
  Today(absl::CivilDay(2027, 2, 28));
  v1::BoardReport report;
  ASSERT_TRUE(stub_->GetBoardReport(Owner().get(), v1::GetBoardReportRequest(), &report).ok());
  ASSERT_EQ(report.plans(0).measures_size(), 2);
  const auto& late = report.plans(0).measures(0);
  EXPECT_TRUE(late.has_value());
  EXPECT_EQ(late.value(), 40);
  EXPECT_TRUE(late.met());
  EXPECT_EQ(*DayOf(reviews_.asked.start_date()), absl::CivilDay(2026, 3, 1));
  EXPECT_EQ(*DayOf(reviews_.asked.end_date()), absl::CivilDay(2027, 2, 28));
  EXPECT_EQ(reviews_.subject, "hos-1");  // asked as the caller, never from reviews' store
  // Audits is not routed here: the reading says so rather than show a number.
  const auto& audit = report.plans(0).measures(1);
  EXPECT_FALSE(audit.has_value());
  EXPECT_NE(audit.unavailable().find("AuditsService is not routed"), std::string::npos);
}

TEST_F(ActionPlansServiceTest, WithNothingRoutedTheReportStillAnswersAndSaysWhy) {
  Created();
  v1::BoardReport report;
  ASSERT_TRUE(stub_->GetBoardReport(Owner().get(), v1::GetBoardReportRequest(), &report).ok());
  ASSERT_EQ(report.plans(0).measures_size(), 1);
  EXPECT_NE(report.plans(0).measures(0).unavailable().find("ReviewsService is not routed"),
            std::string::npos);
}

}  // namespace
}  // namespace assure::actionplans
