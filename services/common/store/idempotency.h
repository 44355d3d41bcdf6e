// request_id handling shared by every service (AIP-155): inside the write's own transaction,
// a request id seen before returns the stored response; a new one stores the response with
// the change, so the two are committed together or not at all.
//
// A request id names one request by one caller: reused for another method, with another
// request, or by another caller, it is refused (INVALID_ARGUMENT naming request_id) rather
// than answered with someone else's result.
#ifndef ASSURE_SERVICES_COMMON_STORE_IDEMPOTENCY_H_
#define ASSURE_SERVICES_COMMON_STORE_IDEMPOTENCY_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "google/protobuf/message.h"
#include "services/common/store/connection.h"

namespace assure::store {

// One state change, as idempotency knows it.
struct RequestKey {
  std::string tenant;
  std::string request_id;
  // The full method name, e.g. "assure.reviews.v1.ReviewsService/CreateChild".
  std::string method;
  std::string subject;
  // A stable digest of the request's deterministic serialization (RequestFingerprint).
  std::string fingerprint;
};

std::string RequestFingerprint(const google::protobuf::Message& request);

// True and fills `response` when the key's request id was already answered.
absl::StatusOr<bool> ReplayIfSeen(Connection& db, const RequestKey& key,
                                  google::protobuf::Message* response);

absl::Status RememberResponse(Connection& db, const RequestKey& key,
                              const google::protobuf::Message& response, absl::Time now);

}  // namespace assure::store

#endif  // ASSURE_SERVICES_COMMON_STORE_IDEMPOTENCY_H_
