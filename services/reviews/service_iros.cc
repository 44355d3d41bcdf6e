// ReviewsService: IROs, their caseloads, and moving a caseload at once.
#include "absl/strings/str_cat.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/field_mask.h"
#include "services/common/listing.h"
#include "services/common/status_macros.h"
#include "services/reviews/allocation.h"
#include "services/reviews/child_facts.h"
#include "protos/assure/reviews/v1/names.h"
#include "services/reviews/roles.h"
#include "services/reviews/service.h"
#include "services/reviews/validation.h"

namespace assure::reviews {
namespace {


const std::vector<std::string> kIroMutablePaths = {"display_name", "fte_hundredths",
                                                   "chairs_lac_reviews", "chairs_cp_conferences",
                                                   "status", "contact_email", "contact_phone"};

bool Active(const v1::Iro& iro) { return iro.status() == v1::IRO_STATUS_ACTIVE; }

}  // namespace

absl::StatusOr<v1::Iro> ReviewsService::WithCaseload(Connection& db, const std::string& tenant,
                                                     v1::Iro iro) const {
  ASSURE_ASSIGN_OR_RETURN(Caseload c, ReviewsStore::CaseloadOf(db, tenant, iro.name().substr(5)));
  iro.set_lac_caseload(c.lac);
  iro.set_cp_caseload(c.cp);
  return iro;
}

ReviewsService::Reactor* ReviewsService::CreateIro(Ctx* ctx, const v1::CreateIroRequest* req,
                                                   v1::Iro* out) {
  auto who = Caller(ctx, *req, roles::kIroManagers, "CreateIro");
  if (!who.ok()) return Reply(ctx, who.status());
  FieldViolations v;
  if (!IsValidId(req->iro_id())) {
    v.Add("iro_id", "is required: the staff id, 1-64 letters, digits, '.', '_' or '-'");
  }
  CheckIro(req->iro(), "iro", v);
  CheckRequestId(req->request_id(), v);
  if (!v.empty()) return Reply(ctx, v.ToStatus());
  return Change<v1::Iro>(
      ctx, *who, *req, "CreateIro",
      [this, req, who = *who](Tx& tx) -> absl::StatusOr<v1::Iro> {
        ASSURE_ASSIGN_OR_RETURN(auto existing,
                                ReviewsStore::LoadIro(tx.db(), who.tenant, req->iro_id()));
        if (existing) return AlreadyExists(IroName(req->iro_id()));
        v1::Iro iro = req->iro();
        iro.set_name(IroName(req->iro_id()));
        iro.clear_lac_caseload();
        iro.clear_cp_caseload();
        *iro.mutable_create_time() = ToProto(clock_.Now());
        *iro.mutable_update_time() = iro.create_time();
        ASSURE_RETURN_IF_ERROR(ReviewsStore::InsertIro(tx.db(), who.tenant, req->iro_id(), iro));
        ASSURE_RETURN_IF_ERROR(PublishCaseload(tx, who.tenant, req->iro_id()));
        ASSURE_RETURN_IF_ERROR(PublishFte(tx, who.tenant, req->iro_id(), iro));
        return iro;
      },
      out);
}

ReviewsService::Reactor* ReviewsService::GetIro(Ctx* ctx, const v1::GetIroRequest* req,
                                                v1::Iro* out) {
  auto who = Caller(ctx, *req, roles::kIroReaders, "GetIro");
  if (!who.ok()) return Reply(ctx, who.status());
  auto id = ParseIroName(req->name(), "name");
  if (!id.ok()) return Reply(ctx, id.status());
  return Reply(ctx, store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(auto iro, ReviewsStore::LoadIro(db, who->tenant, *id));
    if (!iro) return NotFound(req->name());
    ASSURE_ASSIGN_OR_RETURN(*out, WithCaseload(db, who->tenant, *std::move(iro)));
    return absl::OkStatus();
  }));
}

ReviewsService::Reactor* ReviewsService::ListIros(Ctx* ctx, const v1::ListIrosRequest* req,
                                                  v1::ListIrosResponse* out) {
  auto who = Caller(ctx, *req, roles::kIroReaders, "ListIros");
  if (!who.ok()) return Reply(ctx, who.status());
  auto run = [&]() -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(int size, PageSize(req->page_size()));
    ASSURE_ASSIGN_OR_RETURN(auto terms, ParseFilter(req->filter(), {"status"}));
    ASSURE_RETURN_IF_ERROR(CheckOrderBy(req->order_by(), {"name"}));
    const std::string query = absl::StrCat(req->filter(), "|", req->order_by());
    ASSURE_ASSIGN_OR_RETURN(std::string after, DecodePageToken(req->page_token(), query));
    std::optional<int> status;
    if (auto it = terms.find("status"); it != terms.end()) {
      v1::IroStatus s;
      if (!v1::IroStatus_Parse(it->second, &s)) {
        return InvalidField("filter", "status takes IRO_STATUS_ACTIVE, IRO_STATUS_LEAVER or "
                                      "IRO_STATUS_LONG_TERM_ABSENCE");
      }
      status = s;
    }
    return store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
      ASSURE_ASSIGN_OR_RETURN(auto iros,
                              ReviewsStore::ListIros(db, who->tenant, status, after, size + 1));
      out->set_next_page_token(
          TrimPage(iros, size, query, [](const v1::Iro& i) { return i.name().substr(5); }));
      for (auto& iro : iros) {
        ASSURE_ASSIGN_OR_RETURN(*out->add_iros(), WithCaseload(db, who->tenant, std::move(iro)));
      }
      return absl::OkStatus();
    });
  };
  return Reply(ctx, run());
}

ReviewsService::Reactor* ReviewsService::UpdateIro(Ctx* ctx, const v1::UpdateIroRequest* req,
                                                   v1::Iro* out) {
  auto who = Caller(ctx, *req, roles::kIroManagers, "UpdateIro");
  if (!who.ok()) return Reply(ctx, who.status());
  auto id = ParseIroName(req->iro().name(), "iro.name");
  if (!id.ok()) return Reply(ctx, id.status());
  return Change<v1::Iro>(
      ctx, *who, *req, "UpdateIro",
      [this, req, who = *who](Tx& tx) { return UpdateIroTx(tx, who, *req); }, out);
}

absl::StatusOr<v1::Iro> ReviewsService::UpdateIroTx(Tx& tx, const Principal& who,
                                                    const v1::UpdateIroRequest& req) const {
  ASSURE_ASSIGN_OR_RETURN(std::string id, ParseIroName(req.iro().name(), "iro.name"));
  ASSURE_ASSIGN_OR_RETURN(auto found, ReviewsStore::LoadIro(tx.db(), who.tenant, id));
  if (!found) return NotFound(req.iro().name());
  v1::Iro iro = *std::move(found);
  ASSURE_RETURN_IF_ERROR(CheckEtag(req.iro().etag(), iro.etag(), iro.name()));
  const bool was_active = Active(iro);
  ASSURE_RETURN_IF_ERROR(ApplyFieldMask(req.iro(), req.update_mask(), kIroMutablePaths, &iro));
  FieldViolations v;
  CheckIro(iro, "iro", v);
  ASSURE_RETURN_IF_ERROR(v.ToStatus());
  *iro.mutable_update_time() = ToProto(clock_.Now());
  ASSURE_RETURN_IF_ERROR(ReviewsStore::UpdateIro(tx.db(), who.tenant, id, iro));
  ASSURE_RETURN_IF_ERROR(PublishFte(tx, who.tenant, id, iro));
  if (was_active != Active(iro)) {
    // A leaver's or long-absent IRO's children join the exception list at once (seed 002 C5).
    ASSURE_ASSIGN_OR_RETURN(Caseload c, ReviewsStore::CaseloadOf(tx.db(), who.tenant, id));
    const int64_t delta = (c.lac + c.cp) * (Active(iro) ? -1 : 1);
    ASSURE_RETURN_IF_ERROR(ReviewsMetrics::AddWithoutActiveIro(tx, who.tenant, delta));
  }
  return WithCaseload(tx.db(), who.tenant, std::move(iro));
}

ReviewsService::Reactor* ReviewsService::TransferCaseload(Ctx* ctx,
                                                          const v1::TransferCaseloadRequest* req,
                                                          v1::TransferCaseloadResponse* out) {
  auto who = Caller(ctx, *req, roles::kIroManagers, "TransferCaseload");
  if (!who.ok()) return Reply(ctx, who.status());
  FieldViolations v;
  if (!ParseIroName(req->name(), "name").ok()) v.Add("name", "must be iros/{iro}");
  if (!ParseIroName(req->target_iro(), "target_iro").ok()) {
    v.Add("target_iro", "is required: iros/{iro}");
  }
  if (req->name() == req->target_iro()) v.Add("target_iro", "must be another IRO");
  CheckRequestId(req->request_id(), v);
  if (!v.empty()) return Reply(ctx, v.ToStatus());
  return Change<v1::TransferCaseloadResponse>(
      ctx, *who, *req, "TransferCaseload",
      [this, req, who = *who](Tx& tx) { return TransferCaseloadTx(tx, who, *req); }, out);
}

absl::StatusOr<v1::TransferCaseloadResponse> ReviewsService::TransferCaseloadTx(
    Tx& tx, const Principal& who, const v1::TransferCaseloadRequest& req) const {
  ASSURE_ASSIGN_OR_RETURN(std::string from, ParseIroName(req.name(), "name"));
  ASSURE_ASSIGN_OR_RETURN(std::string to, ParseIroName(req.target_iro(), "target_iro"));
  ASSURE_ASSIGN_OR_RETURN(auto source, ReviewsStore::LoadIro(tx.db(), who.tenant, from));
  if (!source) return NotFound(req.name());
  ASSURE_ASSIGN_OR_RETURN(auto target, ReviewsStore::LoadIro(tx.db(), who.tenant, to));
  if (!target) return InvalidField("target_iro", absl::StrCat(req.target_iro(), " does not exist"));
  ASSURE_ASSIGN_OR_RETURN(auto ids, ReviewsStore::ChildIdsOfIro(tx.db(), who.tenant, from));
  const absl::CivilDay today = Today();
  int64_t rescued = 0;
  v1::TransferCaseloadResponse response;
  for (const std::string& id : ids) {
    ASSURE_ASSIGN_OR_RETURN(v1::Child child, MustLoadChild(tx.db(), who.tenant, id));
    AllocationFacts facts;
    facts.iro_id = to;
    facts.iro_active = Active(*target);
    facts.iro_chairs_lac = target->chairs_lac_reviews();
    facts.iro_chairs_cp = target->chairs_cp_conferences();
    facts.child_looked_after = IsLookedAfter(child);
    facts.child_in_child_protection = InChildProtection(child);
    facts.staff = CaseStaffOf(child);
    // Siblings move together, so only the hard rules are asked here.
    const AllocationDecision decision = CheckAllocation(facts, "caseload transfer");
    if (!decision.refusal.ok()) {
      return FailedRule("transfer.every_child_allocatable",
                        absl::StrCat(ChildName(id), ": ", decision.refusal.message()));
    }
    ASSURE_ASSIGN_OR_RETURN(bool was_without, WithoutActiveIro(tx.db(), who.tenant, child));
    v1::IroAllocation& a = *child.mutable_iro_allocation();
    a.Clear();
    a.set_iro(IroName(to));
    *a.mutable_allocated_date() = ToProto(today);
    a.set_override_reason(absl::StrCat("caseload transferred from ", req.name(),
                                       req.override_reason().empty() ? "" : ": ",
                                       req.override_reason()));
    a.set_allocated_by(who.subject);
    *child.mutable_update_time() = ToProto(clock_.Now());
    ASSURE_RETURN_IF_ERROR(ReviewsStore::UpdateChild(tx.db(), who.tenant, id, child));
    ASSURE_RETURN_IF_ERROR(ReviewsStore::InsertAllocation(tx.db(), who.tenant, id, a,
                                                          absl::ToUnixMicros(clock_.Now())));
    ASSURE_RETURN_IF_ERROR(Access(tx, who, "TransferCaseload", child.name()));
    rescued += was_without && NeedsIro(child) ? 1 : 0;
    response.add_moved_children(child.name());
  }
  ASSURE_RETURN_IF_ERROR(PublishCaseload(tx, who.tenant, from));
  ASSURE_RETURN_IF_ERROR(PublishCaseload(tx, who.tenant, to));
  if (rescued > 0) {
    ASSURE_RETURN_IF_ERROR(ReviewsMetrics::AddWithoutActiveIro(tx, who.tenant, -rescued));
  }
  return response;
}

}  // namespace assure::reviews
