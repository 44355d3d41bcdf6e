// The flags every service takes, defined once: --grpc_address, --metrics_address, --store,
// --access_log, --bank_holidays_file, --routes. Each is also ASSURE_<FLAG> in the environment.
#ifndef ASSURE_SERVICES_COMMON_SERVICE_FLAGS_H_
#define ASSURE_SERVICES_COMMON_SERVICE_FLAGS_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "services/common/routes.h"
#include "services/common/server.h"
#include "services/common/store/store.h"
#include "services/common/working_days.h"

namespace assure {

ServerConfig ServerConfigFromFlags();
store::StoreOptions StoreOptionsFromFlags();
// Ends a service that cannot start, saying why: "assure-<component>: <what>: <status>".
[[noreturn]] void DieAtStartup(const std::string& component, const std::string& what,
                               const absl::Status& status);

// The services this one calls (--routes); none when the flag is empty.
absl::StatusOr<std::unique_ptr<Routes>> RoutesFromFlags();
// The embedded England and Wales list, or --bank_holidays_file when given.
absl::StatusOr<WorkingDays> CalendarFromFlags();

}  // namespace assure

#endif  // ASSURE_SERVICES_COMMON_SERVICE_FLAGS_H_
