// A themed programme's draw (seed 003: "the priority of the audits will be: current special
// guardianship orders before the court, with those soonest audited first; upcoming ones,
// beginning with completed assessments; permanence planning where special guardianship is in
// the care plan; orders that have recently concluded, over the past 12 months"). Pure.
//
// The cases are not drawn at random across the register but taken tier by tier in the
// programme's priority: a case belongs to the first tier whose cohort it is in and whose
// window it falls in, and each tier is ordered by what makes its cases pressing, then as the
// routine draw orders them (so the seed still decides among equals, reproducibly). Auditors
// take the cases in turn and never one they work on.
#ifndef ASSURE_SERVICES_AUDITS_PROGRAMME_H_
#define ASSURE_SERVICES_AUDITS_PROGRAMME_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "assure/audits/v1/resources.pb.h"
#include "services/audits/selection.h"

namespace assure::audits {

namespace v1 = ::assure::audits::v1;

struct ProgrammeCase {
  Candidate candidate;
  std::vector<int> cohorts;  // v1::Cohort values
  std::optional<absl::CivilDay> open, close;
  std::optional<absl::CivilDay> hearing;              // before court
  std::optional<absl::CivilDay> assessment_complete;  // upcoming; unset while in progress
  std::optional<absl::CivilDay> order;                // concluded
};

ProgrammeCase ProgrammeCaseOf(const v1::Case& c);

struct ProgrammeDraw {
  Draw draw;
  int tier = 0;  // from 1, the place in the priority
};

struct ProgrammeSample {
  std::vector<ProgrammeDraw> draws;
  // The cases in each tier, in the order of priority.
  std::vector<int> tier_sizes;
};

// The tier (from 1) a case falls in for a programme of `priority` over the month [first,
// last], or 0 when it falls in none: in the cohort and open in the month, except that an
// order concluded counts for the 12 months after it was made, open or not.
int TierOf(const ProgrammeCase& c, const std::vector<int>& priority, absl::CivilDay first,
           absl::CivilDay last);

ProgrammeSample DrawProgramme(const std::vector<ProgrammeCase>& cases,
                              const std::vector<int>& priority, const std::vector<Quota>& quotas,
                              uint64_t seed, absl::CivilDay first, absl::CivilDay last);

// The selection's tiers as drawn: each priority's cohort, its cases and the audits assigned.
void WriteTiers(const std::vector<int>& priority, const ProgrammeSample& sample,
                v1::Selection& s);

// The selection's tiers with `done` counted from its audits as they stand (each audit's
// programme_tier); `audits` are the selection's.
void CountTierProgress(const std::vector<v1::Audit>& audits, v1::Selection& s);

}  // namespace assure::audits

#endif  // ASSURE_SERVICES_AUDITS_PROGRAMME_H_
