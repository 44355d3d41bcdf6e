// Child protection episodes through the API: each episode is timed from its own strategy
// discussion, a decision of no plan ends its chain, and repeat plans are flagged and
// counted for the board.
#include "gmock/gmock.h"
#include "tests/reviews/service_fixture.h"

namespace assure::reviews {
namespace {

using assure::testing::BadFields;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

class CpEpisodesTest : public ReviewsServiceTest {
 protected:
  static v1::ChildProtectionEpisode Episode(google::type::Date discussion) {
    v1::ChildProtectionEpisode e;
    *e.add_strategy_discussion_dates() = discussion;
    return e;
  }
  static v1::ChildProtectionEpisode Plan(google::type::Date discussion, google::type::Date start,
                                         std::optional<google::type::Date> end) {
    v1::ChildProtectionEpisode e = Episode(discussion);
    e.set_initial_conference_outcome(v1::CONFERENCE_OUTCOME_PLAN);
    *e.mutable_plan_start_date() = start;
    if (end) *e.mutable_plan_end_date() = *end;
    return e;
  }

  grpc::Status CreateWith(const std::string& id, std::vector<v1::ChildProtectionEpisode> episodes,
                          v1::Child* out) {
    v1::CreateChildRequest req;
    req.set_child_id(id);
    *req.mutable_child()->mutable_birth_date() = D(2018, 4, 1);
    for (auto& e : episodes) *req.mutable_child()->mutable_child_protection()->add_episodes() = e;
    return stub_->CreateChild(CaseSystem().get(), req, out);
  }

  grpc::Status SetEpisodes(const std::string& id, std::vector<v1::ChildProtectionEpisode> episodes,
                           v1::Child* out) {
    v1::UpdateChildRequest req;
    req.mutable_child()->set_name("children/" + id);
    for (auto& e : episodes) *req.mutable_child()->mutable_child_protection()->add_episodes() = e;
    req.mutable_update_mask()->add_paths("child_protection");
    return stub_->UpdateChild(CaseSystem().get(), req, out);
  }

  v1::ReviewSchedule ScheduleOf(const std::string& id) {
    v1::GetReviewScheduleRequest req;
    req.set_name("children/" + id + "/reviewSchedule");
    v1::ReviewSchedule out;
    EXPECT_TRUE(stub_->GetReviewSchedule(Iro().get(), req, &out).ok());
    return out;
  }
};

TEST_F(CpEpisodesTest, ASecondEpisodeIsTimedFromItsOwnDiscussionAndItsPlanIsARepeat) {
  const auto first = Plan(D(2024, 1, 8), D(2024, 1, 26), D(2025, 2, 3));
  v1::Child child;
  ASSERT_TRUE(CreateWith("CP1", {first}, &child).ok());
  EXPECT_EQ(ScheduleOf("CP1").meetings_size(), 0);  // the plan has ended

  ASSERT_TRUE(SetEpisodes("CP1", {first, Episode(D(2026, 11, 2))}, &child).ok());
  const auto schedule = ScheduleOf("CP1");
  ASSERT_EQ(schedule.meetings_size(), 1);
  EXPECT_EQ(schedule.meetings(0).kind(), v1::REVIEW_KIND_CP_INITIAL_CONFERENCE);
  EXPECT_EQ(schedule.meetings(0).due().due_date().day(), 23);  // 15 working days on
  EXPECT_EQ(schedule.meetings(0).due().due_date().month(), 11);

  ASSERT_TRUE(SetEpisodes("CP1", {first, Plan(D(2026, 11, 2), D(2026, 11, 20), {})}, &child).ok());
  ASSERT_EQ(child.child_protection().episodes_size(), 2);
  EXPECT_FALSE(child.child_protection().episodes(0).repeat_plan());
  EXPECT_TRUE(child.child_protection().episodes(1).repeat_plan());
  EXPECT_TRUE(child.child_protection().episodes(1).within_two_years_of_last_plan());
  EXPECT_THAT(Metrics(), HasSubstr("assure_reviews_cp_plans_in_force{plan=\"repeat_within_two_years\",tenant=\"LA1\"} 1"));

  // The plan ends: it is no longer in force.
  ASSERT_TRUE(SetEpisodes("CP1", {first, Plan(D(2026, 11, 2), D(2026, 11, 20), D(2026, 11, 24))},
                          &child).ok());
  EXPECT_THAT(Metrics(), HasSubstr("assure_reviews_cp_plans_in_force{plan=\"repeat_within_two_years\",tenant=\"LA1\"} 0"));
}

TEST_F(CpEpisodesTest, AnInitialConferenceDecidingOnNoPlanEndsTheChain) {
  v1::Child child;
  ASSERT_TRUE(CreateWith("CP2", {Episode(D(2026, 11, 2))}, &child).ok());
  const v1::Review conference = Schedule("CP2", v1::REVIEW_KIND_CP_INITIAL_CONFERENCE);
  v1::Review held;
  v1::RecordReviewRequest record;
  record.set_name(conference.name());
  *record.mutable_held_date() = D(2026, 11, 20);
  *record.mutable_held_time() = ToProto(LondonTime(2026, 11, 20, 10));
  auto recorded = stub_->RecordReview(Iro().get(), record, &held);
  ASSERT_TRUE(recorded.ok()) << recorded.error_message();
  EXPECT_EQ(ScheduleOf("CP2").meetings(0).kind(), v1::REVIEW_KIND_CP_REVIEW_CONFERENCE);

  auto no_plan = Episode(D(2026, 11, 2));
  no_plan.set_initial_conference_outcome(v1::CONFERENCE_OUTCOME_NO_PLAN);
  ASSERT_TRUE(SetEpisodes("CP2", {no_plan}, &child).ok());
  EXPECT_EQ(ScheduleOf("CP2").meetings_size(), 0);
  v1::ListUnscheduledMeetingsRequest list;
  list.set_parent("children/CP2");
  v1::ListUnscheduledMeetingsResponse none;
  ASSERT_TRUE(stub_->ListUnscheduledMeetings(Iro().get(), list, &none).ok());
  EXPECT_EQ(none.unscheduled_meetings_size(), 0);
}

TEST_F(CpEpisodesTest, ABadRunOfEpisodesIsRefusedNamingTheFieldAndChangesNothing) {
  v1::Child child;
  // A second episode while the first has not ended.
  auto st = CreateWith("CP3", {Episode(D(2026, 1, 5)), Episode(D(2026, 6, 1))}, &child);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(BadFields(st), UnorderedElementsAre("child.child_protection.episodes[0]"));
  // No plan, yet plan dates; no discussion and no notice.
  auto no_plan = Plan(D(2026, 1, 5), D(2026, 1, 23), {});
  no_plan.set_initial_conference_outcome(v1::CONFERENCE_OUTCOME_NO_PLAN);
  st = CreateWith("CP3", {no_plan, v1::ChildProtectionEpisode()}, &child);
  EXPECT_THAT(BadFields(st), UnorderedElementsAre("child.child_protection.episodes[0].plan_start_date",
                                                  "child.child_protection.episodes[1]"));
  // Both forms at once.
  v1::CreateChildRequest both;
  both.set_child_id("CP3");
  *both.mutable_child()->mutable_birth_date() = D(2018, 4, 1);
  *both.mutable_child()->mutable_child_protection()->add_strategy_discussion_dates() = D(2026, 1, 5);
  *both.mutable_child()->mutable_child_protection()->add_episodes() = Episode(D(2026, 1, 5));
  st = stub_->CreateChild(CaseSystem().get(), both, &child);
  EXPECT_THAT(BadFields(st), UnorderedElementsAre("child.child_protection.episodes"));
  v1::GetChildRequest get;
  get.set_name("children/CP3");
  EXPECT_EQ(stub_->GetChild(Iro().get(), get, &child).error_code(), grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace assure::reviews
