// What every service's settings resource (reviewSettings, disputeSettings, ...) answers the
// same way: the page of its saved versions, newest first (List<X>SettingsRevisions).
#ifndef ASSURE_SERVICES_COMMON_SETTINGS_RESOURCE_H_
#define ASSURE_SERVICES_COMMON_SETTINGS_RESOURCE_H_

#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/common/errors.h"
#include "services/common/listing.h"
#include "services/common/status_macros.h"
#include "services/common/store/settings_revisions.h"
#include "services/common/store/store.h"

namespace assure {

// Fills `out` with a page of `resource`'s versions for `tenant`; `req` has name, page_size
// and page_token, `out` revisions and next_page_token.
template <typename Settings, typename Request, typename Response>
absl::Status ListSettingsRevisions(store::Store& store, const std::string& tenant,
                                   const std::string& resource, const Request& req,
                                   Response* out) {
  if (req.name() != resource) return InvalidField("name", absl::StrCat("must be ", resource));
  ASSURE_ASSIGN_OR_RETURN(int size, PageSize(req.page_size()));
  ASSURE_ASSIGN_OR_RETURN(std::string after, DecodePageToken(req.page_token(), resource));
  int64_t before = 0;
  if (!after.empty() && !absl::SimpleAtoi(after, &before)) {
    return InvalidField("page_token", "is not a token this list gave");
  }
  std::vector<Settings> rows;
  ASSURE_RETURN_IF_ERROR(store.Read(tenant, [&](store::Connection& db) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(
        rows, store::SettingsRevisions<Settings>(db, tenant, resource, before, size + 1));
    return absl::OkStatus();
  }));
  out->set_next_page_token(
      TrimPage(rows, size, resource, [](const Settings& s) { return s.etag(); }));
  for (auto& row : rows) *out->add_revisions() = std::move(row);
  return absl::OkStatus();
}

}  // namespace assure

#endif  // ASSURE_SERVICES_COMMON_SETTINGS_RESOURCE_H_
