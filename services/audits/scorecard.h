// The monthly scorecard (seed 002 case-file audit 1: IROs doing 1 audit a month against a
// quota of 6, and shortfalls never chased): each auditor's quota, from the month's
// selections, against the audits assigned and done. One function from the records, so the
// scorecard and the lists of audits always agree. Pure.
#ifndef ASSURE_SERVICES_AUDITS_SCORECARD_H_
#define ASSURE_SERVICES_AUDITS_SCORECARD_H_

#include <vector>

#include "absl/time/civil_time.h"
#include "assure/audits/v1/resources.pb.h"

namespace assure::audits {

// `selections` and `audits` are the month's; done is submitted or further on. `today`
// (London) says whether the month has ended.
v1::AuditScorecard Scorecard(const google::type::Date& month,
                             const std::vector<v1::Selection>& selections,
                             const std::vector<v1::Audit>& audits, absl::CivilDay today);

}  // namespace assure::audits

#endif  // ASSURE_SERVICES_AUDITS_SCORECARD_H_
