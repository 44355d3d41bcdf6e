// DisputesService: the drift check. No dispute waits past its limit unnoticed (seed 000):
// each move it makes is recorded with who ("system:drift-check"), when and why.
#include "services/common/dates.h"
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
    const MoveFn check = [&](v1::Dispute& d, const v1::DisputeSettings& settings, const Move&) {
      moved = CheckDrift(d, settings, calendar_, now);
      // Nothing to record: undo the savepoint rather than write an unchanged row.
      return moved ? absl::OkStatus() : absl::CancelledError("no drift");
    };
    auto st = store_.WriteAndWait(key.tenant, [&](Tx& tx) {
      return SaveMove(tx, key.tenant, key.id, "", check, {kDriftCheckActor, now, "", true})
          .status();
    });
    if (st.ok() && moved) ++changed;
  }
  return changed;
}

}  // namespace assure::disputes
