#include "services/audits/metrics.h"

#include "services/audits/audit_life.h"
#include "services/audits/moderation.h"
#include "services/audits/tools.h"
#include "services/audits/validation.h"
#include "services/common/status_macros.h"

namespace assure::audits {
namespace {

constexpr char kOutstanding[] = "assure_audits_outstanding";
constexpr char kRegisterOpen[] = "assure_audits_register_open";
constexpr char kUnanswered[] = "assure_audits_escalations_unanswered";
constexpr char kActionsOpen[] = "assure_audits_actions_open";
constexpr char kModerated[] = "assure_audits_moderated";
constexpr char kQuotaUnmet[] = "assure_audits_quota_unmet";
constexpr char kGraded[] = "assure_audits_graded";

// The grade label, bounded whatever scale a tool uses: Ofsted's four, else "other".
std::string GradeLabel(const std::string& grade) {
  const std::vector<std::string> ofsted = DefaultGrades();
  static constexpr const char* kLabels[] = {"outstanding", "good", "requires_improvement",
                                            "inadequate"};
  for (size_t i = 0; i < ofsted.size() && i < 4; ++i) {
    if (grade == ofsted[i]) return kLabels[i];
  }
  return "other";
}

// The grade an audit counts under: none until submitted (work in progress may hold one).
std::string Graded(const v1::Audit& a) { return CountsAsDone(a) ? FinalGrade(a) : ""; }

// The audit's standing grade moved: -1 from the old, +1 to the new.
absl::Status GradeMoved(Tx& tx, const std::string& tenant, const std::string& before,
                        const std::string& after) {
  if (before == after) return absl::OkStatus();
  if (!before.empty()) {
    ASSURE_RETURN_IF_ERROR(Figures::Add(tx, tenant, kGraded, {{"grade", GradeLabel(before)}}, -1));
  }
  if (after.empty()) return absl::OkStatus();
  return Figures::Add(tx, tenant, kGraded, {{"grade", GradeLabel(after)}}, 1);
}

int64_t Outstanding(const v1::Audit& a) {
  return a.state() == v1::AUDIT_STATE_ASSIGNED || a.state() == v1::AUDIT_STATE_IN_PROGRESS;
}

int64_t Unanswered(const v1::Audit& a) {
  return a.has_escalation() && a.escalation().responses_size() == 0;
}

}  // namespace

AuditsMetrics::AuditsMetrics(store::Store& store, const Clock& clock)
    : figures_(std::make_shared<Figures>(
          store, clock,
          std::vector<FigureSpec>{
              {kOutstanding, "Case-file audits assigned and not yet submitted."},
              {kRegisterOpen, "Open cases in the audit register."},
              {kUnanswered,
               "Audits that judged the child not safe or raised a significant concern, with no "
               "response yet from the team manager or head of service."},
              {kActionsOpen, "Actions required by audits, not yet signed off.", 1,
               "assure_audits_actions_overdue",
               "Actions required by audits, not signed off and past their due date."},
              {kModerated,
               "Audits moderated: agreed=false where the moderator disagreed with a grade."},
              {kGraded,
               "Audits submitted, by the overall grade that stands (the moderator's once "
               "moderated): Ofsted's four, or other for a tool's own scale."},
              {kQuotaUnmet,
               "Audits still owed against the monthly quotas of the months selected so far.", 1,
               "assure_audits_shortfall",
               "Audits owed against the quotas of months already ended: the shortfall to "
               "escalate to the head of service."}})) {}

absl::Status AuditsMetrics::SelectionMade(Tx& tx, const std::string& tenant,
                                          const v1::Selection& s) {
  ASSURE_RETURN_IF_ERROR(Figures::Add(tx, tenant, kOutstanding, {}, s.audits_size()));
  int64_t quota = 0;
  for (const auto& q : s.auditors()) quota += q.quota();
  return Figures::AddDue(tx, tenant, kQuotaUnmet, {}, LastDay(s.month()), quota);
}

absl::Status AuditsMetrics::OpenCasesChanged(Tx& tx, const std::string& tenant, int64_t delta) {
  return Figures::Add(tx, tenant, kRegisterOpen, {}, delta);
}

absl::Status AuditsMetrics::ActionOpened(Tx& tx, const std::string& tenant, absl::CivilDay due,
                                         int64_t delta) {
  return Figures::AddDue(tx, tenant, kActionsOpen, {}, due, delta);
}

absl::Status AuditsMetrics::AuditChanged(Tx& tx, const std::string& tenant,
                                         const v1::Audit& before, const v1::Audit& after) {
  if (!before.has_moderation() && after.has_moderation()) {
    const char* agreed = Disagreed(after.moderation()) ? "false" : "true";
    ASSURE_RETURN_IF_ERROR(Figures::Add(tx, tenant, kModerated, {{"agreed", agreed}}, 1));
  }
  if (const int64_t d = Outstanding(after) - Outstanding(before); d != 0) {
    ASSURE_RETURN_IF_ERROR(Figures::Add(tx, tenant, kOutstanding, {}, d));
  }
  if (const int64_t d = Unanswered(after) - Unanswered(before); d != 0) {
    ASSURE_RETURN_IF_ERROR(Figures::Add(tx, tenant, kUnanswered, {}, d));
  }
  ASSURE_RETURN_IF_ERROR(GradeMoved(tx, tenant, Graded(before), Graded(after)));
  if (CountsAsDone(after) && !CountsAsDone(before)) {
    ASSURE_RETURN_IF_ERROR(
        Figures::AddDue(tx, tenant, kQuotaUnmet, {}, LastDay(after.month()), -1));
  }
  return absl::OkStatus();
}

}  // namespace assure::audits
