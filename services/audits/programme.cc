#include "services/audits/programme.h"

#include <algorithm>
#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "services/audits/audit_life.h"
#include "services/common/dates.h"

namespace assure::audits {
namespace {

bool InCohort(const ProgrammeCase& c, int cohort) {
  return std::find(c.cohorts.begin(), c.cohorts.end(), cohort) != c.cohorts.end();
}

bool OpenIn(const ProgrammeCase& c, absl::CivilDay first, absl::CivilDay last) {
  return c.open && *c.open <= last && (!c.close || *c.close >= first);
}

// What makes a case pressing within its tier, earliest first; a case without the date
// after those with it.
struct Urgency {
  bool missing = false;
  absl::CivilDay when;
};

Urgency UrgencyOf(const ProgrammeCase& c, int cohort) {
  switch (cohort) {
    case v1::COHORT_SGO_BEFORE_COURT:
      return c.hearing ? Urgency{false, *c.hearing} : Urgency{true, {}};
    case v1::COHORT_SGO_ASSESSMENT:
      return c.assessment_complete ? Urgency{false, *c.assessment_complete} : Urgency{true, {}};
    default:
      return {};
  }
}

struct Placed {
  int tier;
  Urgency urgency;
  Ranked rank;
  bool operator<(const Placed& o) const {
    if (std::tie(tier, urgency.missing) != std::tie(o.tier, o.urgency.missing)) {
      return std::tie(tier, urgency.missing) < std::tie(o.tier, o.urgency.missing);
    }
    if (urgency.when != o.urgency.when) return urgency.when < o.urgency.when;
    return rank < o.rank;
  }
};

}  // namespace

ProgrammeCase ProgrammeCaseOf(const v1::Case& c) {
  ProgrammeCase p;
  p.candidate = {c.name().substr(c.name().find('/') + 1), c.team(), c.service(), c.worker(),
                 DayOf(c.last_selected_date())};
  p.cohorts.assign(c.cohorts().begin(), c.cohorts().end());
  p.open = DayOf(c.open_date());
  p.close = DayOf(c.close_date());
  p.hearing = DayOf(c.hearing_date());
  p.assessment_complete = DayOf(c.assessment_complete_date());
  p.order = DayOf(c.order_date());
  return p;
}

int TierOf(const ProgrammeCase& c, const std::vector<int>& priority, absl::CivilDay first,
           absl::CivilDay last) {
  const absl::CivilDay year_before(first.year() - 1, first.month(), first.day());
  for (size_t i = 0; i < priority.size(); ++i) {
    if (!InCohort(c, priority[i])) continue;
    const bool in_window = priority[i] == v1::COHORT_SGO_CONCLUDED
                               ? c.order && *c.order >= year_before && *c.order <= last
                               : OpenIn(c, first, last);
    if (in_window) return static_cast<int>(i) + 1;
  }
  return 0;
}

ProgrammeSample DrawProgramme(const std::vector<ProgrammeCase>& cases,
                              const std::vector<int>& priority, const std::vector<Quota>& quotas,
                              uint64_t seed, absl::CivilDay first, absl::CivilDay last) {
  ProgrammeSample out;
  out.tier_sizes.assign(priority.size(), 0);
  std::vector<Placed> placed;
  absl::flat_hash_map<std::string, int> tier_of;
  for (const auto& c : cases) {
    const int tier = TierOf(c, priority, first, last);
    if (tier == 0) continue;
    ++out.tier_sizes[tier - 1];
    tier_of[c.candidate.id] = tier;
    placed.push_back({tier, UrgencyOf(c, priority[tier - 1]),
                      {&c.candidate, DrawKey(seed, c.candidate.id)}});
  }
  std::sort(placed.begin(), placed.end());
  std::vector<const Candidate*> order;
  for (const auto& p : placed) order.push_back(p.rank.c);
  for (Draw& d : Deal(std::move(order), {}, quotas)) {
    const int tier = tier_of[d.case_id];
    out.draws.push_back({std::move(d), tier});
  }
  return out;
}

void WriteTiers(const std::vector<int>& priority, const ProgrammeSample& sample,
                v1::Selection& s) {
  for (size_t i = 0; i < priority.size(); ++i) {
    auto* t = s.add_tiers();
    t->set_tier(static_cast<int32_t>(i) + 1);
    t->set_cohort(static_cast<v1::Cohort>(priority[i]));
    t->set_cases(sample.tier_sizes[i]);
  }
  for (const auto& d : sample.draws) {
    auto* t = s.mutable_tiers(d.tier - 1);
    t->set_assigned(t->assigned() + 1);
  }
}

void CountTierProgress(const std::vector<v1::Audit>& audits, v1::Selection& s) {
  for (auto& t : *s.mutable_tiers()) t.set_done(0);
  for (const auto& a : audits) {
    const int tier = a.programme_tier();
    if (tier < 1 || tier > s.tiers_size() || !CountsAsDone(a)) continue;
    auto* t = s.mutable_tiers(tier - 1);
    t->set_done(t->done() + 1);
  }
}

}  // namespace assure::audits
