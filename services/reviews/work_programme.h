// The annual report's work programme: what an adopted one must hold, and each item as the
// finding action plans is sent (seed 001: the report's work programme becomes the service's
// improvement plan). Pure.
#ifndef ASSURE_SERVICES_REVIEWS_WORK_PROGRAMME_H_
#define ASSURE_SERVICES_REVIEWS_WORK_PROGRAMME_H_

#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "assure/actionplans/v1/actionplans_service.pb.h"
#include "assure/reviews/v1/resources.pb.h"

namespace assure::reviews {

namespace v1 = ::assure::reviews::v1;

// INVALID_ARGUMENT naming each bad field: a period, and 1-50 items each with a title, text
// and priority.
absl::Status ValidateWorkProgramme(const v1::WorkProgramme& w);

// `item` of the programme `w` as a finding for action plans, under `finding_id`.
::assure::actionplans::v1::CreateFindingRequest ItemFinding(const v1::WorkProgramme& w,
                                                            const v1::WorkProgrammeItem& item,
                                                            const std::string& finding_id,
                                                            absl::Time now);

}  // namespace assure::reviews

#endif  // ASSURE_SERVICES_REVIEWS_WORK_PROGRAMME_H_
