#include "services/events/feed_store.h"

#include <algorithm>
#include <optional>

#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"
#include "services/common/store/body_rows.h"

namespace assure::events {
namespace {

using store::Row;

absl::StatusOr<std::optional<int64_t>> SequenceOf(Connection& db, const std::string& tenant,
                                                  const std::string& event_id) {
  std::optional<int64_t> found;
  ASSURE_RETURN_IF_ERROR(db.Query("SELECT sequence FROM events WHERE tenant = ? AND event_id = ?",
                                  {tenant, event_id}, [&](const Row& r) { found = r.Int(0); }));
  return found;
}

absl::StatusOr<std::vector<std::string>> ReferredPartners(Connection& db, const std::string& tenant,
                                                          const std::string& child) {
  std::vector<std::string> partners;
  if (child.empty()) return partners;
  ASSURE_RETURN_IF_ERROR(
      db.Query("SELECT partner FROM event_referrals WHERE tenant = ? AND child = ?",
               {tenant, child}, [&](const Row& r) { partners.push_back(r.Text(0)); }));
  return partners;
}

absl::Status KeepReferrals(Connection& db, const std::string& tenant, const v1::Event& e) {
  switch (ReferralChangeOf(e.type())) {
    case ReferralChange::kOpens:
      return db.Exec(
          "INSERT INTO event_referrals (tenant, referral, child, partner) VALUES (?, ?, ?, ?) "
          "ON CONFLICT (tenant, referral) DO NOTHING",
          {tenant, e.subject(), e.child(), e.partner()});
    case ReferralChange::kCloses:
      return db.Exec("DELETE FROM event_referrals WHERE tenant = ? AND referral = ?",
                     {tenant, e.subject()});
    case ReferralChange::kNone:
      return absl::OkStatus();
  }
  return absl::OkStatus();
}

absl::StatusOr<int64_t> LockSource(Connection& db, const std::string& tenant,
                                   const std::string& source) {
  ASSURE_RETURN_IF_ERROR(db.Exec(
      "INSERT INTO event_sources (tenant, source, last_sequence) VALUES (?, ?, 0) "
      "ON CONFLICT (tenant, source) DO UPDATE SET last_sequence = event_sources.last_sequence",
      {tenant, source}));
  return store::QueryInt(db,
                         "SELECT last_sequence FROM event_sources WHERE tenant = ? AND source = ?",
                         {tenant, source});
}

// `*inserted` is 0 when the same source number is held already (a retried delivery).
absl::Status Hold(Connection& db, const std::string& tenant, const v1::Event& e,
                  int64_t* inserted) {
  return db.Exec(
      "INSERT INTO events_held (tenant, source, source_sequence, event_id, body) "
      "VALUES (?, ?, ?, ?, ?) ON CONFLICT (tenant, source, source_sequence) DO NOTHING",
      {tenant, e.source(), e.source_sequence(), e.event_id(), store::Bytes{e.SerializeAsString()}},
      inserted);
}

absl::StatusOr<std::optional<v1::Event>> TakeHeld(Connection& db, const std::string& tenant,
                                                  const std::string& source, int64_t sequence) {
  std::optional<v1::Event> held;
  bool unreadable = false;
  ASSURE_RETURN_IF_ERROR(db.Query(
      "SELECT body FROM events_held WHERE tenant = ? AND source = ? AND source_sequence = ?",
      {tenant, source, sequence}, [&](const Row& r) {
        held.emplace();
        unreadable = !held->ParseFromString(r.Blob(0));
      }));
  if (unreadable) return absl::DataLossError("a held event is unreadable");
  if (!held) return held;
  ASSURE_RETURN_IF_ERROR(
      db.Exec("DELETE FROM events_held WHERE tenant = ? AND source = ? AND source_sequence = ?",
              {tenant, source, sequence}));
  return held;
}

}  // namespace

absl::StatusOr<int64_t> FeedStore::Append(Connection& db, const std::string& tenant,
                                          v1::Event event) {
  ASSURE_ASSIGN_OR_RETURN(const int64_t sequence,
                          store::TakeNextNumber(db, "event_cursors", tenant));
  event.set_sequence(sequence);
  event.set_name(absl::StrCat("events/", sequence));
  ASSURE_ASSIGN_OR_RETURN(auto referred, ReferredPartners(db, tenant, event.child()));
  ASSURE_RETURN_IF_ERROR(
      db.Exec("INSERT INTO events (tenant, sequence, event_id, type, child, body) "
              "VALUES (?, ?, ?, ?, ?, ?)",
              {tenant, sequence, event.event_id(), event.type(), event.child(),
               store::Bytes{event.SerializeAsString()}}));
  for (const std::string& partner : AudienceOf(event, std::move(referred))) {
    ASSURE_RETURN_IF_ERROR(
        db.Exec("INSERT INTO event_audience (tenant, partner, sequence) VALUES (?, ?, ?)",
                {tenant, partner, sequence}));
  }
  ASSURE_RETURN_IF_ERROR(KeepReferrals(db, tenant, event));
  return sequence;
}

absl::StatusOr<int64_t> FeedStore::Record(Connection& db, const std::string& tenant,
                                          const v1::Event& event, int* appended,
                                          int* held_change) {
  *appended = 0;
  *held_change = 0;
  // Taken first and held to the commit: another replica recording for the same source waits
  // here, then sees what this one recorded.
  ASSURE_ASSIGN_OR_RETURN(int64_t last, LockSource(db, tenant, event.source()));
  ASSURE_ASSIGN_OR_RETURN(auto seen, SequenceOf(db, tenant, event.event_id()));
  if (seen) return *seen;
  if (event.source_sequence() <= last) return 0;  // recorded under another id: never twice
  if (event.source_sequence() > last + 1) {
    int64_t inserted = 0;
    ASSURE_RETURN_IF_ERROR(Hold(db, tenant, event, &inserted));
    *held_change = static_cast<int>(inserted);
    return 0;
  }
  ASSURE_ASSIGN_OR_RETURN(const int64_t sequence, Append(db, tenant, event));
  last = event.source_sequence();
  *appended = 1;
  for (;;) {
    ASSURE_ASSIGN_OR_RETURN(auto next, TakeHeld(db, tenant, event.source(), last + 1));
    if (!next) break;
    ASSURE_RETURN_IF_ERROR(Append(db, tenant, *next).status());
    ++last;
    ++*appended;
    --*held_change;
  }
  ASSURE_RETURN_IF_ERROR(
      db.Exec("UPDATE event_sources SET last_sequence = ? WHERE tenant = ? AND source = ?",
              {last, tenant, event.source()}));
  return sequence;
}

absl::StatusOr<std::vector<v1::Event>> FeedStore::After(Connection& db, const std::string& tenant,
                                                        const std::string& partner, int64_t after,
                                                        int limit, const EventFilter& filter,
                                                        int64_t* scanned_to) {
  // The feed's end first: rows are looked for up to it, so a page that comes back short has
  // looked at everything up to it, whatever is recorded meanwhile.
  ASSURE_ASSIGN_OR_RETURN(const int64_t end, End(db, tenant));
  std::vector<v1::Event> events;
  int rows = 0;
  *scanned_to = after;
  auto keep = [&](const Row& r) {
    ++rows;
    *scanned_to = r.Int(0);
    v1::Event e;
    if (e.ParseFromString(r.Blob(1)) && Matches(filter, e)) events.push_back(std::move(e));
  };
  if (partner.empty()) {
    ASSURE_RETURN_IF_ERROR(db.Query(
        "SELECT sequence, body FROM events WHERE tenant = ? AND sequence > ? AND sequence <= ? "
        "ORDER BY sequence LIMIT ?",
        {tenant, after, end, int64_t{limit}}, keep));
  } else {
    ASSURE_RETURN_IF_ERROR(
        db.Query("SELECT e.sequence, e.body FROM event_audience a JOIN events e "
                 "ON e.tenant = a.tenant AND e.sequence = a.sequence WHERE a.tenant = ? AND "
                 "a.partner = ? AND a.sequence > ? AND a.sequence <= ? ORDER BY a.sequence LIMIT ?",
                 {tenant, partner, after, end, int64_t{limit}}, keep));
  }
  if (rows < limit) *scanned_to = std::max(after, end);
  return events;
}

absl::StatusOr<int64_t> FeedStore::End(Connection& db, const std::string& tenant) {
  return store::QueryInt(db, "SELECT last_sequence FROM event_cursors WHERE tenant = ?", {tenant});
}

absl::StatusOr<std::map<std::string, int64_t>> FeedStore::LastSequences(Connection& db) {
  std::map<std::string, int64_t> last;
  ASSURE_RETURN_IF_ERROR(db.Query("SELECT tenant, last_sequence FROM event_cursors", {},
                                  [&](const Row& r) { last[r.Text(0)] = r.Int(1); }));
  return last;
}

}  // namespace assure::events
