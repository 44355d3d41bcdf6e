// DisputesService: the drift check. No dispute waits past its limit unnoticed (seed 000):
// each move it makes is recorded with who ("system:drift-check"), when and why. And the
// formal process's own limit, dated on disputes recorded before it was.
#include "protos/assure/disputes/v1/names.h"
#include "services/common/dates.h"
#include "services/common/figures.h"
#include "services/common/status_macros.h"
#include "services/disputes/service.h"

namespace assure::disputes {

int DisputesService::RunDriftCheck() {
  const absl::Time now = clock_.Now();
  std::vector<DisputeKey> due;
  auto found = store_.Read(store::kAllTenants, [&](Connection& db) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(due, DisputesStore::PastTheirLimit(db, LondonDay(now)));
    return absl::OkStatus();
  });
  if (!found.ok()) return 0;
  int changed = 0;
  for (const auto& key : due) {
    bool moved = false;
    bool escalated = false;
    const MoveFn check = [&](v1::Dispute& d, const v1::DisputeSettings& settings, const Move&) {
      const auto level = d.stage_level();
      moved = CheckDrift(d, settings, calendar_, now);
      escalated = d.stage_level() != level;
      // Nothing to record: undo the savepoint rather than write an unchanged row.
      return moved ? absl::OkStatus() : absl::CancelledError("no drift");
    };
    auto st = store_.WriteAndWait(key.tenant, [&](Tx& tx) {
      ASSURE_ASSIGN_OR_RETURN(
          auto d, SaveMove(tx, key.tenant, key.id, "", check, {kDriftCheckActor, now, "", true}));
      if (!escalated) return absl::OkStatus();
      Principal drift_check;
      drift_check.subject = kDriftCheckActor;
      drift_check.tenant = key.tenant;
      return Publish(tx, drift_check, "disputes.dispute.escalated", d);
    });
    if (st.ok() && moved) ++changed;
  }
  return changed;
}

absl::Status DisputesService::SeedFormalDueOnce() {
  return Figures::SeedOnce(store_, "disputes_formal", [this](Tx& tx) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(auto open, DisputesStore::AllOpen(tx.db()));
    for (const auto& [tenant, found] : open) {
      ASSURE_ASSIGN_OR_RETURN(std::string id, ParseDisputeName(found.name(), "name"));
      ASSURE_ASSIGN_OR_RETURN(auto before, DisputesStore::Load(tx.db(), tenant, id));
      if (!before) continue;
      v1::Dispute d = *before;
      ASSURE_ASSIGN_OR_RETURN(const bool filled, FillFormalDue(d, calendar_));
      if (!filled) continue;
      ASSURE_RETURN_IF_ERROR(DisputesStore::Update(tx.db(), tenant, id, d));
      ASSURE_RETURN_IF_ERROR(metrics_.Changed(tx, tenant, &*before, d));
    }
    return absl::OkStatus();
  });
}

}  // namespace assure::disputes
