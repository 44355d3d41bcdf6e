#include "services/reviews/metrics.h"

#include "absl/container/btree_map.h"
#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"
#include "services/reviews/kinds.h"

namespace assure::reviews {
namespace {

constexpr char kCaseload[] = "assure_reviews_iro_caseload";
constexpr char kFte[] = "assure_reviews_iro_fte";
constexpr char kDecisionsOpen[] = "assure_reviews_decisions_open";
constexpr char kStarredOpen[] = "assure_reviews_starred_open";
constexpr char kWithoutIro[] = "assure_reviews_children_without_active_iro";
constexpr char kScheduled[] = "assure_reviews_scheduled";
constexpr char kUnscheduled[] = "assure_reviews_unscheduled";
constexpr char kPlansInForce[] = "assure_reviews_cp_plans_in_force";

const char* PlanLabel(PlanRepeat plan) {
  switch (plan) {
    case PlanRepeat::kFirst:
      return "first";
    case PlanRepeat::kWithinTwoYears:
      return "repeat_within_two_years";
    case PlanRepeat::kLater:
      return "repeat_later";
  }
  return "first";
}

// Where a meeting counts on the worklist: its kind and due day while it is to be held.
std::optional<std::pair<std::string, absl::CivilDay>> ScheduledSlot(const v1::Review& r) {
  const auto kind = KindFromProto(r.kind());
  const auto& d = r.due().due_date();
  if (r.state() != v1::REVIEW_STATE_SCHEDULED || !kind || d.year() == 0) return std::nullopt;
  return std::make_pair(std::string(Label(*kind)), absl::CivilDay(d.year(), d.month(), d.day()));
}

std::string Key(const void* family, const std::map<std::string, std::string>& labels) {
  std::string key = absl::StrCat(reinterpret_cast<uintptr_t>(family));
  for (const auto& [k, v] : labels) absl::StrAppend(&key, "\x1f", k, "=", v);
  return key;
}

std::vector<FigureSpec> Specs() {
  return {
      {kCaseload,
       "Children allocated to an IRO: kind=lac looked after, kind=cp child protection only."},
      {kFte,
       "An IRO's full-time equivalence (1 is full time): caseload per FTE is "
       "assure_reviews_iro_caseload over this.",
       100},
      {kDecisionsOpen, "Review decisions not yet carried out.", 1,
       "assure_reviews_decisions_overdue", "Open review decisions past their due date (drift)."},
      {kStarredOpen, "Starred recommendations not yet carried out.", 1,
       "assure_reviews_starred_overdue",
       "Open starred recommendations past their deadline: each in the problem resolution log."},
      {kWithoutIro, "Children who need an IRO and have no active one allocated."},
      {kScheduled, "Reviews and conferences scheduled and not yet held or cancelled, by kind.", 1,
       "assure_reviews_overdue",
       "Scheduled reviews and conferences past their due date and not yet held, by kind."},
      {kPlansInForce,
       "Child protection plans in force: plan=first, or a repeat plan starting within two years "
       "of the last one ending (repeat_within_two_years) or later (repeat_later)."},
      {kUnscheduled,
       "Children whose next statutory review or conference has no meeting scheduled "
       "(ListUnscheduledMeetings)."},
  };
}

}  // namespace

ReviewsMetrics::ReviewsMetrics(prometheus::Registry& r, store::Store& store, const Clock& clock)
    : held_(prometheus::BuildCounter()
                .Name("assure_reviews_held_total")
                .Help("Reviews and conferences recorded as held, by kind.")
                .Register(r)),
      late_(prometheus::BuildCounter()
                .Name("assure_reviews_late_total")
                .Help("Reviews and conferences held after their due date, by kind.")
                .Register(r)),
      eligible_(prometheus::BuildCounter()
                    .Name("assure_reviews_participation_eligible_total")
                    .Help("Looked-after reviews counted for participation (all but PN0).")
                    .Register(r)),
      participating_(prometheus::BuildCounter()
                         .Name("assure_reviews_participating_total")
                         .Help("Looked-after reviews in which the child participated.")
                         .Register(r)),
      figures_(std::make_shared<Figures>(store, clock, Specs())) {}

prometheus::Counter& ReviewsMetrics::CounterFor(prometheus::Family<prometheus::Counter>& family,
                                                const std::map<std::string, std::string>& labels) {
  auto& slot = counters_[Key(&family, labels)];
  if (slot == nullptr) slot = &family.Add(labels);
  return *slot;
}

absl::Status ReviewsMetrics::SeedOnce(store::Store& store) {
  return Figures::SeedOnce(store, "reviews", [](Tx& tx) -> absl::Status {
    Connection& db = tx.db();
    ASSURE_ASSIGN_OR_RETURN(auto caseloads, ReviewsStore::AllCaseloads(db));
    for (const auto& c : caseloads) {
      ASSURE_RETURN_IF_ERROR(SetCaseload(tx, c.tenant, c.iro, c.caseload));
    }
    ASSURE_ASSIGN_OR_RETURN(auto ftes, ReviewsStore::AllIroFte(db));
    for (const auto& f : ftes) ASSURE_RETURN_IF_ERROR(SetFte(tx, f.tenant, f.iro, f.fte_hundredths));
    ASSURE_ASSIGN_OR_RETURN(auto without, ReviewsStore::ChildrenWithoutActiveIro(db));
    for (const auto& w : without) ASSURE_RETURN_IF_ERROR(AddWithoutActiveIro(tx, w.tenant, w.count));
    ASSURE_ASSIGN_OR_RETURN(auto open, ReviewsStore::OpenDecisionDueDates(db));
    for (const auto& d : open) {
      absl::CivilDay due;
      if (absl::ParseCivilTime(d.due_date, &due)) {
        ASSURE_RETURN_IF_ERROR(DecisionOpened(tx, d.tenant, due));
      }
    }
    return absl::OkStatus();
  });
}

void ReviewsMetrics::TenantSeen(const std::string& tenant) {
  absl::MutexLock lock(&mu_);
  if (!tenants_seen_.insert(tenant).second) return;
  for (MeetingKind kind : kAllMeetingKinds) {
    const std::map<std::string, std::string> labels = {{"tenant", tenant}, {"kind", Label(kind)}};
    CounterFor(held_, labels);
    CounterFor(late_, labels);
  }
  CounterFor(eligible_, {{"tenant", tenant}});
  CounterFor(participating_, {{"tenant", tenant}});
}

absl::Status ReviewsMetrics::TenantsSeen(store::Store& store) {
  ASSURE_ASSIGN_OR_RETURN(auto tenants, Figures::Tenants(store));
  for (const auto& t : tenants) TenantSeen(t);
  return absl::OkStatus();
}

void ReviewsMetrics::ReviewHeld(const std::string& tenant, MeetingKind kind, bool late,
                                std::optional<bool> participated) {
  absl::MutexLock lock(&mu_);
  const std::map<std::string, std::string> labels = {{"tenant", tenant}, {"kind", Label(kind)}};
  CounterFor(held_, labels).Increment();
  auto& late_counter = CounterFor(late_, labels);  // exists from the first review, even at 0
  if (late) late_counter.Increment();
  auto& eligible = CounterFor(eligible_, {{"tenant", tenant}});
  auto& participating = CounterFor(participating_, {{"tenant", tenant}});
  if (participated) {
    eligible.Increment();
    if (*participated) participating.Increment();
  }
}

absl::Status ReviewsMetrics::SetCaseload(Tx& tx, const std::string& tenant,
                                         const std::string& iro, const Caseload& caseload) {
  ASSURE_RETURN_IF_ERROR(
      Figures::Set(tx, tenant, kCaseload, {{"iro", iro}, {"kind", "lac"}}, caseload.lac));
  return Figures::Set(tx, tenant, kCaseload, {{"iro", iro}, {"kind", "cp"}}, caseload.cp);
}

absl::Status ReviewsMetrics::SetFte(Tx& tx, const std::string& tenant, const std::string& iro,
                                    int fte_hundredths) {
  return Figures::Set(tx, tenant, kFte, {{"iro", iro}}, fte_hundredths);
}

absl::Status ReviewsMetrics::AddWithoutActiveIro(Tx& tx, const std::string& tenant,
                                                 int64_t delta) {
  return Figures::Add(tx, tenant, kWithoutIro, {}, delta);
}

absl::Status ReviewsMetrics::DecisionOpened(Tx& tx, const std::string& tenant,
                                            absl::CivilDay due) {
  return Figures::AddDue(tx, tenant, kDecisionsOpen, {}, due, +1);
}

absl::Status ReviewsMetrics::DecisionClosed(Tx& tx, const std::string& tenant,
                                            absl::CivilDay due) {
  return Figures::AddDue(tx, tenant, kDecisionsOpen, {}, due, -1);
}

absl::Status ReviewsMetrics::StarredOpened(Tx& tx, const std::string& tenant,
                                           absl::CivilDay deadline) {
  return Figures::AddDue(tx, tenant, kStarredOpen, {}, deadline, +1);
}

absl::Status ReviewsMetrics::StarredClosed(Tx& tx, const std::string& tenant,
                                           absl::CivilDay deadline) {
  return Figures::AddDue(tx, tenant, kStarredOpen, {}, deadline, -1);
}


absl::Status ReviewsMetrics::MeetingSaved(Tx& tx, const std::string& tenant,
                                          const v1::Review* before, const v1::Review& after) {
  const auto was = before ? ScheduledSlot(*before) : std::nullopt;
  const auto now = ScheduledSlot(after);
  if (was == now) return absl::OkStatus();
  if (was) {
    ASSURE_RETURN_IF_ERROR(
        Figures::AddDue(tx, tenant, kScheduled, {{"kind", was->first}}, was->second, -1));
  }
  if (!now) return absl::OkStatus();
  return Figures::AddDue(tx, tenant, kScheduled, {{"kind", now->first}}, now->second, +1);
}

absl::Status ReviewsMetrics::PlanInForceChanged(Tx& tx, const std::string& tenant,
                                                std::optional<PlanRepeat> before,
                                                std::optional<PlanRepeat> after) {
  if (before == after) return absl::OkStatus();
  if (before) {
    ASSURE_RETURN_IF_ERROR(
        Figures::Add(tx, tenant, kPlansInForce, {{"plan", PlanLabel(*before)}}, -1));
  }
  if (!after) return absl::OkStatus();
  return Figures::Add(tx, tenant, kPlansInForce, {{"plan", PlanLabel(*after)}}, +1);
}

absl::Status ReviewsMetrics::AddUnscheduled(Tx& tx, const std::string& tenant, int64_t delta) {
  return Figures::Add(tx, tenant, kUnscheduled, {}, delta);
}

}  // namespace assure::reviews
