// The annual report's work programme: adopted once, each item sent to action plans through
// the outbox as one finding.
#include "tests/reviews/service_fixture.h"
#include "tests/support/findings_receiver.h"

namespace assure::reviews {
namespace {

namespace plans = ::assure::actionplans::v1;

class WorkProgrammeTest : public ReviewsServiceTest {
 protected:
  void SetUp() override {
    routes_ = plans_.RoutesHere();
    ReviewsServiceTest::SetUp();
  }

  static v1::CreateWorkProgrammeRequest AProgramme() {
    v1::CreateWorkProgrammeRequest req;
    req.set_work_programme_id("2026-27");
    auto* w = req.mutable_work_programme();
    *w->mutable_start_date() = ToProto(absl::CivilDay(2026, 4, 1));
    *w->mutable_end_date() = ToProto(absl::CivilDay(2027, 3, 31));
    auto* a = w->add_items();
    a->set_title("Raise participation in reviews to 95%");
    a->set_text("Every child is offered an advocate before a review.");
    a->set_priority(v1::WORK_PRIORITY_HIGH);
    auto* b = w->add_items();
    b->set_title("Visit every child before their review");
    b->set_text("The IRO sees the child on a separate occasion before each review.");
    b->set_priority(v1::WORK_PRIORITY_MEDIUM);
    return req;
  }

  assure::testing::ActionPlansStandIn plans_;
};

TEST_F(WorkProgrammeTest, EachItemOfTheAdoptedProgrammeIsSentOnceAsAFinding) {
  v1::WorkProgramme w;
  auto st = stub_->CreateWorkProgramme(As("mgr-1", "iro_manager").get(), AProgramme(), &w);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(w.name(), "workProgrammes/2026-27");
  EXPECT_EQ(w.adopted_by(), "mgr-1");
  EXPECT_EQ(outbox_->DeliverDue(), 2);
  EXPECT_EQ(outbox_->DeliverDue(), 0);
  const auto got = plans_.Received();
  ASSERT_EQ(got.size(), 2u);
  for (const auto& f : got) {
    EXPECT_EQ(f.finding().source(), plans::FINDING_SOURCE_ANNUAL_REPORT);
    EXPECT_EQ(f.finding().source_record(), "workProgrammes/2026-27");
    EXPECT_TRUE(f.finding().title() == w.items(0).title() ||
                f.finding().title() == w.items(1).title());
    EXPECT_TRUE("findings/" + f.finding_id() == w.items(0).finding() ||
                "findings/" + f.finding_id() == w.items(1).finding());
  }
  // Adopted once: a second is refused and sends nothing.
  st = stub_->CreateWorkProgramme(As("mgr-1", "iro_manager").get(), AProgramme(), &w);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(outbox_->DeliverDue(), 0);
}

TEST_F(WorkProgrammeTest, AnItemWithoutAPriorityIsRefusedAndNothingIsSent) {
  v1::CreateWorkProgrammeRequest req = AProgramme();
  req.mutable_work_programme()->mutable_items(1)->clear_priority();
  v1::WorkProgramme w;
  const auto st = stub_->CreateWorkProgramme(As("mgr-1", "iro_manager").get(), req, &w);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(assure::testing::BadFields(st)[0], "work_programme.items[1].priority");
  EXPECT_EQ(outbox_->DeliverDue(), 0);
  v1::GetWorkProgrammeRequest get;
  get.set_name("workProgrammes/2026-27");
  EXPECT_EQ(stub_->GetWorkProgramme(As("mgr-1", "iro_manager").get(), get, &w).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(WorkProgrammeTest, OnlyTheIroServicesManagerAdoptsIt) {
  v1::WorkProgramme w;
  EXPECT_EQ(stub_->CreateWorkProgramme(As("iro-1", "iro").get(), AProgramme(), &w).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(WorkProgrammeTest, TheAnnualReportNamesTheProgrammeAdoptedForItsPeriod) {
  v1::WorkProgramme w;
  ASSERT_TRUE(stub_->CreateWorkProgramme(As("mgr-1", "iro_manager").get(), AProgramme(), &w).ok());
  v1::GetAnnualReportRequest req;
  *req.mutable_start_date() = ToProto(absl::CivilDay(2026, 4, 1));
  *req.mutable_end_date() = ToProto(absl::CivilDay(2027, 3, 31));
  v1::AnnualReport report;
  ASSERT_TRUE(stub_->GetAnnualReport(As("mgr-1", "iro_manager").get(), req, &report).ok());
  ASSERT_EQ(report.work_programmes_size(), 1);
  EXPECT_EQ(report.work_programmes(0), "workProgrammes/2026-27");
  *req.mutable_start_date() = ToProto(absl::CivilDay(2025, 4, 1));
  *req.mutable_end_date() = ToProto(absl::CivilDay(2026, 3, 31));
  ASSERT_TRUE(stub_->GetAnnualReport(As("mgr-1", "iro_manager").get(), req, &report).ok());
  EXPECT_EQ(report.work_programmes_size(), 0);
}

}  // namespace
}  // namespace assure::reviews
