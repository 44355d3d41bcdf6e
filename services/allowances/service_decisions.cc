// AllowancesService: decisions with notice — a proposal, the carers' representations, the
// decision with its reasons — and the overpayments a back-dated decision finds, recovered or
// written off.
#include "absl/strings/str_cat.h"
#include "protos/assure/allowances/v1/names.h"
#include "services/allowances/decisions.h"
#include "services/allowances/overpayments.h"
#include "services/allowances/roles.h"
#include "services/allowances/service.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/listing.h"
#include "services/common/status_macros.h"
#include "services/common/store/access_record.h"

namespace assure::allowances {

AllowancesService::Reactor* AllowancesService::ProposeDecision(
    Ctx* ctx, const v1::ProposeDecisionRequest* req, v1::Decision* out) {
  auto who = Caller(ctx, *req, roles::kPreparers, "ProposeDecision");
  if (!who.ok()) return Reply(ctx, who.status());
  auto id = ParseAllowanceName(req->parent(), "parent");
  if (!id.ok()) return Reply(ctx, id.status());
  return Change<v1::Decision>(
      ctx, *who, *req, "ProposeDecision",
      [this, who = *who, id = *id, req = *req](Tx& tx) -> absl::StatusOr<v1::Decision> {
        ASSURE_ASSIGN_OR_RETURN(auto a, AllowancesStore::Load(tx.db(), who.tenant, id));
        if (!a) return NotFound(req.parent());
        ASSURE_ASSIGN_OR_RETURN(auto settings, SettingsOf(tx.db(), who.tenant));
        const Actor by{who.subject, who.roles, clock_.Now()};
        ASSURE_ASSIGN_OR_RETURN(auto d, Propose(req.decision(), *a, settings.representation_days(),
                                                by, LondonDay(by.now)));
        *d.mutable_create_time() = ToProto(by.now);
        *d.mutable_update_time() = d.create_time();
        ASSURE_RETURN_IF_ERROR(AllowancesStore::InsertDecision(tx.db(), who.tenant, id, d));
        ASSURE_RETURN_IF_ERROR(
            store::RecordAccess(tx.db(), who, "ProposeDecision", d.name(), by.now));
        return d;
      },
      out);
}

AllowancesService::Reactor* AllowancesService::RecordRepresentation(
    Ctx* ctx, const v1::RecordRepresentationRequest* req, v1::Decision* out) {
  auto who = Caller(ctx, *req, roles::kPreparers, "RecordRepresentation");
  if (!who.ok()) return Reply(ctx, who.status());
  auto name = ParseDecisionName(req->name(), "name");
  if (!name.ok()) return Reply(ctx, name.status());
  return Change<v1::Decision>(
      ctx, *who, *req, "RecordRepresentation",
      [this, who = *who, name = *name, req = *req](Tx& tx) -> absl::StatusOr<v1::Decision> {
        ASSURE_ASSIGN_OR_RETURN(auto found, AllowancesStore::LoadDecision(
                                                tx.db(), who.tenant, name.allowance, name.seq));
        if (!found) return NotFound(req.name());
        ASSURE_RETURN_IF_ERROR(CheckEtag(req.etag(), found->etag(), found->name()));
        v1::Decision d = *found;
        ASSURE_RETURN_IF_ERROR(Represent(d, req.representation(), LondonDay(clock_.Now())));
        *d.mutable_update_time() = ToProto(clock_.Now());
        ASSURE_RETURN_IF_ERROR(
            AllowancesStore::UpdateDecision(tx.db(), who.tenant, name.allowance, name.seq, d));
        ASSURE_RETURN_IF_ERROR(
            store::RecordAccess(tx.db(), who, "RecordRepresentation", d.name(), clock_.Now()));
        return d;
      },
      out);
}

AllowancesService::Reactor* AllowancesService::MakeDecision(Ctx* ctx,
                                                            const v1::MakeDecisionRequest* req,
                                                            v1::Decision* out) {
  auto who = Caller(ctx, *req, roles::kDeciders, "MakeDecision");
  if (!who.ok()) return Reply(ctx, who.status());
  auto name = ParseDecisionName(req->name(), "name");
  if (!name.ok()) return Reply(ctx, name.status());
  FieldViolations v;
  CheckDate(req->decision_notice_date(), "decision_notice_date", true, v);
  if (req->decision_reasons().empty()) {
    v.Add("decision_reasons", "are required: the notice gives the carers the reasons");
  }
  if (!v.empty()) return Reply(ctx, v.ToStatus());
  const DecisionNotice notice{*FromProto(req->decision_notice_date()).day, req->decision_reasons(),
                              req->conditions()};
  return Change<v1::Decision>(
      ctx, *who, *req, "MakeDecision",
      [this, who = *who, name = *name, req = *req, notice](Tx& tx) -> absl::StatusOr<v1::Decision> {
        ASSURE_ASSIGN_OR_RETURN(auto found, AllowancesStore::LoadDecision(
                                                tx.db(), who.tenant, name.allowance, name.seq));
        if (!found) return NotFound(req.name());
        ASSURE_RETURN_IF_ERROR(CheckEtag(req.etag(), found->etag(), found->name()));
        ASSURE_ASSIGN_OR_RETURN(auto before,
                                AllowancesStore::Load(tx.db(), who.tenant, name.allowance));
        if (!before) return absl::DataLossError(req.name() + " belongs to no allowance");
        ASSURE_ASSIGN_OR_RETURN(auto settings, SettingsOf(tx.db(), who.tenant));
        ASSURE_ASSIGN_OR_RETURN(auto ledger, LedgerOf(tx.db(), who.tenant, name.allowance));
        const Actor by{who.subject, who.roles, clock_.Now()};
        v1::Decision d = *found;
        v1::Allowance a = *before;
        ASSURE_RETURN_IF_ERROR(Decide(d, a, settings, ledger, notice, by, LondonDay(by.now)));
        if (d.overpayment_pence() > 0) {
          v1::LedgerEntry e = Overpayment(a, d.overpayment_pence(), notice.notice_date);
          e.set_note(absl::StrCat("found by ", d.name()));
          e.set_recorded_by(by.subject);
          ASSURE_RETURN_IF_ERROR(Book(tx, who.tenant, a, e));
        }
        *d.mutable_update_time() = ToProto(by.now);
        *a.mutable_update_time() = ToProto(by.now);
        ASSURE_RETURN_IF_ERROR(
            AllowancesStore::UpdateDecision(tx.db(), who.tenant, name.allowance, name.seq, d));
        ASSURE_RETURN_IF_ERROR(AllowancesStore::Save(tx.db(), who.tenant, name.allowance, a));
        ASSURE_RETURN_IF_ERROR(AllowancesMetrics::Changed(tx, who.tenant, &*before, a));
        ASSURE_RETURN_IF_ERROR(store::RecordAccess(tx.db(), who, "MakeDecision", d.name(), by.now));
        return d;
      },
      out);
}

AllowancesService::Reactor* AllowancesService::ListDecisions(Ctx* ctx,
                                                             const v1::ListDecisionsRequest* req,
                                                             v1::ListDecisionsResponse* out) {
  auto who = Caller(ctx, *req, roles::kReaders, "ListDecisions");
  if (!who.ok()) return Reply(ctx, who.status());
  std::vector<std::string> read;
  auto run = [&]() -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(std::string allowance,
                            ParseAllowanceParent(req->parent(), "parent", true));
    ASSURE_ASSIGN_OR_RETURN(auto terms, ParseFilter(req->filter(), {"state"}));
    ASSURE_ASSIGN_OR_RETURN(auto state,
                            EnumTerm<v1::DecisionState>(terms, "state", v1::DecisionState_Parse,
                                                        "DECISION_STATE_PROPOSED"));
    const std::string query = absl::StrCat(req->parent(), "|", req->filter());
    ASSURE_ASSIGN_OR_RETURN(int size, PageSize(req->page_size()));
    ASSURE_ASSIGN_OR_RETURN(std::string after, DecodePageToken(req->page_token(), query));
    DecisionName last;
    if (!after.empty()) {
      ASSURE_ASSIGN_OR_RETURN(last, ParseDecisionName(after, "page_token"));
    }
    std::vector<v1::Decision> rows;
    ASSURE_RETURN_IF_ERROR(store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
      ASSURE_ASSIGN_OR_RETURN(
          rows, AllowancesStore::ListDecisions(db, who->tenant, allowance, state, last.allowance,
                                               last.seq, size + 1));
      return absl::OkStatus();
    }));
    *out->mutable_next_page_token() =
        TrimPage(rows, size, query, [](const v1::Decision& d) { return d.name(); });
    for (auto& d : rows) {
      read.push_back(d.name());
      *out->add_decisions() = std::move(d);
    }
    return absl::OkStatus();
  };
  const absl::Status st = run();  // fills `read` first
  return ReplyRead(ctx, *who, "ListDecisions", std::move(read), st);
}

AllowancesService::Reactor* AllowancesService::DecideRecovery(Ctx* ctx,
                                                              const v1::DecideRecoveryRequest* req,
                                                              v1::Allowance* out) {
  FieldViolations v;
  CheckDate(req->notice_date(), "notice_date", true, v);
  if (!v.empty()) return Reply(ctx, v.ToStatus());
  Step step = [req](const StepContext& at, v1::Allowance& a) {
    return allowances::DecideRecovery(a, req->recover(), req->reasons(),
                                      *FromProto(req->notice_date()).day, at.by,
                                      LondonDay(at.by.now));
  };
  return ChangeAllowance(ctx, *req, roles::kDeciders, "DecideRecovery", req->name(), req->etag(),
                         std::move(step), out);
}

AllowancesService::Reactor* AllowancesService::RecordRecoupment(
    Ctx* ctx, const v1::RecordRecoupmentRequest* req, v1::LedgerEntry* out) {
  FieldViolations v;
  CheckDate(req->received_date(), "received_date", true, v);
  if (!v.empty()) return Reply(ctx, v.ToStatus());
  Booking booking = [req](const StepContext&, v1::Allowance& a) {
    auto e = Recoup(a, req->amount_pence(), *FromProto(req->received_date()).day);
    if (e.ok()) e->set_note(req->note());
    return e;
  };
  return BookToLedger(ctx, *req, roles::kPayers, "RecordRecoupment", req->name(),
                      std::move(booking), out);
}

AllowancesService::Reactor* AllowancesService::WriteOffOverpayment(
    Ctx* ctx, const v1::WriteOffOverpaymentRequest* req, v1::LedgerEntry* out) {
  Booking booking = [req](const StepContext& at, v1::Allowance& a) {
    auto e = WriteOff(a, req->amount_pence(), at.by, LondonDay(at.by.now));
    if (e.ok()) e->set_note(req->note());
    return e;
  };
  return BookToLedger(ctx, *req, roles::kWriteOff, "WriteOffOverpayment", req->name(),
                      std::move(booking), out);
}

}  // namespace assure::allowances
