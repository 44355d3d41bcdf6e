// request_id handling shared by every service: inside the write's own transaction, a
// request id seen before returns the stored response; a new one stores the response with
// the change, so the two are committed together or not at all.
#ifndef ASSURE_SERVICES_COMMON_STORE_IDEMPOTENCY_H_
#define ASSURE_SERVICES_COMMON_STORE_IDEMPOTENCY_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "google/protobuf/message.h"
#include "services/common/store/connection.h"

namespace assure::store {

// True and fills `response` when (tenant, request_id) was already answered. A request id
// reused for another method is INVALID_ARGUMENT naming request_id.
absl::StatusOr<bool> ReplayIfSeen(Connection& db, const std::string& tenant,
                                  const std::string& request_id, const std::string& method,
                                  google::protobuf::Message* response);

absl::Status RememberResponse(Connection& db, const std::string& tenant,
                              const std::string& request_id, const std::string& method,
                              const google::protobuf::Message& response, absl::Time now);

}  // namespace assure::store

#endif  // ASSURE_SERVICES_COMMON_STORE_IDEMPOTENCY_H_
