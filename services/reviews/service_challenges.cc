// ReviewsService: concerns recorded at a review as needing a formal challenge. Each becomes a
// CreateDispute call to the disputes service, written to the outbox in the review's own
// transaction: the review and its challenges are saved together or not at all, and the
// dispute is opened once however often the call is delivered. A starred recommendation that
// misses its deadline opens its dispute the same way (service_starred.cc).
#include "absl/strings/str_cat.h"
#include "assure/disputes/v1/disputes_service.pb.h"
#include "services/common/resource_ids.h"
#include "services/common/status_macros.h"
#include "services/reviews/kinds.h"
#include "protos/assure/reviews/v1/names.h"
#include "services/reviews/service.h"

namespace assure::reviews {
namespace {

constexpr char kCreateDispute[] = "/assure.disputes.v1.DisputesService/CreateDispute";

}  // namespace

void CheckChallenges(const v1::RecordReviewRequest& req, const ReviewName& review,
                     FieldViolations& v) {
  for (int i = 0; i < req.challenges_size(); ++i) {
    const auto& c = req.challenges(i);
    const std::string at = absl::StrCat("challenges[", i, "]");
    if (!IsCode(c.theme())) {
      v.Add(at + ".theme", "is required: a theme code of the authority's dispute settings");
    }
    if (c.concern().empty()) v.Add(at + ".concern", "is required: what the IRO challenges");
    if (c.stage_level() < 0) v.Add(at + ".stage_level", "must be 0 (informal) or more");
    if (c.starred()) {
      v.Add(at + ".starred",
            "is not taken on a challenge: a starred recommendation is a decision "
            "(CreateDecision with starred and theme) whose due date is its deadline, and it "
            "enters the problem resolution log only if the deadline is missed");
    }
    for (int j = 0; j < c.decisions_size(); ++j) {
      auto d = ParseDecisionName(c.decisions(j), "decisions");
      if (!d.ok() || d->child != review.child || d->review != review.review) {
        v.Add(absl::StrCat(at, ".decisions[", j, "]"), "must be a decision of this review");
      }
    }
  }
}

absl::Status ReviewsService::RaiseChallenges(Tx& tx, const Principal& who,
                                             const v1::RecordReviewRequest& req,
                                             v1::Review& review) const {
  for (const auto& c : req.challenges()) {
    assure::disputes::v1::Dispute ask;
    *ask.mutable_decisions() = c.decisions();
    ask.set_theme(c.theme());
    ask.set_concern(c.concern());
    ask.set_stage_level(c.stage_level());
    ASSURE_ASSIGN_OR_RETURN(std::string dispute, OpenDispute(tx, who, review, std::move(ask)));
    auto* raised = review.add_challenges();
    *raised = c;
    raised->set_dispute(std::move(dispute));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> ReviewsService::OpenDispute(Tx& tx, const Principal& as,
                                                        const v1::Review& review,
                                                        assure::disputes::v1::Dispute ask) const {
  ASSURE_ASSIGN_OR_RETURN(const ReviewName name, ParseReviewName(review.name(), "name"));
  assure::disputes::v1::CreateDisputeRequest call;
  call.set_dispute_id(NewResourceId("d-"));
  *call.mutable_dispute() = std::move(ask);
  auto* d = call.mutable_dispute();
  d->set_child(ChildName(name.child));
  d->set_review(review.name());
  const auto kind = KindFromProto(review.kind());
  d->set_case_type(kind && IsChildProtection(*kind)
                       ? assure::disputes::v1::CASE_TYPE_CHILD_PROTECTION
                       : assure::disputes::v1::CASE_TYPE_LOOKED_AFTER);
  ASSURE_RETURN_IF_ERROR(outbox_.Enqueue(tx, as, kCreateDispute, call, clock_.Now()).status());
  return absl::StrCat("disputes/", call.dispute_id());
}

}  // namespace assure::reviews
