#include "services/allowances/gate.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/allowances/allowance_settings.h"
#include "services/allowances/money.h"
#include "services/common/dates.h"
#include "services/common/errors.h"

namespace assure::allowances {
namespace {

bool Has(const google::protobuf::RepeatedPtrField<std::string>& list, const std::string& s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

std::vector<std::string> MissingForms(const v1::Allowance& a,
                                      const v1::AllowanceSettings& settings) {
  std::vector<std::string> missing;
  for (const auto& form : FormsFor(settings, a.type())) {
    if (!Has(a.paperwork().forms_received(), form)) missing.push_back(form);
  }
  return missing;
}

// A one-off payment is set against the assessment's weekly award as one week's; anything
// periodic by what it costs a year against the award's year.
bool WithinAssessment(const v1::Allowance& a) {
  const int64_t award = a.assessment().weekly_award_pence();
  if (a.frequency() == v1::FREQUENCY_ONCE) return a.amount_pence() <= award;
  return AnnualCostPence(a.amount_pence(), a.frequency()) <= award * 52;
}

void CheckPaperwork(const v1::Allowance& a, const v1::AllowanceSettings& settings,
                    std::vector<GateRefusal>& out) {
  if (!IsSet(a.paperwork().conditions_agreed_date())) {
    out.push_back({"gate.conditions_agreed",
                   "the carers have not agreed to the conditions of the allowance"});
  }
  if (!IsSet(a.paperwork().signed_agreement_date())) {
    out.push_back({"gate.signed_agreement", "the signed agreement has not been received"});
  }
  if (const auto missing = MissingForms(a, settings); !missing.empty()) {
    out.push_back(
        {"gate.forms", absl::StrCat("forms not received: ", absl::StrJoin(missing, ", "))});
  }
}

// Against the weekly rate set at activation from the authority's table (0: none covers it).
void CheckRate(const v1::Allowance& a, std::vector<GateRefusal>& out) {
  if (a.rate_weekly_pence() == 0 || a.frequency() == v1::FREQUENCY_ONCE) return;
  if (AnnualCostPence(a.amount_pence(), a.frequency()) > a.rate_weekly_pence() * 52) {
    out.push_back({"gate.within_rate",
                   absl::StrCat("the amount is more than the authority's rate of ",
                                a.rate_weekly_pence(), " pence a week for this type and age")});
  }
}

void CheckAssessment(const v1::Allowance& a, std::vector<GateRefusal>& out) {
  if (!a.has_assessment()) {
    out.push_back({"gate.financial_assessment", "no financial assessment is on file"});
  } else if (!WithinAssessment(a)) {
    out.push_back({"gate.within_assessment",
                   absl::StrCat("the amount is more than the assessment's award of ",
                                a.assessment().weekly_award_pence(), " pence a week")});
  }
}

}  // namespace

std::vector<std::string> MissingApprovals(const v1::Allowance& a,
                                          const v1::AllowanceSettings& settings) {
  std::vector<std::string> missing;
  const int64_t cost = AnnualCostPence(a.amount_pence(), a.frequency());
  for (const auto& role : ApprovalsFor(settings, cost)) {
    const bool given = std::any_of(a.approvals().begin(), a.approvals().end(),
                                   [&](const v1::Approval& ap) { return ap.role() == role; });
    if (!given) missing.push_back(role);
  }
  return missing;
}

std::vector<GateRefusal> PaymentGate(const v1::Allowance& a,
                                     const v1::AllowanceSettings& settings) {
  std::vector<GateRefusal> out;
  CheckPaperwork(a, settings, out);
  CheckAssessment(a, out);
  CheckRate(a, out);
  const auto code = LedgerCodeFor(settings, a.type());
  if (!code || *code != a.ledger_code()) {
    out.push_back({"gate.ledger_code", absl::StrCat("the ledger code ", a.ledger_code(),
                                                    " is not the one the "
                                                    "authority books this type to (",
                                                    code.value_or("none set"), ")")});
  }
  if (const auto missing = MissingApprovals(a, settings); !missing.empty()) {
    out.push_back({"gate.approvals",
                   absl::StrCat("approvals not yet given: ", absl::StrJoin(missing, ", "))});
  }
  return out;
}

absl::Status GateStatus(const std::vector<GateRefusal>& refusals) {
  if (refusals.empty()) return absl::OkStatus();
  std::vector<std::string> all;
  for (const auto& r : refusals) all.push_back(absl::StrCat(r.rule, ": ", r.description));
  return FailedRule(refusals.front().rule,
                    absl::StrCat("not through the payment gate; ", absl::StrJoin(all, "; ")));
}

}  // namespace assure::allowances
