// What makes a request to the audits service well formed: INVALID_ARGUMENT material naming
// each field at fault. Pure.
#ifndef ASSURE_SERVICES_AUDITS_VALIDATION_H_
#define ASSURE_SERVICES_AUDITS_VALIDATION_H_

#include <string>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "assure/audits/v1/audits_service.pb.h"

namespace assure::audits {

namespace v1 = ::assure::audits::v1;

absl::Status ValidateBatchUpsertCases(const v1::BatchUpsertCasesRequest& req);
absl::Status ValidateCreateSelection(const v1::CreateSelectionRequest& req);
absl::Status ValidateRecommendation(const v1::RecommendFromProgrammeRequest& req);
// Both months well formed, the last not before the first, at most 24 months in all.
absl::Status ValidateReportPeriod(const v1::GetAuditReportRequest& req);

// INVALID_ARGUMENT naming `field` unless `month` is a year and month with day 0.
absl::Status ValidateMonth(const google::type::Date& month, const std::string& field);

// The first and last day of a month given as a Date with day 0 (already validated).
absl::CivilDay FirstDay(const google::type::Date& month);
absl::CivilDay LastDay(const google::type::Date& month);

}  // namespace assure::audits

#endif  // ASSURE_SERVICES_AUDITS_VALIDATION_H_
