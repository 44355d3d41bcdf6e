#include "services/actionplans/validation.h"

#include <string>

#include "protos/assure/actionplans/v1/names.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/resource_ids.h"
#include "services/common/text.h"

namespace assure::actionplans {
namespace {

template <typename E>
bool IsChosen(E value, bool (*valid)(int)) {
  return value != 0 && valid(value);
}

void Line(const std::string& s, const std::string& field, bool required, FieldViolations& v) {
  if ((required && s.empty()) || !IsPlainText(s)) {
    v.Add(field, required ? "is required, one line of text" : "must be one line of text");
  }
}

void Text(const std::string& s, const std::string& field, bool required, FieldViolations& v) {
  if ((required && s.empty()) || !IsValidUtf8(s)) v.Add(field, "is required text");
}

// Staff ids: the suite's id rule, at least one when required.
template <typename Ids>
void Staff(const Ids& ids, const std::string& field, bool required, FieldViolations& v) {
  if (required && ids.empty()) v.Add(field, "needs at least one staff id");
  for (const auto& id : ids) {
    if (!IsValidId(id)) {
      v.Add(field, "each must be a staff id: 1-64 of A-Z a-z 0-9 . _ -");
      return;
    }
  }
}

}  // namespace

absl::Status ValidatePlan(const v1::Plan& p, absl::CivilDay today) {
  FieldViolations v;
  Line(p.title(), "plan.title", true, v);
  if (!IsChosen(p.source(), v1::PlanSource_IsValid)) v.Add("plan.source", "must be a source");
  Line(p.source_reference(), "plan.source_reference", false, v);
  CheckDate(p.source_date(), "plan.source_date", false, v, today);
  Line(p.owning_service(), "plan.owning_service", true, v);
  if (!IsValidId(p.owner())) v.Add("plan.owner", "must be a staff id");
  Line(p.board(), "plan.board", true, v);
  for (const auto& w : p.workstreams()) Line(w, "plan.workstreams", true, v);
  for (const auto& o : p.desired_outcomes()) Text(o, "plan.desired_outcomes", true, v);
  for (const auto& m : p.success_measures()) {
    Text(m.text(), "plan.success_measures.text", true, v);
    if (!v1::LiveFigure_IsValid(m.figure())) {
      v.Add("plan.success_measures.figure", "must be a live figure, or unspecified");
    }
  }
  for (const auto& l : p.linked_plans()) {
    if (!ParsePlanName(l, "plan.linked_plans").ok()) {
      v.Add("plan.linked_plans", "each must be of the form plans/{plan}");
    }
  }
  Text(p.dependencies(), "plan.dependencies", false, v);
  const bool inspected = p.source() == v1::PLAN_SOURCE_OFSTED_INSPECTION ||
                         p.source() == v1::PLAN_SOURCE_OFSTED_FOCUSED_VISIT;
  CheckDate(p.inspection().report_date(), "plan.inspection.report_date", inspected, v, today);
  if (!inspected && p.has_inspection()) {
    v.Add("plan.inspection", "is only for a plan answering an Ofsted inspection or visit");
  }
  return v.ToStatus();
}

absl::Status ValidateRecommendation(const v1::Recommendation& r) {
  FieldViolations v;
  if (!IsChosen(r.kind(), v1::RecommendationKind_IsValid)) {
    v.Add("recommendation.kind", "must be a recommendation or a finding");
  }
  Line(r.number(), "recommendation.number", true, v);
  Text(r.text(), "recommendation.text", true, v);
  if (!IsChosen(r.priority(), v1::Priority_IsValid)) {
    v.Add("recommendation.priority", "must be High, Medium or Low");
  }
  const bool finding = r.kind() == v1::RECOMMENDATION_KIND_FINDING;
  if (finding && !IsChosen(r.residual_risk(), v1::Priority_IsValid)) {
    v.Add("recommendation.residual_risk", "a finding's must be High, Medium or Low");
  }
  if (!finding && r.residual_risk() != 0) {
    v.Add("recommendation.residual_risk", "is for a finding only");
  }
  Text(r.management_response(), "recommendation.management_response", false, v);
  Staff(r.responsible_officers(), "recommendation.responsible_officers", false, v);
  CheckDate(r.agreed_date(), "recommendation.agreed_date", false, v);
  return v.ToStatus();
}

absl::Status ValidateAction(const v1::Action& a) {
  FieldViolations v;
  Text(a.what(), "action.what", true, v);
  Text(a.measure_of_success(), "action.measure_of_success", true, v);
  Text(a.desired_outcome(), "action.desired_outcome", true, v);
  Staff(a.responsible_officers(), "action.responsible_officers", true, v);
  Line(a.team(), "action.team", true, v);
  for (const auto& t : a.supporting_teams()) Line(t, "action.supporting_teams", true, v);
  CheckDate(a.target_date(), "action.target_date", true, v);
  for (const auto& d : a.dependencies()) Line(d, "action.dependencies", true, v);
  Text(a.evidence_required(), "action.evidence_required", true, v);
  if (!a.recommendation().empty() &&
      !ParseRecommendationName(a.recommendation(), "action.recommendation").ok()) {
    v.Add("action.recommendation", "must be of the form plans/{plan}/recommendations/{n}");
  }
  return v.ToStatus();
}

absl::Status ValidateUpdate(const v1::ActionUpdate& u, absl::CivilDay today) {
  FieldViolations v;
  CheckDate(u.update_date(), "update.update_date", true, v, today);
  Text(u.text(), "update.text", true, v);
  return v.ToStatus();
}

absl::Status ValidateFollowUp(const v1::FollowUp& f) {
  FieldViolations v;
  Text(f.observations(), "follow_up.observations", true, v);
  Text(f.sample_results(), "follow_up.sample_results", false, v);
  if (!IsChosen(f.status(), v1::FollowUpStatus_IsValid)) {
    v.Add("follow_up.status",
          "must be Implemented, Partly implemented, Not implemented or Superseded");
  }
  Text(f.further_action(), "follow_up.further_action", false, v);
  Text(f.revised_response(), "follow_up.revised_response", false, v);
  CheckDate(f.revised_target_date(), "follow_up.revised_target_date", false, v);
  if (IsSet(f.revised_target_date()) && f.revised_response().empty()) {
    v.Add("follow_up.revised_response", "is required with a revised target date");
  }
  return v.ToStatus();
}

absl::Status ValidateFinding(const v1::Finding& f) {
  FieldViolations v;
  if (!IsChosen(f.source(), v1::FindingSource_IsValid)) v.Add("finding.source", "must be a source");
  Line(f.source_record(), "finding.source_record", true, v);
  Line(f.title(), "finding.title", true, v);
  Text(f.text(), "finding.text", true, v);
  if (!IsChosen(f.priority(), v1::FindingPriority_IsValid)) {
    v.Add("finding.priority", "must be High, Medium or Low");
  }
  return v.ToStatus();
}

}  // namespace assure::actionplans
