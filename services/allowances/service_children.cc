// AllowancesService: the children supported, by the authority's case reference, and the
// changes of circumstance the end points read.
#include "protos/assure/allowances/v1/names.h"
#include "services/allowances/roles.h"
#include "services/allowances/service.h"
#include "services/allowances/validation.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/field_mask.h"
#include "services/common/resource_ids.h"
#include "services/common/status_macros.h"
#include "services/common/store/access_record.h"

namespace assure::allowances {

AllowancesService::Reactor* AllowancesService::CreateSupportedChild(
    Ctx* ctx, const v1::CreateSupportedChildRequest* req, v1::SupportedChild* out) {
  auto who = Caller(ctx, *req, roles::kPreparers, "CreateSupportedChild");
  if (!who.ok()) return Reply(ctx, who.status());
  if (!IsValidId(req->child_id())) {
    return Reply(ctx, InvalidField("child_id",
                                   "must be the case reference: 1-64 of "
                                   "[A-Za-z0-9._-]"));
  }
  if (auto st = ValidateChild(req->child(), Today()); !st.ok()) return Reply(ctx, st);
  return Change<v1::SupportedChild>(
      ctx, *who, *req, "CreateSupportedChild",
      [this, who = *who, req = *req](Tx& tx) -> absl::StatusOr<v1::SupportedChild> {
        const std::string& id = req.child_id();
        ASSURE_ASSIGN_OR_RETURN(auto found, AllowancesStore::LoadChild(tx.db(), who.tenant, id));
        if (found) return AlreadyExists(SupportedChildName(id));
        v1::SupportedChild c = req.child();
        c.set_name(SupportedChildName(id));
        c.clear_etag();
        *c.mutable_create_time() = ToProto(clock_.Now());
        *c.mutable_update_time() = c.create_time();
        ASSURE_RETURN_IF_ERROR(AllowancesStore::SaveChild(tx.db(), who.tenant, id, c));
        ASSURE_RETURN_IF_ERROR(
            store::RecordAccess(tx.db(), who, "CreateSupportedChild", c.name(), clock_.Now()));
        return c;
      },
      out);
}

AllowancesService::Reactor* AllowancesService::GetSupportedChild(
    Ctx* ctx, const v1::GetSupportedChildRequest* req, v1::SupportedChild* out) {
  auto who = Caller(ctx, *req, roles::kReaders, "GetSupportedChild");
  if (!who.ok()) return Reply(ctx, who.status());
  auto id = ParseSupportedChildName(req->name(), "name");
  if (!id.ok()) return Reply(ctx, id.status());
  auto st = store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(auto c, AllowancesStore::LoadChild(db, who->tenant, *id));
    if (!c) return NotFound(req->name());
    *out = *std::move(c);
    return absl::OkStatus();
  });
  return ReplyRead(ctx, *who, "GetSupportedChild", {req->name()}, st);
}

AllowancesService::Reactor* AllowancesService::UpdateSupportedChild(
    Ctx* ctx, const v1::UpdateSupportedChildRequest* req, v1::SupportedChild* out) {
  auto who = Caller(ctx, *req, roles::kPreparers, "UpdateSupportedChild");
  if (!who.ok()) return Reply(ctx, who.status());
  auto id = ParseSupportedChildName(req->child().name(), "child.name");
  if (!id.ok()) return Reply(ctx, id.status());
  return Change<v1::SupportedChild>(
      ctx, *who, *req, "UpdateSupportedChild",
      [this, who = *who, req = *req, id = *id](Tx& tx) -> absl::StatusOr<v1::SupportedChild> {
        ASSURE_ASSIGN_OR_RETURN(auto found, AllowancesStore::LoadChild(tx.db(), who.tenant, id));
        if (!found) return NotFound(req.child().name());
        ASSURE_RETURN_IF_ERROR(CheckEtag(req.child().etag(), found->etag(), found->name()));
        v1::SupportedChild c = *found;
        ASSURE_RETURN_IF_ERROR(ApplyFieldMask(
            req.child(), req.update_mask(),
            {"display_name", "birth_date", "order_type", "order_date", "looked_after_before_order",
             "education", "course_end_date", "lives_with_carers", "carers", "carers_area",
             "own_benefit", "death_date", "education_evidence_date"},
            &c));
        ASSURE_RETURN_IF_ERROR(ValidateChild(c, LondonDay(clock_.Now())));
        *c.mutable_update_time() = ToProto(clock_.Now());
        ASSURE_RETURN_IF_ERROR(AllowancesStore::SaveChild(tx.db(), who.tenant, id, c));
        ASSURE_RETURN_IF_ERROR(
            store::RecordAccess(tx.db(), who, "UpdateSupportedChild", c.name(), clock_.Now()));
        return c;
      },
      out);
}

}  // namespace assure::allowances
