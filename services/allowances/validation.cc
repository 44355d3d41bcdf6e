#include "services/allowances/validation.h"

#include <algorithm>

#include "services/allowances/money.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/text.h"

namespace assure::allowances {
namespace {

template <typename E>
bool IsChosen(E value, bool (*valid)(int)) {
  return value != 0 && valid(value);
}

void CheckPence(int64_t pence, const std::string& field, FieldViolations& v) {
  if (pence < 0 || pence > kMaxPaymentPence) {
    v.Add(field, "must be 0 to 10000000 pence (£100,000)");
  }
}

int Count(const v1::FinancialAssessment& f, v1::EvidenceKind kind) {
  return static_cast<int>(std::count(f.evidence().begin(), f.evidence().end(), kind));
}

}  // namespace

absl::Status ValidateChild(const v1::SupportedChild& c, absl::CivilDay today) {
  FieldViolations v;
  if (c.display_name().empty() || !IsPlainText(c.display_name())) {
    v.Add("child.display_name", "is required, one line of text");
  }
  CheckDate(c.birth_date(), "child.birth_date", true, v, today);
  if (!IsChosen(c.order_type(), v1::OrderType_IsValid)) {
    v.Add("child.order_type", "must be an order type");
  }
  CheckDate(c.order_date(), "child.order_date", true, v, today);
  if (!v1::Education_IsValid(c.education())) v.Add("child.education", "must be an education");
  CheckDate(c.course_end_date(), "child.course_end_date", false, v);
  if (!v1::OwnBenefit_IsValid(c.own_benefit())) v.Add("child.own_benefit", "must be a benefit");
  CheckDate(c.death_date(), "child.death_date", false, v, today);
  CheckDate(c.education_evidence_date(), "child.education_evidence_date", false, v, today);
  for (int i = 0; i < c.carers_size(); ++i) {
    if (c.carers(i).empty() || !IsPlainText(c.carers(i))) {
      v.Add("child.carers", "each carer is a name, one line of text");
      break;
    }
  }
  return v.ToStatus();
}

absl::Status ValidateAllowance(const v1::Allowance& a) {
  FieldViolations v;
  if (!IsChosen(a.type(), v1::AllowanceType_IsValid)) {
    v.Add("allowance.type", "must be an allowance type");
  }
  if (!IsChosen(a.frequency(), v1::Frequency_IsValid)) {
    v.Add("allowance.frequency", "must be a frequency");
  } else if ((a.type() == v1::ALLOWANCE_TYPE_ONE_OFF) != (a.frequency() == v1::FREQUENCY_ONCE)) {
    v.Add("allowance.frequency", "is ONCE for a one-off payment, and only for one");
  }
  if (a.amount_pence() <= 0 || a.amount_pence() > kMaxPaymentPence) {
    v.Add("allowance.amount_pence", "must be 1 to 10000000 pence (£100,000)");
  }
  CheckDate(a.start_date(), "allowance.start_date", true, v);
  CheckDate(a.end_date(), "allowance.end_date", false, v);
  const auto start = FromProto(a.start_date()).day;
  const auto end = FromProto(a.end_date()).day;
  if (start && end && *end < *start) v.Add("allowance.end_date", "must not be before start_date");
  if (a.ledger_code().empty()) v.Add("allowance.ledger_code", "is required");
  if (!IsPlainText(a.circumstance())) v.Add("allowance.circumstance", "must be one line of text");
  return v.ToStatus();
}

absl::Status ValidatePaperwork(const v1::Paperwork& p, absl::CivilDay today) {
  FieldViolations v;
  CheckDate(p.conditions_agreed_date(), "paperwork.conditions_agreed_date", false, v, today);
  CheckDate(p.signed_agreement_date(), "paperwork.signed_agreement_date", false, v, today);
  for (const auto& form : p.forms_received()) {
    if (form.empty() || form.size() > 32 || !IsPlainText(form)) {
      v.Add("paperwork.forms_received", "each form is a code of 1-32 characters");
      break;
    }
  }
  return v.ToStatus();
}

absl::Status ValidateAssessment(const v1::FinancialAssessment& f, absl::CivilDay today) {
  FieldViolations v;
  CheckDate(f.assessed_date(), "assessment.assessed_date", true, v, today);
  if (!IsChosen(f.disregard(), v1::MeansDisregard_IsValid)) {
    v.Add("assessment.disregard", "must say whether means are disregarded, and why");
  }
  CheckPence(f.weekly_resources_pence(), "assessment.weekly_resources_pence", v);
  CheckPence(f.weekly_outgoings_pence(), "assessment.weekly_outgoings_pence", v);
  CheckPence(f.weekly_needs_pence(), "assessment.weekly_needs_pence", v);
  CheckPence(f.weekly_award_pence(), "assessment.weekly_award_pence", v);
  for (int kind : f.evidence()) {
    if (!IsChosen(kind, v1::EvidenceKind_IsValid)) {
      v.Add("assessment.evidence", "each entry must be a kind of evidence");
      break;
    }
  }
  const bool means_tested = f.disregard() == v1::MEANS_DISREGARD_NONE;
  if (means_tested && Count(f, v1::EVIDENCE_KIND_PAYSLIP) < 3 &&
      Count(f, v1::EVIDENCE_KIND_ACCOUNTS) < 1) {
    v.Add("assessment.evidence",
          "needs three payslips or the accounts when means are taken into account");
  }
  if (f.disregard() == v1::MEANS_DISREGARD_OTHER_LISTED && f.disregard_note().empty()) {
    v.Add("assessment.disregard_note", "must name the listed case");
  }
  return v.ToStatus();
}

}  // namespace assure::allowances
