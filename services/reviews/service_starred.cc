// ReviewsService: the deadline check of starred recommendations. A starred recommendation
// still open the day after its deadline enters the problem resolution log: a dispute opened
// through the outbox in the transaction that marks the decision, so it is sent once and
// never lost. Replicas may run the check together; the first to claim a decision sends it.
#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"
#include "services/reviews/service.h"
#include "services/reviews/starred.h"

namespace assure::reviews {
namespace {

constexpr char kStarredCheckActor[] = "system:starred-deadline";

// The check acts for the IRO service, whose managers may raise disputes.
Principal CheckActor(const std::string& tenant) {
  Principal as;
  as.subject = kStarredCheckActor;
  as.roles = {std::string(role::kIroManager)};
  as.tenant = tenant;
  return as;
}

}  // namespace

int ReviewsService::RunStarredCheck() {
  std::vector<ReviewsStore::DecisionKey> due;
  auto found = store_.Read(store::kAllTenants, [&](Connection& db) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(due, ReviewsStore::StarredPastDeadline(db, Today()));
    return absl::OkStatus();
  });
  if (!found.ok()) return 0;
  int sent = 0;
  for (const auto& key : due) {
    bool claimed = false;
    auto st = store_.WriteAndWait(key.tenant, [&](Tx& tx) -> absl::Status {
      ASSURE_ASSIGN_OR_RETURN(claimed, ReviewsStore::ClaimMissedDeadline(tx.db(), key));
      if (!claimed) return absl::OkStatus();  // another replica sent it
      return SendMissedDeadline(tx, key);
    });
    if (st.ok() && claimed) ++sent;
  }
  return sent;
}

absl::Status ReviewsService::SendMissedDeadline(Tx& tx,
                                                const ReviewsStore::DecisionKey& key) const {
  ASSURE_ASSIGN_OR_RETURN(v1::Decision d,
                          MustLoadDecision(tx.db(), key.tenant, key.child, key.review, key.seq));
  if (!MissedStarredDeadline(d, Today())) return absl::OkStatus();
  ASSURE_ASSIGN_OR_RETURN(v1::Review review,
                          MustLoadReview(tx.db(), key.tenant, key.child, key.review));
  assure::disputes::v1::Dispute ask;
  ask.add_decisions(d.name());
  ask.set_theme(d.theme());
  ask.set_concern(MissedDeadlineConcern(d));
  ask.set_starred(true);
  ask.set_stage_level(kMissedDeadlineStage);
  ask.set_responsible_officer(d.owner());
  const Principal as = CheckActor(key.tenant);
  ASSURE_ASSIGN_OR_RETURN(std::string dispute, OpenDispute(tx, as, review, std::move(ask)));
  d.set_dispute(std::move(dispute));
  return SaveDecision(tx, as, {key.child, key.review, key.seq}, d, "StarredDeadlineCheck");
}

}  // namespace assure::reviews
