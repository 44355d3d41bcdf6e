// `assure-launch --demo`: fills one tenant with synthetic data to try the suite on, through
// the reviews service's own API (no store is written behind its back): IROs with contacts,
// looked-after children with IROs allocated, meetings planned with times and venues (one
// moved), and referrals to the development advocate's provider (one accepted). Every call
// carries a fixed request_id, so filling the same tenant again changes nothing.
#ifndef ASSURE_TOOLS_LAUNCHER_DEMO_H_
#define ASSURE_TOOLS_LAUNCHER_DEMO_H_

#include <string>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"

namespace assure::launcher {

struct DemoCounts {
  int children = 0;
  int meetings = 0;
  int referrals = 0;
};

// Calls the reviews service at `reviews_address` as `tenant`'s staff and `partner`'s
// advocate; meetings are planned from `today` on.
absl::Status FillDemo(const std::string& reviews_address, const std::string& tenant,
                      const std::string& partner, absl::CivilDay today, DemoCounts* counts);

}  // namespace assure::launcher

#endif  // ASSURE_TOOLS_LAUNCHER_DEMO_H_
