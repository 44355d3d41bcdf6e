#include "services/allowances/overpayments.h"

#include "absl/strings/str_cat.h"
#include "services/allowances/ledger.h"
#include "services/common/dates.h"
#include "services/common/errors.h"

namespace assure::allowances {
namespace {

v1::LedgerEntry Entry(const v1::Allowance& a, v1::LedgerEntryKind kind, int64_t pence,
                      absl::CivilDay on) {
  v1::LedgerEntry e;
  e.set_kind(kind);
  e.set_amount_pence(Signed(kind, pence));
  *e.mutable_due_date() = ToProto(on);
  e.set_ledger_code(a.ledger_code());
  return e;
}

absl::Status CheckAmount(const v1::Allowance& a, int64_t pence) {
  if (pence <= 0) return InvalidField("amount_pence", "must be 1 or more");
  if (pence > a.overpayment_outstanding_pence()) {
    return FailedRule("overpayment.more_than_owed",
                      absl::StrCat("the carers owe ", a.overpayment_outstanding_pence(),
                                   " pence of overpayment"));
  }
  return absl::OkStatus();
}

}  // namespace

v1::LedgerEntry Overpayment(v1::Allowance& a, int64_t pence, absl::CivilDay on) {
  a.set_overpayment_outstanding_pence(a.overpayment_outstanding_pence() + pence);
  return Entry(a, v1::LEDGER_ENTRY_KIND_OVERPAYMENT, pence, on);
}

absl::Status DecideRecovery(v1::Allowance& a, bool recover, const std::string& reasons,
                            absl::CivilDay notice_date, const Actor& by, absl::CivilDay today) {
  if (a.overpayment_outstanding_pence() == 0) {
    return FailedRule("overpayment.none_owed", "the carers owe no overpayment");
  }
  if (reasons.empty()) return InvalidField("reasons", "are required: the carers are told why");
  if (notice_date > today) return InvalidField("notice_date", "must not be in the future");
  auto* r = a.mutable_recovery();
  r->set_recover(recover);
  r->set_reasons(reasons);
  *r->mutable_notice_date() = ToProto(notice_date);
  r->set_decided_by(by.subject);
  return absl::OkStatus();
}

absl::StatusOr<v1::LedgerEntry> Recoup(v1::Allowance& a, int64_t pence, absl::CivilDay on) {
  if (!a.has_recovery() || !a.recovery().recover()) {
    return FailedRule("overpayment.recovery_decided",
                      "recovery is a decision notified to the carers: record it first");
  }
  if (auto st = CheckAmount(a, pence); !st.ok()) return st;
  a.set_overpayment_outstanding_pence(a.overpayment_outstanding_pence() - pence);
  return Entry(a, v1::LEDGER_ENTRY_KIND_RECOUPED, pence, on);
}

absl::StatusOr<v1::LedgerEntry> WriteOff(v1::Allowance& a, int64_t pence, const Actor& by,
                                         absl::CivilDay on) {
  if (a.has_recovery() && a.recovery().decided_by() == by.subject) {
    return FailedRule("overpayment.write_off_approver",
                      "a write-off is approved by someone other than who decided the recovery");
  }
  if (auto st = CheckAmount(a, pence); !st.ok()) return st;
  a.set_overpayment_outstanding_pence(a.overpayment_outstanding_pence() - pence);
  return Entry(a, v1::LEDGER_ENTRY_KIND_WRITTEN_OFF, pence, on);
}

}  // namespace assure::allowances
