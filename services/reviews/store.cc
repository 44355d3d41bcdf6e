#include "services/reviews/store.h"

#include "absl/strings/str_cat.h"
#include "services/common/dates.h"
#include "services/common/status_macros.h"
#include "services/common/store/body_rows.h"
#include "services/reviews/child_facts.h"

namespace assure::reviews {
namespace {

using store::BodyOf;
using store::Bytes;
using store::ExpectOneRow;
using store::NextSeq;
using store::NextVersion;
using store::Params;
using store::QueryBodies;
using store::QueryOne;
using store::Row;

Params ChildColumns(v1::Child& child, int64_t version) {
  const std::string iro =
      child.iro_allocation().iro().empty() ? "" : child.iro_allocation().iro().substr(5);
  return {iro.empty() ? store::Value() : store::Value(iro),
          child.sibling_group().empty() ? store::Value() : store::Value(child.sibling_group()),
          int64_t{child.looked_after()}, int64_t{NeedsIro(child)}, version, BodyOf(child, version)};
}

Params ReviewColumns(v1::Review& r, int64_t version) {
  const auto effective = FromProto(r.effective_date()).day;
  const auto due = FromProto(r.due().due_date()).day;
  const auto planned = FromProto(r.planned_date()).day;
  return {int64_t{r.kind()},
          int64_t{r.state()},
          r.iro().empty() ? store::Value() : store::Value(r.iro().substr(5)),
          due ? store::Value(FormatDay(*due)) : store::Value(),
          effective ? store::Value(FormatDay(*effective)) : store::Value(),
          int64_t{r.late()},
          planned ? store::Value(FormatDay(*planned)) : store::Value(),
          version,
          BodyOf(r, version)};
}

// open, owner, due_date, starred, awaiting_deadline, version, body
Params DecisionColumns(v1::Decision& d, int64_t version) {
  const auto due = FromProto(d.due_date()).day;
  const bool open = d.state() == v1::DECISION_STATE_OPEN;
  return {int64_t{open}, d.owner(), due ? FormatDay(*due) : std::string(), int64_t{d.starred()},
          int64_t{open && d.starred() && d.dispute().empty()}, version, BodyOf(d, version)};
}

Params Concat(Params a, const Params& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

}  // namespace

absl::StatusOr<std::optional<v1::Child>> ReviewsStore::LoadChild(Connection& db,
                                                                 const std::string& tenant,
                                                                 const std::string& id) {
  return QueryOne<v1::Child>(db, "SELECT body, version FROM children WHERE tenant = ? AND id = ?",
                             {tenant, id});
}

absl::Status ReviewsStore::InsertChild(Connection& db, const std::string& tenant,
                                       const std::string& id, v1::Child& child) {
  return db.Exec(
      "INSERT INTO children (tenant, id, iro, sibling_group, looked_after, needs_iro, version, "
      "body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      Concat({tenant, id}, ChildColumns(child, 1)));
}

absl::Status ReviewsStore::UpdateChild(Connection& db, const std::string& tenant,
                                       const std::string& id, v1::Child& child) {
  int64_t changed = 0;
  ASSURE_RETURN_IF_ERROR(db.Exec(
      "UPDATE children SET iro = ?, sibling_group = ?, looked_after = ?, needs_iro = ?, "
      "version = ?, body = ? WHERE tenant = ? AND id = ?",
      Concat(ChildColumns(child, NextVersion(child.etag())), {tenant, id}), &changed));
  return ExpectOneRow(changed, "update child");
}

absl::StatusOr<std::vector<v1::Child>> ReviewsStore::ListChildren(Connection& db,
                                                                  const std::string& tenant,
                                                                  const ChildQuery& q) {
  std::string sql = "SELECT c.body, c.version FROM children c WHERE c.tenant = ? AND c.id > ?";
  Params params = {tenant, q.after_id};
  if (q.looked_after) {
    sql += " AND c.looked_after = ?";
    params.push_back(int64_t{*q.looked_after});
  }
  if (q.iro) {
    sql += " AND c.iro = ?";
    params.push_back(*q.iro);
  }
  if (q.sibling_group) {
    sql += " AND c.sibling_group = ?";
    params.push_back(*q.sibling_group);
  }
  if (q.has_active_iro) {
    // "Has an active IRO" is asked of children who need one; the exception list is its
    // negation (seed 002 C5).
    sql += std::string(" AND c.needs_iro = 1 AND ") + (*q.has_active_iro ? "" : "NOT ") +
           "EXISTS (SELECT 1 FROM iros i WHERE i.tenant = c.tenant AND i.id = c.iro AND "
           "i.status = ?)";
    params.push_back(int64_t{v1::IRO_STATUS_ACTIVE});
  }
  sql += " ORDER BY c.id LIMIT ?";
  params.push_back(int64_t{q.limit});
  return QueryBodies<v1::Child>(db, sql, params);
}

absl::StatusOr<std::vector<std::string>> ReviewsStore::ChildIdsOfIro(Connection& db,
                                                                     const std::string& tenant,
                                                                     const std::string& iro) {
  std::vector<std::string> ids;
  ASSURE_RETURN_IF_ERROR(
      db.Query("SELECT id FROM children WHERE tenant = ? AND iro = ? ORDER BY id", {tenant, iro},
               [&](const Row& r) { ids.push_back(r.Text(0)); }));
  return ids;
}

absl::StatusOr<std::vector<std::string>> ReviewsStore::ActiveSiblingIros(
    Connection& db, const std::string& tenant, const std::string& group,
    const std::string& except_child) {
  std::vector<std::string> ids;
  if (group.empty()) return ids;
  ASSURE_RETURN_IF_ERROR(db.Query(
      "SELECT DISTINCT c.iro FROM children c JOIN iros i ON i.tenant = c.tenant AND i.id = c.iro "
      "WHERE c.tenant = ? AND c.sibling_group = ? AND c.id != ? AND i.status = ?",
      {tenant, group, except_child, int64_t{v1::IRO_STATUS_ACTIVE}},
      [&](const Row& r) { ids.push_back(r.Text(0)); }));
  return ids;
}

absl::StatusOr<std::vector<v1::Child>> ReviewsStore::AllChildren(Connection& db,
                                                                 const std::string& tenant) {
  return QueryBodies<v1::Child>(db, "SELECT body, version FROM children WHERE tenant = ?",
                                {tenant});
}

absl::StatusOr<std::optional<v1::Iro>> ReviewsStore::LoadIro(Connection& db,
                                                             const std::string& tenant,
                                                             const std::string& id) {
  return QueryOne<v1::Iro>(db, "SELECT body, version FROM iros WHERE tenant = ? AND id = ?",
                           {tenant, id});
}

absl::StatusOr<std::optional<v1::WorkProgramme>> ReviewsStore::LoadWorkProgramme(
    Connection& db, const std::string& tenant, const std::string& id) {
  return QueryOne<v1::WorkProgramme>(
      db, "SELECT body, version FROM work_programmes WHERE tenant = ? AND id = ?", {tenant, id});
}

absl::StatusOr<std::vector<v1::WorkProgramme>> ReviewsStore::WorkProgrammes(
    Connection& db, const std::string& tenant) {
  return QueryBodies<v1::WorkProgramme>(
      db, "SELECT body, version FROM work_programmes WHERE tenant = ? ORDER BY id", {tenant});
}

absl::Status ReviewsStore::InsertWorkProgramme(Connection& db, const std::string& tenant,
                                               const std::string& id, v1::WorkProgramme& w) {
  return db.Exec("INSERT INTO work_programmes (tenant, id, version, body) VALUES (?, ?, ?, ?)",
                 {tenant, id, int64_t{1}, BodyOf(w, 1)});
}

absl::Status ReviewsStore::InsertIro(Connection& db, const std::string& tenant,
                                     const std::string& id, v1::Iro& iro) {
  return db.Exec("INSERT INTO iros (tenant, id, status, version, body) VALUES (?, ?, ?, ?, ?)",
                 {tenant, id, int64_t{iro.status()}, int64_t{1}, BodyOf(iro, 1)});
}

absl::Status ReviewsStore::UpdateIro(Connection& db, const std::string& tenant,
                                     const std::string& id, v1::Iro& iro) {
  const int64_t version = NextVersion(iro.etag());
  int64_t changed = 0;
  ASSURE_RETURN_IF_ERROR(
      db.Exec("UPDATE iros SET status = ?, version = ?, body = ? WHERE tenant = ? AND id = ?",
              {int64_t{iro.status()}, version, BodyOf(iro, version), tenant, id}, &changed));
  return ExpectOneRow(changed, "update iro");
}

absl::StatusOr<std::vector<v1::Iro>> ReviewsStore::ListIros(Connection& db,
                                                            const std::string& tenant,
                                                            std::optional<int> status,
                                                            const std::string& after_id,
                                                            int limit) {
  std::string sql = "SELECT body, version FROM iros WHERE tenant = ? AND id > ?";
  Params params = {tenant, after_id};
  if (status) {
    sql += " AND status = ?";
    params.push_back(int64_t{*status});
  }
  sql += " ORDER BY id LIMIT ?";
  params.push_back(int64_t{limit});
  return QueryBodies<v1::Iro>(db, sql, params);
}

absl::StatusOr<std::map<std::string, std::vector<AllocationOn>>> ReviewsStore::AllocationsUpTo(
    Connection& db, const std::string& tenant, absl::CivilDay day) {
  std::map<std::string, std::vector<AllocationOn>> out;
  ASSURE_RETURN_IF_ERROR(db.Query(
      "SELECT child_id, iro, allocated_date FROM allocations WHERE tenant = ? AND "
      "allocated_date <= ? ORDER BY child_id, at_micros",
      {tenant, FormatDay(day)}, [&](const Row& r) {
        absl::CivilDay on;
        if (absl::ParseCivilTime(r.Text(2), &on)) out[r.Text(0)].push_back({on, r.Text(1)});
      }));
  return out;
}

absl::StatusOr<Caseload> ReviewsStore::CaseloadOf(Connection& db, const std::string& tenant,
                                                  const std::string& iro) {
  Caseload c;
  ASSURE_RETURN_IF_ERROR(db.Query(
      "SELECT COALESCE(SUM(looked_after), 0), "
      "COALESCE(SUM(CASE WHEN needs_iro = 1 AND looked_after = 0 THEN 1 ELSE 0 END), 0) "
      "FROM children WHERE tenant = ? AND iro = ?",
      {tenant, iro}, [&](const Row& r) {
        c.lac = static_cast<int>(r.Int(0));
        c.cp = static_cast<int>(r.Int(1));
      }));
  return c;
}

absl::Status ReviewsStore::InsertAllocation(Connection& db, const std::string& tenant,
                                            const std::string& child, const v1::IroAllocation& a,
                                            int64_t at_micros) {
  std::string warnings;
  for (const auto& w : a.overridden_warnings()) absl::StrAppend(&warnings, w, "\n");
  const auto day = FromProto(a.allocated_date()).day;
  return db.Exec(
      "INSERT INTO allocations (tenant, child_id, iro, allocated_date, warnings, "
      "override_reason, allocated_by, at_micros) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {tenant, child, a.iro(), day ? FormatDay(*day) : "", warnings, a.override_reason(),
       a.allocated_by(), at_micros});
}

absl::StatusOr<std::optional<v1::Review>> ReviewsStore::LoadReview(Connection& db,
                                                                   const std::string& tenant,
                                                                   const std::string& child,
                                                                   int64_t seq) {
  return QueryOne<v1::Review>(
      db, "SELECT body, version FROM reviews WHERE tenant = ? AND child_id = ? AND seq = ?",
      {tenant, child, seq});
}

absl::StatusOr<int64_t> ReviewsStore::NextReviewSeq(Connection& db, const std::string& tenant,
                                                    const std::string& child) {
  return NextSeq(db, "reviews", "tenant = ? AND child_id = ?", {tenant, child});
}

absl::Status ReviewsStore::InsertReview(Connection& db, const std::string& tenant,
                                        const std::string& child, int64_t seq,
                                        v1::Review& review) {
  return db.Exec(
      "INSERT INTO reviews (kind, state, iro, due_date, effective_date, late, planned_date, "
      "version, body, tenant, child_id, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      Concat(ReviewColumns(review, 1), {tenant, child, seq}));
}

absl::Status ReviewsStore::UpdateReview(Connection& db, const std::string& tenant,
                                        const std::string& child, int64_t seq,
                                        v1::Review& review) {
  int64_t changed = 0;
  ASSURE_RETURN_IF_ERROR(db.Exec(
      "UPDATE reviews SET kind = ?, state = ?, iro = ?, due_date = ?, effective_date = ?, "
      "late = ?, planned_date = ?, version = ?, body = ? WHERE tenant = ? AND child_id = ? AND "
      "seq = ?",
      Concat(ReviewColumns(review, NextVersion(review.etag())), {tenant, child, seq}), &changed));
  return ExpectOneRow(changed, "update review");
}

absl::StatusOr<std::vector<v1::Review>> ReviewsStore::ReviewsOfChild(Connection& db,
                                                                     const std::string& tenant,
                                                                     const std::string& child) {
  return QueryBodies<v1::Review>(
      db, "SELECT body, version FROM reviews WHERE tenant = ? AND child_id = ? ORDER BY seq",
      {tenant, child});
}

absl::StatusOr<std::vector<v1::Review>> ReviewsStore::ListReviews(Connection& db,
                                                                  const std::string& tenant,
                                                                  const ReviewQuery& q) {
  std::string sql = "SELECT body, version FROM reviews WHERE tenant = ?";
  Params params = {tenant};
  if (q.by_due_date) {
    // Every meeting has a due date from its creation; ordered by it, the index serves.
    sql += " AND due_date IS NOT NULL AND (due_date, child_id, seq) > (?, ?, ?)";
    params.insert(params.end(), {q.after_due, q.after_child, q.after_seq});
  } else {
    sql += " AND (child_id, seq) > (?, ?)";
    params.insert(params.end(), {q.after_child, q.after_seq});
  }
  if (!q.child.empty()) {
    sql += " AND child_id = ?";
    params.push_back(q.child);
  }
  if (q.kind) {
    sql += " AND kind = ?";
    params.push_back(int64_t{*q.kind});
  }
  if (q.state) {
    sql += " AND state = ?";
    params.push_back(int64_t{*q.state});
  }
  if (q.late) {
    sql += " AND late = ?";
    params.push_back(int64_t{*q.late});
  }
  if (q.iro) {
    sql += " AND iro = ?";
    params.push_back(*q.iro);
  }
  // A meeting still to be held is overdue past its due date, due soon up to the window.
  const int64_t scheduled = v1::REVIEW_STATE_SCHEDULED;
  if (q.overdue) {
    sql += *q.overdue ? " AND state = ? AND due_date < ?" : " AND NOT (state = ? AND due_date < ?)";
    params.insert(params.end(), {scheduled, q.today});
  }
  if (q.due_soon) {
    sql += *q.due_soon ? " AND state = ? AND due_date BETWEEN ? AND ?"
                       : " AND NOT (state = ? AND due_date BETWEEN ? AND ?)";
    params.insert(params.end(), {scheduled, q.today, q.due_soon_until});
  }
  if (q.due_from) {
    sql += " AND due_date >= ?";
    params.push_back(*q.due_from);
  }
  if (q.due_to) {
    sql += " AND due_date <= ?";
    params.push_back(*q.due_to);
  }
  sql += q.by_due_date ? " ORDER BY due_date, child_id, seq LIMIT ?"
                       : " ORDER BY child_id, seq LIMIT ?";
  params.push_back(int64_t{q.limit});
  return QueryBodies<v1::Review>(db, sql, params);
}

absl::Status ReviewsStore::ReplaceNextMeetings(Connection& db, const std::string& tenant,
                                               const std::string& child,
                                               const std::vector<NextMeetingRow>& rows) {
  ASSURE_RETURN_IF_ERROR(db.Exec("DELETE FROM next_meetings WHERE tenant = ? AND child_id = ?",
                                 {tenant, child}));
  for (const auto& row : rows) {
    ASSURE_RETURN_IF_ERROR(db.Exec(
        "INSERT INTO next_meetings (tenant, child_id, kind, due_date, scheduled, due) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        {tenant, child, int64_t{row.kind}, row.due_date, int64_t{row.scheduled},
         Bytes{row.due.SerializeAsString()}}));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<NextMeetingRow>> ReviewsStore::NextMeetingsOf(
    Connection& db, const std::string& tenant, const std::string& child) {
  std::vector<NextMeetingRow> out;
  bool corrupt = false;
  // No term on `scheduled`: with one, SQLite's planner took the unscheduled index and read
  // every unscheduled row of the tenant on each write (bench/README.md, 2026-12-02).
  ASSURE_RETURN_IF_ERROR(db.Query(
      "SELECT kind, due_date, scheduled, due FROM next_meetings WHERE tenant = ? AND "
      "child_id = ? ORDER BY kind",
      {tenant, child}, [&](const Row& r) {
        NextMeetingRow row;
        row.kind = static_cast<int>(r.Int(0));
        row.due_date = r.Text(1);
        row.scheduled = r.Int(2) != 0;
        corrupt |= !row.due.ParseFromString(r.Blob(3));
        out.push_back(std::move(row));
      }));
  if (corrupt) return absl::DataLossError("unreadable next meeting row");
  return out;
}

absl::StatusOr<std::vector<UnscheduledRow>> ReviewsStore::ListUnscheduled(
    Connection& db, const std::string& tenant, const UnscheduledQuery& q) {
  std::string sql =
      "SELECT n.child_id, COALESCE(c.iro, ''), n.kind, n.due_date, n.due FROM next_meetings n "
      "JOIN children c ON c.tenant = n.tenant AND c.id = n.child_id "
      "WHERE n.tenant = ? AND n.scheduled = 0 AND (n.due_date, n.child_id, n.kind) > (?, ?, ?)";
  Params params = {tenant, q.after_due, q.after_child, q.after_kind};
  if (!q.child.empty()) {
    sql += " AND n.child_id = ?";
    params.push_back(q.child);
  }
  if (q.kind) {
    sql += " AND n.kind = ?";
    params.push_back(int64_t{*q.kind});
  }
  if (q.iro) {
    sql += " AND c.iro = ?";
    params.push_back(*q.iro);
  }
  if (q.due_before) {
    sql += " AND n.due_date < ?";
    params.push_back(*q.due_before);
  }
  if (q.due_from) {
    sql += " AND n.due_date >= ?";
    params.push_back(*q.due_from);
  }
  if (q.due_to) {
    sql += " AND n.due_date <= ?";
    params.push_back(*q.due_to);
  }
  sql += " ORDER BY n.due_date, n.child_id, n.kind LIMIT ?";
  params.push_back(int64_t{q.limit});
  std::vector<UnscheduledRow> out;
  bool corrupt = false;
  ASSURE_RETURN_IF_ERROR(db.Query(sql, params, [&](const Row& r) {
    UnscheduledRow row{r.Text(0), r.Text(1), static_cast<int>(r.Int(2)), r.Text(3), {}};
    corrupt |= !row.due.ParseFromString(r.Blob(4));
    out.push_back(std::move(row));
  }));
  if (corrupt) return absl::DataLossError("unreadable row in next_meetings");
  return out;
}

absl::StatusOr<std::vector<std::string>> ReviewsStore::TenantsWithChildren(Connection& db) {
  std::vector<std::string> out;
  ASSURE_RETURN_IF_ERROR(db.Query("SELECT DISTINCT tenant FROM children", {},
                                  [&](const Row& r) { out.push_back(r.Text(0)); }));
  return out;
}

absl::StatusOr<std::vector<v1::Review>> ReviewsStore::HeldBetween(Connection& db,
                                                                  const std::string& tenant,
                                                                  absl::CivilDay start,
                                                                  absl::CivilDay end) {
  return QueryBodies<v1::Review>(
      db,
      "SELECT body, version FROM reviews WHERE tenant = ? AND effective_date BETWEEN ? AND ? "
      "AND state = ?",
      {tenant, FormatDay(start), FormatDay(end), int64_t{v1::REVIEW_STATE_HELD}});
}

absl::StatusOr<std::vector<v1::Review>> ReviewsStore::DatasetReviews(
    Connection& db, const std::string& tenant, absl::CivilDay start, absl::CivilDay end,
    const std::string& after_child, int64_t after_seq, int limit) {
  return QueryBodies<v1::Review>(
      db,
      "SELECT body, version FROM reviews WHERE tenant = ? AND (child_id, seq) > (?, ?) AND "
      "kind = ? AND state != ? AND COALESCE(effective_date, due_date) BETWEEN ? AND ? "
      "ORDER BY child_id, seq LIMIT ?",
      {tenant, after_child, after_seq, int64_t{v1::REVIEW_KIND_LAC_REVIEW},
       int64_t{v1::REVIEW_STATE_SCHEDULED}, FormatDay(start), FormatDay(end), int64_t{limit}});
}

absl::StatusOr<std::optional<v1::Notification>> ReviewsStore::LoadNotification(
    Connection& db, const std::string& tenant, const std::string& child, int64_t seq) {
  return QueryOne<v1::Notification>(
      db, "SELECT body, version FROM notifications WHERE tenant = ? AND child_id = ? AND seq = ?",
      {tenant, child, seq});
}

absl::StatusOr<int64_t> ReviewsStore::NextNotificationSeq(Connection& db,
                                                          const std::string& tenant,
                                                          const std::string& child) {
  return NextSeq(db, "notifications", "tenant = ? AND child_id = ?", {tenant, child});
}

absl::Status ReviewsStore::InsertNotification(Connection& db, const std::string& tenant,
                                              const std::string& child, int64_t seq,
                                              v1::Notification& n) {
  const std::string iro = n.iro().empty() ? "" : n.iro().substr(5);
  return db.Exec(
      "INSERT INTO notifications (tenant, child_id, seq, iro, acknowledged, version, body) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)",
      {tenant, child, seq, iro, int64_t{n.acknowledged()}, int64_t{1}, BodyOf(n, 1)});
}

absl::Status ReviewsStore::UpdateNotification(Connection& db, const std::string& tenant,
                                              const std::string& child, int64_t seq,
                                              v1::Notification& n) {
  const int64_t version = NextVersion(n.etag());
  int64_t changed = 0;
  ASSURE_RETURN_IF_ERROR(db.Exec(
      "UPDATE notifications SET acknowledged = ?, version = ?, body = ? WHERE tenant = ? AND "
      "child_id = ? AND seq = ?",
      {int64_t{n.acknowledged()}, version, BodyOf(n, version), tenant, child, seq}, &changed));
  return ExpectOneRow(changed, "update notification");
}

absl::StatusOr<std::vector<v1::Notification>> ReviewsStore::ListNotifications(
    Connection& db, const std::string& tenant, const NotificationQuery& q) {
  std::string sql =
      "SELECT body, version FROM notifications WHERE tenant = ? AND (child_id, seq) > (?, ?)";
  Params params = {tenant, q.after_child, q.after_seq};
  if (!q.child.empty()) {
    sql += " AND child_id = ?";
    params.push_back(q.child);
  }
  if (q.iro) {
    sql += " AND iro = ?";
    params.push_back(*q.iro);
  }
  if (q.acknowledged) {
    sql += " AND acknowledged = ?";
    params.push_back(int64_t{*q.acknowledged});
  }
  sql += " ORDER BY child_id, seq LIMIT ?";
  params.push_back(int64_t{q.limit});
  return QueryBodies<v1::Notification>(db, sql, params);
}

absl::StatusOr<std::optional<v1::Decision>> ReviewsStore::LoadDecision(
    Connection& db, const std::string& tenant, const std::string& child, int64_t review,
    int64_t seq) {
  return QueryOne<v1::Decision>(db,
                                "SELECT body, version FROM decisions WHERE tenant = ? AND "
                                "child_id = ? AND review_seq = ? AND seq = ?",
                                {tenant, child, review, seq});
}

absl::StatusOr<int64_t> ReviewsStore::NextDecisionSeq(Connection& db, const std::string& tenant,
                                                      const std::string& child, int64_t review) {
  return NextSeq(db, "decisions", "tenant = ? AND child_id = ? AND review_seq = ?",
                 {tenant, child, review});
}

absl::Status ReviewsStore::InsertDecision(Connection& db, const std::string& tenant,
                                          const std::string& child, int64_t review, int64_t seq,
                                          v1::Decision& decision) {
  return db.Exec(
      "INSERT INTO decisions (open, owner, due_date, starred, awaiting_deadline, version, body, "
      "tenant, child_id, review_seq, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      Concat(DecisionColumns(decision, 1), {tenant, child, review, seq}));
}

absl::Status ReviewsStore::UpdateDecision(Connection& db, const std::string& tenant,
                                          const std::string& child, int64_t review, int64_t seq,
                                          v1::Decision& decision) {
  int64_t changed = 0;
  ASSURE_RETURN_IF_ERROR(db.Exec(
      "UPDATE decisions SET open = ?, owner = ?, due_date = ?, starred = ?, awaiting_deadline = ?, "
      "version = ?, body = ? WHERE tenant = ? AND child_id = ? AND review_seq = ? AND seq = ?",
      Concat(DecisionColumns(decision, NextVersion(decision.etag())), {tenant, child, review, seq}),
      &changed));
  return ExpectOneRow(changed, "update decision");
}

absl::StatusOr<std::vector<v1::Decision>> ReviewsStore::ListDecisions(Connection& db,
                                                                      const std::string& tenant,
                                                                      const DecisionQuery& q) {
  std::string sql =
      "SELECT body, version FROM decisions WHERE tenant = ? AND (child_id, review_seq, seq) > "
      "(?, ?, ?)";
  Params params = {tenant, q.after_child, q.after_review, q.after_seq};
  if (!q.child.empty()) {
    sql += " AND child_id = ?";
    params.push_back(q.child);
  }
  if (q.review != 0) {
    sql += " AND review_seq = ?";
    params.push_back(q.review);
  }
  if (q.open) {
    sql += " AND open = ?";
    params.push_back(int64_t{*q.open});
  }
  if (q.owner) {
    sql += " AND owner = ?";
    params.push_back(*q.owner);
  }
  if (q.overdue_before) {
    sql += " AND open = 1 AND due_date < ?";
    params.push_back(*q.overdue_before);
  }
  if (q.starred) {
    sql += " AND starred = ?";
    params.push_back(int64_t{*q.starred});
  }
  sql += " ORDER BY child_id, review_seq, seq LIMIT ?";
  params.push_back(int64_t{q.limit});
  return QueryBodies<v1::Decision>(db, sql, params);
}

absl::StatusOr<std::vector<ReviewsStore::DecisionKey>> ReviewsStore::StarredPastDeadline(
    Connection& db, absl::CivilDay today) {
  std::vector<DecisionKey> out;
  ASSURE_RETURN_IF_ERROR(db.Query(
      "SELECT tenant, child_id, review_seq, seq FROM decisions WHERE awaiting_deadline = 1 AND "
      "due_date < ? ORDER BY tenant, child_id, review_seq, seq",
      {FormatDay(today)},
      [&](const Row& r) { out.push_back({r.Text(0), r.Text(1), r.Int(2), r.Int(3)}); }));
  return out;
}

absl::StatusOr<bool> ReviewsStore::ClaimMissedDeadline(Connection& db, const DecisionKey& key) {
  int64_t changed = 0;
  ASSURE_RETURN_IF_ERROR(db.Exec(
      "UPDATE decisions SET awaiting_deadline = 0 WHERE tenant = ? AND child_id = ? AND "
      "review_seq = ? AND seq = ? AND awaiting_deadline = 1",
      {key.tenant, key.child, key.review, key.seq}, &changed));
  return changed == 1;
}

absl::StatusOr<std::vector<ReviewsStore::TenantIroCaseload>> ReviewsStore::AllCaseloads(
    Connection& db) {
  std::vector<TenantIroCaseload> out;
  ASSURE_RETURN_IF_ERROR(db.Query(
      "SELECT tenant, iro, SUM(looked_after), "
      "SUM(CASE WHEN needs_iro = 1 AND looked_after = 0 THEN 1 ELSE 0 END) FROM children "
      "WHERE iro IS NOT NULL GROUP BY tenant, iro",
      {}, [&](const Row& r) {
        out.push_back({r.Text(0), r.Text(1),
                       Caseload{static_cast<int>(r.Int(2)), static_cast<int>(r.Int(3))}});
      }));
  return out;
}

absl::StatusOr<std::vector<ReviewsStore::TenantIroFte>> ReviewsStore::AllIroFte(Connection& db) {
  std::vector<TenantIroFte> out;
  bool corrupt = false;
  ASSURE_RETURN_IF_ERROR(db.Query("SELECT tenant, id, body FROM iros", {}, [&](const Row& r) {
    v1::Iro iro;
    corrupt |= !iro.ParseFromString(r.Blob(2));
    out.push_back({r.Text(0), r.Text(1), iro.fte_hundredths()});
  }));
  if (corrupt) return absl::DataLossError("unreadable IRO row");
  return out;
}

absl::StatusOr<std::vector<ReviewsStore::TenantCount>> ReviewsStore::ChildrenWithoutActiveIro(
    Connection& db) {
  std::vector<TenantCount> out;
  ASSURE_RETURN_IF_ERROR(db.Query(
      "SELECT c.tenant, COUNT(*) FROM children c WHERE c.needs_iro = 1 AND NOT EXISTS (SELECT 1 "
      "FROM iros i WHERE i.tenant = c.tenant AND i.id = c.iro AND i.status = ?) GROUP BY "
      "c.tenant",
      {int64_t{v1::IRO_STATUS_ACTIVE}}, [&](const Row& r) { out.push_back({r.Text(0), r.Int(1)}); }));
  return out;
}

absl::StatusOr<std::vector<ReviewsStore::TenantDueDate>> ReviewsStore::OpenDecisionDueDates(
    Connection& db) {
  std::vector<TenantDueDate> out;
  ASSURE_RETURN_IF_ERROR(db.Query("SELECT tenant, due_date FROM decisions WHERE open = 1", {},
                                  [&](const Row& r) { out.push_back({r.Text(0), r.Text(1)}); }));
  return out;
}

}  // namespace assure::reviews
