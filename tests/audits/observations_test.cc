#include "services/audits/observations.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "tests/support/call_context.h"

namespace assure::audits {
namespace {

using assure::testing::BadFields;
using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

v1::IroObservation Seen(const std::string& iro, absl::CivilDay day) {
  v1::IroObservation o;
  o.set_iro(iro);
  *o.mutable_observe_date() = ToProto(day);
  return o;
}

TEST(Observations, CoverageListsTheRosterNotYetObservedThisYearAndCountsTheRest) {
  const ReportingYear y = ReportingYearStarting(2026);
  const auto c = Coverage(y, {"iros/iro-2", "iros/iro-1", "iros/iro-3"},
                          {Seen("iros/iro-1", absl::CivilDay(2026, 5, 1)),
                           Seen("iros/iro-1", absl::CivilDay(2026, 9, 1)),
                           Seen("iros/iro-3", absl::CivilDay(2026, 3, 31)),  // last year's
                           Seen("iros/left", absl::CivilDay(2026, 6, 1))});
  ASSERT_EQ(c.iros_size(), 3);
  EXPECT_EQ(c.iros(0).iro(), "iros/iro-1");
  EXPECT_EQ(c.iros(0).observations(), 2);
  EXPECT_EQ(c.iros(0).last_observe_date().month(), 9);
  EXPECT_THAT(c.unobserved(), ElementsAre("iros/iro-2", "iros/iro-3"));
  EXPECT_EQ(c.observations_outside_roster(), 1);
}

TEST(Observations, AnIroIsNeverTheirOwnObserver) {
  v1::IroObservation o = Seen("iros/iro-1", absl::CivilDay(2026, 5, 1));
  EXPECT_EQ(MayObserve(o, "iro-1").code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(MayObserve(o, "qrm-1").ok());
}

TEST(Observations, ABadObservationNamesEachField) {
  v1::CreateIroObservationRequest req;
  req.mutable_observation()->set_iro("iro-1");
  req.mutable_observation()->set_meeting("reviews/1");
  *req.mutable_observation()->mutable_observe_date() = ToProto(absl::CivilDay(2026, 12, 2));
  req.mutable_observation()->set_grade("Excellent");
  req.mutable_observation()->set_observer("me");
  const auto st = CheckObservation(req, absl::CivilDay(2026, 12, 1));
  EXPECT_THAT(BadFields(ToGrpcStatus(st)),
              UnorderedElementsAre("observation.iro", "observation.meeting",
                                   "observation.meeting_type", "observation.observe_date",
                                   "observation.grade", "observation.observer"));
}

TEST(Observations, TheRosterTakesReviewsNamesEachOnce) {
  v1::AuditSettings s;
  s.add_observed_iros("iros/iro-1");
  s.add_observed_iros("iro-2");
  s.add_observed_iros("iros/iro-1");
  FieldViolations v;
  CheckRoster(s, v);
  EXPECT_THAT(BadFields(ToGrpcStatus(v.ToStatus())),
              ElementsAre("settings.observed_iros[1]", "settings.observed_iros[2]"));
}

}  // namespace
}  // namespace assure::audits
