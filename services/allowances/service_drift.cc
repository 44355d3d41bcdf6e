// AllowancesService: the drift check. No declaration lapses and no end point passes
// unnoticed (seed 002: declarations last returned years before, allowances paid on): each
// change it makes is recorded with who ("system:drift-check"), when and why.
#include "absl/strings/str_cat.h"
#include "protos/assure/allowances/v1/names.h"
#include "services/allowances/allowance_life.h"
#include "services/allowances/declarations.h"
#include "services/allowances/end_points.h"
#include "services/allowances/service.h"
#include "services/common/dates.h"
#include "services/common/status_macros.h"

namespace assure::allowances {
namespace {

constexpr char kDriftCheckActor[] = "system:drift-check";

// Nothing to record: the savepoint is undone rather than an unchanged row written.
absl::Status NothingToDo() { return absl::CancelledError("no drift"); }

}  // namespace

int AllowancesService::RunDriftCheck() {
  const absl::CivilDay today = LondonDay(clock_.Now());
  return CheckDeclarations(today) + CheckEndPoints(today);
}

absl::Status AllowancesService::SaveOwnChange(Tx& tx, const std::string& tenant,
                                              const v1::Allowance& before,
                                              v1::Allowance& after) const {
  ASSURE_ASSIGN_OR_RETURN(auto id, ParseAllowanceName(after.name(), "name"));
  *after.mutable_update_time() = ToProto(clock_.Now());
  ASSURE_RETURN_IF_ERROR(AllowancesStore::Save(tx.db(), tenant, id, after));
  return AllowancesMetrics::Changed(tx, tenant, &before, after);
}

int AllowancesService::CheckDeclarations(absl::CivilDay today) {
  std::vector<TenantKey> due;
  auto found = store_.Read(store::kAllTenants, [&](Connection& db) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(due, AllowancesStore::DeclarationsDue(db, today));
    return absl::OkStatus();
  });
  if (!found.ok()) return 0;
  const Actor by{kDriftCheckActor, {}, clock_.Now()};
  int changed = 0;
  for (const auto& key : due) {
    auto st = store_.WriteAndWait(key.tenant, [&](Tx& tx) -> absl::Status {
      ASSURE_ASSIGN_OR_RETURN(
          auto d, AllowancesStore::LoadDeclaration(tx.db(), key.tenant, key.id, key.year));
      if (!d) return NothingToDo();
      const DeclarationStep step = StepDue(*d, today);
      if (step == DeclarationStep::kNone) return NothingToDo();
      if (step == DeclarationStep::kRemind) {
        Remind(*d, today);
      } else {
        Lapse(*d, today);
        ASSURE_ASSIGN_OR_RETURN(auto a, AllowancesStore::Load(tx.db(), key.tenant, key.id));
        if (a && a->state() == v1::ALLOWANCE_STATE_ACTIVE) {
          v1::Allowance after = *a;
          ASSURE_RETURN_IF_ERROR(Suspend(after, v1::SUSPENSION_REASON_DECLARATION_NOT_RETURNED,
                                         absl::StrCat("the declaration for ", key.year,
                                                      " was not back 28 days after its reminder"),
                                         by));
          ASSURE_RETURN_IF_ERROR(SaveOwnChange(tx, key.tenant, *a, after));
        }
      }
      *d->mutable_update_time() = ToProto(by.now);
      return AllowancesStore::SaveDeclaration(tx.db(), key.tenant, key.id, *d);
    });
    if (st.ok()) ++changed;
  }
  return changed;
}

int AllowancesService::CheckEndPoints(absl::CivilDay today) {
  std::vector<PayingAllowance> paying;
  auto found = store_.Read(store::kAllTenants, [&](Connection& db) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(paying, AllowancesStore::Paying(db));
    return absl::OkStatus();
  });
  if (!found.ok()) return 0;
  const Actor by{kDriftCheckActor, {}, clock_.Now()};
  int changed = 0;
  for (const auto& p : paying) {
    if (!DatedEndBy(p.child, p.allowance, today)) continue;
    auto st = store_.WriteAndWait(p.tenant, [&](Tx& tx) -> absl::Status {
      // Read again in the write: a person may have changed either since the scan.
      ASSURE_ASSIGN_OR_RETURN(auto id, ParseAllowanceName(p.allowance.name(), "name"));
      ASSURE_ASSIGN_OR_RETURN(auto a, AllowancesStore::Load(tx.db(), p.tenant, id));
      if (!a || (a->state() != v1::ALLOWANCE_STATE_ACTIVE &&
                 a->state() != v1::ALLOWANCE_STATE_SUSPENDED)) {
        return NothingToDo();
      }
      ASSURE_ASSIGN_OR_RETURN(auto child, ChildOf(tx.db(), p.tenant, *a));
      const auto end = DatedEndBy(child, *a, today);
      if (!end) return NothingToDo();
      v1::Allowance after = *a;
      ASSURE_RETURN_IF_ERROR(Cease(after, child, end->end_point, end->last_day,
                                   "found from the child's record by the drift check", by));
      return SaveOwnChange(tx, p.tenant, *a, after);
    });
    if (st.ok()) ++changed;
  }
  return changed;
}

}  // namespace assure::allowances
