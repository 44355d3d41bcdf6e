// AllowancesService: the drift check. No declaration lapses, no proof of education goes
// missing and no end point passes unnoticed (seed 002: declarations last returned years before,
// allowances paid on): each change it makes is recorded with who ("system:drift-check"), when and
// why.
#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "protos/assure/allowances/v1/names.h"
#include "services/allowances/allowance_life.h"
#include "services/allowances/annual_checks.h"
#include "services/allowances/controls.h"
#include "services/allowances/declarations.h"
#include "services/allowances/end_points.h"
#include "services/allowances/service.h"
#include "services/common/dates.h"
#include "services/common/domain_events.h"
#include "services/common/status_macros.h"

namespace assure::allowances {
namespace {

constexpr char kDriftCheckActor[] = "system:drift-check";
constexpr char kCreateFinding[] = "/assure.actionplans.v1.ActionPlansService/CreateFinding";

// Nothing to record: the savepoint is undone rather than an unchanged row written.
absl::Status NothingToDo() { return absl::CancelledError("no drift"); }

// Whether the drift check has something to do to `a`: an end point the record dates, or,
// while paying, a young person's proof of education missing.
bool DriftOf(const v1::Allowance& a, const v1::SupportedChild& child,
             const v1::AllowanceSettings& settings, absl::CivilDay today) {
  if (!IsPaying(a)) return false;
  if (DatedEndBy(child, a, today)) return true;
  return a.state() == v1::ALLOWANCE_STATE_ACTIVE &&
         MissingEducationEvidence(child, today, settings.education_evidence_days());
}

// Does it: ceases at the dated end point, else suspends for want of proof of education.
absl::Status ApplyDrift(v1::Allowance& a, const v1::SupportedChild& child,
                        const v1::AllowanceSettings& settings, absl::CivilDay today,
                        const Actor& by) {
  if (const auto end = DatedEndBy(child, a, today)) {
    return Cease(a, child, end->end_point, end->last_day,
                 "found from the child's record by the drift check", by);
  }
  return Suspend(a, v1::SUSPENSION_REASON_NO_EDUCATION_EVIDENCE,
                 absl::StrCat("no proof of education received for the academic year from ",
                              FormatDay(AcademicYearStart(today)), "; it was due ",
                              FormatDay(*EducationEvidenceDue(child, today,
                                                              settings.education_evidence_days()))),
                 by);
}

}  // namespace

int AllowancesService::RunDriftCheck() {
  const absl::CivilDay today = LondonDay(clock_.Now());
  return CheckDeclarations(today) + CheckPaying(today);
}

void AllowancesService::CountControls() {
  const absl::CivilDay today = LondonDay(clock_.Now());
  std::vector<std::string> tenants;
  auto found = store_.Read(store::kAllTenants, [&](Connection& db) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(tenants, AllowancesStore::Tenants(db));
    return absl::OkStatus();
  });
  if (!found.ok()) return;
  for (const auto& tenant : tenants) {
    // Counted on a reader, so the writer is held only to save the figures; a report a tick
    // old is put right at the next. One that fails is counted again at the next tick.
    ControlRecords records;
    records.today = today;
    records.year = FinancialYearOf(today);
    auto read = store_.Read(tenant, [&](Connection& db) -> absl::Status {
      ASSURE_ASSIGN_OR_RETURN(records.settings, SettingsOf(db, tenant));
      return AllowancesStore::ReadForControls(db, tenant, records.year, records);
    });
    if (!read.ok()) continue;
    const v1::AllowanceControls report = Controls(records);
    store_
        .WriteAndWait(
            tenant,
            [&](Tx& tx) -> absl::Status {
              ASSURE_RETURN_IF_ERROR(AllowancesMetrics::ControlsMeasured(tx, tenant, report));
              return ReferFailures(tx, tenant, report, today);
            })
        .IgnoreError();
  }
}

absl::Status AllowancesService::ReferFailures(Tx& tx, const std::string& tenant,
                                              const v1::AllowanceControls& report,
                                              absl::CivilDay today) const {
  ASSURE_ASSIGN_OR_RETURN(auto failing, AllowancesStore::FailingControls(tx.db(), tenant));
  // The controls are finance's: the finding is raised in that role, which action plans
  // accepts findings from.
  const Principal system{kDriftCheckActor, {std::string(role::kFinance)}, tenant, "",
                         "a payment control failed"};
  for (const auto& c : report.controls()) {
    const bool was = failing.count(c.control()) > 0;
    if (c.count() == 0 && was) {
      ASSURE_RETURN_IF_ERROR(AllowancesStore::ClearFailing(tx.db(), tenant, c.control()));
    }
    if (c.count() == 0 || was) continue;
    auto finding = ControlFinding(c, today, clock_.Now());
    ASSURE_RETURN_IF_ERROR(
        outbox_.Enqueue(tx, system, kCreateFinding, finding, clock_.Now()).status());
    ASSURE_RETURN_IF_ERROR(AllowancesStore::MarkFailing(
        tx.db(), tenant, c.control(), today, absl::StrCat("findings/", finding.finding_id())));
  }
  return absl::OkStatus();
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
      Principal drift_check;
      drift_check.subject = kDriftCheckActor;
      drift_check.tenant = key.tenant;
      const bool remind = step == DeclarationStep::kRemind;
      ASSURE_RETURN_IF_ERROR(PublishEvent(
          outbox_, tx, drift_check,
          {remind ? "allowances.declaration.reminded" : "allowances.declaration.overdue",
           d->name()},
          by.now));
      if (remind) {
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

int AllowancesService::CheckPaying(absl::CivilDay today) {
  std::vector<PayingAllowance> paying;
  absl::flat_hash_map<std::string, v1::AllowanceSettings> settings;
  auto found = store_.Read(store::kAllTenants, [&](Connection& db) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(paying, AllowancesStore::Paying(db));
    for (const auto& p : paying) {
      if (settings.contains(p.tenant)) continue;
      ASSURE_ASSIGN_OR_RETURN(settings[p.tenant], SettingsOf(db, p.tenant));
    }
    return absl::OkStatus();
  });
  if (!found.ok()) return 0;
  int changed = 0;
  for (const auto& p : paying) {
    if (!DriftOf(p.allowance, p.child, settings[p.tenant], today)) continue;
    auto st = store_.WriteAndWait(p.tenant, [&](Tx& tx) -> absl::Status {
      // Read again in the write: a person may have changed either since the scan.
      ASSURE_ASSIGN_OR_RETURN(auto id, ParseAllowanceName(p.allowance.name(), "name"));
      ASSURE_ASSIGN_OR_RETURN(auto a, AllowancesStore::Load(tx.db(), p.tenant, id));
      if (!a) return NothingToDo();
      ASSURE_ASSIGN_OR_RETURN(auto child, ChildOf(tx.db(), p.tenant, *a));
      ASSURE_ASSIGN_OR_RETURN(auto now_settings, SettingsOf(tx.db(), p.tenant));
      v1::Allowance after = *a;
      if (!DriftOf(after, child, now_settings, today)) return NothingToDo();
      ASSURE_RETURN_IF_ERROR(
          ApplyDrift(after, child, now_settings, today, {kDriftCheckActor, {}, clock_.Now()}));
      return SaveOwnChange(tx, p.tenant, *a, after);
    });
    if (st.ok()) ++changed;
  }
  return changed;
}

}  // namespace assure::allowances
