// AuditsService: the audit report over a period, from the records of its months.
#include "absl/container/btree_set.h"
#include "protos/assure/audits/v1/names.h"
#include "services/audits/report.h"
#include "services/audits/roles.h"
#include "services/audits/service.h"
#include "services/audits/validation.h"
#include "services/common/status_macros.h"

namespace assure::audits {

absl::StatusOr<std::vector<v1::AuditToolVersion>> AuditsService::ToolsUsed(
    Connection& db, const std::string& tenant, const std::vector<v1::Audit>& audits) const {
  absl::btree_set<std::string> names;
  for (const auto& a : audits) {
    if (!a.tool_version().empty()) names.insert(a.tool_version());
  }
  std::vector<v1::AuditToolVersion> out;
  for (const auto& name : names) {
    ASSURE_ASSIGN_OR_RETURN(const ToolVersionName v, ParseToolVersionName(name, "tool_version"));
    ASSURE_ASSIGN_OR_RETURN(auto tool, AuditsStore::LoadToolVersion(db, tenant, v.tool, v.version));
    if (tool) out.push_back(*std::move(tool));
  }
  return out;
}

AuditsService::Reactor* AuditsService::GetAuditReport(Ctx* ctx,
                                                      const v1::GetAuditReportRequest* req,
                                                      v1::AuditReport* out) {
  auto who = Caller(ctx, *req, roles::kReaders, "GetAuditReport");
  if (!who.ok()) return Reply(ctx, who.status());
  if (auto st = ValidateReportPeriod(*req); !st.ok()) return Reply(ctx, st);
  const auto& first = req->first_month();
  const auto& last = req->last_month();
  return Reply(ctx, store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
    ReportRecords records;
    ASSURE_ASSIGN_OR_RETURN(records.audits,
                            AuditsStore::AuditsBetweenMonths(db, who->tenant, first, last));
    ASSURE_ASSIGN_OR_RETURN(records.selections,
                            AuditsStore::SelectionsBetweenMonths(db, who->tenant, first, last));
    ASSURE_ASSIGN_OR_RETURN(records.actions,
                            AuditsStore::ActionsBetweenMonths(db, who->tenant, first, last));
    ASSURE_ASSIGN_OR_RETURN(records.tools, ToolsUsed(db, who->tenant, records.audits));
    *out = AuditReportOf(first, last, records, Today());
    return absl::OkStatus();
  }));
}

}  // namespace assure::audits
