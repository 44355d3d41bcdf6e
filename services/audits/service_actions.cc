// AuditsService: the actions audits require, signed off by someone other than their owner;
// the audit closes itself when its last action is signed off; the due check tells the event
// feed when an action's due date comes.
#include "absl/strings/str_cat.h"
#include "protos/assure/audits/v1/names.h"
#include "services/audits/actions.h"
#include "services/audits/roles.h"
#include "services/audits/service.h"
#include "services/common/dates.h"
#include "services/common/domain_events.h"
#include "services/common/errors.h"
#include "services/common/listing.h"
#include "services/common/status_macros.h"
#include "services/common/store/access_record.h"

namespace assure::audits {
namespace {

constexpr char kDueCheckActor[] = "system:due-check";

}  // namespace

void AuditsService::Present(v1::AuditAction& a) const { a.set_overdue(IsOverdue(a, Today())); }

AuditsService::Reactor* AuditsService::CreateAuditAction(Ctx* ctx,
                                                         const v1::CreateAuditActionRequest* req,
                                                         v1::AuditAction* out) {
  auto who = Caller(ctx, *req, roles::kAuditors, "CreateAuditAction");
  if (!who.ok()) return Reply(ctx, who.status());
  auto audit = ParseAuditParent(req->parent(), "parent");
  if (!audit.ok()) return Reply(ctx, audit.status());
  if (auto st = CheckNewAction(*req, Today()); !st.ok()) return Reply(ctx, st);
  return Change<v1::AuditAction>(
      ctx, *who, *req, "CreateAuditAction",
      [this, req, who = *who, id = *audit](Tx& tx) -> absl::StatusOr<v1::AuditAction> {
        ASSURE_ASSIGN_OR_RETURN(auto found, AuditsStore::LoadAudit(tx.db(), who.tenant, id));
        if (!found) return NotFound(req->parent());
        ASSURE_RETURN_IF_ERROR(MayRaiseAction(*found, who.subject));
        ASSURE_ASSIGN_OR_RETURN(int64_t seq, AuditsStore::NextActionSeq(tx.db(), who.tenant, id));
        const absl::Time now = clock_.Now();
        v1::AuditAction a;
        a.set_name(ActionNameOf(id, seq));
        a.set_text(req->action().text());
        a.set_owner(req->action().owner());
        *a.mutable_due_date() = req->action().due_date();
        a.set_state(v1::ACTION_STATE_OPEN);
        a.set_created_by(who.subject);
        *a.mutable_create_time() = ToProto(now);
        ASSURE_RETURN_IF_ERROR(AuditsStore::InsertAction(tx.db(), who.tenant, id, seq, a));
        ASSURE_RETURN_IF_ERROR(
            AuditsMetrics::ActionOpened(tx, who.tenant, *FromProto(a.due_date()).day, +1));
        v1::Audit audit = *found;
        if (audit.state() != v1::AUDIT_STATE_ACTIONS_OPEN) {
          audit.set_state(v1::AUDIT_STATE_ACTIONS_OPEN);
          ASSURE_RETURN_IF_ERROR(SaveAudit(tx, who.tenant, id, *found, audit));
        }
        ASSURE_RETURN_IF_ERROR(
            store::RecordAccess(tx.db(), who, "CreateAuditAction", a.name(), now));
        Present(a);
        return a;
      },
      out);
}

AuditsService::Reactor* AuditsService::SignOffAuditAction(
    Ctx* ctx, const v1::SignOffAuditActionRequest* req, v1::AuditAction* out) {
  auto who = Caller(ctx, *req, roles::kSignOff, "SignOffAuditAction");
  if (!who.ok()) return Reply(ctx, who.status());
  auto name = ParseActionName(req->name(), "name");
  if (!name.ok()) return Reply(ctx, name.status());
  return Change<v1::AuditAction>(
      ctx, *who, *req, "SignOffAuditAction",
      [this, req, who = *who, name = *name](Tx& tx) -> absl::StatusOr<v1::AuditAction> {
        ASSURE_ASSIGN_OR_RETURN(
            auto a, AuditsStore::LoadAction(tx.db(), who.tenant, name.audit, name.action));
        if (!a) return NotFound(req->name());
        ASSURE_RETURN_IF_ERROR(CheckEtag(req->etag(), a->etag(), a->name()));
        ASSURE_RETURN_IF_ERROR(MaySignOff(*a, who.subject, req->evidence()));
        const absl::Time now = clock_.Now();
        a->set_state(v1::ACTION_STATE_DONE);
        a->set_signed_off_by(who.subject);
        a->set_evidence(req->evidence());
        *a->mutable_sign_off_time() = ToProto(now);
        ASSURE_RETURN_IF_ERROR(
            AuditsStore::UpdateAction(tx.db(), who.tenant, name.audit, name.action, *a));
        ASSURE_RETURN_IF_ERROR(
            AuditsMetrics::ActionOpened(tx, who.tenant, *FromProto(a->due_date()).day, -1));
        ASSURE_RETURN_IF_ERROR(CloseWhenDone(tx, who.tenant, name.audit, now));
        ASSURE_RETURN_IF_ERROR(
            store::RecordAccess(tx.db(), who, "SignOffAuditAction", a->name(), now));
        Present(*a);
        return *std::move(a);
      },
      out);
}

absl::Status AuditsService::CloseWhenDone(Tx& tx, const std::string& tenant,
                                          const std::string& audit, absl::Time now) const {
  ASSURE_ASSIGN_OR_RETURN(int64_t open, AuditsStore::OpenActions(tx.db(), tenant, audit));
  if (open > 0) return absl::OkStatus();
  ASSURE_ASSIGN_OR_RETURN(auto found, AuditsStore::LoadAudit(tx.db(), tenant, audit));
  if (!found || found->state() != v1::AUDIT_STATE_ACTIONS_OPEN) return absl::OkStatus();
  v1::Audit a = *found;
  a.set_state(v1::AUDIT_STATE_CLOSED);
  *a.mutable_close_time() = ToProto(now);
  return SaveAudit(tx, tenant, audit, *found, a);
}

AuditsService::Reactor* AuditsService::ListAuditActions(Ctx* ctx,
                                                        const v1::ListAuditActionsRequest* req,
                                                        v1::ListAuditActionsResponse* out) {
  auto who = Caller(ctx, *req, roles::kReaders, "ListAuditActions");
  if (!who.ok()) return Reply(ctx, who.status());
  std::vector<std::string> read;
  auto run = [&]() -> absl::Status {
    ActionQuery q;
    ASSURE_ASSIGN_OR_RETURN(q.audit, ParseAuditParent(req->parent(), "parent", true));
    ASSURE_ASSIGN_OR_RETURN(auto terms, ParseFilter(req->filter(), {"state", "owner", "overdue"}));
    ASSURE_ASSIGN_OR_RETURN(auto state, EnumTerm<v1::ActionState>(terms, "state",
                                                                  v1::ActionState_Parse,
                                                                  "ACTION_STATE_OPEN"));
    if (state) q.open = *state == v1::ACTION_STATE_OPEN;
    if (auto it = terms.find("owner"); it != terms.end()) q.owner = it->second;
    ASSURE_ASSIGN_OR_RETURN(auto overdue, BoolTerm(terms, "overdue"));
    if (overdue.has_value() && !*overdue) {
      return InvalidField("filter", "overdue takes only true (open actions past their due date)");
    }
    if (overdue) q.overdue_before = FormatDay(Today());
    ASSURE_ASSIGN_OR_RETURN(int size, PageSize(req->page_size()));
    const std::string query = absl::StrCat(req->parent(), "|", req->filter());
    ASSURE_ASSIGN_OR_RETURN(std::string after, DecodePageToken(req->page_token(), query));
    if (!after.empty()) {
      ASSURE_ASSIGN_OR_RETURN(auto last, ParseActionName(after, "page_token"));
      q.after_audit = last.audit;
      q.after_seq = last.action;
    }
    q.limit = size + 1;
    std::vector<v1::AuditAction> rows;
    ASSURE_RETURN_IF_ERROR(store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
      ASSURE_ASSIGN_OR_RETURN(rows, AuditsStore::ListActions(db, who->tenant, q));
      return absl::OkStatus();
    }));
    *out->mutable_next_page_token() =
        TrimPage(rows, size, query, [](const v1::AuditAction& a) { return a.name(); });
    for (auto& a : rows) {
      Present(a);
      read.push_back(a.name());
      *out->add_actions() = std::move(a);
    }
    return absl::OkStatus();
  };
  const absl::Status st = run();  // fills `read` first
  return ReplyRead(ctx, *who, "ListAuditActions", std::move(read), st);
}

int AuditsService::AnnounceActionsDue() {
  std::vector<DueAction> due;
  auto found = store_.Read(store::kAllTenants, [&](Connection& db) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(due, AuditsStore::ActionsFallenDue(db, FormatDay(Today())));
    return absl::OkStatus();
  });
  if (!found.ok()) return 0;
  int told = 0;
  for (const DueAction& d : due) {
    auto st = store_.WriteAndWait(d.tenant, [&](Tx& tx) -> absl::Status {
      // Marked in the write, so a replica whose scan raced ours finds nothing left to tell.
      ASSURE_ASSIGN_OR_RETURN(bool first, AuditsStore::MarkDueAnnounced(tx.db(), d));
      if (!first) return absl::CancelledError("told already");
      Principal check;
      check.subject = kDueCheckActor;
      check.tenant = d.tenant;
      return PublishEvent(outbox_, tx, check, {"audits.action.due", ActionNameOf(d.audit, d.seq)},
                          clock_.Now());
    });
    told += st.ok();
  }
  return told;
}

}  // namespace assure::audits
