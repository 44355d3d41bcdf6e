// What a local authority may set for the reviews service. Defaults follow the seeds and
// DOMAIN.md; each field names the rule it configures.
#ifndef ASSURE_SERVICES_REVIEWS_SETTINGS_H_
#define ASSURE_SERVICES_REVIEWS_SETTINGS_H_

#include <set>

#include "services/reviews/concerns.h"
#include "services/reviews/referrals.h"
#include "services/reviews/schedule.h"

namespace assure::reviews {

// Two-part reviews [local] (seed 001 3.3): which part counts as "held" for lateness and the
// next due date.
enum class TwoPartCounts { kFirstPart, kSecondPart };

struct Settings {
  ScheduleSettings schedule;
  TwoPartCounts two_part_counts = TwoPartCounts::kFirstPart;
  // [local] a two-part review completes within this many working days of its first part.
  int two_part_completion_working_days = 20;
  // [DfE codes, local choice] SSDA903 PN codes (0-7) counted as participating. Default
  // PN1-PN6; some authorities leave out PN4.
  std::set<int> participating_codes = {1, 2, 3, 4, 5, 6};
  // [local] seed 001: 95%.
  int participation_target_per_mille = 950;
  // [guidance] IRO Handbook: IRO appointed within 5 working days of becoming looked after.
  int iro_notification_target_working_days = 5;
  // [guidance] IRO Handbook caseload benchmark (a benchmark, not a cap).
  int caseload_benchmark_low = 50;
  int caseload_benchmark_high = 70;
  // [local] the worklist's window: a scheduled meeting due within this many working days is
  // due soon (about a month: time to invite, consult and gather the child's views).
  int due_soon_working_days = 20;
  // [local] child protection conference minutes distributed within this many working days.
  int conference_minutes_working_days = 4;
  // [local] the advocacy contract: working days a provider has to answer a referral.
  ReferralTimescales referral_response;
  // [local] how soon the IRO acknowledges and answers an advocate's concern.
  ConcernTimescales concerns;
};

}  // namespace assure::reviews

#endif  // ASSURE_SERVICES_REVIEWS_SETTINGS_H_
