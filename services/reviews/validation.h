// Checks of request content that need no stored data: every bad field is named, with the
// rule that makes it right. Pure.
#ifndef ASSURE_SERVICES_REVIEWS_VALIDATION_H_
#define ASSURE_SERVICES_REVIEWS_VALIDATION_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "assure/reviews/v1/reviews_service.pb.h"
#include "services/common/errors.h"

namespace assure::reviews {

namespace v1 = ::assure::reviews::v1;

// `prefix` is the path of the child in the request, e.g. "child".
void CheckChild(const v1::Child& child, absl::CivilDay today, const std::string& prefix,
                FieldViolations& v);
void CheckIro(const v1::Iro& iro, const std::string& prefix, FieldViolations& v);
void CheckRequestId(const std::string& request_id, FieldViolations& v);

// A planned time is HH:MM, and only with a planned date.
void CheckPlannedTime(const v1::Review& r, FieldViolations& v);
absl::Status ValidateCreateReview(const v1::CreateReviewRequest& req, FieldViolations v);
absl::Status ValidateRecordReview(const v1::RecordReviewRequest& req, absl::CivilDay today,
                                  FieldViolations v);
absl::Status ValidateCreateDecision(const v1::CreateDecisionRequest& req, FieldViolations v);

}  // namespace assure::reviews

#endif  // ASSURE_SERVICES_REVIEWS_VALIDATION_H_
