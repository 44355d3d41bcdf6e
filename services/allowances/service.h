// The gRPC handlers of assure.allowances.v1.AllowancesService. Each handler authorises the
// caller, validates the request, then either reads (answering at once) or queues its change
// to the store's shared transaction (answering after the commit). Rules live in the pure
// files beside this one (gate, allowance_life, end_points, ledger, validation); SQL lives in
// store.cc.
#ifndef ASSURE_SERVICES_ALLOWANCES_SERVICE_H_
#define ASSURE_SERVICES_ALLOWANCES_SERVICE_H_

#include <functional>
#include <string>
#include <vector>

#include "assure/allowances/v1/allowances_service.grpc.pb.h"
#include "services/allowances/allowance_life.h"
#include "services/allowances/metrics.h"
#include "services/allowances/store.h"
#include "services/common/clock.h"
#include "services/common/outbox.h"
#include "services/common/principal.h"
#include "services/common/store/store.h"
#include "services/common/unary_call.h"

namespace assure::allowances {

class AllowancesService final : public v1::AllowancesService::CallbackService {
 public:
  static constexpr char kName[] = "assure.allowances.v1.AllowancesService";

  // Control failures for action plans go through `outbox`.
  AllowancesService(store::Store& store, const Clock& clock, AllowancesMetrics& metrics,
                    Outbox& outbox);

  using Ctx = grpc::CallbackServerContext;
  using Reactor = grpc::ServerUnaryReactor;

  Reactor* CreateSupportedChild(Ctx*, const v1::CreateSupportedChildRequest*,
                                v1::SupportedChild*) override;
  Reactor* GetSupportedChild(Ctx*, const v1::GetSupportedChildRequest*,
                             v1::SupportedChild*) override;
  Reactor* UpdateSupportedChild(Ctx*, const v1::UpdateSupportedChildRequest*,
                                v1::SupportedChild*) override;

  Reactor* CreateAllowance(Ctx*, const v1::CreateAllowanceRequest*, v1::Allowance*) override;
  Reactor* GetAllowance(Ctx*, const v1::GetAllowanceRequest*, v1::Allowance*) override;
  Reactor* ListAllowances(Ctx*, const v1::ListAllowancesRequest*,
                          v1::ListAllowancesResponse*) override;
  Reactor* RecordPaperwork(Ctx*, const v1::RecordPaperworkRequest*, v1::Allowance*) override;
  Reactor* RecordFinancialAssessment(Ctx*, const v1::RecordFinancialAssessmentRequest*,
                                     v1::Allowance*) override;
  Reactor* ApproveAllowance(Ctx*, const v1::ApproveAllowanceRequest*, v1::Allowance*) override;
  Reactor* ActivateAllowance(Ctx*, const v1::ActivateAllowanceRequest*, v1::Allowance*) override;
  Reactor* SuspendAllowance(Ctx*, const v1::SuspendAllowanceRequest*, v1::Allowance*) override;
  Reactor* RecordReview(Ctx*, const v1::RecordReviewRequest*, v1::Allowance*) override;
  Reactor* ResumeAllowance(Ctx*, const v1::ResumeAllowanceRequest*, v1::Allowance*) override;
  Reactor* CeaseAllowance(Ctx*, const v1::CeaseAllowanceRequest*, v1::Allowance*) override;

  Reactor* SchedulePayment(Ctx*, const v1::SchedulePaymentRequest*, v1::LedgerEntry*) override;
  Reactor* ListLedgerEntries(Ctx*, const v1::ListLedgerEntriesRequest*,
                             v1::ListLedgerEntriesResponse*) override;

  Reactor* IssueDeclaration(Ctx*, const v1::IssueDeclarationRequest*, v1::Declaration*) override;
  Reactor* ReturnDeclaration(Ctx*, const v1::ReturnDeclarationRequest*, v1::Declaration*) override;
  Reactor* ListDeclarations(Ctx*, const v1::ListDeclarationsRequest*,
                            v1::ListDeclarationsResponse*) override;

  Reactor* ProposeDecision(Ctx*, const v1::ProposeDecisionRequest*, v1::Decision*) override;
  Reactor* RecordRepresentation(Ctx*, const v1::RecordRepresentationRequest*,
                                v1::Decision*) override;
  Reactor* MakeDecision(Ctx*, const v1::MakeDecisionRequest*, v1::Decision*) override;
  Reactor* ListDecisions(Ctx*, const v1::ListDecisionsRequest*,
                         v1::ListDecisionsResponse*) override;
  Reactor* DecideRecovery(Ctx*, const v1::DecideRecoveryRequest*, v1::Allowance*) override;
  Reactor* RecordRecoupment(Ctx*, const v1::RecordRecoupmentRequest*, v1::LedgerEntry*) override;
  Reactor* WriteOffOverpayment(Ctx*, const v1::WriteOffOverpaymentRequest*,
                               v1::LedgerEntry*) override;

  Reactor* ListPaymentInstructions(Ctx*, const v1::ListPaymentInstructionsRequest*,
                                   v1::ListPaymentInstructionsResponse*) override;
  Reactor* ReportPayments(Ctx*, const v1::ReportPaymentsRequest*,
                          v1::ReportPaymentsResponse*) override;

  Reactor* GetAllowanceControls(Ctx*, const v1::GetAllowanceControlsRequest*,
                                v1::AllowanceControls*) override;

  Reactor* CreateRateTable(Ctx*, const v1::CreateRateTableRequest*, v1::RateTable*) override;
  Reactor* UprateRateTable(Ctx*, const v1::UprateRateTableRequest*, v1::RateTable*) override;
  Reactor* ListRateTables(Ctx*, const v1::ListRateTablesRequest*,
                          v1::ListRateTablesResponse*) override;

  Reactor* GetAllowanceSettings(Ctx*, const v1::GetAllowanceSettingsRequest*,
                                v1::AllowanceSettings*) override;
  Reactor* UpdateAllowanceSettings(Ctx*, const v1::UpdateAllowanceSettingsRequest*,
                                   v1::AllowanceSettings*) override;
  Reactor* ListAllowanceSettingsRevisions(Ctx*, const v1::ListAllowanceSettingsRevisionsRequest*,
                                          v1::ListAllowanceSettingsRevisionsResponse*) override;

  // The drift check (service_drift.cc), on the injected clock: reminders for declarations
  // not back, payment suspended 28 days after a reminder or when a young person's proof of
  // education is missing, and allowances ceased at an end point the record dates (18, a
  // course's end, the period's end, death). Each change commits
  // like a person's, by "system:drift-check". Returns how many records changed. Run by a
  // ticker; tests call it directly.
  int RunDriftCheck();

  // Every tenant's controls report counted into the board's figures, and a control that
  // starts failing sent to action plans, once for each spell of failure (service_drift.cc).
  // Each report is read on a reader, so the writer is held only to save its figures. Run by
  // its own, slower ticker (it reads every record); tests call it directly.
  void CountControls();

 private:
  using Tx = store::Tx;
  using Roles = std::vector<absl::string_view>;
  // One step of an allowance's life, on the stored allowance, with the tenant's settings
  // and the child it is paid for; `tx` for a step that books to the ledger too.
  struct StepContext {
    Tx& tx;
    const Principal& who;
    const Actor& by;
    const v1::AllowanceSettings& settings;
    const v1::SupportedChild& child;
  };
  using Step = std::function<absl::Status(const StepContext&, v1::Allowance&)>;
  // A step that books one entry to the allowance's ledger.
  using Booking =
      std::function<absl::StatusOr<v1::LedgerEntry>(const StepContext&, v1::Allowance&)>;

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
  // The tenant's allowanceSettings in force (the defaults until first saved)
  // (service_settings.cc).
  absl::StatusOr<v1::AllowanceSettings> SettingsOf(Connection& db, const std::string& tenant) const;
  // The child an allowance is paid for: DATA_LOSS if its record is gone.
  absl::StatusOr<v1::SupportedChild> ChildOf(Connection& db, const std::string& tenant,
                                             const v1::Allowance& a) const;

  // Allowances (service_allowances.cc). Every step of an allowance's life goes through
  // ChangeAllowance: the stored allowance (current: etag), the step, the figures and the
  // access record together; a step a payment control refuses is counted.
  Reactor* ChangeAllowance(Ctx* ctx, const google::protobuf::Message& request, const Roles& roles,
                           const char* method, const std::string& name, const std::string& etag,
                           Step step, v1::Allowance* out);
  // The core of ChangeAllowance inside the write: returns the allowance as saved.
  absl::StatusOr<v1::Allowance> ApplyStep(Tx& tx, const Principal& who, const std::string& id,
                                          const std::string& etag, const char* method,
                                          const Step& step) const;
  absl::StatusOr<v1::Allowance> CreateAllowanceTx(Tx& tx, const Principal& who,
                                                  const v1::CreateAllowanceRequest& req) const;
  absl::StatusOr<AllowanceQuery> QueryOf(const v1::ListAllowancesRequest& req,
                                         const std::string& query) const;
  // The ledger (service_ledger.cc): `e` appended to `a`'s ledger, and the balance kept on
  // the allowance.
  absl::Status Book(Tx& tx, const std::string& tenant, v1::Allowance& a, v1::LedgerEntry& e) const;
  // As ChangeAllowance (through ApplyStep, without an etag), for a step whose answer is the
  // entry it books.
  Reactor* BookToLedger(Ctx* ctx, const google::protobuf::Message& request, const Roles& roles,
                        const char* method, const std::string& name, Booking booking,
                        v1::LedgerEntry* out);
  // Every entry of the allowance `id`, oldest first.
  absl::StatusOr<std::vector<v1::LedgerEntry>> LedgerOf(Connection& db, const std::string& tenant,
                                                        const std::string& id) const;

  // Rate tables (service_rates.cc): a new table saved, and the weekly rate in force for `a`
  // paid for `child` on its start (0 when no table covers it).
  absl::StatusOr<v1::RateTable> SaveRateTable(Tx& tx, const Principal& who, std::string id,
                                              v1::RateTable t) const;
  absl::StatusOr<int64_t> RateOf(Connection& db, const std::string& tenant, const v1::Allowance& a,
                                 const v1::SupportedChild& child) const;

  // One payment reported by the finance system, booked in `tx` (service_payments.cc).
  absl::StatusOr<v1::LedgerEntry> BookPayment(Tx& tx, const Principal& who,
                                              const v1::PaymentReport& paid) const;

  // The drift check's two passes (service_drift.cc).
  int CheckDeclarations(absl::CivilDay today);
  int CheckPaying(absl::CivilDay today);
  absl::Status ReferFailures(Tx& tx, const std::string& tenant, const v1::AllowanceControls& report,
                             absl::CivilDay today) const;
  // Saves a change of `a` the service made itself (the drift check), with its figures.
  absl::Status SaveOwnChange(Tx& tx, const std::string& tenant, const v1::Allowance& before,
                             v1::Allowance& after) const;

  store::Store& store_;
  const Clock& clock_;
  AllowancesMetrics& metrics_;
  Outbox& outbox_;
};

}  // namespace assure::allowances

#endif  // ASSURE_SERVICES_ALLOWANCES_SERVICE_H_
