// An authority's dispute resolution ladder and themes (DisputeSettings): the defaults, the
// rules a configuration must meet, and the rung at each level.
//
// Level 0 is the informal step, always recorded; formal stages are levels 1..n in the order
// configured. The formal stages should take no more than 20 working days in total [guidance]
// (IRO Handbook para 6.2): longer is refused unless a departure reason is recorded.
#ifndef ASSURE_SERVICES_DISPUTES_LADDER_H_
#define ASSURE_SERVICES_DISPUTES_LADDER_H_

#include <optional>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "assure/disputes/v1/resources.pb.h"

namespace assure::disputes {

namespace v1 = ::assure::disputes::v1;

inline constexpr int kGuidanceFormalWorkingDays = 20;
inline constexpr char kInformalRole[] = "informal";

// Team manager, service manager, head of service, Director, Chief Executive (5+5+4+3+3 = 20
// working days), an informal step of 5, the seeds' themes, and no automatic escalation.
v1::DisputeSettings DefaultSettings();

// INVALID_ARGUMENT naming every bad field (prefixed "settings."); on success numbers the
// stages and fills formal_total_working_days.
absl::Status ValidateSettings(v1::DisputeSettings& settings);

// The rung at `level`, or nullopt above the top formal stage.
std::optional<v1::Stage> StageAt(const v1::DisputeSettings& settings, int level);
inline int TopLevel(const v1::DisputeSettings& settings) { return settings.stages_size(); }
bool HasTheme(const v1::DisputeSettings& settings, absl::string_view code);
// "3 head_of_service": how a stage is named in counts and metrics.
std::string StageKey(int level, absl::string_view role);

}  // namespace assure::disputes

#endif  // ASSURE_SERVICES_DISPUTES_LADDER_H_
