#include "services/disputes/store.h"

#include "absl/strings/str_cat.h"
#include "services/common/dates.h"
#include "services/common/status_macros.h"
#include "services/common/store/body_rows.h"
#include "services/disputes/moves.h"

namespace assure::disputes {
namespace {

using store::BodyOf;
using store::ExpectOneRow;
using store::NextVersion;
using store::Params;
using store::QueryBodies;
using store::QueryOne;
using store::Row;
using store::Value;

Value DayOrNull(const google::protobuf::Timestamp& t, bool set) {
  return set ? Value(FormatDay(LondonDay(FromProto(t)))) : Value();
}

// child, review, theme, raised_by, starred, state, stage_level, outcome, raise_day,
// close_day, stage_due, formal_due, case_type, version, body.
Params Columns(v1::Dispute& d, int64_t version) {
  const auto due = CurrentDue(d);
  const auto formal = FormalDue(d);
  return {d.child(),
          d.review(),
          d.theme(),
          d.raised_by(),
          int64_t{d.starred()},
          int64_t{d.state()},
          int64_t{d.stage_level()},
          int64_t{d.outcome()},
          FormatDay(LondonDay(FromProto(d.raise_time()))),
          DayOrNull(d.close_time(), d.has_close_time()),
          due ? Value(FormatDay(*due)) : Value(),
          formal ? Value(FormatDay(*formal)) : Value(),
          int64_t{d.case_type()},
          version,
          BodyOf(d, version)};
}

Params Concat(Params a, const Params& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

}  // namespace

absl::StatusOr<std::optional<v1::Dispute>> DisputesStore::Load(Connection& db,
                                                               const std::string& tenant,
                                                               const std::string& id) {
  return QueryOne<v1::Dispute>(
      db, "SELECT body, version FROM disputes WHERE tenant = ? AND id = ?", {tenant, id});
}

absl::Status DisputesStore::Insert(Connection& db, const std::string& tenant,
                                   const std::string& id, v1::Dispute& d) {
  return db.Exec(
      "INSERT INTO disputes (tenant, id, child, review, theme, raised_by, starred, state, "
      "stage_level, outcome, raise_day, close_day, stage_due, formal_due, case_type, version, "
      "body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      Concat({tenant, id}, Columns(d, 1)));
}

absl::Status DisputesStore::Update(Connection& db, const std::string& tenant,
                                   const std::string& id, v1::Dispute& d) {
  int64_t changed = 0;
  ASSURE_RETURN_IF_ERROR(db.Exec(
      "UPDATE disputes SET child = ?, review = ?, theme = ?, raised_by = ?, starred = ?, "
      "state = ?, stage_level = ?, outcome = ?, raise_day = ?, close_day = ?, stage_due = ?, "
      "formal_due = ?, case_type = ?, version = ?, body = ? WHERE tenant = ? AND id = ?",
      Concat(Columns(d, NextVersion(d.etag())), {tenant, id}), &changed));
  return ExpectOneRow(changed, "update dispute");
}

absl::StatusOr<std::vector<v1::Dispute>> DisputesStore::List(Connection& db,
                                                             const std::string& tenant,
                                                             const DisputeQuery& q) {
  std::string sql = "SELECT body, version FROM disputes WHERE tenant = ? AND id > ?";
  Params params = {tenant, q.after_id};
  auto add = [&](const char* clause, Value v) {
    absl::StrAppend(&sql, " AND ", clause);
    params.push_back(std::move(v));
  };
  if (q.state) add("state = ?", int64_t{*q.state});
  if (q.stage_level) add("stage_level = ? AND state = 1", int64_t{*q.stage_level});
  if (q.theme) add("theme = ?", *q.theme);
  if (q.case_type) add("case_type = ?", int64_t{*q.case_type});
  if (q.outcome) add("outcome = ?", int64_t{*q.outcome});
  if (q.starred) add("starred = ?", int64_t{*q.starred});
  if (q.child) add("child = ?", *q.child);
  if (q.review) add("review = ?", *q.review);
  if (q.raised_by) add("raised_by = ?", *q.raised_by);
  if (q.overdue_on) add("state = 1 AND stage_due < ?", FormatDay(*q.overdue_on));
  if (q.past_formal_limit_on) {
    add("state = 1 AND formal_due < ?", FormatDay(*q.past_formal_limit_on));
  }
  if (q.active_to) add("raise_day <= ?", FormatDay(*q.active_to));
  if (q.active_from) add("(close_day IS NULL OR close_day >= ?)", FormatDay(*q.active_from));
  absl::StrAppend(&sql, " ORDER BY id LIMIT ?");
  params.push_back(int64_t{q.limit});
  return QueryBodies<v1::Dispute>(db, sql, params);
}

absl::StatusOr<std::vector<DisputeKey>> DisputesStore::PastTheirLimit(Connection& db,
                                                                      absl::CivilDay today) {
  std::vector<DisputeKey> out;
  ASSURE_RETURN_IF_ERROR(db.Query(
      "SELECT tenant, id FROM disputes WHERE state = 1 AND stage_due < ? ORDER BY tenant, id",
      {FormatDay(today)}, [&](const Row& r) { out.push_back({r.Text(0), r.Text(1)}); }));
  return out;
}

absl::StatusOr<std::vector<std::pair<std::string, v1::Dispute>>> DisputesStore::AllOpen(
    Connection& db) {
  std::vector<std::pair<std::string, v1::Dispute>> out;
  bool corrupt = false;
  ASSURE_RETURN_IF_ERROR(
      db.Query("SELECT tenant, body FROM disputes WHERE state = 1", {}, [&](const Row& r) {
        v1::Dispute d;
        corrupt |= !d.ParseFromString(r.Blob(1));
        out.emplace_back(r.Text(0), std::move(d));
      }));
  if (corrupt) return absl::DataLossError("unreadable dispute row");
  return out;
}

absl::StatusOr<int64_t> DisputesStore::CountThemeSince(Connection& db, const std::string& tenant,
                                                       const std::string& theme,
                                                       absl::CivilDay from, int64_t limit) {
  int64_t n = 0;
  ASSURE_RETURN_IF_ERROR(db.Query(
      "SELECT COUNT(*) FROM (SELECT 1 FROM disputes WHERE tenant = ? AND theme = ? AND "
      "raise_day >= ? LIMIT ?) AS recent",
      {tenant, theme, FormatDay(from), limit}, [&](const store::Row& row) { n = row.Int(0); }));
  return n;
}

}  // namespace assure::disputes
