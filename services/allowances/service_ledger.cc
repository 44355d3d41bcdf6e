// AllowancesService: the payment ledger. Instalments are scheduled through the gate and
// never after an end point; every entry is appended, never changed, and the balance kept on
// the allowance is the sum of its entries.
#include "absl/strings/numbers.h"
#include "protos/assure/allowances/v1/names.h"
#include "services/allowances/ledger.h"
#include "services/allowances/roles.h"
#include "services/allowances/service.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/listing.h"
#include "services/common/status_macros.h"
#include "services/common/store/access_record.h"

namespace assure::allowances {

absl::Status AllowancesService::Book(Tx& tx, const std::string& tenant, v1::Allowance& a,
                                     v1::LedgerEntry& e) const {
  ASSURE_ASSIGN_OR_RETURN(auto id, ParseAllowanceName(a.name(), "name"));
  *e.mutable_create_time() = ToProto(clock_.Now());
  std::optional<int64_t> settles;
  if (!e.instruction().empty()) {
    ASSURE_ASSIGN_OR_RETURN(auto paid, ParseLedgerEntryName(e.instruction(), "instruction"));
    settles = paid.seq;
  }
  ASSURE_RETURN_IF_ERROR(AllowancesStore::Append(tx.db(), tenant, id, e, settles));
  a.set_balance_pence(a.balance_pence() + e.amount_pence());
  return absl::OkStatus();
}

AllowancesService::Reactor* AllowancesService::BookToLedger(
    Ctx* ctx, const google::protobuf::Message& request, const Roles& roles, const char* method,
    const std::string& name, Booking booking, v1::LedgerEntry* out) {
  auto who = Caller(ctx, request, roles, method);
  if (!who.ok()) return Reply(ctx, who.status());
  auto id = ParseAllowanceName(name, "name");
  if (!id.ok()) return Reply(ctx, id.status());
  return Change<v1::LedgerEntry>(
      ctx, *who, request, method,
      [this, who = *who, id = *id, booking = std::move(booking),
       method](Tx& tx) -> absl::StatusOr<v1::LedgerEntry> {
        v1::LedgerEntry entry;
        const Step step = [&](const StepContext& at, v1::Allowance& a) -> absl::Status {
          ASSURE_ASSIGN_OR_RETURN(entry, booking(at, a));
          entry.set_recorded_by(at.who.subject);
          return Book(at.tx, at.who.tenant, a, entry);
        };
        ASSURE_RETURN_IF_ERROR(ApplyStep(tx, who, id, "", method, step).status());
        return entry;
      },
      out);
}

absl::StatusOr<std::vector<v1::LedgerEntry>> AllowancesService::LedgerOf(
    Connection& db, const std::string& tenant, const std::string& id) const {
  return AllowancesStore::Entries(db, tenant, id, 0, 1 << 30);
}

AllowancesService::Reactor* AllowancesService::SchedulePayment(
    Ctx* ctx, const v1::SchedulePaymentRequest* req, v1::LedgerEntry* out) {
  FieldViolations v;
  CheckDate(req->due_date(), "due_date", true, v);
  if (!v.empty()) return Reply(ctx, v.ToStatus());
  const absl::CivilDay due = *FromProto(req->due_date()).day;
  Booking booking = [due](const StepContext& at,
                          v1::Allowance& a) -> absl::StatusOr<v1::LedgerEntry> {
    ASSURE_ASSIGN_OR_RETURN(auto id, ParseAllowanceName(a.name(), "name"));
    ASSURE_ASSIGN_OR_RETURN(
        bool taken, AllowancesStore::InstalmentOn(at.tx.db(), at.who.tenant, id, FormatDay(due)));
    if (taken) {
      return FailedRule("payment.one_instalment_a_day",
                        "an instalment of this allowance is already scheduled that day");
    }
    ASSURE_ASSIGN_OR_RETURN(
        int64_t so_far,
        AllowancesStore::CountOf(at.tx.db(), at.who.tenant, id, v1::LEDGER_ENTRY_KIND_SCHEDULED));
    return Instalment(a, at.child, at.settings, due, so_far);
  };
  return BookToLedger(ctx, *req, roles::kPayers, "SchedulePayment", req->name(), std::move(booking),
                      out);
}

AllowancesService::Reactor* AllowancesService::ListLedgerEntries(
    Ctx* ctx, const v1::ListLedgerEntriesRequest* req, v1::ListLedgerEntriesResponse* out) {
  auto who = Caller(ctx, *req, roles::kReaders, "ListLedgerEntries");
  if (!who.ok()) return Reply(ctx, who.status());
  auto run = [&]() -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(auto id, ParseAllowanceName(req->parent(), "parent"));
    ASSURE_ASSIGN_OR_RETURN(int size, PageSize(req->page_size()));
    ASSURE_ASSIGN_OR_RETURN(std::string after, DecodePageToken(req->page_token(), id));
    int64_t after_seq = 0;
    if (!after.empty() && !absl::SimpleAtoi(after, &after_seq)) {
      return InvalidField("page_token", "is not a token this list gave");
    }
    std::vector<v1::LedgerEntry> rows;
    ASSURE_RETURN_IF_ERROR(store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
      ASSURE_ASSIGN_OR_RETURN(auto a, AllowancesStore::Load(db, who->tenant, id));
      if (!a) return NotFound(req->parent());
      ASSURE_ASSIGN_OR_RETURN(rows,
                              AllowancesStore::Entries(db, who->tenant, id, after_seq, size + 1));
      ASSURE_ASSIGN_OR_RETURN(int64_t balance, AllowancesStore::Balance(db, who->tenant, id));
      out->set_balance_pence(balance);
      return absl::OkStatus();
    }));
    // An entry's number is the last part of its name.
    *out->mutable_next_page_token() = TrimPage(rows, size, id, [](const v1::LedgerEntry& e) {
      return e.name().substr(e.name().rfind('/') + 1);
    });
    for (auto& e : rows) *out->add_ledger_entries() = std::move(e);
    return absl::OkStatus();
  };
  const absl::Status st = run();
  return ReplyRead(ctx, *who, "ListLedgerEntries", {req->parent()}, st);
}

}  // namespace assure::allowances
