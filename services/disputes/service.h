// The gRPC handlers of assure.disputes.v1.DisputesService. Each handler authorises the
// caller, validates the request, then either reads (answering at once) or queues its change
// to the store's shared transaction (answering after the commit). Rules live in the pure
// files beside this one (ladder, moves, summary, validation); SQL lives in store.cc.
#ifndef ASSURE_SERVICES_DISPUTES_SERVICE_H_
#define ASSURE_SERVICES_DISPUTES_SERVICE_H_

#include <functional>
#include <string>
#include <vector>

#include "assure/disputes/v1/disputes_service.grpc.pb.h"
#include "services/common/clock.h"
#include "services/common/domain_events.h"
#include "services/common/principal.h"
#include "services/common/store/store.h"
#include "services/common/unary_call.h"
#include "services/common/working_days.h"
#include "services/disputes/metrics.h"
#include "services/disputes/moves.h"
#include "services/common/outbox.h"
#include "services/disputes/store.h"
#include "services/disputes/summary.h"

namespace assure::disputes {

class DisputesService final : public v1::DisputesService::CallbackService {
 public:
  static constexpr char kName[] = "assure.disputes.v1.DisputesService";

  // Findings about the service go to action plans through `outbox`.
  DisputesService(store::Store& store, const WorkingDays& calendar, const Clock& clock,
                  DisputesMetrics& metrics, Outbox& outbox);

  using Ctx = grpc::CallbackServerContext;
  using Reactor = grpc::ServerUnaryReactor;

  Reactor* CreateDispute(Ctx*, const v1::CreateDisputeRequest*, v1::Dispute*) override;
  Reactor* GetDispute(Ctx*, const v1::GetDisputeRequest*, v1::Dispute*) override;
  Reactor* ListDisputes(Ctx*, const v1::ListDisputesRequest*, v1::ListDisputesResponse*) override;
  Reactor* EscalateDispute(Ctx*, const v1::EscalateDisputeRequest*, v1::Dispute*) override;
  Reactor* ResolveDispute(Ctx*, const v1::ResolveDisputeRequest*, v1::Dispute*) override;
  Reactor* WithdrawDispute(Ctx*, const v1::WithdrawDisputeRequest*, v1::Dispute*) override;
  Reactor* RecordCafcassOutcome(Ctx*, const v1::RecordCafcassOutcomeRequest*,
                                v1::Dispute*) override;
  Reactor* ReferDisputeToCafcass(Ctx*, const v1::ReferDisputeToCafcassRequest*,
                                 v1::Dispute*) override;

  Reactor* SummarizeDisputes(Ctx*, const v1::SummarizeDisputesRequest*,
                             v1::DisputeSummary*) override;
  Reactor* GetQualityAssuranceReport(Ctx*, const v1::GetQualityAssuranceReportRequest*,
                                     v1::QualityAssuranceReport*) override;

  Reactor* GetDisputeSettings(Ctx*, const v1::GetDisputeSettingsRequest*,
                              v1::DisputeSettings*) override;
  Reactor* UpdateDisputeSettings(Ctx*, const v1::UpdateDisputeSettingsRequest*,
                                 v1::DisputeSettings*) override;
  Reactor* ListDisputeSettingsRevisions(Ctx*, const v1::ListDisputeSettingsRevisionsRequest*,
                                        v1::ListDisputeSettingsRevisionsResponse*) override;

  // The drift check (service_drift.cc): every open dispute whose stage is past its limit is
  // marked overdue and, where the authority chose so, escalated; each change commits like a
  // person's. Returns how many disputes changed. Run by a ticker; tests call it directly.
  int RunDriftCheck();

  // Dates the formal process of every open dispute recorded before formal_due existed, and
  // counts it, once per database, whichever replica starts first.
  absl::Status SeedFormalDueOnce();

 private:
  using Tx = store::Tx;
  using Roles = std::vector<absl::string_view>;
  // A state change of one dispute, given its authority's ladder and who moves when.
  using MoveFn =
      std::function<absl::Status(v1::Dispute&, const v1::DisputeSettings&, const Move&)>;
  // What else a move does in its transaction once the dispute is saved (a finding sent).
  using AfterMove = std::function<absl::Status(Tx&, const Principal&, v1::Dispute&)>;

  // Plumbing shared by the handlers (service.cc).
  absl::StatusOr<Principal> Caller(Ctx* ctx, const google::protobuf::Message& request,
                                   const Roles& roles, const char* method) const;
  template <typename Response>
  Reactor* Change(Ctx* ctx, const Principal& who, const google::protobuf::Message& request,
                  const char* method, std::function<absl::StatusOr<Response>(Tx&)> change,
                  Response* out) {
    return WriteOnce<Response>(ctx, store_, clock_, WriteKeyOf(who, request, kName, method),
                               std::move(change), out);
  }
  // Loads the dispute `name` (current: etag), applies `move`, saves it, and publishes the
  // change to the metrics after the commit: every state change goes through here.
  Reactor* ApplyMove(Ctx* ctx, const google::protobuf::Message& request, const Roles& roles,
                     const char* method, const std::string& name,
                     const std::string& etag, MoveFn move,
                     std::string note, v1::Dispute* out, AfterMove after = nullptr);
  // Tells the event feed, in the change's transaction (services/common/domain_events.h).
  absl::Status Publish(Tx& tx, const Principal& who, const char* type,
                       const v1::Dispute& d) const;
  absl::StatusOr<v1::Dispute> SaveMove(Tx& tx, const std::string& tenant, const std::string& id,
                                       const std::string& etag, const MoveFn& move,
                                       const Move& how) const;
  absl::StatusOr<v1::DisputeSettings> SettingsOf(Connection& db, const std::string& tenant) const;
  // Every dispute of the tenant open at some time in the period.
  absl::StatusOr<std::vector<v1::Dispute>> ActiveIn(Connection& db, const std::string& tenant,
                                                    const Period& period) const;
  // Answers a read of `resources` once their access records are durable.
  Reactor* ReplyRead(Ctx* ctx, const Principal& who, const char* method,
                     std::vector<std::string> resources, const absl::Status& status) const;

  // Disputes (service_disputes.cc).
  absl::StatusOr<v1::Dispute> CreateDisputeTx(Tx& tx, const Principal& who,
                                              const v1::CreateDisputeRequest& req) const;
  absl::StatusOr<DisputeQuery> QueryOf(const v1::ListDisputesRequest& req,
                                       const std::string& query) const;
  // Sends action plans a finding when the new dispute's theme has just recurred past the
  // authority's threshold.
  absl::Status ReferRecurringTheme(Tx& tx, const Principal& who, const v1::Dispute& d,
                                   const v1::DisputeSettings& settings) const;

  store::Store& store_;
  const WorkingDays& calendar_;
  const Clock& clock_;
  DisputesMetrics& metrics_;
  Outbox& outbox_;
};

}  // namespace assure::disputes

#endif  // ASSURE_SERVICES_DISPUTES_SERVICE_H_
