// Advocacy referrals as pure rules: which steps each state allows, how the provider's answer
// is timed in working days, and the contract manager's figures.
#include "services/reviews/referrals.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/dates.h"

namespace assure::reviews {
namespace {

google::protobuf::Timestamp ReferredAt(int y, int m, int d, int h = 10) {
  return ToProto(absl::FromCivil(absl::CivilSecond(y, m, d, h, 0, 0), London()));
}

v1::Referral Made(const std::string& partner, v1::ReferralState state,
                  google::protobuf::Timestamp when,
                  v1::ReferralUrgency urgency = v1::REFERRAL_URGENCY_ROUTINE) {
  v1::Referral r;
  r.set_name("children/C1/referrals/1");
  r.set_partner(partner);
  r.set_reason(v1::REFERRAL_REASON_LOOKED_AFTER_REVIEW);
  r.set_urgency(urgency);
  r.set_state(state);
  *r.mutable_referral_time() = when;
  return r;
}

const WorkingDays& Calendar() {
  static const WorkingDays* calendar = new WorkingDays(*WorkingDays::EnglandAndWales());
  return *calendar;
}

TEST(ReferralStepsTest, OnlyAReferralNotYetAnsweredCanBeAcceptedOrDeclined) {
  EXPECT_TRUE(
      CheckCanAnswer(Made("nyas", v1::REFERRAL_STATE_REFERRED, ReferredAt(2026, 11, 2))).ok());
  for (auto state :
       {v1::REFERRAL_STATE_ACCEPTED, v1::REFERRAL_STATE_DECLINED, v1::REFERRAL_STATE_CLOSED}) {
    const absl::Status st = CheckCanAnswer(Made("nyas", state, ReferredAt(2026, 11, 2)));
    EXPECT_EQ(st.code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_THAT(std::string(st.message()), ::testing::HasSubstr("only a referral not yet"));
  }
}

TEST(ReferralStepsTest, AnAdvocateIsAllocatedOnlyToAnAcceptedReferral) {
  EXPECT_TRUE(
      CheckCanAllocate(Made("nyas", v1::REFERRAL_STATE_ACCEPTED, ReferredAt(2026, 11, 2))).ok());
  EXPECT_FALSE(
      CheckCanAllocate(Made("nyas", v1::REFERRAL_STATE_REFERRED, ReferredAt(2026, 11, 2))).ok());
  EXPECT_FALSE(
      CheckCanAllocate(Made("nyas", v1::REFERRAL_STATE_CLOSED, ReferredAt(2026, 11, 2))).ok());
}

TEST(ReferralStepsTest, OnlyAnOpenReferralCanBeClosed) {
  EXPECT_TRUE(
      CheckCanClose(Made("nyas", v1::REFERRAL_STATE_REFERRED, ReferredAt(2026, 11, 2))).ok());
  EXPECT_TRUE(
      CheckCanClose(Made("nyas", v1::REFERRAL_STATE_ACCEPTED, ReferredAt(2026, 11, 2))).ok());
  EXPECT_FALSE(
      CheckCanClose(Made("nyas", v1::REFERRAL_STATE_DECLINED, ReferredAt(2026, 11, 2))).ok());
  EXPECT_FALSE(
      CheckCanClose(Made("nyas", v1::REFERRAL_STATE_CLOSED, ReferredAt(2026, 11, 2))).ok());
}

TEST(ReferralStepsTest, TheSameProviderForTheSameReasonIsReferredOnceAtATime) {
  const std::vector<v1::Referral> open = {
      Made("nyas", v1::REFERRAL_STATE_ACCEPTED, ReferredAt(2026, 11, 2))};
  v1::Referral again = Made("nyas", v1::REFERRAL_STATE_UNSPECIFIED, ReferredAt(2026, 11, 3));
  EXPECT_EQ(CheckNotReferredAlready(open, again).code(), absl::StatusCode::kFailedPrecondition);
  v1::Referral other_reason = again;
  other_reason.set_reason(v1::REFERRAL_REASON_REPRESENTATION_OR_COMPLAINT);
  EXPECT_TRUE(CheckNotReferredAlready(open, other_reason).ok());
  v1::Referral other_partner = again;
  other_partner.set_partner("coram");
  EXPECT_TRUE(CheckNotReferredAlready(open, other_partner).ok());
}

TEST(ReferralTimingTest, TheAnswerIsTimedInWorkingDaysPastWeekendsAndBankHolidays) {
  // Thursday 24 December 2026: Christmas, Boxing Day (Saturday, substitute Monday 28th) and
  // the weekend fall between it and Tuesday 29th.
  v1::Referral r = Made("nyas", v1::REFERRAL_STATE_ACCEPTED, ReferredAt(2026, 12, 24));
  *r.mutable_response_time() = ReferredAt(2026, 12, 29);
  EXPECT_EQ(ResponseWorkingDays(r, absl::CivilDay(2027, 1, 30), Calendar()), 1);
}

TEST(ReferralTimingTest, AnUnansweredReferralIsTimedToTodayWhileOpenAndToItsCloseAfter) {
  v1::Referral open = Made("nyas", v1::REFERRAL_STATE_REFERRED, ReferredAt(2026, 11, 2));  // Monday
  EXPECT_EQ(ResponseWorkingDays(open, absl::CivilDay(2026, 11, 9), Calendar()), 5);
  v1::Referral closed = Made("nyas", v1::REFERRAL_STATE_CLOSED, ReferredAt(2026, 11, 2));
  *closed.mutable_close_time() = ReferredAt(2026, 11, 4);
  EXPECT_EQ(ResponseWorkingDays(closed, absl::CivilDay(2026, 11, 30), Calendar()), 2);
}

TEST(ReferralTimingTest, AnUrgentReferralIsLateSoonerThanARoutineOne) {
  const ReferralTimescales t;  // 5 routine, 1 urgent
  v1::Referral routine = Made("nyas", v1::REFERRAL_STATE_ACCEPTED, ReferredAt(2026, 11, 2));
  *routine.mutable_response_time() = ReferredAt(2026, 11, 4);
  v1::Referral urgent = routine;
  urgent.set_urgency(v1::REFERRAL_URGENCY_URGENT);
  PresentReferral(routine, t, absl::CivilDay(2026, 11, 30), Calendar());
  PresentReferral(urgent, t, absl::CivilDay(2026, 11, 30), Calendar());
  EXPECT_EQ(routine.response_working_days(), 2);
  EXPECT_TRUE(routine.response_within_timescale());
  EXPECT_FALSE(urgent.response_within_timescale());
}

TEST(ReferralReportTest, EachProviderIsMeasuredOnTheReferralsMadeInThePeriod) {
  std::vector<v1::Referral> made;
  v1::Referral quick = Made("nyas", v1::REFERRAL_STATE_ACCEPTED, ReferredAt(2026, 11, 2));
  *quick.mutable_response_time() = ReferredAt(2026, 11, 3);
  quick.set_advocate("adv-7");
  *quick.mutable_advocate_allocate_time() = ReferredAt(2026, 11, 5);
  made.push_back(quick);
  v1::Referral slow = Made("nyas", v1::REFERRAL_STATE_DECLINED, ReferredAt(2026, 11, 2));
  *slow.mutable_response_time() = ReferredAt(2026, 11, 12);  // 8 working days
  made.push_back(slow);
  v1::Referral waiting = Made("nyas", v1::REFERRAL_STATE_REFERRED, ReferredAt(2026, 11, 16),
                              v1::REFERRAL_URGENCY_URGENT);
  made.push_back(waiting);
  v1::Referral closed = Made("coram", v1::REFERRAL_STATE_CLOSED, ReferredAt(2026, 11, 3));
  closed.set_close_reason(v1::REFERRAL_CLOSE_REASON_NO_LONGER_ELIGIBLE);
  *closed.mutable_close_time() = ReferredAt(2026, 11, 4);
  made.push_back(closed);
  made.push_back(Made("nyas", v1::REFERRAL_STATE_REFERRED, ReferredAt(2026, 10, 30)));  // before

  const auto report =
      BuildReferralReport(made, absl::CivilDay(2026, 11, 1), absl::CivilDay(2026, 11, 30),
                          ReferralTimescales{}, absl::CivilDay(2026, 11, 18), Calendar());
  ASSERT_EQ(report.partners_size(), 2);
  const auto& coram = report.partners(0);
  EXPECT_EQ(coram.partner(), "coram");
  EXPECT_EQ(coram.referred(), 1);
  EXPECT_EQ(coram.awaiting_answer(), 0) << "closed before an answer is no longer awaited";
  EXPECT_EQ(coram.closed_by_reason().at("REFERRAL_CLOSE_REASON_NO_LONGER_ELIGIBLE"), 1);
  const auto& nyas = report.partners(1);
  EXPECT_EQ(nyas.referred(), 3);
  EXPECT_EQ(nyas.urgent(), 1);
  EXPECT_EQ(nyas.answered_within_timescale(), 1);
  EXPECT_EQ(nyas.answered_late(), 1);
  EXPECT_EQ(nyas.declined(), 1);
  EXPECT_EQ(nyas.awaiting_answer(), 1);
  EXPECT_EQ(nyas.awaiting_past_timescale(), 1) << "urgent, two working days unanswered";
  EXPECT_EQ(nyas.median_response_working_days(), 1);
  EXPECT_EQ(nyas.longest_response_working_days(), 8);
  EXPECT_EQ(nyas.advocate_allocated(), 1);
  EXPECT_EQ(nyas.median_allocation_working_days(), 3);
  EXPECT_EQ(report.routine_response_working_days(), 5);
  EXPECT_EQ(report.urgent_response_working_days(), 1);
}

}  // namespace
}  // namespace assure::reviews
