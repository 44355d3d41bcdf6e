#include "services/allowances/metrics.h"

#include <algorithm>
#include <iterator>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/allowances/money.h"
#include "services/common/status_macros.h"

namespace assure::allowances {
namespace {

constexpr char kActive[] = "assure_allowances_active";
constexpr char kActiveCost[] = "assure_allowances_active_annual_pence";
constexpr char kSuspended[] = "assure_allowances_suspended";
constexpr char kCeased[] = "assure_allowances_ceased";
constexpr char kControlFailures[] = "assure_allowances_control_failures";
constexpr char kOverpaymentOutstanding[] = "assure_allowances_overpayment_outstanding_pence";
constexpr char kDeclarationsOverdue[] = "assure_allowances_declarations_overdue";
constexpr char kReviewsOverdue[] = "assure_allowances_reviews_overdue";
constexpr char kEvidenceMissing[] = "assure_allowances_education_evidence_missing";

// An enum value's name as a label: ALLOWANCE_TYPE_ADOPTION under "ALLOWANCE_TYPE_" is
// "adoption".
std::string Label(const std::string& name, absl::string_view prefix) {
  return absl::AsciiStrToLower(absl::StripPrefix(name, prefix));
}

absl::Status Count(Tx& tx, const std::string& tenant, const v1::Allowance& a, int sign) {
  switch (a.state()) {
    case v1::ALLOWANCE_STATE_ACTIVE: {
      const FigureLabels type = {
          {"type", Label(v1::AllowanceType_Name(a.type()), "ALLOWANCE_TYPE_")}};
      ASSURE_RETURN_IF_ERROR(Figures::Add(tx, tenant, kActive, type, sign));
      return Figures::Add(tx, tenant, kActiveCost, type,
                          sign * AnnualCostPence(a.amount_pence(), a.frequency()));
    }
    case v1::ALLOWANCE_STATE_SUSPENDED:
      return Figures::Add(tx, tenant, kSuspended,
                          {{"reason", Label(v1::SuspensionReason_Name(a.suspension().reason()),
                                            "SUSPENSION_REASON_")}},
                          sign);
    case v1::ALLOWANCE_STATE_CEASED:
      return Figures::Add(
          tx, tenant, kCeased,
          {{"end_point", Label(v1::EndPoint_Name(a.cessation().end_point()), "END_POINT_")}}, sign);
    default:
      return absl::OkStatus();
  }
}

// The service's own payment controls: the only rules counted, so the label stays bounded.
constexpr const char* kPaymentRules[] = {"gate.conditions_agreed",
                                         "gate.signed_agreement",
                                         "gate.forms",
                                         "gate.financial_assessment",
                                         "gate.within_assessment",
                                         "gate.within_rate",
                                         "gate.ledger_code",
                                         "gate.approvals",
                                         "payment.active",
                                         "payment.before_start",
                                         "payment.one_off_once",
                                         "payment.one_instalment_a_day",
                                         "end_point.no_longer_home",
                                         "end_point.left_education_working",
                                         "end_point.own_benefit",
                                         "end_point.eighteen",
                                         "end_point.course_ended",
                                         "end_point.died",
                                         "end_point.period_ended"};

bool IsPaymentControl(absl::string_view rule) {
  return std::find(std::begin(kPaymentRules), std::end(kPaymentRules), rule) !=
         std::end(kPaymentRules);
}

}  // namespace

AllowancesMetrics::AllowancesMetrics(prometheus::Registry& registry, store::Store& store,
                                     const Clock& clock)
    : figures_(std::make_shared<Figures>(
          store, clock,
          std::vector<FigureSpec>{
              {kActive, "Allowances being paid, by type."},
              {kActiveCost, "What the allowances being paid cost a year, in pence, by type."},
              {kSuspended, "Allowances suspended, by reason."},
              {kCeased, "Allowances ceased, by the end point that stopped them."},
              {kControlFailures,
               "Payment controls failing, by control: each must read 0 (the controls report)."},
              {kOverpaymentOutstanding, "Overpayments the carers still owe, in pence."},
              {kDeclarationsOverdue,
               "This year's declarations not back: reminded, or lapsed with payment suspended."},
              {kReviewsOverdue, "Enhancements past their review."},
              {kEvidenceMissing,
               "Young people over 16 being paid for without this year's proof of education."}})),
      blocked_(prometheus::BuildCounter()
                   .Name("assure_allowances_payments_blocked_total")
                   .Help("Activations, restarts and instalments refused by a payment control, "
                         "by its rule.")
                   .Register(registry)) {}

absl::Status AllowancesMetrics::Changed(Tx& tx, const std::string& tenant,
                                        const v1::Allowance* before, const v1::Allowance& after) {
  if (before != nullptr) ASSURE_RETURN_IF_ERROR(Count(tx, tenant, *before, -1));
  return Count(tx, tenant, after, +1);
}

absl::Status AllowancesMetrics::ControlsMeasured(Tx& tx, const std::string& tenant,
                                                 const v1::AllowanceControls& report) {
  for (const auto& c : report.controls()) {
    ASSURE_RETURN_IF_ERROR(
        Figures::Set(tx, tenant, kControlFailures, {{"control", c.control()}}, c.count()));
  }
  ASSURE_RETURN_IF_ERROR(Figures::Set(tx, tenant, kOverpaymentOutstanding, {},
                                      report.overpayment_outstanding_pence()));
  ASSURE_RETURN_IF_ERROR(
      Figures::Set(tx, tenant, kDeclarationsOverdue, {},
                   report.declarations_reminded() + report.declarations_lapsed()));
  ASSURE_RETURN_IF_ERROR(
      Figures::Set(tx, tenant, kReviewsOverdue, {}, report.reviews_overdue_size()));
  return Figures::Set(tx, tenant, kEvidenceMissing, {}, report.without_education_evidence_size());
}

void AllowancesMetrics::TenantSeen(const std::string& tenant) {
  absl::MutexLock lock(&mu_);
  if (!tenants_seen_.insert(tenant).second) return;
  for (const char* rule : kPaymentRules) blocked_.Add({{"tenant", tenant}, {"rule", rule}});
}

absl::Status AllowancesMetrics::TenantsSeen(store::Store& store) {
  ASSURE_ASSIGN_OR_RETURN(auto tenants, Figures::Tenants(store));
  for (const auto& t : tenants) TenantSeen(t);
  return absl::OkStatus();
}

void AllowancesMetrics::Refused(const std::string& tenant, const absl::Status& status) {
  if (status.code() != absl::StatusCode::kFailedPrecondition) return;
  const std::string rule(
      std::vector<absl::string_view>(absl::StrSplit(status.message(), ": ")).front());
  if (!IsPaymentControl(rule)) return;
  blocked_.Add({{"tenant", tenant}, {"rule", rule}}).Increment();
}

}  // namespace assure::allowances
