// What a new dispute must say: the child, its links to a review and that review's decisions
// (names of the reviews service), a theme from the authority's list, and the concern.
#ifndef ASSURE_SERVICES_DISPUTES_VALIDATION_H_
#define ASSURE_SERVICES_DISPUTES_VALIDATION_H_

#include "absl/status/status.h"
#include "assure/disputes/v1/resources.pb.h"

namespace assure::disputes {

// INVALID_ARGUMENT naming every bad field ("dispute.theme", ...).
absl::Status ValidateNewDispute(const v1::Dispute& d, const v1::DisputeSettings& settings);

}  // namespace assure::disputes

#endif  // ASSURE_SERVICES_DISPUTES_VALIDATION_H_
