#include "services/disputes/metrics.h"

#include "services/common/dates.h"
#include "services/common/status_macros.h"
#include "services/disputes/ladder.h"
#include "services/disputes/moves.h"

namespace assure::disputes {
namespace {

constexpr double kDay = 24 * 3600;
constexpr char kOpen[] = "assure_disputes_open";
constexpr char kOverdue[] = "assure_disputes_overdue_stages";
constexpr char kFormal[] = "assure_disputes_formal";

bool IsOpen(const v1::Dispute& d) { return d.state() == v1::DISPUTE_STATE_OPEN; }

bool CurrentStageOverdue(const v1::Dispute& d) {
  return d.stages_size() > 0 && d.stages(d.stages_size() - 1).overdue();
}

prometheus::Histogram::BucketBoundaries ResolveBuckets() {
  return {1 * kDay, 2 * kDay, 5 * kDay, 10 * kDay, 20 * kDay, 28 * kDay, 42 * kDay, 60 * kDay,
          90 * kDay};
}

}  // namespace

DisputesMetrics::DisputesMetrics(prometheus::Registry& registry, store::Store& store,
                                 const Clock& clock)
    : figures_(std::make_shared<Figures>(
          store, clock,
          std::vector<FigureSpec>{
              {kOpen, "Open disputes by the stage they are at (0 is the informal step)."},
              {kOverdue, "Open disputes whose current stage has passed its limit."},
              {kFormal, "Open disputes in the formal process (any formal stage).", 1,
               "assure_disputes_past_formal_limit",
               "Open disputes past 20 working days in the formal process (IRO Handbook 6.2)."}})),
      raised_(prometheus::BuildCounter()
                  .Name("assure_disputes_raised_total")
                  .Help("Disputes raised, by theme.")
                  .Register(registry)),
      resolved_(prometheus::BuildCounter()
                    .Name("assure_disputes_resolved_total")
                    .Help("Disputes resolved, by outcome.")
                    .Register(registry)),
      withdrawn_(prometheus::BuildCounter()
                     .Name("assure_disputes_withdrawn_total")
                     .Help("Disputes withdrawn by the IRO.")
                     .Register(registry)),
      time_to_resolve_(prometheus::BuildHistogram()
                           .Name("assure_disputes_time_to_resolve_seconds")
                           .Help("Time from raising a dispute to its resolution.")
                           .Register(registry)) {}

void DisputesMetrics::TenantSeen(const std::string& tenant) {
  absl::MutexLock lock(&mu_);
  if (!tenants_seen_.insert(tenant).second) return;
  const v1::DisputeSettings defaults = DefaultSettings();
  for (const auto& theme : defaults.themes()) {
    raised_.Add({{"tenant", tenant}, {"theme", theme.code()}});
  }
  for (int o = v1::Outcome_MIN; o <= v1::Outcome_MAX; ++o) {
    if (o != v1::OUTCOME_UNSPECIFIED && v1::Outcome_IsValid(o)) {
      resolved_.Add({{"tenant", tenant}, {"outcome", v1::Outcome_Name(o)}});
    }
  }
  withdrawn_.Add({{"tenant", tenant}});
  time_to_resolve_.Add({{"tenant", tenant}}, ResolveBuckets());
}

absl::Status DisputesMetrics::TenantsSeen(store::Store& store) {
  ASSURE_ASSIGN_OR_RETURN(auto tenants, Figures::Tenants(store));
  for (const auto& t : tenants) TenantSeen(t);
  return absl::OkStatus();
}

absl::Status DisputesMetrics::SeedOnce(store::Store& store) {
  return Figures::SeedOnce(store, "disputes", [](Tx& tx) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(auto open, DisputesStore::AllOpen(tx.db()));
    for (const auto& [tenant, d] : open) ASSURE_RETURN_IF_ERROR(Count(tx, tenant, d, +1));
    return absl::OkStatus();
  });
}

absl::Status DisputesMetrics::Count(Tx& tx, const std::string& tenant, const v1::Dispute& d,
                                    int sign) {
  if (!IsOpen(d)) return absl::OkStatus();
  const FigureLabels labels = {{"stage", StageKey(d.stage_level(), d.stage_role())}};
  ASSURE_RETURN_IF_ERROR(Figures::Add(tx, tenant, kOpen, labels, sign));
  if (const auto formal = FormalDue(d)) {
    ASSURE_RETURN_IF_ERROR(Figures::AddDue(tx, tenant, kFormal, {}, *formal, sign));
  }
  // Kept beside every open series, so "overdue" shows 0 rather than nothing.
  return Figures::Add(tx, tenant, kOverdue, labels, CurrentStageOverdue(d) ? sign : 0);
}

absl::Status DisputesMetrics::Changed(Tx& tx, const std::string& tenant,
                                      const v1::Dispute* before, const v1::Dispute& after) {
  if (before != nullptr) ASSURE_RETURN_IF_ERROR(Count(tx, tenant, *before, -1));
  ASSURE_RETURN_IF_ERROR(Count(tx, tenant, after, +1));
  std::optional<v1::Dispute> was;
  if (before != nullptr) was = *before;
  tx.AfterCommit([this, tenant, was, after] { Counted(tenant, was ? &*was : nullptr, after); });
  return absl::OkStatus();
}

void DisputesMetrics::Counted(const std::string& tenant, const v1::Dispute* before,
                              const v1::Dispute& after) {
  absl::MutexLock lock(&mu_);
  const bool was_open = before == nullptr || IsOpen(*before);
  if (before == nullptr) raised_.Add({{"tenant", tenant}, {"theme", after.theme()}}).Increment();
  if (!was_open || IsOpen(after)) return;
  if (after.state() == v1::DISPUTE_STATE_WITHDRAWN) {
    withdrawn_.Add({{"tenant", tenant}}).Increment();
    return;
  }
  resolved_.Add({{"tenant", tenant}, {"outcome", v1::Outcome_Name(after.outcome())}}).Increment();
  time_to_resolve_.Add({{"tenant", tenant}}, ResolveBuckets())
      .Observe(absl::ToDoubleSeconds(FromProto(after.close_time()) - FromProto(after.raise_time())));
}

}  // namespace assure::disputes
