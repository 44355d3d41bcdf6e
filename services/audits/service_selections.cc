// AuditsService: the month's sample drawn by the system, and the audits it assigns. The
// draw, its audits and the cases' memory of being drawn commit together or not at all.
#include <algorithm>
#include <random>

#include "absl/strings/str_cat.h"
#include "protos/assure/audits/v1/names.h"
#include "services/audits/frameworks.h"
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
  ASSURE_ASSIGN_OR_RETURN(const v1::AuditFramework framework,
                          FrameworkFor(tx.db(), who.tenant, s.month()));
  s.set_framework(framework.name());
  for (int i = 0; i < s.auditors_size(); ++i) {
    auto* a = s.mutable_auditors(i);
    if (a->quota() != 0) continue;
    const auto quota = QuotaFor(framework, a->role(), a->team(), a->service());
    if (!quota) {
      return FailedRule("framework.no_quota",
                        absl::StrCat("no quota rule of the framework covers auditors[", i,
                                     "] (role ", a->role(), "): give a quota"));
    }
    a->set_quota(*quota);
  }
  ASSURE_ASSIGN_OR_RETURN(const auto draws, DrawFor(tx.db(), who.tenant, framework, s));
  const absl::Time now = clock_.Now();
  for (const auto& [draw, tier] : draws) {
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
    a.set_programme_tier(tier);
    a.set_team(c->team());
    a.set_service(c->service());
    *a.mutable_create_time() = ToProto(now);
    *a.mutable_update_time() = ToProto(now);
    ASSURE_ASSIGN_OR_RETURN(const std::string audit_id, ParseAuditName(a.name(), "name"));
    ASSURE_RETURN_IF_ERROR(AuditsStore::InsertAudit(tx.db(), who.tenant, audit_id, a));
    *c->mutable_last_selected_date() = ToProto(LondonDay(now));
    ASSURE_RETURN_IF_ERROR(AuditsStore::UpsertCase(tx.db(), who.tenant, draw.case_id, *c));
    s.add_audits(a.name());
  }
  s.set_selected_by(who.subject);
  *s.mutable_create_time() = ToProto(now);
  ASSURE_RETURN_IF_ERROR(AuditsStore::InsertSelection(tx.db(), who.tenant, id, s));
  ASSURE_RETURN_IF_ERROR(store::RecordAccess(tx.db(), who, "CreateSelection", s.name(), now));
  ASSURE_RETURN_IF_ERROR(AuditsMetrics::SelectionMade(tx, who.tenant, s));
  return s;
}

absl::StatusOr<std::vector<ProgrammeDraw>> AuditsService::DrawFor(
    Connection& db, const std::string& tenant, const v1::AuditFramework& framework,
    v1::Selection& s) const {
  std::vector<Quota> quotas;
  for (const auto& a : s.auditors()) quotas.push_back({a.auditor(), a.quota()});
  const absl::CivilDay first = FirstDay(s.month()), last = LastDay(s.month());
  std::vector<ProgrammeDraw> out;
  if (s.priority().empty()) {
    ASSURE_ASSIGN_OR_RETURN(auto cases, AuditsStore::OpenCases(db, tenant, first, last));
    cases.erase(std::remove_if(cases.begin(), cases.end(),
                               [&](const Candidate& c) { return !Covers(framework, c.service); }),
                cases.end());
    s.set_register_size(static_cast<int32_t>(cases.size()));
    for (Draw& d : DrawSample(cases, quotas, s.seed())) out.push_back({std::move(d), 0});
    return out;
  }
  const std::vector<int> priority(s.priority().begin(), s.priority().end());
  ASSURE_ASSIGN_OR_RETURN(const auto stored, AuditsStore::CohortCases(db, tenant, priority));
  std::vector<ProgrammeCase> cases;
  for (const auto& c : stored) {
    if (Covers(framework, c.service())) cases.push_back(ProgrammeCaseOf(c));
  }
  ProgrammeSample sample = DrawProgramme(cases, priority, quotas, s.seed(), first, last);
  s.set_register_size(static_cast<int32_t>(cases.size()));
  WriteTiers(priority, sample, s);
  return std::move(sample.draws);
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
    if (s->tiers_size() > 0) {
      ASSURE_ASSIGN_OR_RETURN(const auto audits,
                              AuditsStore::AuditsOfSelection(db, who->tenant, s->name()));
      CountTierProgress(audits, *s);
    }
    *out = *std::move(s);
    return absl::OkStatus();
  });
  if (!st.ok()) return Reply(ctx, st);
  return ReplyRead(ctx, *who, "GetSelection", {req->name()}, absl::OkStatus());
}

}  // namespace assure::audits
