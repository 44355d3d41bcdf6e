#include "services/common/listing.h"

#include <algorithm>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/civil_time.h"
#include "services/common/errors.h"

namespace assure {

absl::StatusOr<int> PageSize(int requested) {
  if (requested < 0) return InvalidField("page_size", "must not be negative");
  if (requested == 0) return kDefaultPageSize;
  return std::min(requested, kMaxPageSize);
}

std::string EncodePageToken(absl::string_view last_key, absl::string_view query) {
  return absl::WebSafeBase64Escape(absl::StrCat(query, "\n", last_key));
}

absl::StatusOr<std::string> DecodePageToken(absl::string_view token, absl::string_view query) {
  if (token.empty()) return std::string();
  std::string raw;
  if (!absl::WebSafeBase64Unescape(token, &raw)) {
    return InvalidField("page_token", "is not a token this service issued");
  }
  absl::string_view rest = raw;
  if (!absl::ConsumePrefix(&rest, absl::StrCat(query, "\n"))) {
    return InvalidField("page_token", "belongs to a different filter, order or parent");
  }
  return std::string(rest);
}

absl::StatusOr<FilterTerms> ParseFilter(absl::string_view filter,
                                        const std::vector<absl::string_view>& allowed_fields) {
  FilterTerms terms;
  filter = absl::StripAsciiWhitespace(filter);
  if (filter.empty()) return terms;
  const std::string allowed = absl::StrJoin(allowed_fields, ", ");
  for (absl::string_view term : absl::StrSplit(filter, " AND ")) {
    const size_t at = term.find_first_of("<>=");
    if (at == absl::string_view::npos) {
      return InvalidField("filter", absl::StrCat("'", term, "' is not of the form field = value"));
    }
    // `field = v` is keyed by the field; `field >= v` (and <=, <, >) by the field and operator.
    size_t op_end = at + 1;
    if (term[at] != '=' && op_end < term.size() && term[op_end] == '=') ++op_end;
    const absl::string_view op = term.substr(at, op_end - at);
    std::string field(absl::StripAsciiWhitespace(term.substr(0, at)));
    if (op != "=") absl::StrAppend(&field, op);
    absl::string_view value = absl::StripAsciiWhitespace(term.substr(op_end));
    if (std::find(allowed_fields.begin(), allowed_fields.end(), field) == allowed_fields.end()) {
      return InvalidField("filter", absl::StrCat("'", field, "' cannot be filtered on; use ", allowed));
    }
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    if (value.empty()) return InvalidField("filter", absl::StrCat("'", field, "' needs a value"));
    terms[field] = std::string(value);
  }
  return terms;
}

absl::StatusOr<std::optional<std::string>> DayTerm(const FilterTerms& terms,
                                                   const std::string& field) {
  auto it = terms.find(field);
  if (it == terms.end()) return std::optional<std::string>();
  absl::CivilDay day;
  if (it->second.size() != 10 || !absl::ParseCivilTime(it->second, &day)) {
    return InvalidField("filter", absl::StrCat(field, " takes a date, \"YYYY-MM-DD\""));
  }
  return std::optional<std::string>(absl::FormatCivilTime(day));
}

absl::StatusOr<std::optional<bool>> BoolTerm(const FilterTerms& terms, const std::string& field) {
  auto it = terms.find(field);
  if (it == terms.end()) return std::optional<bool>();
  if (it->second == "true") return std::optional<bool>(true);
  if (it->second == "false") return std::optional<bool>(false);
  return InvalidField("filter", absl::StrCat(field, " takes true or false"));
}

absl::Status CheckOrderBy(absl::string_view order_by,
                          const std::vector<absl::string_view>& allowed) {
  order_by = absl::StripAsciiWhitespace(order_by);
  if (order_by.empty() ||
      std::find(allowed.begin(), allowed.end(), order_by) != allowed.end()) {
    return absl::OkStatus();
  }
  return InvalidField("order_by", absl::StrCat("must be one of: ", absl::StrJoin(allowed, ", ")));
}

}  // namespace assure
