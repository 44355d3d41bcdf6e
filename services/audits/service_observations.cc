// AuditsService: IROs observed chairing, and the roster's IROs not yet observed in the
// reporting year.
#include "absl/strings/str_cat.h"
#include "protos/assure/audits/v1/names.h"
#include "protos/assure/reviews/v1/names.h"
#include "services/audits/observations.h"
#include "services/audits/roles.h"
#include "services/audits/service.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/listing.h"
#include "services/common/resource_ids.h"
#include "services/common/status_macros.h"
#include "services/common/store/access_record.h"

namespace assure::audits {

AuditsService::Reactor* AuditsService::CreateIroObservation(
    Ctx* ctx, const v1::CreateIroObservationRequest* req, v1::IroObservation* out) {
  auto who = Caller(ctx, *req, roles::kObservers, "CreateIroObservation");
  if (!who.ok()) return Reply(ctx, who.status());
  if (auto st = CheckObservation(*req, Today()); !st.ok()) return Reply(ctx, st);
  if (auto st = MayObserve(req->observation(), who->subject); !st.ok()) return Reply(ctx, st);
  return Change<v1::IroObservation>(
      ctx, *who, *req, "CreateIroObservation",
      [this, req, who = *who](Tx& tx) -> absl::StatusOr<v1::IroObservation> {
        const std::string id =
            req->observation_id().empty() ? NewResourceId("o-") : req->observation_id();
        ASSURE_ASSIGN_OR_RETURN(auto existing,
                                AuditsStore::LoadObservation(tx.db(), who.tenant, id));
        if (existing) return AlreadyExists(ObservationName(id));
        v1::IroObservation o = req->observation();
        o.set_name(ObservationName(id));
        o.set_observer(who.subject);
        *o.mutable_create_time() = ToProto(clock_.Now());
        ASSURE_RETURN_IF_ERROR(AuditsStore::InsertObservation(tx.db(), who.tenant, id, o));
        ASSURE_RETURN_IF_ERROR(
            store::RecordAccess(tx.db(), who, "CreateIroObservation", o.name(), clock_.Now()));
        return o;
      },
      out);
}

AuditsService::Reactor* AuditsService::GetIroObservation(
    Ctx* ctx, const v1::GetIroObservationRequest* req, v1::IroObservation* out) {
  auto who = Caller(ctx, *req, roles::kReaders, "GetIroObservation");
  if (!who.ok()) return Reply(ctx, who.status());
  auto id = ParseObservationName(req->name(), "name");
  if (!id.ok()) return Reply(ctx, id.status());
  auto st = store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(auto o, AuditsStore::LoadObservation(db, who->tenant, *id));
    if (!o) return NotFound(req->name());
    *out = *std::move(o);
    return absl::OkStatus();
  });
  if (!st.ok()) return Reply(ctx, st);
  return ReplyRead(ctx, *who, "GetIroObservation", {req->name()}, absl::OkStatus());
}

AuditsService::Reactor* AuditsService::ListIroObservations(
    Ctx* ctx, const v1::ListIroObservationsRequest* req, v1::ListIroObservationsResponse* out) {
  auto who = Caller(ctx, *req, roles::kReaders, "ListIroObservations");
  if (!who.ok()) return Reply(ctx, who.status());
  std::vector<std::string> read;
  auto run = [&]() -> absl::Status {
    ObservationQuery q;
    ASSURE_ASSIGN_OR_RETURN(auto terms, ParseFilter(req->filter(), {"iro"}));
    if (auto it = terms.find("iro"); it != terms.end()) {
      if (!reviews::ParseIroName(it->second, "filter").ok()) {
        return InvalidField("filter", "iro takes an IRO's name, e.g. iros/iro-1");
      }
      q.iro = it->second;
    }
    ASSURE_ASSIGN_OR_RETURN(int size, PageSize(req->page_size()));
    ASSURE_ASSIGN_OR_RETURN(std::string after, DecodePageToken(req->page_token(), req->filter()));
    if (!after.empty()) {
      ASSURE_ASSIGN_OR_RETURN(q.after_id, ParseObservationName(after, "page_token"));
    }
    q.limit = size + 1;
    std::vector<v1::IroObservation> rows;
    ASSURE_RETURN_IF_ERROR(store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
      ASSURE_ASSIGN_OR_RETURN(rows, AuditsStore::ListObservations(db, who->tenant, q));
      return absl::OkStatus();
    }));
    *out->mutable_next_page_token() =
        TrimPage(rows, size, req->filter(), [](const v1::IroObservation& o) { return o.name(); });
    for (auto& o : rows) {
      read.push_back(o.name());
      *out->add_observations() = std::move(o);
    }
    return absl::OkStatus();
  };
  const absl::Status st = run();  // fills `read` first
  return ReplyRead(ctx, *who, "ListIroObservations", std::move(read), st);
}

AuditsService::Reactor* AuditsService::GetIroObservationCoverage(
    Ctx* ctx, const v1::GetIroObservationCoverageRequest* req, v1::IroObservationCoverage* out) {
  auto who = Caller(ctx, *req, roles::kReaders, "GetIroObservationCoverage");
  if (!who.ok()) return Reply(ctx, who.status());
  if (req->year() != 0 && (req->year() < 2000 || req->year() > 2100)) {
    return Reply(ctx, InvalidField("year", "must be 2000 to 2100, or 0 for this year"));
  }
  const ReportingYear year =
      req->year() == 0 ? ReportingYearOf(Today()) : ReportingYearStarting(req->year());
  return Reply(ctx, store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(const v1::AuditSettings settings, SettingsOf(db, who->tenant));
    ASSURE_ASSIGN_OR_RETURN(
        const auto observations,
        AuditsStore::ObservationsBetween(db, who->tenant, year.first, year.last));
    const std::vector<std::string> roster(settings.observed_iros().begin(),
                                          settings.observed_iros().end());
    *out = Coverage(year, roster, observations);
    return absl::OkStatus();
  }));
}

}  // namespace assure::audits
