#include "services/allowances/ledger.h"

#include "absl/strings/str_cat.h"
#include "services/allowances/end_points.h"
#include "services/allowances/gate.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/status_macros.h"

namespace assure::allowances {

int64_t Signed(v1::LedgerEntryKind kind, int64_t pence) {
  switch (kind) {
    case v1::LEDGER_ENTRY_KIND_SCHEDULED:
    case v1::LEDGER_ENTRY_KIND_ARREARS:
    case v1::LEDGER_ENTRY_KIND_RECOUPED:
    case v1::LEDGER_ENTRY_KIND_WRITTEN_OFF:
      return pence;
    default:
      return -pence;
  }
}

int64_t Balance(const std::vector<v1::LedgerEntry>& entries) {
  int64_t sum = 0;
  for (const auto& e : entries) sum += e.amount_pence();
  return sum;
}

absl::StatusOr<v1::LedgerEntry> Instalment(const v1::Allowance& a, const v1::SupportedChild& child,
                                           const v1::AllowanceSettings& settings,
                                           absl::CivilDay due, int64_t instalments_so_far) {
  if (a.state() != v1::ALLOWANCE_STATE_ACTIVE) {
    return FailedRule("payment.active",
                      absl::StrCat("the allowance is ", v1::AllowanceState_Name(a.state()),
                                   "; only an ACTIVE one is paid"));
  }
  ASSURE_RETURN_IF_ERROR(GateStatus(PaymentGate(a, settings)));
  if (const auto start = FromProto(a.start_date()).day; start && due < *start) {
    return FailedRule("payment.before_start", "the instalment falls before the allowance starts");
  }
  if (const auto reached = EndPointsOn(child, a, due); !reached.empty()) {
    return FailedRule(EndPointRule(reached.front()),
                      absl::StrCat("support ended by ", FormatDay(due),
                                   ": nothing is paid "
                                   "after an end point"));
  }
  if (a.frequency() == v1::FREQUENCY_ONCE && instalments_so_far > 0) {
    return FailedRule("payment.one_off_once", "a one-off payment is scheduled once");
  }
  v1::LedgerEntry e;
  e.set_kind(v1::LEDGER_ENTRY_KIND_SCHEDULED);
  e.set_amount_pence(Signed(e.kind(), a.amount_pence()));
  *e.mutable_due_date() = ToProto(due);
  e.set_ledger_code(a.ledger_code());
  return e;
}

v1::LedgerEntry Payment(const v1::LedgerEntry& instruction, const v1::PaymentReport& paid) {
  v1::LedgerEntry e;
  e.set_kind(v1::LEDGER_ENTRY_KIND_PAID);
  e.set_amount_pence(Signed(e.kind(), paid.paid_pence()));
  *e.mutable_due_date() = paid.paid_date();
  e.set_ledger_code(paid.ledger_code());
  e.set_instruction(instruction.name());
  e.set_differs(paid.paid_pence() != instruction.amount_pence() ||
                paid.ledger_code() != instruction.ledger_code());
  return e;
}

}  // namespace assure::allowances
