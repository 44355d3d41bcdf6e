// IROs observed chairing, through the service on both stores: recorded by a manager other
// than the IRO, found by IRO, and the roster's IROs not yet observed this reporting year;
// bad input refused naming the field and storing nothing; each authority apart.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/audits/audits_fixture.h"

namespace assure::audits {
namespace {

using assure::testing::BadFields;
using assure::testing::FailedRuleOf;
using ::testing::ElementsAre;

class ObservationsTest : public AuditsServiceTest {
 protected:
  grpc::Status Observe(const std::string& iro, const google::type::Date& day,
                       const std::string& as = "hos-1", const std::string& tenant = "LA1",
                       v1::IroObservation* out = nullptr) {
    v1::CreateIroObservationRequest req;
    auto* o = req.mutable_observation();
    o->set_iro("iros/" + iro);
    o->set_meeting("children/c-1/reviews/2");
    o->set_meeting_type(v1::OBSERVED_MEETING_LOOKED_AFTER_REVIEW);
    *o->mutable_observe_date() = day;
    o->set_grade("Good");
    o->add_strengths("the child's views led the meeting");
    o->set_note("fed back the same day");
    v1::IroObservation ignored;
    return stub_->CreateIroObservation(As(as, "senior_manager", tenant).get(), req,
                                       out ? out : &ignored);
  }

  void Roster(const std::vector<std::string>& iros, const std::string& tenant = "LA1") {
    v1::UpdateAuditSettingsRequest req;
    req.mutable_settings()->set_name("auditSettings");
    for (const auto& iro : iros) req.mutable_settings()->add_observed_iros("iros/" + iro);
    req.mutable_update_mask()->add_paths("observed_iros");
    v1::AuditSettings out;
    const auto st = stub_->UpdateAuditSettings(Lead(tenant).get(), req, &out);
    ASSERT_TRUE(st.ok()) << st.error_message();
  }

  v1::IroObservationCoverage CoverageOf(const std::string& tenant, int year = 0) {
    v1::GetIroObservationCoverageRequest req;
    req.set_year(year);
    v1::IroObservationCoverage out;
    const auto st = stub_->GetIroObservationCoverage(Lead(tenant).get(), req, &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return out;
  }
};

TEST_F(ObservationsTest, TheRostersIrosNotYetObservedThisYearAreListedUntilTheyAre) {
  Roster({"iro-1", "iro-2", "iro-3"});
  ASSERT_TRUE(Observe("iro-1", D(2026, 11, 20)).ok());
  ASSERT_TRUE(Observe("iro-2", D(2026, 3, 10)).ok());  // the year before
  auto c = CoverageOf("LA1");
  EXPECT_EQ(c.year(), 2026);
  EXPECT_THAT(c.unobserved(), ElementsAre("iros/iro-2", "iros/iro-3"));
  EXPECT_EQ(c.iros(0).observations(), 1);
  ASSERT_TRUE(Observe("iro-3", D(2026, 12, 1)).ok());
  EXPECT_THAT(CoverageOf("LA1").unobserved(), ElementsAre("iros/iro-2"));
  EXPECT_THAT(CoverageOf("LA1", 2025).unobserved(), ElementsAre("iros/iro-1", "iros/iro-3"));
}

TEST_F(ObservationsTest, AnObservationIsKeptWithItsObserverAndFoundByIro) {
  v1::IroObservation made;
  ASSERT_TRUE(Observe("iro-1", D(2026, 11, 20), "hos-1", "LA1", &made).ok());
  ASSERT_TRUE(Observe("iro-2", D(2026, 11, 21)).ok());
  EXPECT_EQ(made.observer(), "hos-1");
  v1::GetIroObservationRequest get;
  get.set_name(made.name());
  v1::IroObservation read;
  ASSERT_TRUE(stub_->GetIroObservation(Lead().get(), get, &read).ok());
  EXPECT_EQ(read.note(), "fed back the same day");
  v1::ListIroObservationsRequest list;
  list.set_filter("iro = iros/iro-1");
  v1::ListIroObservationsResponse page;
  ASSERT_TRUE(stub_->ListIroObservations(Lead().get(), list, &page).ok());
  ASSERT_EQ(page.observations_size(), 1);
  EXPECT_EQ(page.observations(0).name(), made.name());
}

TEST_F(ObservationsTest, NoIroObservesThemselvesAndOnlyManagersObserve) {
  EXPECT_EQ(FailedRuleOf(Observe("iro-1", D(2026, 11, 20), "iro-1")), "observation.not_the_iro");
  v1::CreateIroObservationRequest req;
  v1::IroObservation out;
  EXPECT_EQ(stub_->CreateIroObservation(As("iro-2", "iro").get(), req, &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::ListIroObservationsRequest list;
  v1::ListIroObservationsResponse page;
  ASSERT_TRUE(stub_->ListIroObservations(Lead().get(), list, &page).ok());
  EXPECT_EQ(page.observations_size(), 0);
}

TEST_F(ObservationsTest, ABadObservationOrRosterNamesTheFieldAndStoresNothing) {
  const auto st = Observe("iro-1", D(2026, 12, 2));  // tomorrow
  EXPECT_THAT(BadFields(st), ElementsAre("observation.observe_date"));
  v1::UpdateAuditSettingsRequest req;
  req.mutable_settings()->set_name("auditSettings");
  req.mutable_settings()->add_observed_iros("iro-1");
  req.mutable_update_mask()->add_paths("observed_iros");
  v1::AuditSettings out;
  EXPECT_THAT(BadFields(stub_->UpdateAuditSettings(Lead().get(), req, &out)),
              ElementsAre("settings.observed_iros[0]"));
  EXPECT_EQ(CoverageOf("LA1").iros_size(), 0);
  v1::ListIroObservationsRequest list;
  v1::ListIroObservationsResponse page;
  ASSERT_TRUE(stub_->ListIroObservations(Lead().get(), list, &page).ok());
  EXPECT_EQ(page.observations_size(), 0);
}

TEST_F(ObservationsTest, EachAuthorityHasItsOwnRosterAndObservations) {
  Roster({"iro-1"}, "LA1");
  Roster({"iro-1", "iro-9"}, "LA2");
  ASSERT_TRUE(Observe("iro-1", D(2026, 11, 20), "hos-1", "LA1").ok());
  EXPECT_TRUE(CoverageOf("LA1").unobserved().empty());
  EXPECT_THAT(CoverageOf("LA2").unobserved(), ElementsAre("iros/iro-1", "iros/iro-9"));
}

}  // namespace
}  // namespace assure::audits
