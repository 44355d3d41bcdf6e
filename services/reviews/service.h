// The gRPC handlers of assure.reviews.v1.ReviewsService. Each handler authorises the caller,
// validates the request, then either reads (answering at once) or queues its change to the
// store's shared transaction (answering after the commit). Rules live in the pure files
// beside this one; SQL lives in store.cc.
#ifndef ASSURE_SERVICES_REVIEWS_SERVICE_H_
#define ASSURE_SERVICES_REVIEWS_SERVICE_H_

#include <string>
#include <vector>

#include "assure/disputes/v1/resources.pb.h"
#include "assure/reviews/v1/reviews_service.grpc.pb.h"
#include "services/common/clock.h"
#include "services/common/domain_events.h"
#include "services/common/errors.h"
#include "services/common/listing.h"
#include "services/common/outbox.h"
#include "services/common/principal.h"
#include "services/common/routes.h"
#include "services/common/store/store.h"
#include "services/common/unary_call.h"
#include "services/common/working_days.h"
#include "services/reviews/metrics.h"
#include "protos/assure/reviews/v1/names.h"
#include "services/reviews/settings.h"
#include "services/reviews/store.h"

namespace assure::reviews {

class ReviewsService final : public v1::ReviewsService::CallbackService {
 public:
  static constexpr char kName[] = "assure.reviews.v1.ReviewsService";

  // `outbox` carries the calls this service makes to others (a challenge opens a dispute);
  // `routes` lead to the services the annual report asks (disputes, audits).
  // Each authority's settings are its reviewSettings resource, read with the data they rule.
  ReviewsService(store::Store& store, const WorkingDays& calendar, const Clock& clock,
                 ReviewsMetrics& metrics, Outbox& outbox, const Routes& routes);

  using Ctx = grpc::CallbackServerContext;
  using Reactor = grpc::ServerUnaryReactor;

  Reactor* CreateChild(Ctx*, const v1::CreateChildRequest*, v1::Child*) override;
  Reactor* GetChild(Ctx*, const v1::GetChildRequest*, v1::Child*) override;
  Reactor* ListChildren(Ctx*, const v1::ListChildrenRequest*, v1::ListChildrenResponse*) override;
  Reactor* UpdateChild(Ctx*, const v1::UpdateChildRequest*, v1::Child*) override;
  Reactor* AllocateIro(Ctx*, const v1::AllocateIroRequest*, v1::Child*) override;
  Reactor* GetReviewSchedule(Ctx*, const v1::GetReviewScheduleRequest*,
                             v1::ReviewSchedule*) override;
  Reactor* ListAccessRecords(Ctx*, const v1::ListAccessRecordsRequest*,
                             v1::ListAccessRecordsResponse*) override;

  Reactor* CreateIro(Ctx*, const v1::CreateIroRequest*, v1::Iro*) override;
  Reactor* GetIro(Ctx*, const v1::GetIroRequest*, v1::Iro*) override;
  Reactor* ListIros(Ctx*, const v1::ListIrosRequest*, v1::ListIrosResponse*) override;
  Reactor* UpdateIro(Ctx*, const v1::UpdateIroRequest*, v1::Iro*) override;
  Reactor* TransferCaseload(Ctx*, const v1::TransferCaseloadRequest*,
                            v1::TransferCaseloadResponse*) override;

  Reactor* CreateReview(Ctx*, const v1::CreateReviewRequest*, v1::Review*) override;
  Reactor* GetReview(Ctx*, const v1::GetReviewRequest*, v1::Review*) override;
  Reactor* ListReviews(Ctx*, const v1::ListReviewsRequest*, v1::ListReviewsResponse*) override;
  Reactor* ListUnscheduledMeetings(Ctx*, const v1::ListUnscheduledMeetingsRequest*,
                                   v1::ListUnscheduledMeetingsResponse*) override;
  Reactor* UpdateReview(Ctx*, const v1::UpdateReviewRequest*, v1::Review*) override;
  Reactor* RecordReview(Ctx*, const v1::RecordReviewRequest*, v1::Review*) override;
  Reactor* CancelReview(Ctx*, const v1::CancelReviewRequest*, v1::Review*) override;
  Reactor* ApproveReport(Ctx*, const v1::ApproveReportRequest*, v1::Review*) override;

  Reactor* CreateDecision(Ctx*, const v1::CreateDecisionRequest*, v1::Decision*) override;
  Reactor* GetDecision(Ctx*, const v1::GetDecisionRequest*, v1::Decision*) override;
  Reactor* ListDecisions(Ctx*, const v1::ListDecisionsRequest*,
                         v1::ListDecisionsResponse*) override;
  Reactor* RecordDecisionCheck(Ctx*, const v1::RecordDecisionCheckRequest*,
                               v1::Decision*) override;
  Reactor* CompleteDecision(Ctx*, const v1::CompleteDecisionRequest*, v1::Decision*) override;

  Reactor* GetReviewSettings(Ctx*, const v1::GetReviewSettingsRequest*,
                             v1::ReviewSettings*) override;
  Reactor* UpdateReviewSettings(Ctx*, const v1::UpdateReviewSettingsRequest*,
                                v1::ReviewSettings*) override;
  Reactor* ListReviewSettingsRevisions(Ctx*, const v1::ListReviewSettingsRevisionsRequest*,
                                       v1::ListReviewSettingsRevisionsResponse*) override;

  Reactor* CreateNotification(Ctx*, const v1::CreateNotificationRequest*,
                              v1::Notification*) override;
  Reactor* ListNotifications(Ctx*, const v1::ListNotificationsRequest*,
                             v1::ListNotificationsResponse*) override;
  Reactor* AcknowledgeNotification(Ctx*, const v1::AcknowledgeNotificationRequest*,
                                   v1::Notification*) override;

  Reactor* CreateReferral(Ctx*, const v1::CreateReferralRequest*, v1::Referral*) override;
  Reactor* GetReferral(Ctx*, const v1::GetReferralRequest*, v1::Referral*) override;
  Reactor* ListReferrals(Ctx*, const v1::ListReferralsRequest*,
                         v1::ListReferralsResponse*) override;
  Reactor* AcceptReferral(Ctx*, const v1::AcceptReferralRequest*, v1::Referral*) override;
  Reactor* DeclineReferral(Ctx*, const v1::DeclineReferralRequest*, v1::Referral*) override;
  Reactor* AllocateAdvocate(Ctx*, const v1::AllocateAdvocateRequest*, v1::Referral*) override;
  Reactor* CloseReferral(Ctx*, const v1::CloseReferralRequest*, v1::Referral*) override;
  Reactor* CreateChildViews(Ctx*, const v1::CreateChildViewsRequest*, v1::ChildViews*) override;
  Reactor* ListChildViews(Ctx*, const v1::ListChildViewsRequest*,
                          v1::ListChildViewsResponse*) override;
  Reactor* RaiseConcern(Ctx*, const v1::RaiseConcernRequest*, v1::Concern*) override;
  Reactor* ListConcerns(Ctx*, const v1::ListConcernsRequest*, v1::ListConcernsResponse*) override;
  Reactor* AcknowledgeConcern(Ctx*, const v1::AcknowledgeConcernRequest*, v1::Concern*) override;
  Reactor* AnswerConcern(Ctx*, const v1::AnswerConcernRequest*, v1::Concern*) override;
  Reactor* ChallengeConcern(Ctx*, const v1::ChallengeConcernRequest*, v1::Concern*) override;
  Reactor* GetAdvocacyView(Ctx*, const v1::GetAdvocacyViewRequest*, v1::AdvocacyView*) override;
  Reactor* GetReferralReport(Ctx*, const v1::GetReferralReportRequest*,
                             v1::ReferralReport*) override;

  Reactor* GetAnnualReport(Ctx*, const v1::GetAnnualReportRequest*, v1::AnnualReport*) override;
  Reactor* CreateWorkProgramme(Ctx*, const v1::CreateWorkProgrammeRequest*,
                               v1::WorkProgramme*) override;
  Reactor* GetWorkProgramme(Ctx*, const v1::GetWorkProgrammeRequest*, v1::WorkProgramme*) override;

  // The deadline check (service_starred.cc): each starred recommendation still open after its
  // deadline enters the problem resolution log, once, whichever replica finds it. Returns how
  // many it sent.
  int RunStarredCheck();

  // Counts the worklist (next meetings and their figures) and the plans in force of a
  // database created before them, once, whichever replica starts first.
  absl::Status SeedWorklistOnce();
  Reactor* ExportSafeguardingDataset(Ctx*, const v1::ExportSafeguardingDatasetRequest*,
                                     v1::ExportSafeguardingDatasetResponse*) override;

 private:
  using Tx = store::Tx;
  using Roles = std::vector<absl::string_view>;

  // Plumbing shared by the handlers (service.cc).
  absl::StatusOr<Principal> Caller(Ctx* ctx, const google::protobuf::Message& request,
                                   const Roles& roles, const char* method) const;
  absl::CivilDay Today() const;
  // The tenant's reviewSettings in force (the defaults until first saved), and what the
  // rules read of them (service_settings.cc).
  absl::StatusOr<v1::ReviewSettings> ReviewSettingsOf(Connection& db,
                                                      const std::string& tenant) const;
  absl::StatusOr<Settings> SettingsFor(Connection& db, const std::string& tenant) const;
  template <typename Response>
  Reactor* Change(Ctx* ctx, const Principal& who, const google::protobuf::Message& request,
                  const char* method, std::function<absl::StatusOr<Response>(Tx&)> change,
                  Response* out) {
    return WriteOnce<Response>(ctx, store_, clock_, WriteKeyOf(who, request, kName, method),
                               std::move(change), out);
  }
  absl::Status Access(Tx& tx, const Principal& who, const char* method,
                      const std::string& resource) const;
  // Tells the event feed, in the change's transaction (services/common/domain_events.h).
  absl::Status Publish(Tx& tx, const Principal& who, DomainEvent event) const;
  absl::Status Publish(Tx& tx, const Principal& who, const char* type,
                       const v1::Review& review) const;
  // Answers a read of `resources` once their access records are durable.
  Reactor* ReplyRead(Ctx* ctx, const Principal& who, const char* method,
                     std::vector<std::string> resources, const absl::Status& status) const;

  // Shared steps (service.cc).
  absl::StatusOr<v1::Child> MustLoadChild(Connection& db, const std::string& tenant,
                                          const std::string& id) const;
  absl::StatusOr<v1::Review> MustLoadReview(Connection& db, const std::string& tenant,
                                            const std::string& child, int64_t seq) const;
  absl::StatusOr<v1::Decision> MustLoadDecision(Connection& db, const std::string& tenant,
                                                const std::string& child, int64_t review,
                                                int64_t seq) const;
  // The IRO named to chair one of `child`'s meetings exists and is independent of the case
  // (reg 46); `field` names it in errors.
  absl::Status CheckMeetingIro(Connection& db, const std::string& tenant, const v1::Child& child,
                               const std::string& iro, const char* field) const;
  absl::StatusOr<bool> WithoutActiveIro(Connection& db, const std::string& tenant,
                                        const v1::Child& child) const;
  // Puts the caseload of `iro` on the board, in the transaction holding the change.
  absl::Status PublishCaseload(Tx& tx, const std::string& tenant, const std::string& iro) const;
  // The IRO's FTE figure follows the saved IRO, in the same transaction.
  absl::Status PublishFte(Tx& tx, const std::string& tenant, const std::string& id,
                  const v1::Iro& iro) const;
  // The worklist (service_worklist.cc). Every write of a meeting goes through SaveReview,
  // which keeps the scheduled and overdue figures with it; every write that changes a
  // child's history or meetings ends with RefreshSchedule: scheduled meetings take their due
  // date from the history, and the child's next meetings (scheduled or not) are kept.
  absl::Status SaveReview(Tx& tx, const std::string& tenant, const std::string& child,
                          int64_t seq, v1::Review& review) const;
  absl::Status RefreshSchedule(Tx& tx, const std::string& tenant, const v1::Child& child) const;
  // The read-time fields of a meeting as of today under the authority's settings: its
  // worklist flags (overdue, due_soon) and each paperwork item against its timescale.
  void Present(v1::Review& review, const Settings& settings) const;
  absl::Status Present(Connection& db, const std::string& tenant, v1::Review& review) const;
  void Present(v1::Decision& decision) const;
  // The tail every List shares: the next page token, the read-time fields (`present`), the
  // name of each row for its access record (`read`), and the rows themselves.
  template <typename Row, typename KeyOf, typename PresentFn>
  void Emit(std::vector<Row>& rows, int page_size, const std::string& query, KeyOf key_of,
            PresentFn present, std::vector<std::string>& read,
            google::protobuf::RepeatedPtrField<Row>* out, std::string* next_page_token) const {
    *next_page_token = TrimPage(rows, page_size, query, key_of);
    for (auto& row : rows) {
      present(row);
      read.push_back(row.name());
      *out->Add() = std::move(row);
    }
  }

  // Children (service_children.cc).
  absl::StatusOr<v1::Child> CreateChildTx(Tx& tx, const Principal& who,
                                          const v1::CreateChildRequest& req) const;
  absl::StatusOr<v1::Child> UpdateChildTx(Tx& tx, const Principal& who,
                                          const v1::UpdateChildRequest& req) const;
  absl::StatusOr<v1::Child> AllocateIroTx(Tx& tx, const Principal& who,
                                          const v1::AllocateIroRequest& req) const;
  // Advocacy referrals (service_referrals.cc). Every step of a referral after its creation
  // goes through ChangeReferralTx: the caller's scope, the etag, the step, the save.
  absl::StatusOr<v1::Referral> ChangeReferralTx(
      Tx& tx, const Principal& who, const std::string& name, const std::string& etag,
      const char* method, const std::function<absl::Status(v1::Referral&)>& step) const;
  // Every step of a concern after it is raised (service_concerns.cc), the same way.
  absl::StatusOr<v1::Concern> ChangeConcernTx(
      Tx& tx, const Principal& who, const std::string& name, const std::string& etag,
      const char* method, const std::function<absl::Status(v1::Concern&)>& step) const;
  absl::Status EndReferral(v1::Referral& r, v1::ReferralCloseReason reason,
                           const std::string& note, const std::string& by) const;
  // Closes the child's open referrals when it is neither looked after nor in child
  // protection, in the transaction that changed it.
  absl::Status EndReferralsIfIneligible(Tx& tx, const Principal& who,
                                        const v1::Child& child) const;
  // referred_partners, from the child's open referrals.
  absl::Status FillReferredPartners(Connection& db, const std::string& tenant,
                                    v1::Child& child) const;
  // A partner reaches a child only while the child is referred to it; otherwise NOT_FOUND,
  // as for a child that does not exist.
  absl::Status CheckPartnerScope(Connection& db, const Principal& who,
                                 const std::string& child) const;
  // IROs (service_iros.cc).
  absl::StatusOr<v1::Iro> UpdateIroTx(Tx& tx, const Principal& who,
                                      const v1::UpdateIroRequest& req) const;
  absl::StatusOr<v1::TransferCaseloadResponse> TransferCaseloadTx(
      Tx& tx, const Principal& who, const v1::TransferCaseloadRequest& req) const;
  absl::StatusOr<v1::Iro> WithCaseload(Connection& db, const std::string& tenant,
                                       v1::Iro iro) const;
  // Reviews (service_reviews.cc).
  absl::StatusOr<v1::Review> CreateReviewTx(Tx& tx, const Principal& who,
                                            const v1::CreateReviewRequest& req) const;
  absl::StatusOr<v1::Review> RecordReviewTx(Tx& tx, const Principal& who,
                                            const v1::RecordReviewRequest& req) const;
  // Challenges (service_challenges.cc): a dispute opened through the outbox for each.
  absl::Status RaiseChallenges(Tx& tx, const Principal& who, const v1::RecordReviewRequest& req,
                               v1::Review& review) const;
  // Queues CreateDispute as `as` in `tx` for `ask` (theme, concern, decisions, stage...) about
  // `review`, its child and case type filled in; returns the dispute's name.
  absl::StatusOr<std::string> OpenDispute(Tx& tx, const Principal& as, const v1::Review& review,
                                          assure::disputes::v1::Dispute ask) const;
  // Starred recommendations (service_starred.cc): one past its deadline, opened as a dispute.
  absl::Status SendMissedDeadline(Tx& tx, const ReviewsStore::DecisionKey& key) const;
  absl::StatusOr<v1::Review> UpdateReviewTx(Tx& tx, const Principal& who,
                                            const v1::UpdateReviewRequest& req) const;
  absl::StatusOr<v1::Review> ApproveReportTx(Tx& tx, const Principal& who,
                                             const v1::ApproveReportRequest& req) const;
  // Decisions (service_decisions.cc).
  absl::StatusOr<v1::Decision> CreateDecisionTx(Tx& tx, const Principal& who,
                                                const v1::CreateDecisionRequest& req) const;
  // The decision a state change applies to: current (etag) and still open.
  absl::StatusOr<v1::Decision> LoadOpenDecision(Tx& tx, const Principal& who,
                                                const DecisionName& name,
                                                const std::string& etag) const;
  absl::Status SaveDecision(Tx& tx, const Principal& who, const DecisionName& name,
                            v1::Decision& decision, const char* method) const;

  store::Store& store_;
  const WorkingDays& calendar_;
  const Clock& clock_;
  ReviewsMetrics& metrics_;
  Outbox& outbox_;
  const Routes& routes_;
};

// INVALID_ARGUMENT material for RecordReview's challenges (service_challenges.cc).
void CheckChallenges(const v1::RecordReviewRequest& req, const ReviewName& review,
                     FieldViolations& v);

}  // namespace assure::reviews

#endif  // ASSURE_SERVICES_REVIEWS_SERVICE_H_
