#include "services/disputes/validation.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/common/errors.h"
#include "services/disputes/ladder.h"
#include "protos/assure/reviews/v1/names.h"

namespace assure::disputes {
namespace {

constexpr size_t kMaxConcern = 8000;

std::string ThemeCodes(const v1::DisputeSettings& s) {
  return absl::StrJoin(s.themes(), ", ",
                       [](std::string* out, const v1::Theme& t) { out->append(t.code()); });
}

void CheckLinks(const v1::Dispute& d, FieldViolations& v) {
  auto child = reviews::ParseChildName(d.child(), "dispute.child");
  if (!child.ok()) {
    v.Add("dispute.child", "is required: children/{case reference} in the reviews service");
    return;
  }
  if (d.review().empty()) {
    if (d.decisions_size() > 0) v.Add("dispute.review", "is required when decisions are named");
    return;
  }
  auto review = reviews::ParseReviewName(d.review(), "dispute.review");
  if (!review.ok() || review->child != *child) {
    v.Add("dispute.review", "must be a review of dispute.child: children/{child}/reviews/{n}");
    return;
  }
  for (int i = 0; i < d.decisions_size(); ++i) {
    auto decision = reviews::ParseDecisionName(d.decisions(i), "dispute.decisions");
    if (!decision.ok() || decision->child != *child || decision->review != review->review) {
      v.Add(absl::StrCat("dispute.decisions[", i, "]"),
            "must be a decision of dispute.review: {review}/decisions/{n}");
    }
  }
}

}  // namespace

absl::Status ValidateNewDispute(const v1::Dispute& d, const v1::DisputeSettings& settings) {
  FieldViolations v;
  CheckLinks(d, v);
  if (!HasTheme(settings, d.theme())) {
    v.Add("dispute.theme", absl::StrCat("must be one of the authority's themes: ",
                                        ThemeCodes(settings)));
  }
  if (d.concern().empty()) v.Add("dispute.concern", "is required: what the IRO challenges");
  if (d.concern().size() > kMaxConcern) v.Add("dispute.concern", "must be at most 8000 bytes");
  if (!v1::CaseType_IsValid(d.case_type())) {
    v.Add("dispute.case_type", "must be CASE_TYPE_LOOKED_AFTER or CASE_TYPE_CHILD_PROTECTION");
  }
  if (d.responsible_officer().size() > 256) {
    v.Add("dispute.responsible_officer", "must be at most 256 bytes");
  }
  if (d.stage_level() < 0 || d.stage_level() > TopLevel(settings)) {
    v.Add("dispute.stage_level", absl::StrCat("must be 0 (informal) to ", TopLevel(settings)));
  }
  return v.ToStatus();
}

}  // namespace assure::disputes
