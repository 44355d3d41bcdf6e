// Advocacy referrals (DOMAIN, partners; Children Act 1989 s26A): the authority refers a child
// to an advocacy provider; the provider answers (accepts or declines), allocates an advocate,
// and the referral is closed with a reason, or ends when the child stops being looked after
// and leaves child protection. Pure rules over the API's records.
#ifndef ASSURE_SERVICES_REVIEWS_REFERRALS_H_
#define ASSURE_SERVICES_REVIEWS_REFERRALS_H_

#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "assure/reviews/v1/resources.pb.h"
#include "services/common/working_days.h"

namespace assure::reviews {

namespace v1 = ::assure::reviews::v1;

// The authority's advocacy contract: working days a provider has to answer a referral.
struct ReferralTimescales {
  int routine = 5;
  int urgent = 1;

  int For(v1::ReferralUrgency urgency) const {
    return urgency == v1::REFERRAL_URGENCY_URGENT ? urgent : routine;
  }
};

// Referred or accepted: the partner sees the child.
bool IsOpen(const v1::Referral& r);

// FAILED_PRECONDITION naming the rule when the step is not allowed from the referral's state.
absl::Status CheckCanAnswer(const v1::Referral& r);    // referral.answered_once
absl::Status CheckCanAllocate(const v1::Referral& r);  // referral.advocate_when_accepted
absl::Status CheckCanClose(const v1::Referral& r);     // referral.closed_once

// FAILED_PRECONDITION (referral.open_already) when `open` already holds a referral of the
// child to the same partner for the same reason.
absl::Status CheckNotReferredAlready(const std::vector<v1::Referral>& open,
                                     const v1::Referral& wanted);

// Working days from the referral to the provider's answer; while unanswered, to the day it
// closed or, while open, to `today`.
int ResponseWorkingDays(const v1::Referral& r, absl::CivilDay today, const WorkingDays& calendar);

// Fills the read-time fields: response_working_days and response_within_timescale.
void PresentReferral(v1::Referral& r, const ReferralTimescales& timescales, absl::CivilDay today,
                     const WorkingDays& calendar);

// The contract manager's figures for the referrals made from `from` to `to` (inclusive), by
// partner; `referrals` may hold others, which are left out.
v1::ReferralReport BuildReferralReport(const std::vector<v1::Referral>& referrals,
                                       absl::CivilDay from, absl::CivilDay to,
                                       const ReferralTimescales& timescales, absl::CivilDay today,
                                       const WorkingDays& calendar);

}  // namespace assure::reviews

#endif  // ASSURE_SERVICES_REVIEWS_REFERRALS_H_
