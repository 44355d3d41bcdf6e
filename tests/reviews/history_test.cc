// A recorded history that could not have happened is refused, whichever write would make it.
#include "services/reviews/history.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/dates.h"
#include "services/reviews/validation.h"

namespace assure::reviews {
namespace {

using ::testing::HasSubstr;

google::type::Date D(int y, int m, int d) { return ToProto(absl::CivilDay(y, m, d)); }

v1::Child LookedAfter(google::type::Date start, google::type::Date end = {}) {
  v1::Child child;
  child.set_name("children/C1");
  *child.mutable_birth_date() = D(2015, 1, 1);
  auto* p = child.add_periods_of_care();
  *p->mutable_start_date() = start;
  *p->mutable_end_date() = end;
  p->set_legal_status(v1::LEGAL_STATUS_CARE_ORDER);
  return child;
}

v1::Review Held(int seq, v1::ReviewKind kind, google::type::Date held) {
  v1::Review r;
  r.set_name(absl::StrCat("children/C1/reviews/", seq));
  r.set_kind(kind);
  r.set_state(v1::REVIEW_STATE_HELD);
  *r.mutable_held_date() = held;
  return r;
}

std::string RuleOf(const absl::Status& st) {
  return std::string(st.message().substr(0, st.message().find(':')));
}

TEST(RecordedHistory, ALookedAfterReviewHeldWithinThePeriodIsPossible) {
  EXPECT_TRUE(CheckRecordedHistory(LookedAfter(D(2026, 3, 2)),
                                   {Held(1, v1::REVIEW_KIND_LAC_REVIEW, D(2026, 3, 20))})
                  .ok());
}

TEST(RecordedHistory, AReviewHeldAfterThePeriodOfCareEndedIsRefused) {
  const auto st = CheckRecordedHistory(LookedAfter(D(2026, 3, 2), D(2026, 5, 1)),
                                       {Held(1, v1::REVIEW_KIND_LAC_REVIEW, D(2026, 6, 1))});
  EXPECT_EQ(st.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(RuleOf(st), "history.review_within_period_of_care");
}

TEST(RecordedHistory, APeriodCannotStartAfterAReviewAlreadyHeldInIt) {
  const auto st = CheckRecordedHistory(LookedAfter(D(2026, 4, 1)),
                                       {Held(1, v1::REVIEW_KIND_LAC_REVIEW, D(2026, 3, 20))});
  EXPECT_EQ(RuleOf(st), "history.review_within_period_of_care");
}

TEST(RecordedHistory, AMeetingHeldBeforeTheOneBeforeItIsRefused) {
  const auto st = CheckRecordedHistory(LookedAfter(D(2026, 3, 2)),
                                       {Held(1, v1::REVIEW_KIND_LAC_REVIEW, D(2026, 3, 20)),
                                        Held(2, v1::REVIEW_KIND_LAC_REVIEW, D(2026, 3, 10))});
  EXPECT_EQ(RuleOf(st), "history.meetings_in_order");
  EXPECT_THAT(st.message(), HasSubstr("children/C1/reviews/1"));
}

TEST(RecordedHistory, ConferencesOfEitherKindAreOneChain) {
  v1::Child child = LookedAfter(D(2026, 3, 2));
  const auto st = CheckRecordedHistory(
      child, {Held(1, v1::REVIEW_KIND_CP_INITIAL_CONFERENCE, D(2026, 5, 1)),
              Held(2, v1::REVIEW_KIND_CP_REVIEW_CONFERENCE, D(2026, 4, 1))});
  EXPECT_EQ(RuleOf(st), "history.meetings_in_order");
}

TEST(RecordedHistory, AnAdoptionReviewBeforeAuthorityToPlaceIsRefused) {
  v1::Child child = LookedAfter(D(2025, 3, 2));
  *child.mutable_adoption()->mutable_authority_to_place_date() = D(2026, 2, 1);
  EXPECT_TRUE(CheckRecordedHistory(child, {Held(1, v1::REVIEW_KIND_ADOPTION_REVIEW,
                                                D(2026, 4, 1))}).ok());
  const auto st = CheckRecordedHistory(
      child, {Held(1, v1::REVIEW_KIND_ADOPTION_REVIEW, D(2026, 1, 1))});
  EXPECT_EQ(RuleOf(st), "history.adoption_review_after_authority");
}

std::vector<std::string> ChildFaults(const v1::Child& child) {
  FieldViolations v;
  CheckChild(child, absl::CivilDay(2026, 11, 25), "child", v);
  std::vector<std::string> out;
  const auto st = v.ToStatus();
  if (!st.ok()) out.emplace_back(st.message());
  return out;
}

TEST(ChildFacts, AProtectionPlanCannotEndBeforeItsStrategyDiscussion) {
  v1::Child child = LookedAfter(D(2026, 3, 2));
  *child.mutable_child_protection()->add_strategy_discussion_dates() = D(2026, 5, 1);
  *child.mutable_child_protection()->mutable_plan_end_date() = D(2026, 4, 1);
  EXPECT_THAT(ChildFaults(child), ::testing::ElementsAre(HasSubstr("child.child_protection.plan_end_date")));
}

TEST(ChildFacts, AnAdoptionOrderFollowsThePlacementWhichFollowsBirth) {
  v1::Child child = LookedAfter(D(2026, 3, 2));
  auto* a = child.mutable_adoption();
  *a->mutable_authority_to_place_date() = D(2014, 6, 1);
  EXPECT_THAT(ChildFaults(child), ::testing::ElementsAre(HasSubstr("authority_to_place_date")));
  *a->mutable_authority_to_place_date() = D(2026, 4, 1);
  *a->mutable_placed_for_adoption_date() = D(2026, 6, 1);
  *a->mutable_adoption_order_date() = D(2026, 5, 1);
  EXPECT_THAT(ChildFaults(child), ::testing::ElementsAre(HasSubstr("adoption_order_date")));
}

}  // namespace
}  // namespace assure::reviews
