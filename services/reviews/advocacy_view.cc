#include "services/reviews/advocacy_view.h"

#include "absl/strings/ascii.h"
#include "services/common/dates.h"

namespace assure::reviews {
namespace {

bool Planned(const v1::Review& r) { return DayOf(r.planned_date()).has_value(); }

bool SameDay(const google::type::Date& a, const google::type::Date& b) {
  return a.year() == b.year() && a.month() == b.month() && a.day() == b.day();
}

}  // namespace

bool IsClockTime(absl::string_view t) {
  if (t.size() != 5 || t[2] != ':') return false;
  for (size_t i : {0, 1, 3, 4}) {
    if (!absl::ascii_isdigit(t[i])) return false;
  }
  const int hours = (t[0] - '0') * 10 + (t[1] - '0');
  const int minutes = (t[3] - '0') * 10 + (t[4] - '0');
  return hours < 24 && minutes < 60;
}

int AgeInYears(absl::CivilDay birth, absl::CivilDay today) {
  int years = static_cast<int>(today.year() - birth.year());
  if (today.month() < birth.month() ||
      (today.month() == birth.month() && today.day() < birth.day())) {
    --years;
  }
  return years < 0 ? 0 : years;
}

void NoteReschedule(const v1::Review& before, v1::Review& after, const std::string& by,
                    absl::Time now) {
  if (!Planned(before)) return;
  const bool moved =
      !SameDay(before.planned_date(), after.planned_date()) ||
      (!before.planned_time().empty() && before.planned_time() != after.planned_time());
  if (!moved) return;
  auto* r = after.add_reschedules();
  *r->mutable_from_date() = before.planned_date();
  r->set_from_time(before.planned_time());
  *r->mutable_to_date() = after.planned_date();
  r->set_to_time(after.planned_time());
  r->set_changed_by(by);
  *r->mutable_change_time() = ToProto(now);
}

v1::AdvocacyView BuildAdvocacyView(const v1::Child& child, const std::vector<v1::Review>& reviews,
                                   const std::optional<v1::Iro>& iro, absl::CivilDay today) {
  v1::AdvocacyView view;
  view.set_name(child.name() + "/advocacyView");
  if (const auto birth = DayOf(child.birth_date())) {
    view.set_age_years(AgeInYears(*birth, today));
  }
  view.set_looked_after(child.looked_after());
  if (iro) {
    auto* contact = view.mutable_iro();
    contact->set_iro(iro->name());
    contact->set_display_name(iro->display_name());
    contact->set_email(iro->contact_email());
    contact->set_phone(iro->contact_phone());
  }
  for (const auto& r : reviews) {
    auto* m = view.add_meetings();
    m->set_review(r.name());
    m->set_kind(r.kind());
    m->set_state(r.state());
    *m->mutable_planned_date() = r.planned_date();
    m->set_planned_time(r.planned_time());
    m->set_venue(r.venue());
    *m->mutable_reschedules() = r.reschedules();
    m->set_cancel_reason(r.cancel_reason());
  }
  return view;
}

}  // namespace assure::reviews
