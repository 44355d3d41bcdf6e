// AuditsService: an audit's life after it is assigned — started with a released tool,
// submitted with answers, grades and judgements, escalated at once when the child is judged
// not safe — and reading audits back, from the case or the auditor.
#include "absl/strings/str_cat.h"
#include "protos/assure/audits/v1/names.h"
#include "services/audits/audit_life.h"
#include "services/audits/moderation.h"
#include "services/audits/roles.h"
#include "services/audits/service.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/listing.h"
#include "services/common/status_macros.h"
#include "services/common/store/access_record.h"

namespace assure::audits {

absl::Status AuditsService::SaveAudit(Tx& tx, const std::string& tenant, const std::string& id,
                                      const v1::Audit& before, v1::Audit& after) const {
  *after.mutable_update_time() = ToProto(clock_.Now());
  ASSURE_RETURN_IF_ERROR(AuditsStore::UpdateAudit(tx.db(), tenant, id, after));
  return AuditsMetrics::AuditChanged(tx, tenant, before, after);
}

AuditsService::Reactor* AuditsService::ChangeAudit(Ctx* ctx,
                                                   const google::protobuf::Message& request,
                                                   const Roles& roles, const char* method,
                                                   const std::string& name,
                                                   const std::string& etag, AuditStep step,
                                                   v1::Audit* out) {
  auto who = Caller(ctx, request, roles, method);
  if (!who.ok()) return Reply(ctx, who.status());
  auto id = ParseAuditName(name, "name");
  if (!id.ok()) return Reply(ctx, id.status());
  return Change<v1::Audit>(
      ctx, *who, request, method,
      [this, who = *who, id = *id, etag, step = std::move(step),
       method](Tx& tx) -> absl::StatusOr<v1::Audit> {
        ASSURE_ASSIGN_OR_RETURN(auto found, AuditsStore::LoadAudit(tx.db(), who.tenant, id));
        if (!found) return NotFound(AuditName(id));
        ASSURE_RETURN_IF_ERROR(CheckEtag(etag, found->etag(), found->name()));
        v1::Audit a = *found;
        ASSURE_RETURN_IF_ERROR(step(tx, who, a));
        ASSURE_RETURN_IF_ERROR(SaveAudit(tx, who.tenant, id, *found, a));
        ASSURE_RETURN_IF_ERROR(store::RecordAccess(tx.db(), who, method, a.name(), clock_.Now()));
        return a;
      },
      out);
}

AuditsService::Reactor* AuditsService::StartAudit(Ctx* ctx, const v1::StartAuditRequest* req,
                                                  v1::Audit* out) {
  AuditStep step = [this, req](Tx& tx, const Principal& who, v1::Audit& a) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(auto version,
                            ParseToolVersionName(req->tool_version(), "tool_version"));
    ASSURE_RETURN_IF_ERROR(MayStep(a, who.subject, v1::AUDIT_STATE_ASSIGNED));
    ASSURE_ASSIGN_OR_RETURN(auto tool, AuditsStore::LoadToolVersion(tx.db(), who.tenant,
                                                                    version.tool, version.version));
    if (!tool) return NotFound(req->tool_version());
    if (tool->state() != v1::TOOL_STATE_RELEASED) {
      return FailedRule("tool.released",
                        absl::StrCat(req->tool_version(), " is a draft: release it first"));
    }
    a.set_tool_version(req->tool_version());
    a.set_state(v1::AUDIT_STATE_IN_PROGRESS);
    *a.mutable_start_time() = ToProto(clock_.Now());
    return absl::OkStatus();
  };
  return ChangeAudit(ctx, *req, roles::kAuditors, "StartAudit", req->name(), req->etag(),
                     std::move(step), out);
}

AuditsService::Reactor* AuditsService::SaveAuditProgress(Ctx* ctx,
                                                         const v1::SaveAuditProgressRequest* req,
                                                         v1::Audit* out) {
  AuditStep step = [this, req](Tx& tx, const Principal& who, v1::Audit& a) -> absl::Status {
    ASSURE_RETURN_IF_ERROR(MayStep(a, who.subject, v1::AUDIT_STATE_IN_PROGRESS));
    ASSURE_ASSIGN_OR_RETURN(auto tool, ToolOf(tx.db(), who.tenant, a));
    ASSURE_RETURN_IF_ERROR(CheckProgress(*req, tool));
    SaveProgress(*req, clock_.Now(), a);
    return absl::OkStatus();
  };
  return ChangeAudit(ctx, *req, roles::kAuditors, "SaveAuditProgress", req->name(), req->etag(),
                     std::move(step), out);
}

AuditsService::Reactor* AuditsService::SubmitAudit(Ctx* ctx, const v1::SubmitAuditRequest* req,
                                                   v1::Audit* out) {
  AuditStep step = [this, req](Tx& tx, const Principal& who, v1::Audit& a) -> absl::Status {
    ASSURE_RETURN_IF_ERROR(MayStep(a, who.subject, v1::AUDIT_STATE_IN_PROGRESS));
    ASSURE_ASSIGN_OR_RETURN(auto tool, ToolOf(tx.db(), who.tenant, a));
    ASSURE_ASSIGN_OR_RETURN(auto submission, SubmissionOf(*req, a));
    ASSURE_RETURN_IF_ERROR(CheckSubmission(submission, tool));
    ASSURE_ASSIGN_OR_RETURN(auto settings, SettingsOf(tx.db(), who.tenant));
    Submit(submission, clock_.Now(), a);
    MarkForModeration(tool, settings.moderation_sample_percent(), a);
    return TallyThemes(tx, who, a, settings.theme_referral_threshold());
  };
  return ChangeAudit(ctx, *req, roles::kAuditors, "SubmitAudit", req->name(), req->etag(),
                     std::move(step), out);
}

AuditsService::Reactor* AuditsService::RespondToEscalation(
    Ctx* ctx, const v1::RespondToEscalationRequest* req, v1::Audit* out) {
  AuditStep step = [this, req](Tx&, const Principal& who, v1::Audit& a) -> absl::Status {
    if (req->text().empty()) {
      return InvalidField("text", "is required: what the manager has done or will do");
    }
    if (!a.has_escalation()) {
      return FailedRule("audit.escalated", "the audit raised no escalation to respond to");
    }
    if (who.subject == a.auditor()) {
      return FailedRule("escalation.not_the_auditor", "the auditor cannot answer their own "
                                                      "escalation");
    }
    auto* r = a.mutable_escalation()->add_responses();
    r->set_responder(who.subject);
    r->set_role(who.HasRole(role::kSeniorManager) ? std::string(role::kSeniorManager)
                                                  : std::string(role::kTeamManager));
    r->set_text(req->text());
    *r->mutable_respond_time() = ToProto(clock_.Now());
    return absl::OkStatus();
  };
  return ChangeAudit(ctx, *req, roles::kEscalationResponders, "RespondToEscalation", req->name(),
                     req->etag(), std::move(step), out);
}

AuditsService::Reactor* AuditsService::GetAudit(Ctx* ctx, const v1::GetAuditRequest* req,
                                                v1::Audit* out) {
  auto who = Caller(ctx, *req, roles::kReaders, "GetAudit");
  if (!who.ok()) return Reply(ctx, who.status());
  auto id = ParseAuditName(req->name(), "name");
  if (!id.ok()) return Reply(ctx, id.status());
  auto st = store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(auto a, AuditsStore::LoadAudit(db, who->tenant, *id));
    if (!a) return NotFound(req->name());
    *out = *std::move(a);
    return absl::OkStatus();
  });
  if (!st.ok()) return Reply(ctx, st);
  return ReplyRead(ctx, *who, "GetAudit", {req->name()}, absl::OkStatus());
}

absl::StatusOr<AuditQuery> AuditsService::AuditQueryOf(const v1::ListAuditsRequest& req,
                                                       const std::string& query) const {
  AuditQuery q;
  ASSURE_ASSIGN_OR_RETURN(auto terms, ParseFilter(req.filter(), {"case_file", "auditor", "state",
                                                                 "selection", "escalated",
                                                                 "awaiting_moderation"}));
  ASSURE_ASSIGN_OR_RETURN(q.escalated, BoolTerm(terms, "escalated"));
  ASSURE_ASSIGN_OR_RETURN(q.awaiting_moderation, BoolTerm(terms, "awaiting_moderation"));
  const std::pair<const char*, std::optional<std::string>*> texts[] = {
      {"case_file", &q.case_file}, {"auditor", &q.auditor}, {"selection", &q.selection}};
  for (const auto& [field, slot] : texts) {
    if (auto it = terms.find(field); it != terms.end()) *slot = it->second;
  }
  if (q.case_file && !ParseCaseName(*q.case_file, "filter").ok()) {
    return InvalidField("filter", "case_file takes a case name, e.g. cases/C-1");
  }
  ASSURE_ASSIGN_OR_RETURN(q.state, EnumTerm<v1::AuditState>(terms, "state", v1::AuditState_Parse,
                                                            "AUDIT_STATE_ASSIGNED"));
  ASSURE_ASSIGN_OR_RETURN(int size, PageSize(req.page_size()));
  ASSURE_ASSIGN_OR_RETURN(std::string after, DecodePageToken(req.page_token(), query));
  if (!after.empty()) {
    ASSURE_ASSIGN_OR_RETURN(q.after_id, ParseAuditName(after, "page_token"));
  }
  q.limit = size + 1;
  return q;
}

AuditsService::Reactor* AuditsService::ListAudits(Ctx* ctx, const v1::ListAuditsRequest* req,
                                                  v1::ListAuditsResponse* out) {
  auto who = Caller(ctx, *req, roles::kReaders, "ListAudits");
  if (!who.ok()) return Reply(ctx, who.status());
  std::vector<std::string> read;
  auto run = [&]() -> absl::Status {
    const std::string& query = req->filter();
    ASSURE_ASSIGN_OR_RETURN(AuditQuery q, AuditQueryOf(*req, query));
    std::vector<v1::Audit> rows;
    ASSURE_RETURN_IF_ERROR(store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
      ASSURE_ASSIGN_OR_RETURN(rows, AuditsStore::ListAudits(db, who->tenant, q));
      return absl::OkStatus();
    }));
    *out->mutable_next_page_token() =
        TrimPage(rows, q.limit - 1, query, [](const v1::Audit& a) { return a.name(); });
    for (auto& a : rows) {
      read.push_back(a.name());
      *out->add_audits() = std::move(a);
    }
    return absl::OkStatus();
  };
  const absl::Status st = run();  // fills `read` first
  return ReplyRead(ctx, *who, "ListAudits", std::move(read), st);
}

}  // namespace assure::audits
