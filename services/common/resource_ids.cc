#include "services/common/resource_ids.h"

#include <random>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "absl/synchronization/mutex.h"
#include "services/common/errors.h"

namespace assure {

bool IsValidId(absl::string_view id) {
  if (id.empty() || id.size() > 64 || id == "-") return false;
  for (char c : id) {
    if (!absl::ascii_isalnum(c) && c != '.' && c != '_' && c != '-') return false;
  }
  return true;
}

absl::StatusOr<std::string> ParseCollectionId(absl::string_view name, absl::string_view collection,
                                              absl::string_view field) {
  absl::string_view id = name;
  if (!absl::ConsumePrefix(&id, collection) || !absl::ConsumePrefix(&id, "/") || !IsValidId(id)) {
    return InvalidField(field, absl::StrCat("must be of the form ", collection, "/{id}"));
  }
  return std::string(id);
}

bool IsCode(absl::string_view code) {
  if (code.empty() || code.size() > 64) return false;
  for (char c : code) {
    if (!absl::ascii_islower(c) && !absl::ascii_isdigit(c) && c != '_') return false;
  }
  return true;
}

std::string NewResourceId(absl::string_view prefix) {
  static absl::Mutex mu(absl::kConstInit);
  static std::mt19937_64* engine = new std::mt19937_64(std::random_device{}());
  uint64_t bits = 0;
  {
    absl::MutexLock lock(&mu);
    bits = (*engine)();
  }
  return absl::StrCat(prefix, absl::StrFormat("%016x", bits));
}

}  // namespace assure
