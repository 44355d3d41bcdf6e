// A tenant's settings resource (reviewSettings, ...) kept as every version it was saved as:
// the newest is in force, the rest are its history. The version is the etag, so two saves
// from the same version cannot both win (the second's row already exists: it is retried,
// and then fails the etag check). Who saved a version and when travel in its body.
//
//   ASSURE_ASSIGN_OR_RETURN(auto saved, LatestSettings<v1::ReviewSettings>(db, tenant, kName));
//   ASSURE_RETURN_IF_ERROR(SaveSettings(tx.db(), tenant, kName, settings));
#ifndef ASSURE_SERVICES_COMMON_STORE_SETTINGS_REVISIONS_H_
#define ASSURE_SERVICES_COMMON_STORE_SETTINGS_REVISIONS_H_

#include <optional>
#include <string>
#include <vector>

#include "services/common/store/body_rows.h"

namespace assure::store {

template <typename Message>
absl::StatusOr<std::optional<Message>> LatestSettings(Connection& db, const std::string& tenant,
                                                      const std::string& resource) {
  return QueryOne<Message>(db,
                           "SELECT body, version FROM settings_revisions WHERE tenant = ? AND "
                           "resource = ? ORDER BY version DESC LIMIT 1",
                           {tenant, resource});
}

// Saves `settings` as the version after its etag, and sets its etag to it.
template <typename Message>
absl::Status SaveSettings(Connection& db, const std::string& tenant, const std::string& resource,
                          Message& settings) {
  const int64_t version = NextVersion(settings.etag());
  return db.Exec(
      "INSERT INTO settings_revisions (tenant, resource, version, body) VALUES (?, ?, ?, ?)",
      {tenant, resource, version, BodyOf(settings, version)});
}

// Versions older than `before` (all when 0), newest first, at most `limit`.
template <typename Message>
absl::StatusOr<std::vector<Message>> SettingsRevisions(Connection& db, const std::string& tenant,
                                                       const std::string& resource,
                                                       int64_t before, int limit) {
  return QueryBodies<Message>(
      db,
      "SELECT body, version FROM settings_revisions WHERE tenant = ? AND resource = ? AND "
      "(? = 0 OR version < ?) ORDER BY version DESC LIMIT ?",
      {tenant, resource, before, before, int64_t{limit}});
}

}  // namespace assure::store

#endif  // ASSURE_SERVICES_COMMON_STORE_SETTINGS_REVISIONS_H_
