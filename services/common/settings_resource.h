// What every service's settings resource (reviewSettings, disputeSettings, ...) does the same
// way: a new version saved from an update (Update<X>Settings), and the page of its saved
// versions, newest first (List<X>SettingsRevisions).
#ifndef ASSURE_SERVICES_COMMON_SETTINGS_RESOURCE_H_
#define ASSURE_SERVICES_COMMON_SETTINGS_RESOURCE_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/field_mask.pb.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/field_mask.h"
#include "services/common/listing.h"
#include "services/common/principal.h"
#include "services/common/status_macros.h"
#include "services/common/store/settings_revisions.h"
#include "services/common/store/store.h"

namespace assure {

// Saves the version of `resource` after `current` (the one in force) for `who`: `patch`'s
// `mask` paths, each one of `mutable_paths`, over `current`, once the caller's etag is the
// current one (AIP-154) and `validate` accepts the result (which it may complete, as
// disputes numbers its stages); stamped with who saved it and when.
template <typename Settings>
absl::StatusOr<Settings> SaveSettingsUpdate(store::Connection& db, const Principal& who,
                                            const std::string& resource, Settings current,
                                            const Settings& patch,
                                            const google::protobuf::FieldMask& mask,
                                            const std::vector<std::string>& mutable_paths,
                                            const std::function<absl::Status(Settings&)>& validate,
                                            absl::Time now) {
  ASSURE_RETURN_IF_ERROR(CheckEtag(patch.etag(), current.etag(), resource));
  ASSURE_RETURN_IF_ERROR(ApplyFieldMask(patch, mask, mutable_paths, &current));
  ASSURE_RETURN_IF_ERROR(validate(current));
  current.set_updated_by(who.subject);
  *current.mutable_update_time() = ToProto(now);
  ASSURE_RETURN_IF_ERROR(store::SaveSettings(db, who.tenant, resource, current));
  return current;
}

// Fills `out` with a page of `resource`'s versions for `tenant`; `req` has name, page_size
// and page_token, `out` revisions and next_page_token.
template <typename Settings, typename Request, typename Response>
absl::Status ListSettingsRevisions(store::Store& store, const std::string& tenant,
                                   const std::string& resource, const Request& req, Response* out) {
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
