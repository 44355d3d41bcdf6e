#include "services/allowances/rates.h"

#include "absl/strings/str_cat.h"
#include "services/allowances/money.h"
#include "services/common/dates.h"
#include "services/common/errors.h"

namespace assure::allowances {
namespace {

constexpr int kMaxAge = 25;

bool Overlap(const v1::Rate& a, const v1::Rate& b) {
  return a.type() == b.type() && a.min_age() <= b.max_age() && b.min_age() <= a.max_age();
}

}  // namespace

absl::Status ValidateRateTable(const v1::RateTable& t) {
  FieldViolations v;
  CheckDate(t.effective_date(), "rate_table.effective_date", true, v);
  if (t.rates_size() == 0) v.Add("rate_table.rates", "must hold at least one rate");
  for (int i = 0; i < t.rates_size(); ++i) {
    const auto& r = t.rates(i);
    const std::string at = absl::StrCat("rate_table.rates[", i, "]");
    if (r.type() == v1::ALLOWANCE_TYPE_UNSPECIFIED || !v1::AllowanceType_IsValid(r.type())) {
      v.Add(at + ".type", "must be an allowance type");
    }
    if (r.min_age() < 0 || r.max_age() > kMaxAge || r.min_age() > r.max_age()) {
      v.Add(at + ".max_age", "ages run from min_age to max_age, within 0 to 25");
    }
    if (r.weekly_pence() <= 0 || r.weekly_pence() > kMaxPaymentPence) {
      v.Add(at + ".weekly_pence", "must be 1 to 10000000 pence (£100,000)");
    }
    for (int j = 0; j < i; ++j) {
      if (Overlap(r, t.rates(j))) {
        v.Add(at, absl::StrCat("overlaps rates[", j, "]: a type's age bands do not overlap"));
        break;
      }
    }
  }
  return v.ToStatus();
}

v1::RateTable Uprate(const v1::RateTable& t, int basis_points, absl::CivilDay effective) {
  v1::RateTable out;
  *out.mutable_effective_date() = ToProto(effective);
  for (v1::Rate r : t.rates()) {
    // Integer arithmetic to the penny, half up: no float near money.
    const int64_t scaled = r.weekly_pence() * (10000 + basis_points);
    r.set_weekly_pence((scaled + 5000) / 10000);
    *out.add_rates() = r;
  }
  out.set_uprated_from(t.name());
  out.set_uprating_basis_points(basis_points);
  return out;
}

int AgeOn(absl::CivilDay birth, absl::CivilDay day) {
  int age = static_cast<int>(day.year() - birth.year());
  // Born on 29 February: a year older on 1 March of a common year, as the law counts it.
  const absl::CivilDay birthday(day.year(), birth.month(), birth.day());
  if (day < birthday) --age;
  return age;
}

std::optional<int64_t> RateFor(const std::vector<v1::RateTable>& tables, v1::AllowanceType type,
                               int age, absl::CivilDay day) {
  const v1::RateTable* in_force = nullptr;
  std::optional<absl::CivilDay> from;
  for (const auto& t : tables) {
    const auto effective = FromProto(t.effective_date()).day;
    if (!effective || *effective > day || (from && *effective <= *from)) continue;
    in_force = &t;
    from = effective;
  }
  if (in_force == nullptr) return std::nullopt;
  for (const auto& r : in_force->rates()) {
    if (r.type() == type && age >= r.min_age() && age <= r.max_age()) return r.weekly_pence();
  }
  return std::nullopt;
}

}  // namespace assure::allowances
