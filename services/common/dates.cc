#include "services/common/dates.h"

#include <cstdlib>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace assure {

const absl::TimeZone& London() {
  static const absl::TimeZone* zone = [] {
    auto* tz = new absl::TimeZone;
    if (!absl::LoadTimeZone("Europe/London", tz)) {
      std::cerr << "Europe/London time zone not found: apt-get install tzdata\n";
      std::abort();
    }
    return tz;
  }();
  return *zone;
}

absl::CivilDay LondonDay(absl::Time t) { return absl::ToCivilDay(t, London()); }

bool IsSet(const google::type::Date& date) {
  return date.year() != 0 || date.month() != 0 || date.day() != 0;
}

std::optional<absl::CivilDay> DayOf(const google::type::Date& date) { return FromProto(date).day; }

ParsedDate FromProto(const google::type::Date& date) {
  if (!IsSet(date)) return {};
  if (date.year() < kFirstAcceptedYear || date.year() > kLastAcceptedYear) {
    return {std::nullopt, false,
            absl::StrFormat("year %d is outside the accepted years %d-%d", date.year(),
                            kFirstAcceptedYear, kLastAcceptedYear)};
  }
  const absl::CivilDay day(date.year(), date.month(), date.day());
  const bool exact = day.year() == date.year() && day.month() == date.month() &&
                     day.day() == date.day();
  if (!exact) return {std::nullopt, false, "is not a real date"};
  return {day, true, ""};
}

google::type::Date ToProto(absl::CivilDay day) {
  google::type::Date d;
  d.set_year(static_cast<int32_t>(day.year()));
  d.set_month(day.month());
  d.set_day(day.day());
  return d;
}

std::string FormatDay(absl::CivilDay day) {
  return absl::StrFormat("%04d-%02d-%02d", day.year(), day.month(), day.day());
}

absl::Time FromProto(const google::protobuf::Timestamp& ts) {
  return absl::FromUnixSeconds(ts.seconds()) + absl::Nanoseconds(ts.nanos());
}

google::protobuf::Timestamp ToProto(absl::Time t) {
  google::protobuf::Timestamp ts;
  const int64_t nanos = absl::ToUnixNanos(t);
  ts.set_seconds(nanos / 1000000000);
  ts.set_nanos(static_cast<int32_t>(nanos % 1000000000));
  if (ts.nanos() < 0) {
    ts.set_seconds(ts.seconds() - 1);
    ts.set_nanos(ts.nanos() + 1000000000);
  }
  return ts;
}

void CheckDate(const google::type::Date& date, const std::string& field, bool required,
               FieldViolations& v, std::optional<absl::CivilDay> latest) {
  const ParsedDate parsed = FromProto(date);
  if (!parsed.valid) {
    v.Add(field, parsed.problem);
  } else if (!parsed.day && required) {
    v.Add(field, "is required");
  } else if (parsed.day && latest && *parsed.day > *latest) {
    v.Add(field, absl::StrCat("must not be in the future (today is ", FormatDay(*latest), ")"));
  }
}

}  // namespace assure
