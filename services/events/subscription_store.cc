#include "services/events/subscription_store.h"

#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"
#include "services/events/feed_store.h"

namespace assure::events {
namespace {

using store::Row;

constexpr char kColumns[] =
    "id, body, delivered_sequence, last_error FROM subscriptions WHERE tenant = ? AND "
    "deleted = 0";

v1::Subscription FromRow(const Row& r) {
  v1::Subscription s;
  s.ParseFromString(r.Blob(1));
  s.set_delivered_sequence(r.Int(2));
  s.set_last_error(r.Text(3));
  return s;
}

}  // namespace

absl::Status SubscriptionStore::Insert(Connection& db, const std::string& tenant,
                                       const std::string& id, const v1::Subscription& s) {
  v1::Subscription body = s;
  body.clear_secret();
  ASSURE_ASSIGN_OR_RETURN(const int64_t last, FeedStore::End(db, tenant));
  return db.Exec(
      "INSERT INTO subscriptions (tenant, id, partner, url, secret, filter, delivered_sequence, "
      "attempts, next_attempt_micros, last_error, deleted, body) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, '', 0, ?)",
      {tenant, id, s.partner(), s.url(), s.secret(), s.filter(), last,
       store::Bytes{body.SerializeAsString()}});
}

absl::StatusOr<std::optional<v1::Subscription>> SubscriptionStore::Load(Connection& db,
                                                                        const std::string& tenant,
                                                                        const std::string& id) {
  std::optional<v1::Subscription> found;
  ASSURE_RETURN_IF_ERROR(db.Query(absl::StrCat("SELECT ", kColumns, " AND id = ?"), {tenant, id},
                                  [&](const Row& r) { found = FromRow(r); }));
  return found;
}

absl::StatusOr<std::vector<v1::Subscription>> SubscriptionStore::List(Connection& db,
                                                                      const std::string& tenant,
                                                                      const std::string& partner,
                                                                      const std::string& after,
                                                                      int limit) {
  std::vector<v1::Subscription> out;
  ASSURE_RETURN_IF_ERROR(db.Query(
      absl::StrCat("SELECT ", kColumns, " AND partner = ? AND id > ? ORDER BY id LIMIT ?"),
      {tenant, partner, after, int64_t{limit}}, [&](const Row& r) { out.push_back(FromRow(r)); }));
  return out;
}

absl::Status SubscriptionStore::Delete(Connection& db, const std::string& tenant,
                                       const std::string& id) {
  return db.Exec("UPDATE subscriptions SET deleted = 1 WHERE tenant = ? AND id = ?", {tenant, id});
}

absl::StatusOr<std::vector<DueSubscription>> SubscriptionStore::ClaimDue(Connection& db,
                                                                         absl::Time now,
                                                                         absl::Time lease_end,
                                                                         int limit) {
  std::vector<DueSubscription> due;
  ASSURE_RETURN_IF_ERROR(
      db.Query("SELECT s.tenant, s.id, s.partner, s.url, s.secret, s.filter, s.delivered_sequence, "
               "s.attempts FROM subscriptions s JOIN event_cursors c ON c.tenant = s.tenant "
               "WHERE s.deleted = 0 AND s.delivered_sequence < c.last_sequence "
               "AND s.next_attempt_micros <= ? ORDER BY s.next_attempt_micros LIMIT ?",
               {absl::ToUnixMicros(now), int64_t{limit}}, [&](const Row& r) {
                 due.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5),
                                r.Int(6), r.Int(7)});
               }));
  for (const auto& s : due) {
    ASSURE_RETURN_IF_ERROR(
        db.Exec("UPDATE subscriptions SET next_attempt_micros = ? WHERE tenant = ? AND id = ?",
                {absl::ToUnixMicros(lease_end), s.tenant, s.id}));
  }
  return due;
}

absl::Status SubscriptionStore::Delivered(Connection& db, const DueSubscription& s,
                                          int64_t delivered) {
  return db.Exec(
      "UPDATE subscriptions SET delivered_sequence = ?, attempts = 0, next_attempt_micros = 0, "
      "last_error = '' WHERE tenant = ? AND id = ? AND delivered_sequence <= ?",
      {delivered, s.tenant, s.id, delivered});
}

absl::Status SubscriptionStore::Failed(Connection& db, const DueSubscription& s,
                                       const std::string& error, absl::Time retry_at) {
  return db.Exec(
      "UPDATE subscriptions SET attempts = attempts + 1, next_attempt_micros = ?, last_error = ? "
      "WHERE tenant = ? AND id = ?",
      {absl::ToUnixMicros(retry_at), error, s.tenant, s.id});
}

}  // namespace assure::events
