// AuditsService: moderation of submitted audits, and closing an audit that needs no more.
#include "absl/strings/str_cat.h"
#include "protos/assure/audits/v1/names.h"
#include "services/audits/actions.h"
#include "services/audits/moderation.h"
#include "services/audits/roles.h"
#include "services/audits/service.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/status_macros.h"

namespace assure::audits {

absl::StatusOr<v1::AuditToolVersion> AuditsService::ToolOf(Connection& db,
                                                           const std::string& tenant,
                                                           const v1::Audit& a) const {
  ASSURE_ASSIGN_OR_RETURN(auto name, ParseToolVersionName(a.tool_version(), "tool_version"));
  ASSURE_ASSIGN_OR_RETURN(auto tool,
                          AuditsStore::LoadToolVersion(db, tenant, name.tool, name.version));
  if (!tool) return absl::DataLossError(absl::StrCat(a.tool_version(), " is missing"));
  return *std::move(tool);
}

AuditsService::Reactor* AuditsService::ModerateAudit(Ctx* ctx,
                                                     const v1::ModerateAuditRequest* req,
                                                     v1::Audit* out) {
  AuditStep step = [this, req](Tx& tx, const Principal& who, v1::Audit& a) -> absl::Status {
    ASSURE_RETURN_IF_ERROR(MayModerate(a, who.subject));
    ASSURE_ASSIGN_OR_RETURN(auto tool, ToolOf(tx.db(), who.tenant, a));
    ASSURE_RETURN_IF_ERROR(CheckModeration(*req, a, tool));
    Moderate(*req, who.subject, clock_.Now(), a);
    return absl::OkStatus();
  };
  return ChangeAudit(ctx, *req, roles::kModerators, "ModerateAudit", req->name(), req->etag(),
                     std::move(step), out);
}

AuditsService::Reactor* AuditsService::CloseAudit(Ctx* ctx, const v1::CloseAuditRequest* req,
                                                  v1::Audit* out) {
  AuditStep step = [this](Tx& tx, const Principal& who, v1::Audit& a) -> absl::Status {
    if (who.subject != a.auditor() && who.subject != a.moderation().moderator() &&
        !who.HasAnyRole(roles::kModerators)) {
      return FailedRule("audit.auditor_or_moderator", "the auditor, the moderator or a manager "
                                                      "closes an audit");
    }
    ASSURE_ASSIGN_OR_RETURN(auto id, ParseAuditName(a.name(), "name"));
    ASSURE_ASSIGN_OR_RETURN(int64_t open, AuditsStore::OpenActions(tx.db(), who.tenant, id));
    ASSURE_RETURN_IF_ERROR(MayClose(a, open));
    a.set_state(v1::AUDIT_STATE_CLOSED);
    *a.mutable_close_time() = ToProto(clock_.Now());
    return absl::OkStatus();
  };
  return ChangeAudit(ctx, *req, roles::kAuditors, "CloseAudit", req->name(), req->etag(),
                     std::move(step), out);
}

}  // namespace assure::audits
