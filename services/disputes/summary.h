// The problem resolution log's figures and the quarterly IRO quality assurance report,
// computed by one function from the disputes themselves, so the log, its counts and the
// report always reconcile (seed 002, IRO recommendation 1). A dispute is counted as it
// stood at the end of the period, replayed from its history.
#ifndef ASSURE_SERVICES_DISPUTES_SUMMARY_H_
#define ASSURE_SERVICES_DISPUTES_SUMMARY_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "assure/disputes/v1/resources.pb.h"
#include "services/common/working_days.h"

namespace assure::disputes {

namespace v1 = ::assure::disputes::v1;

// Inclusive days.
struct Period {
  absl::CivilDay start;
  absl::CivilDay end;
};

// Where a dispute stood at the end of `day`.
struct Standing {
  v1::DisputeState state = v1::DISPUTE_STATE_UNSPECIFIED;  // unspecified: not yet raised
  int level = 0;
  std::string role;
  bool overdue = false;
};
Standing StandingAt(const v1::Dispute& d, absl::CivilDay day);

// Open at any time in the period: raised by its end and not closed before its start.
bool ActiveIn(const v1::Dispute& d, const Period& period);

// The figures for the period; `now` caps "the end" for a period that has not ended yet.
v1::DisputeSummary Summarize(const std::vector<v1::Dispute>& disputes, const Period& period,
                             absl::Time now, const WorkingDays& calendar);

// Every starred recommendation open at any time in the period, as it stood at the end.
std::vector<v1::StarredRecommendation> StarredRecommendations(
    const std::vector<v1::Dispute>& disputes, const Period& period, absl::Time now);

// Financial quarters: fiscal_year 2026, quarter 1 is 2026-04-01 to 2026-06-30.
absl::StatusOr<Period> FiscalQuarter(int fiscal_year, int quarter);

}  // namespace assure::disputes

#endif  // ASSURE_SERVICES_DISPUTES_SUMMARY_H_
