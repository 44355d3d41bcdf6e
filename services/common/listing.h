// The List conventions every service shares (AIP-132/158/160): page size bounds, opaque
// page tokens, and a small filter language of `field = value` terms joined by AND.
//
//   ASSURE_ASSIGN_OR_RETURN(auto terms, ParseFilter(req.filter(), {"state", "kind"}));
#ifndef ASSURE_SERVICES_COMMON_LISTING_H_
#define ASSURE_SERVICES_COMMON_LISTING_H_

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "services/common/errors.h"

namespace assure {

inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 1000;

// INVALID_ARGUMENT naming page_size when negative; 0 means the default; above the maximum
// is capped (AIP-158).
absl::StatusOr<int> PageSize(int requested);

// A page token carries where the last page ended and the query it belongs to, so a token
// reused with another filter is refused rather than silently wrong.
std::string EncodePageToken(absl::string_view last_key, absl::string_view query);
// The last key, or "" for an empty token; INVALID_ARGUMENT naming page_token otherwise.
absl::StatusOr<std::string> DecodePageToken(absl::string_view token, absl::string_view query);

// field -> value. Values may be quoted; booleans are "true"/"false". A comparison is keyed by
// field and operator: `due_date >= "2027-01-01"` is {"due_date>=", "2027-01-01"}, allowed
// only if "due_date>=" is among the allowed fields.
using FilterTerms = absl::flat_hash_map<std::string, std::string>;
absl::StatusOr<FilterTerms> ParseFilter(absl::string_view filter,
                                        const std::vector<absl::string_view>& allowed_fields);

// A boolean term ("true"/"false"), absent as nullopt; INVALID_ARGUMENT naming filter otherwise.
absl::StatusOr<std::optional<bool>> BoolTerm(const FilterTerms& terms, const std::string& field);

// A date term ("YYYY-MM-DD"), absent as nullopt; INVALID_ARGUMENT naming filter otherwise.
absl::StatusOr<std::optional<std::string>> DayTerm(const FilterTerms& terms,
                                                   const std::string& field);

// An enum term by its name ("REVIEW_STATE_HELD"), absent as nullopt; INVALID_ARGUMENT naming
// filter otherwise, with `example` as a hint.
template <typename T>
absl::StatusOr<std::optional<int>> EnumTerm(const FilterTerms& terms, const std::string& field,
                                            bool (*parse)(const std::string&, T*),
                                            absl::string_view example) {
  auto it = terms.find(field);
  if (it == terms.end()) return std::optional<int>();
  T value;
  if (!parse(it->second, &value)) {
    return InvalidField("filter", absl::StrCat(field, " takes an enum name, e.g. ", example));
  }
  return std::optional<int>(static_cast<int>(value));
}

// A page ends early once its rows pass this size, so an answer always fits gRPC's message
// limit (4 MiB) whatever the rows hold; the next page continues where it stopped.
inline constexpr size_t kMaxPageBytes = 2 << 20;

// Lists fetch page_size + 1 rows to learn whether another page follows: this trims the
// extra row (and any row past kMaxPageBytes) and returns the next page token ("" on the
// last page).
template <typename Row, typename KeyOf>
std::string TrimPage(std::vector<Row>& rows, int page_size, absl::string_view query,
                     KeyOf key_of) {
  const size_t limit = std::min(rows.size(), static_cast<size_t>(std::max(page_size, 1)));
  size_t keep = 0;
  for (size_t bytes = 0; keep < limit; ++keep) {
    bytes += rows[keep].ByteSizeLong();
    if (keep > 0 && bytes > kMaxPageBytes) break;
  }
  if (keep == rows.size()) return "";
  rows.resize(keep);
  return EncodePageToken(key_of(rows.back()), query);
}

// INVALID_ARGUMENT naming order_by unless it is empty or one of `allowed`.
absl::Status CheckOrderBy(absl::string_view order_by, const std::vector<absl::string_view>& allowed);

}  // namespace assure

#endif  // ASSURE_SERVICES_COMMON_LISTING_H_
