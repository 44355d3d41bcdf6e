// The last part of a resource name that a caller chooses (a case reference, a staff id, a
// dispute id): one rule for the whole suite.
#ifndef ASSURE_SERVICES_COMMON_RESOURCE_IDS_H_
#define ASSURE_SERVICES_COMMON_RESOURCE_IDS_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace assure {

// 1-64 of [A-Za-z0-9._-], and not "-" (which means "any" in a List parent).
bool IsValidId(absl::string_view id);

// The id of `name` when it is {collection}/{id}; INVALID_ARGUMENT naming `field` otherwise.
absl::StatusOr<std::string> ParseCollectionId(absl::string_view name, absl::string_view collection,
                                              absl::string_view field);

// A code a setting uses (a theme, a stage's role): 1-64 of [a-z0-9_].
bool IsCode(absl::string_view code);

// A fresh id for a resource whose creator chose none: "<prefix>" + 16 random hex digits.
std::string NewResourceId(absl::string_view prefix);

}  // namespace assure

#endif  // ASSURE_SERVICES_COMMON_RESOURCE_IDS_H_
