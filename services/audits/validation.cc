#include "services/audits/validation.h"

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "protos/assure/audits/v1/names.h"
#include "protos/assure/reviews/v1/names.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/resource_ids.h"

namespace assure::audits {
namespace {

constexpr int kMaxQuota = 100;

bool HasCohort(const v1::Case& c, v1::Cohort cohort) {
  for (int x : c.cohorts()) {
    if (x == cohort) return true;
  }
  return false;
}

void CheckCase(const v1::Case& c, const std::string& at, FieldViolations& v) {
  if (!ParseCaseName(c.name(), "name").ok()) v.Add(at + ".name", "must be cases/{case reference}");
  if (!IsValidId(c.team())) v.Add(at + ".team", "is required: the team holding the case");
  if (!IsValidId(c.service())) v.Add(at + ".service", "is required: the service holding the case");
  if (!IsValidId(c.worker())) {
    v.Add(at + ".worker", "is required: the allocated worker's staff id");
  }
  CheckDate(c.open_date(), at + ".open_date", true, v);
  CheckDate(c.close_date(), at + ".close_date", false, v);
  const auto open = FromProto(c.open_date()).day, close = FromProto(c.close_date()).day;
  if (open && close && *close < *open) v.Add(at + ".close_date", "must not be before open_date");
  for (int i = 0; i < c.cohorts_size(); ++i) {
    if (c.cohorts(i) == v1::COHORT_UNSPECIFIED || !v1::Cohort_IsValid(c.cohorts(i))) {
      v.Add(absl::StrCat(at, ".cohorts[", i, "]"), "must be a Cohort other than UNSPECIFIED");
    }
  }
  CheckDate(c.hearing_date(), at + ".hearing_date", HasCohort(c, v1::COHORT_SGO_BEFORE_COURT), v);
  CheckDate(c.assessment_complete_date(), at + ".assessment_complete_date", false, v);
  CheckDate(c.order_date(), at + ".order_date", HasCohort(c, v1::COHORT_SGO_CONCLUDED), v);
  if (!c.child().empty() && !reviews::ParseChildName(c.child(), "child").ok()) {
    v.Add(at + ".child", "must be children/{child} of the reviews service, or empty");
  }
  if (IsSet(c.last_selected_date())) v.Add(at + ".last_selected_date", "is output only");
}

void CheckMonth(const google::type::Date& month, FieldViolations& v,
                const std::string& field = "selection.month") {
  if (month.year() < 2000 || month.year() > 2100 || month.month() < 1 || month.month() > 12 ||
      month.day() != 0) {
    v.Add(field, "is required: a year (2000-2100) and month (1-12) with day 0");
  }
}

// A themed programme's order: cohorts, each once.
void CheckPriority(const v1::Selection& s, FieldViolations& v) {
  if (s.priority().empty()) return;
  if (s.type() != v1::AUDIT_TYPE_THEMED) {
    v.Add("selection.priority", "is for a themed programme only (type AUDIT_TYPE_THEMED)");
  }
  absl::flat_hash_set<int> seen;
  for (int i = 0; i < s.priority_size(); ++i) {
    const std::string at = absl::StrCat("selection.priority[", i, "]");
    const int cohort = s.priority(i);
    if (cohort == v1::COHORT_UNSPECIFIED || !v1::Cohort_IsValid(cohort)) {
      v.Add(at, "must be a Cohort");
    } else if (!seen.insert(cohort).second) {
      v.Add(at, "appears twice: a case falls in the first tier it can");
    }
  }
}

}  // namespace

absl::Status ValidateBatchUpsertCases(const v1::BatchUpsertCasesRequest& req) {
  FieldViolations v;
  if (req.cases_size() == 0) v.Add("cases", "is required: at least one case");
  absl::flat_hash_set<std::string> seen;
  for (int i = 0; i < req.cases_size(); ++i) {
    const std::string at = absl::StrCat("cases[", i, "]");
    CheckCase(req.cases(i), at, v);
    if (!seen.insert(req.cases(i).name()).second) {
      v.Add(at + ".name", "appears twice in the batch");
    }
  }
  return v.ToStatus();
}

absl::Status ValidateCreateSelection(const v1::CreateSelectionRequest& req) {
  FieldViolations v;
  const auto& s = req.selection();
  if (!req.selection_id().empty() && !IsValidId(req.selection_id())) {
    v.Add("selection_id", "must be 1-64 of A-Z a-z 0-9 . _ -");
  }
  CheckMonth(s.month(), v);
  if (s.type() == v1::AUDIT_TYPE_UNSPECIFIED || !v1::AuditType_IsValid(s.type())) {
    v.Add("selection.type", "is required: an AuditType");
  }
  if (s.auditors_size() == 0) v.Add("selection.auditors", "is required: who audits, and how many");
  absl::flat_hash_set<std::string> seen;
  for (int i = 0; i < s.auditors_size(); ++i) {
    const auto& a = s.auditors(i);
    const std::string at = absl::StrCat("selection.auditors[", i, "]");
    if (!IsValidId(a.auditor())) v.Add(at + ".auditor", "is required: the auditor's staff id");
    if (!seen.insert(a.auditor()).second) v.Add(at + ".auditor", "appears twice");
    if (a.quota() < 0 || a.quota() > kMaxQuota) {
      v.Add(at + ".quota", absl::StrCat("must be 0 (the framework's) to ", kMaxQuota));
    }
    if (a.quota() == 0 && !IsCode(a.role())) {
      v.Add(at + ".role", "is required to take the quota from the framework, e.g. iro");
    }
  }
  if (s.audits_size() > 0) v.Add("selection.audits", "is output only");
  if (s.tiers_size() > 0) v.Add("selection.tiers", "is output only");
  CheckPriority(s, v);
  return v.ToStatus();
}

absl::Status ValidateRecommendation(const v1::RecommendFromProgrammeRequest& req) {
  FieldViolations v;
  const auto& r = req.recommendation();
  if (r.text().empty()) v.Add("recommendation.text", "is required: what the programme recommends");
  if (r.priority() == v1::RECOMMENDATION_PRIORITY_UNSPECIFIED ||
      !v1::RecommendationPriority_IsValid(r.priority())) {
    v.Add("recommendation.priority", "is required: HIGH, MEDIUM or LOW");
  }
  if (!r.recommended_by().empty()) v.Add("recommendation.recommended_by", "is output only");
  if (!r.finding().empty()) v.Add("recommendation.finding", "is output only");
  return v.ToStatus();
}

absl::Status ValidateReportPeriod(const v1::GetAuditReportRequest& req) {
  FieldViolations v;
  CheckMonth(req.first_month(), v, "first_month");
  CheckMonth(req.last_month(), v, "last_month");
  if (!v.empty()) return v.ToStatus();
  const absl::CivilMonth first(req.first_month().year(), req.first_month().month());
  const absl::CivilMonth last(req.last_month().year(), req.last_month().month());
  if (last < first) {
    v.Add("last_month", "must not be before first_month");
  } else if (last - first >= 24) {
    v.Add("last_month", "must be within 24 months of first_month");
  }
  return v.ToStatus();
}

absl::Status ValidateMonth(const google::type::Date& month, const std::string& field) {
  FieldViolations v;
  CheckMonth(month, v, field);
  return v.ToStatus();
}

absl::CivilDay FirstDay(const google::type::Date& month) {
  return absl::CivilDay(month.year(), month.month(), 1);
}

absl::CivilDay LastDay(const google::type::Date& month) {
  return absl::CivilDay(absl::CivilMonth(month.year(), month.month()) + 1) - 1;
}

}  // namespace assure::audits
