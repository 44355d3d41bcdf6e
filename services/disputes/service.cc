#include "services/disputes/service.h"

#include "absl/strings/str_cat.h"
#include "services/common/admission.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/status_macros.h"
#include "services/common/store/access_record.h"
#include "services/common/store/settings_revisions.h"
#include "services/disputes/ladder.h"
#include "protos/assure/disputes/v1/names.h"

namespace assure::disputes {
namespace {

// The feed's name for each move of a dispute.
const char* DisputeEventOf(absl::string_view method) {
  if (method == "EscalateDispute") return "disputes.dispute.escalated";
  if (method == "ResolveDispute") return "disputes.dispute.resolved";
  if (method == "WithdrawDispute") return "disputes.dispute.withdrawn";
  if (method == "ReferDisputeToCafcass") return "disputes.dispute.referred_to_cafcass";
  return "disputes.dispute.cafcass_outcome_recorded";
}

}  // namespace

DisputesService::DisputesService(store::Store& store, const WorkingDays& calendar,
                                 const Clock& clock, DisputesMetrics& metrics, Outbox& outbox)
    : store_(store), calendar_(calendar), clock_(clock), metrics_(metrics), outbox_(outbox) {}

absl::StatusOr<Principal> DisputesService::Caller(Ctx* ctx, const google::protobuf::Message& request,
                                                    const Roles& roles, const char* method) const {
  auto who = AdmitCall(*ctx, request, roles, method);
  if (who.ok()) metrics_.TenantSeen(who->tenant);
  return who;
}

DisputesService::Reactor* DisputesService::ApplyMove(Ctx* ctx,
                                                     const google::protobuf::Message& request,
                                                     const Roles& roles, const char* method,
                                                     const std::string& name,
                                                     const std::string& etag, MoveFn move,
                                                     std::string note, v1::Dispute* out,
                                                     AfterMove after) {
  auto who = Caller(ctx, request, roles, method);
  if (!who.ok()) return Reply(ctx, who.status());
  auto id = ParseDisputeName(name, "name");
  if (!id.ok()) return Reply(ctx, id.status());
  return Change<v1::Dispute>(
      ctx, *who, request, method,
      [this, who = *who, id = *id, etag, move = std::move(move), note = std::move(note), method,
       after = std::move(after)](Tx& tx) -> absl::StatusOr<v1::Dispute> {
        ASSURE_ASSIGN_OR_RETURN(
            auto d, SaveMove(tx, who.tenant, id, etag, move, {who.subject, clock_.Now(), note}));
        if (after) ASSURE_RETURN_IF_ERROR(after(tx, who, d));
        ASSURE_RETURN_IF_ERROR(store::RecordAccess(tx.db(), who, method, d.name(), clock_.Now()));
        ASSURE_RETURN_IF_ERROR(Publish(tx, who, DisputeEventOf(method), d));
        return d;
      },
      out);
}

absl::Status DisputesService::Publish(Tx& tx, const Principal& who, const char* type,
                                      const v1::Dispute& d) const {
  return PublishEvent(outbox_, tx, who, {type, d.name(), d.child()}, clock_.Now());
}

absl::StatusOr<v1::Dispute> DisputesService::SaveMove(Tx& tx, const std::string& tenant,
                                                      const std::string& id,
                                                      const std::string& etag,
                                                      const MoveFn& move,
                                                      const Move& how) const {
  ASSURE_ASSIGN_OR_RETURN(auto found, DisputesStore::Load(tx.db(), tenant, id));
  if (!found) return NotFound(DisputeName(id));
  ASSURE_RETURN_IF_ERROR(CheckEtag(etag, found->etag(), found->name()));
  ASSURE_ASSIGN_OR_RETURN(auto settings, SettingsOf(tx.db(), tenant));
  v1::Dispute d = *found;
  ASSURE_RETURN_IF_ERROR(move(d, settings, how));
  *d.mutable_update_time() = ToProto(how.time);
  ASSURE_RETURN_IF_ERROR(DisputesStore::Update(tx.db(), tenant, id, d));
  ASSURE_RETURN_IF_ERROR(metrics_.Changed(tx, tenant, &*found, d));
  Present(d, calendar_, how.time);
  return d;
}

absl::StatusOr<v1::DisputeSettings> DisputesService::SettingsOf(Connection& db,
                                                                const std::string& tenant) const {
  ASSURE_ASSIGN_OR_RETURN(auto saved,
                          store::LatestSettings<v1::DisputeSettings>(db, tenant, kSettingsName));
  if (saved) return *std::move(saved);
  v1::DisputeSettings defaults = DefaultSettings();
  defaults.set_etag("0");
  return defaults;
}

absl::StatusOr<std::vector<v1::Dispute>> DisputesService::ActiveIn(Connection& db,
                                                                   const std::string& tenant,
                                                                   const Period& period) const {
  DisputeQuery q;
  q.active_from = period.start;
  q.active_to = period.end;
  q.limit = 1 << 30;
  return DisputesStore::List(db, tenant, q);
}

DisputesService::Reactor* DisputesService::ReplyRead(Ctx* ctx, const Principal& who, const char* method,
                                     std::vector<std::string> resources,
                                     const absl::Status& status) const {
  return ReplyRecorded(ctx, store_, who, method, std::move(resources), clock_.Now(), status);
}

}  // namespace assure::disputes
