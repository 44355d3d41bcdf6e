// AllowancesService: the finance system's side. It takes the period's payment instructions
// (instalments scheduled and not yet reported paid) and reports back what it paid; a payment
// that differs from its instruction in amount or cost code is booked as paid and marked, for
// the control report to list.
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "protos/assure/allowances/v1/names.h"
#include "services/allowances/ledger.h"
#include "services/allowances/money.h"
#include "services/allowances/roles.h"
#include "services/allowances/service.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/listing.h"
#include "services/common/status_macros.h"
#include "services/common/store/access_record.h"

namespace assure::allowances {
namespace {

constexpr int kMaxReports = 500;

absl::Status CheckReports(const v1::ReportPaymentsRequest& req) {
  FieldViolations v;
  if (req.payments_size() == 0 || req.payments_size() > kMaxReports) {
    v.Add("payments", "must hold 1 to 500 payments");
  }
  absl::flat_hash_set<std::string> seen;
  for (int i = 0; i < req.payments_size(); ++i) {
    const auto& p = req.payments(i);
    const std::string at = absl::StrCat("payments[", i, "]");
    if (!ParseLedgerEntryName(p.instruction(), at).ok()) {
      v.Add(at + ".instruction",
            "must be a scheduled entry: allowances/{allowance}/"
            "ledgerEntries/{n}");
    } else if (!seen.insert(p.instruction()).second) {
      v.Add(at + ".instruction", "is reported twice in this call");
    }
    if (p.paid_pence() <= 0 || p.paid_pence() > kMaxPaymentPence) {
      v.Add(at + ".paid_pence", "must be 1 to 10000000 pence (£100,000)");
    }
    if (p.ledger_code().empty()) v.Add(at + ".ledger_code", "is required");
    CheckDate(p.paid_date(), at + ".paid_date", true, v);
  }
  return v.ToStatus();
}

}  // namespace

AllowancesService::Reactor* AllowancesService::ListPaymentInstructions(
    Ctx* ctx, const v1::ListPaymentInstructionsRequest* req,
    v1::ListPaymentInstructionsResponse* out) {
  auto who = Caller(ctx, *req, roles::kInstructionReaders, "ListPaymentInstructions");
  if (!who.ok()) return Reply(ctx, who.status());
  std::vector<std::string> read;
  auto run = [&]() -> absl::Status {
    FieldViolations v;
    CheckDate(req->due_from(), "due_from", true, v);
    CheckDate(req->due_to(), "due_to", true, v);
    ASSURE_RETURN_IF_ERROR(v.ToStatus());
    const absl::CivilDay from = *FromProto(req->due_from()).day;
    const absl::CivilDay to = *FromProto(req->due_to()).day;
    if (to < from || to - from > 366) {
      return InvalidField("due_to", "must be on or after due_from, within a year of it");
    }
    const std::string query = absl::StrCat(FormatDay(from), "|", FormatDay(to));
    ASSURE_ASSIGN_OR_RETURN(int size, PageSize(req->page_size()));
    ASSURE_ASSIGN_OR_RETURN(std::string after, DecodePageToken(req->page_token(), query));
    // The token is "{due day}|{entry name}".
    std::string after_day;
    LedgerEntryKey last;
    if (!after.empty()) {
      const std::vector<std::string> parts = absl::StrSplit(after, '|');
      if (parts.size() != 2) return InvalidField("page_token", "is not a token this list gave");
      after_day = parts[0];
      ASSURE_ASSIGN_OR_RETURN(last, ParseLedgerEntryName(parts[1], "page_token"));
    }
    std::vector<v1::LedgerEntry> rows;
    std::vector<v1::Allowance> owners;
    ASSURE_RETURN_IF_ERROR(store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
      ASSURE_ASSIGN_OR_RETURN(rows, AllowancesStore::Unpaid(db, who->tenant, from, to, after_day,
                                                            last.allowance, last.seq, size + 1));
      for (const auto& e : rows) {
        ASSURE_ASSIGN_OR_RETURN(auto key, ParseLedgerEntryName(e.name(), "name"));
        ASSURE_ASSIGN_OR_RETURN(auto a, AllowancesStore::Load(db, who->tenant, key.allowance));
        if (!a) return absl::DataLossError(e.name() + " belongs to no allowance");
        owners.push_back(*std::move(a));
      }
      return absl::OkStatus();
    }));
    *out->mutable_next_page_token() = TrimPage(rows, size, query, [](const v1::LedgerEntry& e) {
      return absl::StrCat(FormatDay(*FromProto(e.due_date()).day), "|", e.name());
    });
    for (size_t i = 0; i < rows.size(); ++i) {
      auto* p = out->add_instructions();
      p->set_instruction(rows[i].name());
      p->set_child(owners[i].child());
      p->set_amount_pence(rows[i].amount_pence());
      p->set_ledger_code(rows[i].ledger_code());
      *p->mutable_due_date() = rows[i].due_date();
      p->set_responsible_authority(owners[i].responsible_authority());
      read.push_back(owners[i].name());
    }
    return absl::OkStatus();
  };
  const absl::Status st = run();  // fills `read` first
  return ReplyRead(ctx, *who, "ListPaymentInstructions", std::move(read), st);
}

absl::StatusOr<v1::LedgerEntry> AllowancesService::BookPayment(
    Tx& tx, const Principal& who, const v1::PaymentReport& paid) const {
  ASSURE_ASSIGN_OR_RETURN(auto key, ParseLedgerEntryName(paid.instruction(), "instruction"));
  ASSURE_ASSIGN_OR_RETURN(auto instruction,
                          AllowancesStore::LoadEntry(tx.db(), who.tenant, key.allowance, key.seq));
  if (!instruction) return NotFound(paid.instruction());
  if (instruction->kind() != v1::LEDGER_ENTRY_KIND_SCHEDULED) {
    return FailedRule("payment.instruction",
                      paid.instruction() + " is not a payment instruction (a scheduled entry)");
  }
  ASSURE_ASSIGN_OR_RETURN(bool settled,
                          AllowancesStore::IsSettled(tx.db(), who.tenant, key.allowance, key.seq));
  if (settled) {
    return FailedRule("payment.already_reported", paid.instruction() + " is already reported paid");
  }
  ASSURE_ASSIGN_OR_RETURN(auto before, AllowancesStore::Load(tx.db(), who.tenant, key.allowance));
  if (!before) return absl::DataLossError(paid.instruction() + " belongs to no allowance");
  v1::Allowance a = *before;
  v1::LedgerEntry e = Payment(*instruction, paid);
  e.set_recorded_by(who.subject);
  ASSURE_RETURN_IF_ERROR(Book(tx, who.tenant, a, e));
  *a.mutable_update_time() = ToProto(clock_.Now());
  ASSURE_RETURN_IF_ERROR(AllowancesStore::Save(tx.db(), who.tenant, key.allowance, a));
  ASSURE_RETURN_IF_ERROR(
      store::RecordAccess(tx.db(), who, "ReportPayments", a.name(), clock_.Now()));
  return e;
}

AllowancesService::Reactor* AllowancesService::ReportPayments(Ctx* ctx,
                                                              const v1::ReportPaymentsRequest* req,
                                                              v1::ReportPaymentsResponse* out) {
  auto who = Caller(ctx, *req, roles::kPayers, "ReportPayments");
  if (!who.ok()) return Reply(ctx, who.status());
  if (auto st = CheckReports(*req); !st.ok()) return Reply(ctx, st);
  return Change<v1::ReportPaymentsResponse>(
      ctx, *who, *req, "ReportPayments",
      [this, who = *who, req = *req](Tx& tx) -> absl::StatusOr<v1::ReportPaymentsResponse> {
        v1::ReportPaymentsResponse booked;
        for (const auto& paid : req.payments()) {
          ASSURE_ASSIGN_OR_RETURN(*booked.add_ledger_entries(), BookPayment(tx, who, paid));
        }
        return booked;
      },
      out);
}

}  // namespace assure::allowances
