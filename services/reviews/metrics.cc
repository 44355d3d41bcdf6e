#include "services/reviews/metrics.h"

#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"
#include "services/reviews/kinds.h"

namespace assure::reviews {
namespace {

std::string Key(const void* family, const std::map<std::string, std::string>& labels) {
  std::string key = absl::StrCat(reinterpret_cast<uintptr_t>(family));
  for (const auto& [k, v] : labels) absl::StrAppend(&key, "\x1f", k, "=", v);
  return key;
}

}  // namespace

ReviewsMetrics::ReviewsMetrics(prometheus::Registry& r)
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
      caseload_(prometheus::BuildGauge()
                    .Name("assure_reviews_iro_caseload")
                    .Help("Children allocated to an IRO: kind=lac looked after, kind=cp child "
                          "protection only.")
                    .Register(r)),
      fte_(prometheus::BuildGauge()
               .Name("assure_reviews_iro_fte")
               .Help("An IRO's full-time equivalence (1 is full time): caseload per FTE is "
                     "assure_reviews_iro_caseload over this.")
               .Register(r)),
      decisions_open_(prometheus::BuildGauge()
                          .Name("assure_reviews_decisions_open")
                          .Help("Review decisions not yet carried out.")
                          .Register(r)),
      decisions_overdue_(prometheus::BuildGauge()
                             .Name("assure_reviews_decisions_overdue")
                             .Help("Open review decisions past their due date (drift).")
                             .Register(r)),
      without_iro_(prometheus::BuildGauge()
                       .Name("assure_reviews_children_without_active_iro")
                       .Help("Children who need an IRO and have no active one allocated.")
                       .Register(r)) {}

prometheus::Counter& ReviewsMetrics::CounterFor(prometheus::Family<prometheus::Counter>& family,
                                                const std::map<std::string, std::string>& labels) {
  auto& slot = counters_[Key(&family, labels)];
  if (slot == nullptr) slot = &family.Add(labels);
  return *slot;
}

prometheus::Gauge& ReviewsMetrics::GaugeFor(prometheus::Family<prometheus::Gauge>& family,
                                            const std::map<std::string, std::string>& labels) {
  auto& slot = gauges_[Key(&family, labels)];
  if (slot == nullptr) slot = &family.Add(labels);
  return *slot;
}

absl::Status ReviewsMetrics::Load(Connection& db, absl::CivilDay today) {
  ASSURE_ASSIGN_OR_RETURN(auto caseloads, ReviewsStore::AllCaseloads(db));
  for (const auto& c : caseloads) SetCaseload(c.tenant, c.iro, c.caseload);
  ASSURE_ASSIGN_OR_RETURN(auto ftes, ReviewsStore::AllIroFte(db));
  for (const auto& f : ftes) SetFte(f.tenant, f.iro, f.fte_hundredths);
  ASSURE_ASSIGN_OR_RETURN(auto without, ReviewsStore::ChildrenWithoutActiveIro(db));
  for (const auto& w : without) AddWithoutActiveIro(w.tenant, w.count);
  ASSURE_ASSIGN_OR_RETURN(auto open, ReviewsStore::OpenDecisionDueDates(db));
  absl::MutexLock lock(&mu_);
  for (const auto& d : open) {
    absl::CivilDay due;
    if (absl::ParseCivilTime(d.due_date, &due)) ++open_by_due_[d.tenant][due];
  }
  for (auto& [tenant, dates] : open_by_due_) RefreshOverdueLocked(tenant, today);
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

void ReviewsMetrics::SetCaseload(const std::string& tenant, const std::string& iro,
                                 const Caseload& caseload) {
  absl::MutexLock lock(&mu_);
  GaugeFor(caseload_, {{"tenant", tenant}, {"iro", iro}, {"kind", "lac"}}).Set(caseload.lac);
  GaugeFor(caseload_, {{"tenant", tenant}, {"iro", iro}, {"kind", "cp"}}).Set(caseload.cp);
}

void ReviewsMetrics::SetFte(const std::string& tenant, const std::string& iro,
                            int fte_hundredths) {
  absl::MutexLock lock(&mu_);
  GaugeFor(fte_, {{"tenant", tenant}, {"iro", iro}}).Set(fte_hundredths / 100.0);
}

void ReviewsMetrics::AddWithoutActiveIro(const std::string& tenant, int64_t delta) {
  absl::MutexLock lock(&mu_);
  GaugeFor(without_iro_, {{"tenant", tenant}}).Increment(static_cast<double>(delta));
}

void ReviewsMetrics::DecisionOpened(const std::string& tenant, absl::CivilDay due,
                                    absl::CivilDay today) {
  absl::MutexLock lock(&mu_);
  ++open_by_due_[tenant][due];
  RefreshOverdueLocked(tenant, today);
}

void ReviewsMetrics::DecisionClosed(const std::string& tenant, absl::CivilDay due,
                                    absl::CivilDay today) {
  absl::MutexLock lock(&mu_);
  auto& dates = open_by_due_[tenant];
  auto it = dates.find(due);
  if (it != dates.end() && --it->second == 0) dates.erase(it);
  RefreshOverdueLocked(tenant, today);
}

void ReviewsMetrics::RefreshOverdue(absl::CivilDay today) {
  absl::MutexLock lock(&mu_);
  for (auto& [tenant, dates] : open_by_due_) RefreshOverdueLocked(tenant, today);
}

void ReviewsMetrics::RefreshOverdueLocked(const std::string& tenant, absl::CivilDay today) {
  int64_t open = 0, overdue = 0;
  for (const auto& [due, count] : open_by_due_[tenant]) {
    open += count;
    if (due < today) overdue += count;
  }
  GaugeFor(decisions_open_, {{"tenant", tenant}}).Set(static_cast<double>(open));
  GaugeFor(decisions_overdue_, {{"tenant", tenant}}).Set(static_cast<double>(overdue));
}

}  // namespace assure::reviews
