// ReviewsService: the annual report's work programme, adopted once by the IRO service's
// manager, each item sent to action plans through the outbox in the same transaction.
#include "absl/strings/str_cat.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/resource_ids.h"
#include "services/common/status_macros.h"
#include "services/common/store/access_record.h"
#include "services/reviews/roles.h"
#include "services/reviews/service.h"
#include "services/reviews/work_programme.h"

namespace assure::reviews {
namespace {

constexpr char kCreateFinding[] = "/assure.actionplans.v1.ActionPlansService/CreateFinding";

}  // namespace

ReviewsService::Reactor* ReviewsService::CreateWorkProgramme(
    Ctx* ctx, const v1::CreateWorkProgrammeRequest* req, v1::WorkProgramme* out) {
  auto who = Caller(ctx, *req, roles::kProgrammeAdopters, "CreateWorkProgramme");
  if (!who.ok()) return Reply(ctx, who.status());
  if (!IsValidId(req->work_programme_id())) {
    return Reply(ctx, InvalidField("work_programme_id",
                                   "is required: 1-64 of [A-Za-z0-9._-], "
                                   "e.g. 2026-27"));
  }
  if (auto st = ValidateWorkProgramme(req->work_programme()); !st.ok()) return Reply(ctx, st);
  return Change<v1::WorkProgramme>(
      ctx, *who, *req, "CreateWorkProgramme",
      [this, who = *who, req = *req](Tx& tx) -> absl::StatusOr<v1::WorkProgramme> {
        const std::string& id = req.work_programme_id();
        ASSURE_ASSIGN_OR_RETURN(auto existing,
                                ReviewsStore::LoadWorkProgramme(tx.db(), who.tenant, id));
        if (existing) return AlreadyExists(absl::StrCat("workProgrammes/", id));
        v1::WorkProgramme w = req.work_programme();
        w.set_name(absl::StrCat("workProgrammes/", id));
        w.set_adopted_by(who.subject);
        *w.mutable_adopt_time() = ToProto(clock_.Now());
        for (auto& item : *w.mutable_items()) {
          auto finding = ItemFinding(w, item, NewResourceId("f-"), clock_.Now());
          ASSURE_RETURN_IF_ERROR(
              outbox_.Enqueue(tx, who, kCreateFinding, finding, clock_.Now()).status());
          item.set_finding(absl::StrCat("findings/", finding.finding_id()));
        }
        ASSURE_RETURN_IF_ERROR(ReviewsStore::InsertWorkProgramme(tx.db(), who.tenant, id, w));
        ASSURE_RETURN_IF_ERROR(
            store::RecordAccess(tx.db(), who, "CreateWorkProgramme", w.name(), clock_.Now()));
        return w;
      },
      out);
}

ReviewsService::Reactor* ReviewsService::GetWorkProgramme(Ctx* ctx,
                                                          const v1::GetWorkProgrammeRequest* req,
                                                          v1::WorkProgramme* out) {
  auto who = Caller(ctx, *req, roles::kReporters, "GetWorkProgramme");
  if (!who.ok()) return Reply(ctx, who.status());
  auto id = ParseCollectionId(req->name(), "workProgrammes", "name");
  if (!id.ok()) return Reply(ctx, id.status());
  auto st = store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(auto w, ReviewsStore::LoadWorkProgramme(db, who->tenant, *id));
    if (!w) return NotFound(req->name());
    *out = *std::move(w);
    return absl::OkStatus();
  });
  return ReplyRead(ctx, *who, "GetWorkProgramme", {req->name()}, st);
}

}  // namespace assure::reviews
