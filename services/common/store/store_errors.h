// Failures of the database itself, as callers see them: worth retrying, and never worded
// with SQL or addresses (the detail goes to the log). A lost or refused connection is
// UNAVAILABLE; a full disk is RESOURCE_EXHAUSTED and says so, so an operator knows the cure.
#ifndef ASSURE_SERVICES_COMMON_STORE_STORE_ERRORS_H_
#define ASSURE_SERVICES_COMMON_STORE_STORE_ERRORS_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace assure::store {

// Logs `detail` as {"event":"store_unavailable"} and returns UNAVAILABLE.
absl::Status StoreUnreachable(absl::string_view detail);
// Logs `detail` as {"event":"store_full"} and returns RESOURCE_EXHAUSTED.
absl::Status StoreFull(absl::string_view detail);
// True for the two codes above: the database, not the request, failed. A write's own faults
// are never these codes (they are INVALID_ARGUMENT, FAILED_PRECONDITION, ...), so the store
// fails the whole batch on one.
bool IsStoreOutage(const absl::Status& status);

}  // namespace assure::store

#endif  // ASSURE_SERVICES_COMMON_STORE_STORE_ERRORS_H_
