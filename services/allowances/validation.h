// What a request must hold before anything is stored: every bad field named with its rule,
// all at once. Pure.
#ifndef ASSURE_SERVICES_ALLOWANCES_VALIDATION_H_
#define ASSURE_SERVICES_ALLOWANCES_VALIDATION_H_

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "assure/allowances/v1/resources.pb.h"

namespace assure::allowances {

namespace v1 = ::assure::allowances::v1;

// A child as created or updated (`field` is the request's, "child").
absl::Status ValidateChild(const v1::SupportedChild& c, absl::CivilDay today);

// A new allowance: its type, amount and frequency, period, ledger code, circumstance.
absl::Status ValidateAllowance(const v1::Allowance& a);

absl::Status ValidatePaperwork(const v1::Paperwork& p, absl::CivilDay today);

// The means test: dated, amounts 0 or more, and evidenced (three payslips or accounts, seed
// 002 adoption 6) unless means are disregarded.
absl::Status ValidateAssessment(const v1::FinancialAssessment& f, absl::CivilDay today);

}  // namespace assure::allowances

#endif  // ASSURE_SERVICES_ALLOWANCES_VALIDATION_H_
