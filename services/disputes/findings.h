// What disputes tells action plans (through the outbox): a dispute resolved with a finding
// about the service, and a theme that keeps recurring. Pure.
#ifndef ASSURE_SERVICES_DISPUTES_FINDINGS_H_
#define ASSURE_SERVICES_DISPUTES_FINDINGS_H_

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "assure/actionplans/v1/actionplans_service.pb.h"
#include "assure/disputes/v1/resources.pb.h"

namespace assure::disputes {

namespace v1 = ::assure::disputes::v1;
namespace plans = ::assure::actionplans::v1;

// The finding of a dispute resolved with one (Dispute.service_finding), under the id the
// dispute names it by (Dispute.finding), so that it is placed once: High for a starred
// recommendation, Medium otherwise.
plans::CreateFindingRequest ServiceFinding(const v1::Dispute& d, absl::Time now);

// The authority's recurring-theme rule, with its defaults (3 within 6 months).
int ThemeThreshold(const v1::DisputeSettings& s);
int ThemeMonths(const v1::DisputeSettings& s);
// The first day a dispute raised counts towards a theme recurring on `today`.
absl::CivilDay ThemeWindowStart(const v1::DisputeSettings& s, absl::CivilDay today);

// Whether `count` disputes of one theme in the window, the newest just raised, make it
// recur now: exactly at the threshold, so it is sent once each time it is crossed.
bool ThemeRecursNow(const v1::DisputeSettings& s, int64_t count);

// The finding of `theme` recurring `count` times in the window ending `today`.
plans::CreateFindingRequest ThemeFinding(const v1::DisputeSettings& s, const std::string& theme,
                                         int64_t count, absl::CivilDay today,
                                         const std::string& raised_by, absl::Time now);

}  // namespace assure::disputes

#endif  // ASSURE_SERVICES_DISPUTES_FINDINGS_H_
