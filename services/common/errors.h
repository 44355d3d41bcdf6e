// The one way every service says what went wrong. Each builder returns an absl::Status that
// carries its google.rpc detail (BadRequest, ErrorInfo, PreconditionFailure) as a payload;
// ToGrpcStatus() turns it into a grpc::Status whose error details a client can decode.
// Every error leaves with a google.rpc.ErrorInfo in domain "assure": the builder's reason
// (INVALID_FIELD, RULE_VIOLATED, RESOURCE_NOT_FOUND, ...) or else the code's name, so a
// client can branch on a stable reason rather than on a message meant for people.
//
//   FieldViolations v;
//   if (!req.has_held_date()) v.Add("held_date", "is required");
//   if (!v.empty()) return v.ToStatus();
//   ...
//   return FailedRule("report.separation_of_duties",
//                     "the person who prepared a report cannot approve it");
#ifndef ASSURE_SERVICES_COMMON_ERRORS_H_
#define ASSURE_SERVICES_COMMON_ERRORS_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "grpcpp/support/status.h"

namespace assure {

// Collects every bad field of a request so the caller hears of all of them at once. The
// answer is bounded whatever the request (error details travel in metadata, which gRPC
// limits to 8 KB): the first 10 violations, each field name cut at 100 bytes and each rule
// at 200, and a last entry saying how many more there were; the message names the first.
class FieldViolations {
 public:
  void Add(absl::string_view field, absl::string_view rule);
  bool empty() const { return violations_.empty(); }
  // INVALID_ARGUMENT with a BadRequest detail; OK when there is nothing to report.
  absl::Status ToStatus() const;

 private:
  std::vector<std::pair<std::string, std::string>> violations_;
  size_t more_ = 0;
};

// INVALID_ARGUMENT naming one field.
absl::Status InvalidField(absl::string_view field, absl::string_view rule);
// FAILED_PRECONDITION naming the rule that blocked the change (PreconditionFailure detail).
absl::Status FailedRule(absl::string_view rule, absl::string_view description);
// ABORTED: the etag the caller sent is not the current one.
absl::Status StaleEtag(absl::string_view resource, absl::string_view current_etag);
// OK when the caller sent no etag or the current one; StaleEtag otherwise (AIP-154).
absl::Status CheckEtag(absl::string_view sent, absl::string_view current,
                       absl::string_view resource);
absl::Status NotFound(absl::string_view resource);
absl::Status AlreadyExists(absl::string_view resource);
// RESOURCE_EXHAUSTED for a caller over its rate: ErrorInfo RATE_LIMITED and a RetryInfo
// saying when a call will be taken again (over HTTP, 429 with Retry-After).
absl::Status RateLimited(absl::Duration retry_after);

inline constexpr char kErrorDomain[] = "assure";
// `status` with an ErrorInfo of this reason (UPPER_SNAKE_CASE) and metadata in kErrorDomain.
absl::Status WithReason(absl::Status status, absl::string_view reason,
                        const absl::flat_hash_map<std::string, std::string>& metadata = {});

// The seam between absl and gRPC. INTERNAL and UNKNOWN lose their message (it goes to the
// log instead), so no SQL or internal detail reaches a caller.
// An internal error's detail is logged, not sent; the log line names the call's trace id
// (a W3C trace id, as TraceIdOf gives it) when there is one.
grpc::Status ToGrpcStatus(const absl::Status& status, absl::string_view trace_id = "");
// A status from elsewhere (a backend, gRPC itself) with an ErrorInfo added if it had none:
// what the gateway answers, so every error a caller sees carries one.
grpc::Status WithErrorInfo(const grpc::Status& status);
// How long a RESOURCE_EXHAUSTED status asks the caller to wait, if it says.
std::optional<absl::Duration> RetryAfter(const grpc::Status& status);

}  // namespace assure

#endif  // ASSURE_SERVICES_COMMON_ERRORS_H_
