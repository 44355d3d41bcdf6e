// AuditsService: the month's sample drawn by the system, and the audits it assigns. The
// draw, its audits and the cases' memory of being drawn commit together or not at all.
#include <random>

#include "absl/strings/str_cat.h"
#include "protos/assure/audits/v1/names.h"
#include "services/audits/retention.h"
#include "services/audits/roles.h"
#include "services/audits/selection.h"
#include "services/audits/service.h"
#include "services/audits/validation.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/listing.h"
#include "services/common/resource_ids.h"
#include "services/common/status_macros.h"
#include "services/common/store/access_record.h"

namespace assure::audits {
namespace {

uint64_t FreshSeed() {
  std::random_device device;
  return (uint64_t{device()} << 32) | device();
}

}  // namespace

AuditsService::Reactor* AuditsService::CreateSelection(Ctx* ctx,
                                                       const v1::CreateSelectionRequest* req,
                                                       v1::Selection* out) {
  auto who = Caller(ctx, *req, roles::kSelectors, "CreateSelection");
  if (!who.ok()) return Reply(ctx, who.status());
  if (auto st = ValidateCreateSelection(*req); !st.ok()) return Reply(ctx, st);
  return Change<v1::Selection>(
      ctx, *who, *req, "CreateSelection",
      [this, req, who = *who](Tx& tx) { return CreateSelectionTx(tx, who, *req); }, out);
}

absl::StatusOr<v1::Selection> AuditsService::CreateSelectionTx(
    Tx& tx, const Principal& who, const v1::CreateSelectionRequest& req) const {
  const std::string id = req.selection_id().empty() ? NewResourceId("s-") : req.selection_id();
  ASSURE_ASSIGN_OR_RETURN(auto existing, AuditsStore::LoadSelection(tx.db(), who.tenant, id));
  if (existing) return AlreadyExists(SelectionName(id));
  v1::Selection s = req.selection();
  s.set_name(SelectionName(id));
  if (s.seed() == 0) s.set_seed(FreshSeed());
  ASSURE_ASSIGN_OR_RETURN(
      const auto cases,
      AuditsStore::OpenCases(tx.db(), who.tenant, FirstDay(s.month()), LastDay(s.month())));
  std::vector<Quota> quotas;
  for (const auto& a : s.auditors()) quotas.push_back({a.auditor(), a.quota()});
  const absl::Time now = clock_.Now();
  for (const Draw& draw : DrawSample(cases, quotas, s.seed())) {
    ASSURE_ASSIGN_OR_RETURN(auto c, AuditsStore::LoadCase(tx.db(), who.tenant, draw.case_id));
    if (!c) return absl::InternalError(absl::StrCat("case ", draw.case_id, " left the register"));
    v1::Audit a;
    a.set_name(AuditName(NewResourceId("a-")));
    a.set_case_file(c->name());
    a.set_auditor(draw.auditor);
    a.set_type(s.type());
    a.set_state(v1::AUDIT_STATE_ASSIGNED);
    *a.mutable_month() = s.month();
    a.set_selection(s.name());
    a.set_retention_class(RetentionOf(*c));
    *a.mutable_create_time() = ToProto(now);
    *a.mutable_update_time() = ToProto(now);
    ASSURE_ASSIGN_OR_RETURN(const std::string audit_id, ParseAuditName(a.name(), "name"));
    ASSURE_RETURN_IF_ERROR(AuditsStore::InsertAudit(tx.db(), who.tenant, audit_id, a));
    *c->mutable_last_selected_date() = ToProto(LondonDay(now));
    ASSURE_RETURN_IF_ERROR(AuditsStore::UpsertCase(tx.db(), who.tenant, draw.case_id, *c));
    s.add_audits(a.name());
  }
  s.set_register_size(static_cast<int32_t>(cases.size()));
  s.set_selected_by(who.subject);
  *s.mutable_create_time() = ToProto(now);
  ASSURE_RETURN_IF_ERROR(AuditsStore::InsertSelection(tx.db(), who.tenant, id, s));
  ASSURE_RETURN_IF_ERROR(store::RecordAccess(tx.db(), who, "CreateSelection", s.name(), now));
  ASSURE_RETURN_IF_ERROR(AuditsMetrics::AuditsAssigned(tx, who.tenant, s.audits_size()));
  return s;
}

AuditsService::Reactor* AuditsService::GetSelection(Ctx* ctx, const v1::GetSelectionRequest* req,
                                                    v1::Selection* out) {
  auto who = Caller(ctx, *req, roles::kReaders, "GetSelection");
  if (!who.ok()) return Reply(ctx, who.status());
  auto id = ParseSelectionName(req->name(), "name");
  if (!id.ok()) return Reply(ctx, id.status());
  auto st = store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(auto s, AuditsStore::LoadSelection(db, who->tenant, *id));
    if (!s) return NotFound(req->name());
    *out = *std::move(s);
    return absl::OkStatus();
  });
  if (!st.ok()) return Reply(ctx, st);
  return ReplyRead(ctx, *who, "GetSelection", {req->name()}, absl::OkStatus());
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
                                                                 "selection"}));
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
