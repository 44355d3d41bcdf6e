// Resource names of the disputes API, parsed and built in one place, beside the protos so
// that any component may use them.
//   disputes/{dispute}
//   disputeSettings            (one per local authority: the caller's)
#ifndef ASSURE_PROTOS_ASSURE_DISPUTES_V1_NAMES_H_
#define ASSURE_PROTOS_ASSURE_DISPUTES_V1_NAMES_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace assure::disputes {

inline constexpr char kSettingsName[] = "disputeSettings";

// INVALID_ARGUMENT naming `field` when malformed.
absl::StatusOr<std::string> ParseDisputeName(absl::string_view name, absl::string_view field);
std::string DisputeName(absl::string_view id);
// A fresh id when the creator chose none.
std::string NewDisputeId();

}  // namespace assure::disputes

#endif  // ASSURE_PROTOS_ASSURE_DISPUTES_V1_NAMES_H_
