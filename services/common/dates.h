// Conversions between the API's date types and Abseil's, in Europe/London, where every
// statutory date is counted.
#ifndef ASSURE_SERVICES_COMMON_DATES_H_
#define ASSURE_SERVICES_COMMON_DATES_H_

#include <optional>
#include <string>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"
#include "google/type/date.pb.h"
#include "services/common/errors.h"

namespace assure {

// The zone statutory dates are counted in. Loaded once; dies if tzdata is missing, which is
// an installation fault rather than anything a caller can cause.
const absl::TimeZone& London();

absl::CivilDay LondonDay(absl::Time t);

// Years a date may have: a child's records span births and care histories from the 1900s;
// anything outside is a typing error, not a date to count from.
inline constexpr int kFirstAcceptedYear = 1900;
inline constexpr int kLastAcceptedYear = 2200;

// An unset (all-zero) Date is "absent". A set but impossible one (31 February, or a year
// outside the accepted ones) is nullopt with valid=false and `problem` saying which, so the
// caller can name the field and the fault.
struct ParsedDate {
  std::optional<absl::CivilDay> day;
  bool valid = true;
  std::string problem;
};
ParsedDate FromProto(const google::type::Date& date);
// The day of `date`: nullopt when it is unset or impossible.
std::optional<absl::CivilDay> DayOf(const google::type::Date& date);
bool IsSet(const google::type::Date& date);
google::type::Date ToProto(absl::CivilDay day);
std::string FormatDay(absl::CivilDay day);

// A date field of a request: set (when required), possible, and not after `latest` if
// given; each fault added to `v` naming `field`.
void CheckDate(const google::type::Date& date, const std::string& field, bool required,
               FieldViolations& v, std::optional<absl::CivilDay> latest = std::nullopt);

absl::Time FromProto(const google::protobuf::Timestamp& ts);
google::protobuf::Timestamp ToProto(absl::Time t);

}  // namespace assure

#endif  // ASSURE_SERVICES_COMMON_DATES_H_
