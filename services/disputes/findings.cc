#include "services/disputes/findings.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/common/dates.h"
#include "services/common/resource_ids.h"
#include "services/common/working_days.h"

namespace assure::disputes {
namespace {

std::string TitleOf(const v1::DisputeSettings& s, const std::string& code) {
  for (const auto& t : s.themes()) {
    if (t.code() == code) return t.title();
  }
  return code;
}

}  // namespace

plans::CreateFindingRequest ServiceFinding(const v1::Dispute& d, absl::Time now) {
  plans::CreateFindingRequest req;
  req.set_finding_id(std::string(absl::StripPrefix(d.finding(), "findings/")));
  plans::Finding* f = req.mutable_finding();
  f->set_source(plans::FINDING_SOURCE_DISPUTE);
  f->set_source_record(d.name());
  f->set_title(absl::StrCat("A dispute raised by an IRO showed a finding about the service (",
                            v1::Outcome_Name(d.outcome()), ")"));
  f->set_text(d.service_finding());
  f->set_priority(d.starred() ? plans::FINDING_PRIORITY_HIGH : plans::FINDING_PRIORITY_MEDIUM);
  f->set_raised_by(d.raised_by());
  *f->mutable_raise_time() = ToProto(now);
  return req;
}

int ThemeThreshold(const v1::DisputeSettings& s) {
  return s.recurring_theme_threshold() > 0 ? s.recurring_theme_threshold() : 3;
}

int ThemeMonths(const v1::DisputeSettings& s) {
  return s.recurring_theme_months() > 0 ? s.recurring_theme_months() : 6;
}

absl::CivilDay ThemeWindowStart(const v1::DisputeSettings& s, absl::CivilDay today) {
  return AddMonths(today, -ThemeMonths(s)) + 1;
}

bool ThemeRecursNow(const v1::DisputeSettings& s, int64_t count) {
  return count == ThemeThreshold(s);
}

plans::CreateFindingRequest ThemeFinding(const v1::DisputeSettings& s, const std::string& theme,
                                         int64_t count, absl::CivilDay today,
                                         const std::string& raised_by, absl::Time now) {
  plans::CreateFindingRequest req;
  req.set_finding_id(NewResourceId("f-"));
  plans::Finding* f = req.mutable_finding();
  f->set_source(plans::FINDING_SOURCE_DISPUTE);
  f->set_source_record(absl::StrCat("disputes?filter=theme = ", theme));
  f->set_title(absl::StrCat("A recurring dispute theme: ", TitleOf(s, theme)));
  f->set_text(absl::StrCat(count, " disputes raised by IROs about \"", TitleOf(s, theme),
                           "\" from ", FormatDay(ThemeWindowStart(s, today)), " to ",
                           FormatDay(today), ": the authority's threshold is ", ThemeThreshold(s),
                           " in ", ThemeMonths(s), " months."));
  f->set_priority(plans::FINDING_PRIORITY_MEDIUM);
  f->set_raised_by(raised_by);
  *f->mutable_raise_time() = ToProto(now);
  return req;
}

}  // namespace assure::disputes
