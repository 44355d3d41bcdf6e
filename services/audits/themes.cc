#include "services/audits/themes.h"

#include <algorithm>
#include <tuple>

#include "absl/container/btree_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/audits/audit_life.h"
#include "services/common/dates.h"
#include "services/common/resource_ids.h"

namespace assure::audits {
namespace {

struct Key {
  v1::ThemeKind kind;
  std::string tag;
  bool operator<(const Key& o) const { return std::tie(kind, tag) < std::tie(o.kind, o.tag); }
};

constexpr v1::ThemeKind kKinds[] = {v1::THEME_KIND_AREA_FOR_DEVELOPMENT, v1::THEME_KIND_STRENGTH};

std::string MonthTitle(const google::type::Date& month) {
  static constexpr const char* kMonths[] = {"January",   "February", "March",    "April",
                                            "May",       "June",     "July",     "August",
                                            "September", "October",  "November", "December"};
  return absl::StrCat(kMonths[(month.month() + 11) % 12], " ", month.year());
}

// Months in a row, ending with the last, with a count above 0.
int Running(const std::vector<int32_t>& by_month) {
  int n = 0;
  for (auto it = by_month.rbegin(); it != by_month.rend() && *it > 0; ++it) ++n;
  return n;
}

}  // namespace

std::vector<std::string> TagsOf(const v1::Audit& a, v1::ThemeKind kind) {
  if (!CountsAsDone(a)) return {};
  const auto& tags = kind == v1::THEME_KIND_STRENGTH ? a.strength_tags() : a.theme_tags();
  const absl::btree_set<std::string> once(tags.begin(), tags.end());
  return {once.begin(), once.end()};
}

std::string MonthKey(const google::type::Date& month) {
  return absl::StrFormat("%04d-%02d", month.year(), month.month());
}

std::string ThemeName(const google::type::Date& month, const std::string& tag) {
  return absl::StrCat("auditThemes/", MonthKey(month), "/", tag);
}

std::vector<google::type::Date> YearEnding(const google::type::Date& month) {
  std::vector<google::type::Date> out;
  const absl::CivilMonth last(month.year(), month.month());
  for (int back = 11; back >= 0; --back) {
    const absl::CivilMonth m = last - back;
    google::type::Date d;
    d.set_year(static_cast<int32_t>(m.year()));
    d.set_month(m.month());
    out.push_back(d);
  }
  return out;
}

v1::ThemeRegister ThemeRegisterOf(const google::type::Date& month,
                                  const std::vector<v1::Audit>& audits, const Referrals& referrals,
                                  int threshold) {
  const std::vector<google::type::Date> year = YearEnding(month);
  std::map<std::string, size_t> slot;  // month key -> place in the year
  for (size_t i = 0; i < year.size(); ++i) slot[MonthKey(year[i])] = i;
  std::map<Key, std::vector<int32_t>> counts;
  for (const auto& a : audits) {
    const auto at = slot.find(MonthKey(a.month()));
    if (at == slot.end()) continue;
    for (v1::ThemeKind kind : kKinds) {
      for (const auto& tag : TagsOf(a, kind)) {
        auto& by_month = counts[{kind, tag}];
        by_month.resize(year.size(), 0);
        ++by_month[at->second];
      }
    }
  }
  v1::ThemeRegister out;
  *out.mutable_month() = month;
  out.set_referral_threshold(threshold);
  const std::string key = MonthKey(month);
  for (const auto& [k, by_month] : counts) {
    if (by_month.back() == 0) continue;
    v1::ThemeEntry* e = out.add_themes();
    e->set_name(ThemeName(month, k.tag));
    e->set_tag(k.tag);
    e->set_kind(k.kind);
    e->set_audits(by_month.back());
    *e->mutable_by_month() = {by_month.begin(), by_month.end()};
    e->set_months_running(Running(by_month));
    e->set_months_in_year(static_cast<int32_t>(
        std::count_if(by_month.begin(), by_month.end(), [](int32_t n) { return n > 0; })));
    if (auto r = referrals.find({key, k.tag});
        r != referrals.end() && k.kind == v1::THEME_KIND_AREA_FOR_DEVELOPMENT) {
      e->set_finding(r->second);
    }
  }
  auto* themes = out.mutable_themes();
  std::stable_sort(themes->begin(), themes->end(),
                   [](const v1::ThemeEntry& a, const v1::ThemeEntry& b) {
                     return std::make_tuple(-a.kind(), -a.audits(), a.tag()) <
                            std::make_tuple(-b.kind(), -b.audits(), b.tag());
                   });
  return out;
}

plans::CreateFindingRequest ThemeFinding(const google::type::Date& month, const std::string& tag,
                                         int audits, const std::string& raised_by, absl::Time now) {
  plans::CreateFindingRequest req;
  req.set_finding_id(NewResourceId("f-"));
  plans::Finding* f = req.mutable_finding();
  f->set_source(plans::FINDING_SOURCE_AUDIT_THEME);
  f->set_source_record(ThemeName(month, tag));
  f->set_title(absl::StrCat(tag, ": an area for development in ", audits, " case-file audits of ",
                            MonthTitle(month)));
  f->set_text(absl::StrCat("Case-file audits of ", MonthTitle(month), " raised ", tag,
                           " as an area for development ", audits,
                           " times, reaching the authority's threshold for an action plan."));
  f->set_priority(plans::FINDING_PRIORITY_MEDIUM);
  f->set_raised_by(raised_by);
  *f->mutable_raise_time() = ToProto(now);
  return req;
}

plans::CreateFindingRequest ProgrammeFinding(const v1::Selection& programme,
                                             const v1::ProgrammeRecommendation& r, absl::Time now) {
  plans::CreateFindingRequest req;
  req.set_finding_id(NewResourceId("f-"));
  plans::Finding* f = req.mutable_finding();
  f->set_source(plans::FINDING_SOURCE_AUDIT_PROGRAMME);
  f->set_source_record(programme.name());
  f->set_title(absl::StrCat("Recommendation of the themed audit programme ", programme.name(), " (",
                            MonthTitle(programme.month()), ")"));
  f->set_text(r.text());
  switch (r.priority()) {
    case v1::RECOMMENDATION_PRIORITY_HIGH:
      f->set_priority(plans::FINDING_PRIORITY_HIGH);
      break;
    case v1::RECOMMENDATION_PRIORITY_LOW:
      f->set_priority(plans::FINDING_PRIORITY_LOW);
      break;
    default:
      f->set_priority(plans::FINDING_PRIORITY_MEDIUM);
  }
  f->set_raised_by(r.recommended_by());
  *f->mutable_raise_time() = ToProto(now);
  return req;
}

}  // namespace assure::audits
