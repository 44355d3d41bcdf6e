#include "protos/assure/disputes/v1/names.h"

#include "absl/strings/strip.h"
#include "absl/strings/str_cat.h"
#include "services/common/errors.h"
#include "services/common/resource_ids.h"

namespace assure::disputes {

absl::StatusOr<std::string> ParseDisputeName(absl::string_view name, absl::string_view field) {
  absl::string_view id = name;
  if (!absl::ConsumePrefix(&id, "disputes/") || !IsValidId(id)) {
    return InvalidField(field, "must be of the form disputes/{dispute}");
  }
  return std::string(id);
}

std::string DisputeName(absl::string_view id) { return absl::StrCat("disputes/", id); }

std::string NewDisputeId() { return NewResourceId("d-"); }

}  // namespace assure::disputes
