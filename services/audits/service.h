// The gRPC handlers of assure.audits.v1.AuditsService. Each handler authorises the caller,
// validates the request, then either reads (answering at once) or queues its change to the
// store's shared transaction (answering after the commit). Rules live in the pure files
// beside this one (selection, retention, validation); SQL lives in store.cc.
#ifndef ASSURE_SERVICES_AUDITS_SERVICE_H_
#define ASSURE_SERVICES_AUDITS_SERVICE_H_

#include <functional>
#include <string>
#include <vector>

#include "assure/audits/v1/audits_service.grpc.pb.h"
#include "services/audits/metrics.h"
#include "services/audits/programme.h"
#include "services/audits/store.h"
#include "services/common/clock.h"
#include "services/common/outbox.h"
#include "services/common/principal.h"
#include "services/common/store/store.h"
#include "services/common/unary_call.h"

namespace assure::audits {

class AuditsService final : public v1::AuditsService::CallbackService {
 public:
  static constexpr char kName[] = "assure.audits.v1.AuditsService";

  // Findings for action plans go through `outbox`.
  AuditsService(store::Store& store, const Clock& clock, AuditsMetrics& metrics,
                Outbox& outbox);

  using Ctx = grpc::CallbackServerContext;
  using Reactor = grpc::ServerUnaryReactor;

  Reactor* BatchUpsertCases(Ctx*, const v1::BatchUpsertCasesRequest*,
                            v1::BatchUpsertCasesResponse*) override;
  Reactor* GetCase(Ctx*, const v1::GetCaseRequest*, v1::Case*) override;
  Reactor* ListCases(Ctx*, const v1::ListCasesRequest*, v1::ListCasesResponse*) override;

  Reactor* CreateAuditFramework(Ctx*, const v1::CreateAuditFrameworkRequest*,
                                v1::AuditFramework*) override;
  Reactor* GetAuditFramework(Ctx*, const v1::GetAuditFrameworkRequest*,
                             v1::AuditFramework*) override;
  Reactor* ListAuditFrameworks(Ctx*, const v1::ListAuditFrameworksRequest*,
                               v1::ListAuditFrameworksResponse*) override;
  Reactor* GetAuditScorecard(Ctx*, const v1::GetAuditScorecardRequest*,
                             v1::AuditScorecard*) override;

  Reactor* CreateSelection(Ctx*, const v1::CreateSelectionRequest*, v1::Selection*) override;
  Reactor* RecommendFromProgramme(Ctx*, const v1::RecommendFromProgrammeRequest*,
                                  v1::Selection*) override;
  Reactor* GetThemeRegister(Ctx*, const v1::GetThemeRegisterRequest*,
                            v1::ThemeRegister*) override;
  Reactor* GetSelection(Ctx*, const v1::GetSelectionRequest*, v1::Selection*) override;
  Reactor* GetAuditReport(Ctx*, const v1::GetAuditReportRequest*, v1::AuditReport*) override;
  Reactor* CreateAuditToolVersion(Ctx*, const v1::CreateAuditToolVersionRequest*,
                                  v1::AuditToolVersion*) override;
  Reactor* GetAuditToolVersion(Ctx*, const v1::GetAuditToolVersionRequest*,
                               v1::AuditToolVersion*) override;
  Reactor* ListAuditToolVersions(Ctx*, const v1::ListAuditToolVersionsRequest*,
                                 v1::ListAuditToolVersionsResponse*) override;
  Reactor* ReleaseAuditToolVersion(Ctx*, const v1::ReleaseAuditToolVersionRequest*,
                                   v1::AuditToolVersion*) override;

  Reactor* StartAudit(Ctx*, const v1::StartAuditRequest*, v1::Audit*) override;
  Reactor* SaveAuditProgress(Ctx*, const v1::SaveAuditProgressRequest*, v1::Audit*) override;
  Reactor* SubmitAudit(Ctx*, const v1::SubmitAuditRequest*, v1::Audit*) override;
  Reactor* RespondToEscalation(Ctx*, const v1::RespondToEscalationRequest*, v1::Audit*) override;
  Reactor* ModerateAudit(Ctx*, const v1::ModerateAuditRequest*, v1::Audit*) override;
  Reactor* CloseAudit(Ctx*, const v1::CloseAuditRequest*, v1::Audit*) override;
  Reactor* CreateAuditAction(Ctx*, const v1::CreateAuditActionRequest*,
                             v1::AuditAction*) override;
  Reactor* ListAuditActions(Ctx*, const v1::ListAuditActionsRequest*,
                            v1::ListAuditActionsResponse*) override;
  Reactor* SignOffAuditAction(Ctx*, const v1::SignOffAuditActionRequest*,
                              v1::AuditAction*) override;

  Reactor* GetAuditSettings(Ctx*, const v1::GetAuditSettingsRequest*,
                            v1::AuditSettings*) override;
  Reactor* UpdateAuditSettings(Ctx*, const v1::UpdateAuditSettingsRequest*,
                               v1::AuditSettings*) override;
  Reactor* ListAuditSettingsRevisions(Ctx*, const v1::ListAuditSettingsRevisionsRequest*,
                                      v1::ListAuditSettingsRevisionsResponse*) override;

  Reactor* CreateIroObservation(Ctx*, const v1::CreateIroObservationRequest*,
                                v1::IroObservation*) override;
  Reactor* GetIroObservation(Ctx*, const v1::GetIroObservationRequest*,
                             v1::IroObservation*) override;
  Reactor* ListIroObservations(Ctx*, const v1::ListIroObservationsRequest*,
                               v1::ListIroObservationsResponse*) override;
  Reactor* GetIroObservationCoverage(Ctx*, const v1::GetIroObservationCoverageRequest*,
                                     v1::IroObservationCoverage*) override;

  Reactor* GetAudit(Ctx*, const v1::GetAuditRequest*, v1::Audit*) override;
  Reactor* ListAudits(Ctx*, const v1::ListAuditsRequest*, v1::ListAuditsResponse*) override;

  // The due check, run on a ticker by every replica (service_actions.cc): tells the event
  // feed once of each open action whose due date has come (audits.action.due). Returns how
  // many it told.
  int AnnounceActionsDue();

 private:
  using Tx = store::Tx;
  using Roles = std::vector<absl::string_view>;
  // One step of an audit's life, on the stored audit, by `who`.
  using AuditStep = std::function<absl::Status(Tx&, const Principal& who, v1::Audit&)>;

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
  // Answers a read of `resources` once their access records are durable.
  Reactor* ReplyRead(Ctx* ctx, const Principal& who, const char* method,
                     std::vector<std::string> resources, const absl::Status& status) const;
  absl::CivilDay Today() const;
  // The tenant's auditSettings in force (the defaults until first saved) (service_settings.cc).
  absl::StatusOr<v1::AuditSettings> SettingsOf(Connection& db, const std::string& tenant) const;
  // The framework ruling `month`: the latest saved effective by then, else the default
  // (service_frameworks.cc).
  absl::StatusOr<v1::AuditFramework> FrameworkFor(Connection& db, const std::string& tenant,
                                                  const google::type::Date& month) const;
  // The tool version an audit was started with (service_moderation.cc): DATA_LOSS if gone.
  absl::StatusOr<v1::AuditToolVersion> ToolOf(Connection& db, const std::string& tenant,
                                              const v1::Audit& a) const;

  // The register (service_cases.cc).
  absl::StatusOr<v1::BatchUpsertCasesResponse> UpsertCasesTx(
      Tx& tx, const Principal& who, const v1::BatchUpsertCasesRequest& req) const;
  // Selections (service_selections.cc).
  absl::StatusOr<v1::Selection> CreateSelectionTx(Tx& tx, const Principal& who,
                                                  const v1::CreateSelectionRequest& req) const;
  // The draw for `s` (its quotas resolved) over the framework's cases: across the register,
  // or tier by tier for a themed programme (then `s.tiers` are set).
  absl::StatusOr<std::vector<ProgrammeDraw>> DrawFor(Connection& db, const std::string& tenant,
                                                     const v1::AuditFramework& framework,
                                                     v1::Selection& s) const;
  // Tools (service_tools.cc).
  absl::StatusOr<v1::AuditToolVersion> CreateToolVersionTx(
      Tx& tx, const Principal& who, const v1::CreateAuditToolVersionRequest& req) const;
  // Audits (service_audits.cc). Every step of an audit's life goes through ChangeAudit:
  // the stored audit (current: etag), the step, the figures and the access record together.
  Reactor* ChangeAudit(Ctx* ctx, const google::protobuf::Message& request, const Roles& roles,
                       const char* method, const std::string& name, const std::string& etag,
                       AuditStep step, v1::Audit* out);
  // Stores `after` (stamped now) over `before`, with the figures the change moves: the one
  // way an audit is rewritten.
  absl::Status SaveAudit(Tx& tx, const std::string& tenant, const std::string& id,
                         const v1::Audit& before, v1::Audit& after) const;
  // Themes (service_themes.cc): a just-submitted audit's tags counted for its month, and
  // each area for development reaching `threshold` audits sent to action plans, once.
  absl::Status TallyThemes(Tx& tx, const Principal& who, const v1::Audit& a,
                           int threshold) const;
  // Reports (service_reports.cc): the tool versions `audits` used.
  absl::StatusOr<std::vector<v1::AuditToolVersion>> ToolsUsed(
      Connection& db, const std::string& tenant, const std::vector<v1::Audit>& audits) const;
  absl::StatusOr<AuditQuery> AuditQueryOf(const v1::ListAuditsRequest& req,
                                          const std::string& query) const;
  // Actions (service_actions.cc): the read-time overdue flag, and the audit closed in `tx`
  // once none of its actions is open.
  void Present(v1::AuditAction& a) const;
  absl::Status CloseWhenDone(Tx& tx, const std::string& tenant, const std::string& audit,
                             absl::Time now) const;

  store::Store& store_;
  const Clock& clock_;
  AuditsMetrics& metrics_;
  Outbox& outbox_;
};

}  // namespace assure::audits

#endif  // ASSURE_SERVICES_AUDITS_SERVICE_H_
