#include "services/reviews/service.h"

#include "absl/strings/str_cat.h"
#include "services/common/admission.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/status_macros.h"
#include "services/common/store/access_record.h"
#include "services/reviews/allocation.h"
#include "services/reviews/child_facts.h"
#include "services/reviews/kinds.h"
#include "protos/assure/reviews/v1/names.h"
#include "services/reviews/paperwork.h"
#include "services/reviews/worklist.h"

namespace assure::reviews {

ReviewsService::ReviewsService(store::Store& store, const WorkingDays& calendar,
                               const Clock& clock, ReviewsMetrics& metrics, Outbox& outbox,
                               const Routes& routes)
    : store_(store),
      calendar_(calendar),
      clock_(clock),
      metrics_(metrics),
      outbox_(outbox),
      routes_(routes) {}

absl::StatusOr<Principal> ReviewsService::Caller(Ctx* ctx, const google::protobuf::Message& request,
                                                   const Roles& roles, const char* method) const {
  auto who = AdmitCall(*ctx, request, roles, method);
  if (who.ok()) metrics_.TenantSeen(who->tenant);
  return who;
}

absl::CivilDay ReviewsService::Today() const { return LondonDay(clock_.Now()); }

absl::Status ReviewsService::Access(Tx& tx, const Principal& who, const char* method,
                                    const std::string& resource) const {
  return store::RecordAccess(tx.db(), who, method, resource, clock_.Now());
}

absl::Status ReviewsService::Publish(Tx& tx, const Principal& who, DomainEvent event) const {
  return PublishEvent(outbox_, tx, who, event, clock_.Now());
}

absl::Status ReviewsService::Publish(Tx& tx, const Principal& who, const char* type,
                                     const v1::Review& review) const {
  ASSURE_ASSIGN_OR_RETURN(auto name, ParseReviewName(review.name(), "name"));
  return Publish(tx, who, {type, review.name(), ChildName(name.child)});
}

ReviewsService::Reactor* ReviewsService::ReplyRead(Ctx* ctx, const Principal& who, const char* method,
                                     std::vector<std::string> resources,
                                     const absl::Status& status) const {
  return ReplyRecorded(ctx, store_, who, method, std::move(resources), clock_.Now(), status);
}

absl::StatusOr<v1::Child> ReviewsService::MustLoadChild(Connection& db, const std::string& tenant,
                                                        const std::string& id) const {
  ASSURE_ASSIGN_OR_RETURN(auto child, ReviewsStore::LoadChild(db, tenant, id));
  if (!child) return NotFound(ChildName(id));
  return *std::move(child);
}

absl::StatusOr<v1::Review> ReviewsService::MustLoadReview(Connection& db,
                                                          const std::string& tenant,
                                                          const std::string& child,
                                                          int64_t seq) const {
  ASSURE_ASSIGN_OR_RETURN(auto review, ReviewsStore::LoadReview(db, tenant, child, seq));
  if (!review) return NotFound(ReviewNameOf(child, seq));
  return *std::move(review);
}

absl::StatusOr<v1::Decision> ReviewsService::MustLoadDecision(Connection& db,
                                                              const std::string& tenant,
                                                              const std::string& child,
                                                              int64_t review, int64_t seq) const {
  ASSURE_ASSIGN_OR_RETURN(auto d, ReviewsStore::LoadDecision(db, tenant, child, review, seq));
  if (!d) return NotFound(DecisionNameOf(child, review, seq));
  return *std::move(d);
}

absl::Status ReviewsService::CheckMeetingIro(Connection& db, const std::string& tenant,
                                             const v1::Child& child, const std::string& iro,
                                             const char* field) const {
  if (iro.empty()) return absl::OkStatus();
  ASSURE_ASSIGN_OR_RETURN(std::string id, ParseIroName(iro, field));
  ASSURE_ASSIGN_OR_RETURN(auto found, ReviewsStore::LoadIro(db, tenant, id));
  if (!found) return InvalidField(field, absl::StrCat(iro, " does not exist"));
  return CheckIroIndependence(id, CaseStaffOf(child));
}

absl::StatusOr<bool> ReviewsService::WithoutActiveIro(Connection& db, const std::string& tenant,
                                                      const v1::Child& child) const {
  if (!NeedsIro(child)) return false;
  if (child.iro_allocation().iro().empty()) return true;
  ASSURE_ASSIGN_OR_RETURN(auto iro_id, ParseIroName(child.iro_allocation().iro(), "iro"));
  ASSURE_ASSIGN_OR_RETURN(auto iro, ReviewsStore::LoadIro(db, tenant, iro_id));
  return !iro || iro->status() != v1::IRO_STATUS_ACTIVE;
}

absl::Status ReviewsService::PublishCaseload(Tx& tx, const std::string& tenant,
                                             const std::string& iro) const {
  if (iro.empty()) return absl::OkStatus();
  ASSURE_ASSIGN_OR_RETURN(Caseload caseload, ReviewsStore::CaseloadOf(tx.db(), tenant, iro));
  return ReviewsMetrics::SetCaseload(tx, tenant, iro, caseload);
}

absl::Status ReviewsService::PublishFte(Tx& tx, const std::string& tenant, const std::string& id,
                                        const v1::Iro& iro) const {
  return ReviewsMetrics::SetFte(tx, tenant, id, iro.fte_hundredths());
}

void ReviewsService::Present(v1::Review& review, const Settings& settings) const {
  const auto due = FromProto(review.due().due_date()).day;
  WorklistFlags flags;
  if (review.state() == v1::REVIEW_STATE_SCHEDULED && due) {
    flags = FlagsOf(*due, Today(), settings.due_soon_working_days, calendar_);
  }
  review.set_overdue(flags.overdue);
  review.set_due_soon(flags.due_soon);
  const auto kind = KindFromProto(review.kind());
  if (!kind || review.state() == v1::REVIEW_STATE_CANCELLED) return;
  MeetingPaperwork m;
  m.child_protection = IsChildProtection(*kind);
  m.held = review.state() == v1::REVIEW_STATE_HELD;
  auto day = FromProto(review.held_date()).day;
  if (!day) day = FromProto(review.planned_date()).day;
  if (!day) day = FromProto(review.due().due_date()).day;
  if (!day) return;
  m.meeting_day = *day;
  if (review.has_held_time()) m.held_time = FromProto(review.held_time());
  m.social_worker_consultation = FromProto(review.social_worker_consultation_date()).day;
  m.care_plan_received = FromProto(review.care_plan_received_date()).day;
  m.pep_received = FromProto(review.pep_received_date()).day;
  m.health_plan_received = FromProto(review.health_plan_received_date()).day;
  m.minutes_distributed = FromProto(review.minutes_distributed_date()).day;
  m.minutes_working_days = settings.conference_minutes_working_days;
  m.decisions_distributed = FromProto(review.decisions_distributed_date()).day;
  m.record_distributed = FromProto(review.record_distributed_date()).day;
  if (review.has_decision_sheet_sent_time()) {
    m.decision_sheet_sent = FromProto(review.decision_sheet_sent_time());
  }
  m.report_approved = FromProto(review.report().approved_date()).day;
  m.report_sent_to_chair = FromProto(review.report().sent_to_chair_date()).day;
  m.report_shared_with_family = FromProto(review.report().shared_with_family_date()).day;
  review.clear_paperwork();
  for (const auto& item : CheckPaperwork(m, calendar_, clock_.Now())) {
    auto deadline = DueToProto(item.deadline);
    // Past the bank holiday list's years no deadline is shown rather than a wrong one.
    if (!deadline.ok()) continue;
    auto* p = review.add_paperwork();
    p->set_item(item.item);
    *p->mutable_deadline() = *std::move(deadline);
    if (item.done) *p->mutable_done_date() = assure::ToProto(*item.done);
    if (item.deadline_time) *p->mutable_deadline_time() = assure::ToProto(*item.deadline_time);
    if (item.done_time) *p->mutable_done_time() = assure::ToProto(*item.done_time);
    p->set_status(static_cast<v1::PaperworkStatus>(static_cast<int>(item.state) + 1));
  }
}

absl::Status ReviewsService::Present(Connection& db, const std::string& tenant,
                                     v1::Review& review) const {
  ASSURE_ASSIGN_OR_RETURN(const Settings settings, SettingsFor(db, tenant));
  Present(review, settings);
  return absl::OkStatus();
}

void ReviewsService::Present(v1::Decision& decision) const {
  const auto due = FromProto(decision.due_date()).day;
  decision.set_overdue(decision.state() == v1::DECISION_STATE_OPEN && due && *due < Today());
}

}  // namespace assure::reviews
