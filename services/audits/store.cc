#include "services/audits/store.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/common/dates.h"
#include "services/common/status_macros.h"
#include "services/common/store/body_rows.h"

namespace assure::audits {
namespace {

using store::BodyOf;
using store::ExpectOneRow;
using store::NextVersion;
using store::Params;
using store::QueryBodies;
using store::QueryOne;
using store::Row;
using store::Value;

Value DayOrNull(const google::type::Date& d) {
  const auto day = FromProto(d).day;
  return day ? Value(FormatDay(*day)) : Value();
}

std::string CohortColumn(const v1::Case& c) {
  std::string out = ",";
  for (int cohort : c.cohorts()) absl::StrAppend(&out, cohort, ",");
  return out;
}

std::string MonthColumn(const google::type::Date& month) {
  return absl::StrFormat("%04d-%02d", month.year(), month.month());
}

Params Concat(Params a, const Params& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

}  // namespace

absl::StatusOr<std::optional<v1::Case>> AuditsStore::LoadCase(Connection& db,
                                                             const std::string& tenant,
                                                             const std::string& id) {
  return QueryOne<v1::Case>(db, "SELECT body, version FROM cases WHERE tenant = ? AND id = ?",
                            {tenant, id});
}

absl::Status AuditsStore::UpsertCase(Connection& db, const std::string& tenant,
                                     const std::string& id, v1::Case& c) {
  const int64_t version = NextVersion(c.etag());
  const Params columns = {c.team(),
                          c.service(),
                          c.worker(),
                          DayOrNull(c.open_date()),
                          DayOrNull(c.close_date()),
                          DayOrNull(c.last_selected_date()),
                          CohortColumn(c),
                          version,
                          BodyOf(c, version)};
  if (version == 1) {
    return db.Exec(
        "INSERT INTO cases (team, service, worker, open_day, close_day, last_selected, cohorts, "
        "version, body, tenant, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        Concat(columns, {tenant, id}));
  }
  int64_t changed = 0;
  ASSURE_RETURN_IF_ERROR(db.Exec(
      "UPDATE cases SET team = ?, service = ?, worker = ?, open_day = ?, close_day = ?, "
      "last_selected = ?, cohorts = ?, version = ?, body = ? WHERE tenant = ? AND id = ?",
      Concat(columns, {tenant, id}), &changed));
  return ExpectOneRow(changed, "update case");
}

absl::StatusOr<std::vector<v1::Case>> AuditsStore::ListCases(Connection& db,
                                                             const std::string& tenant,
                                                             const CaseQuery& q) {
  std::string sql = "SELECT body, version FROM cases WHERE tenant = ? AND id > ?";
  Params params = {tenant, q.after_id};
  auto add = [&](const char* clause, Value v) {
    absl::StrAppend(&sql, " AND ", clause);
    params.push_back(std::move(v));
  };
  if (q.team) add("team = ?", *q.team);
  if (q.service) add("service = ?", *q.service);
  if (q.worker) add("worker = ?", *q.worker);
  if (q.cohort) add("cohorts LIKE ?", absl::StrCat("%,", *q.cohort, ",%"));
  if (q.open) {
    absl::StrAppend(&sql, *q.open ? " AND close_day IS NULL" : " AND close_day IS NOT NULL");
  }
  absl::StrAppend(&sql, " ORDER BY id LIMIT ?");
  params.push_back(int64_t{q.limit});
  return QueryBodies<v1::Case>(db, sql, params);
}

absl::StatusOr<std::vector<Candidate>> AuditsStore::OpenCases(Connection& db,
                                                              const std::string& tenant,
                                                              absl::CivilDay first,
                                                              absl::CivilDay last) {
  std::vector<Candidate> out;
  ASSURE_RETURN_IF_ERROR(db.Query(
      "SELECT id, team, service, worker, last_selected FROM cases WHERE tenant = ? AND "
      "open_day <= ? AND (close_day IS NULL OR close_day >= ?)",
      {tenant, FormatDay(last), FormatDay(first)}, [&](const Row& r) {
        Candidate c{r.Text(0), r.Text(1), r.Text(2), r.Text(3), std::nullopt};
        absl::CivilDay day;
        if (!r.IsNull(4) && absl::ParseCivilTime(r.Text(4), &day)) c.last_selected = day;
        out.push_back(std::move(c));
      }));
  return out;
}

absl::StatusOr<std::vector<v1::Case>> AuditsStore::CohortCases(Connection& db,
                                                               const std::string& tenant,
                                                               const std::vector<int>& cohorts) {
  std::string sql = "SELECT body, version FROM cases WHERE tenant = ? AND (";
  Params params = {tenant};
  for (size_t i = 0; i < cohorts.size(); ++i) {
    absl::StrAppend(&sql, i == 0 ? "" : " OR ", "cohorts LIKE ?");
    params.push_back(absl::StrCat("%,", cohorts[i], ",%"));
  }
  absl::StrAppend(&sql, ") ORDER BY id");
  if (cohorts.empty()) return std::vector<v1::Case>{};
  return QueryBodies<v1::Case>(db, sql, params);
}

absl::StatusOr<std::optional<v1::Selection>> AuditsStore::LoadSelection(Connection& db,
                                                                       const std::string& tenant,
                                                                       const std::string& id) {
  return QueryOne<v1::Selection>(
      db, "SELECT body, version FROM selections WHERE tenant = ? AND id = ?", {tenant, id});
}

absl::Status AuditsStore::InsertSelection(Connection& db, const std::string& tenant,
                                          const std::string& id, v1::Selection& s) {
  return db.Exec("INSERT INTO selections (tenant, id, month, version, body) VALUES (?, ?, ?, ?, ?)",
                 {tenant, id, MonthColumn(s.month()), int64_t{1}, BodyOf(s, 1)});
}

absl::StatusOr<std::optional<v1::Audit>> AuditsStore::LoadAudit(Connection& db,
                                                               const std::string& tenant,
                                                               const std::string& id) {
  return QueryOne<v1::Audit>(db, "SELECT body, version FROM audits WHERE tenant = ? AND id = ?",
                             {tenant, id});
}

namespace {

// case_file, auditor, state, selection, escalated, awaiting_moderation, month, version, body
Params AuditColumns(v1::Audit& a, int64_t version) {
  const bool awaiting = a.state() == v1::AUDIT_STATE_SUBMITTED && a.moderation_required();
  return {a.case_file(), a.auditor(), int64_t{a.state()}, a.selection(),
          int64_t{a.has_escalation()}, int64_t{awaiting}, MonthColumn(a.month()), version,
          BodyOf(a, version)};
}

// open, owner, due_date, version, body
Params ActionColumns(v1::AuditAction& a, int64_t version) {
  const auto due = FromProto(a.due_date()).day;
  return {int64_t{a.state() == v1::ACTION_STATE_OPEN}, a.owner(),
          due ? FormatDay(*due) : std::string(), version, BodyOf(a, version)};
}

}  // namespace

absl::Status AuditsStore::InsertAudit(Connection& db, const std::string& tenant,
                                      const std::string& id, v1::Audit& a) {
  return db.Exec(
      "INSERT INTO audits (case_file, auditor, state, selection, escalated, awaiting_moderation, "
      "month, version, body, tenant, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      Concat(AuditColumns(a, 1), {tenant, id}));
}

absl::Status AuditsStore::UpdateAudit(Connection& db, const std::string& tenant,
                                      const std::string& id, v1::Audit& a) {
  int64_t changed = 0;
  ASSURE_RETURN_IF_ERROR(db.Exec(
      "UPDATE audits SET case_file = ?, auditor = ?, state = ?, selection = ?, escalated = ?, "
      "awaiting_moderation = ?, month = ?, version = ?, body = ? WHERE tenant = ? AND id = ?",
      Concat(AuditColumns(a, NextVersion(a.etag())), {tenant, id}), &changed));
  return ExpectOneRow(changed, "update audit");
}

absl::StatusOr<std::vector<v1::Audit>> AuditsStore::ListAudits(Connection& db,
                                                               const std::string& tenant,
                                                               const AuditQuery& q) {
  std::string sql = "SELECT body, version FROM audits WHERE tenant = ? AND id > ?";
  Params params = {tenant, q.after_id};
  auto add = [&](const char* clause, Value v) {
    absl::StrAppend(&sql, " AND ", clause);
    params.push_back(std::move(v));
  };
  if (q.case_file) add("case_file = ?", *q.case_file);
  if (q.auditor) add("auditor = ?", *q.auditor);
  if (q.state) add("state = ?", int64_t{*q.state});
  if (q.selection) add("selection = ?", *q.selection);
  if (q.escalated) add("escalated = ?", int64_t{*q.escalated});
  if (q.awaiting_moderation) add("awaiting_moderation = ?", int64_t{*q.awaiting_moderation});
  absl::StrAppend(&sql, " ORDER BY id LIMIT ?");
  params.push_back(int64_t{q.limit});
  return QueryBodies<v1::Audit>(db, sql, params);
}

absl::StatusOr<std::optional<v1::AuditAction>> AuditsStore::LoadAction(Connection& db,
                                                                      const std::string& tenant,
                                                                      const std::string& audit,
                                                                      int64_t seq) {
  return QueryOne<v1::AuditAction>(
      db, "SELECT body, version FROM audit_actions WHERE tenant = ? AND audit_id = ? AND seq = ?",
      {tenant, audit, seq});
}

absl::StatusOr<int64_t> AuditsStore::NextActionSeq(Connection& db, const std::string& tenant,
                                                   const std::string& audit) {
  return store::NextSeq(db, "audit_actions", "tenant = ? AND audit_id = ?", {tenant, audit});
}

absl::Status AuditsStore::InsertAction(Connection& db, const std::string& tenant,
                                       const std::string& audit, int64_t seq,
                                       v1::AuditAction& a) {
  return db.Exec(
      "INSERT INTO audit_actions (open, owner, due_date, version, body, tenant, audit_id, seq) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      Concat(ActionColumns(a, 1), {tenant, audit, seq}));
}

absl::Status AuditsStore::UpdateAction(Connection& db, const std::string& tenant,
                                       const std::string& audit, int64_t seq,
                                       v1::AuditAction& a) {
  int64_t changed = 0;
  ASSURE_RETURN_IF_ERROR(db.Exec(
      "UPDATE audit_actions SET open = ?, owner = ?, due_date = ?, version = ?, body = ? WHERE "
      "tenant = ? AND audit_id = ? AND seq = ?",
      Concat(ActionColumns(a, NextVersion(a.etag())), {tenant, audit, seq}), &changed));
  return ExpectOneRow(changed, "update action");
}

absl::StatusOr<std::vector<v1::AuditAction>> AuditsStore::ListActions(Connection& db,
                                                                     const std::string& tenant,
                                                                     const ActionQuery& q) {
  std::string sql =
      "SELECT body, version FROM audit_actions WHERE tenant = ? AND (audit_id, seq) > (?, ?)";
  Params params = {tenant, q.after_audit, q.after_seq};
  auto add = [&](const char* clause, Value v) {
    absl::StrAppend(&sql, " AND ", clause);
    params.push_back(std::move(v));
  };
  if (!q.audit.empty()) add("audit_id = ?", q.audit);
  if (q.open) add("open = ?", int64_t{*q.open});
  if (q.owner) add("owner = ?", *q.owner);
  if (q.overdue_before) add("open = 1 AND due_date < ?", *q.overdue_before);
  absl::StrAppend(&sql, " ORDER BY audit_id, seq LIMIT ?");
  params.push_back(int64_t{q.limit});
  return QueryBodies<v1::AuditAction>(db, sql, params);
}

absl::StatusOr<int64_t> AuditsStore::OpenActions(Connection& db, const std::string& tenant,
                                                 const std::string& audit) {
  return store::QueryInt(
      db, "SELECT COUNT(*) FROM audit_actions WHERE tenant = ? AND audit_id = ? AND open = 1",
      {tenant, audit});
}

absl::StatusOr<std::vector<DueAction>> AuditsStore::ActionsFallenDue(Connection& db,
                                                                     const std::string& today) {
  std::vector<DueAction> out;
  ASSURE_RETURN_IF_ERROR(db.Query(
      "SELECT tenant, audit_id, seq FROM audit_actions WHERE open = 1 AND due_announced = 0 AND "
      "due_date <= ? ORDER BY tenant, due_date, audit_id, seq",
      {today}, [&](const Row& row) {
        out.push_back({std::string(row.Text(0)), std::string(row.Text(1)), row.Int(2)});
      }));
  return out;
}

absl::StatusOr<bool> AuditsStore::MarkDueAnnounced(Connection& db, const DueAction& a) {
  int64_t changed = 0;
  ASSURE_RETURN_IF_ERROR(
      db.Exec("UPDATE audit_actions SET due_announced = 1 WHERE tenant = ? AND audit_id = ? AND "
              "seq = ? AND open = 1 AND due_announced = 0",
              {a.tenant, a.audit, a.seq}, &changed));
  return changed == 1;
}

absl::StatusOr<int64_t> AuditsStore::NextFrameworkSeq(Connection& db,
                                                      const std::string& tenant) {
  return store::NextSeq(db, "audit_frameworks", "tenant = ?", {tenant});
}

absl::Status AuditsStore::InsertFramework(Connection& db, const std::string& tenant, int64_t seq,
                                          v1::AuditFramework& f) {
  return db.Exec(
      "INSERT INTO audit_frameworks (tenant, seq, effective_month, version, body) VALUES (?, ?, "
      "?, ?, ?)",
      {tenant, seq, MonthColumn(f.effective_month()), int64_t{1}, BodyOf(f, 1)});
}

absl::StatusOr<std::optional<v1::AuditFramework>> AuditsStore::LoadFramework(
    Connection& db, const std::string& tenant, int64_t seq) {
  return QueryOne<v1::AuditFramework>(
      db, "SELECT body, version FROM audit_frameworks WHERE tenant = ? AND seq = ?",
      {tenant, seq});
}

absl::StatusOr<std::vector<v1::AuditFramework>> AuditsStore::ListFrameworks(
    Connection& db, const std::string& tenant, int64_t after_seq, int limit) {
  return QueryBodies<v1::AuditFramework>(
      db,
      "SELECT body, version FROM audit_frameworks WHERE tenant = ? AND seq > ? ORDER BY seq "
      "LIMIT ?",
      {tenant, after_seq, int64_t{limit}});
}

absl::StatusOr<std::optional<v1::AuditFramework>> AuditsStore::FrameworkInForce(
    Connection& db, const std::string& tenant, const google::type::Date& month) {
  return QueryOne<v1::AuditFramework>(
      db,
      "SELECT body, version FROM audit_frameworks WHERE tenant = ? AND effective_month <= ? "
      "ORDER BY effective_month DESC, seq DESC LIMIT 1",
      {tenant, MonthColumn(month)});
}

absl::StatusOr<std::vector<v1::Selection>> AuditsStore::SelectionsInMonth(
    Connection& db, const std::string& tenant, const google::type::Date& month) {
  return QueryBodies<v1::Selection>(
      db, "SELECT body, version FROM selections WHERE tenant = ? AND month = ? ORDER BY id",
      {tenant, MonthColumn(month)});
}

absl::StatusOr<std::vector<v1::Audit>> AuditsStore::AuditsInMonth(Connection& db,
                                                                 const std::string& tenant,
                                                                 const google::type::Date& month) {
  return QueryBodies<v1::Audit>(
      db, "SELECT body, version FROM audits WHERE tenant = ? AND month = ? ORDER BY id",
      {tenant, MonthColumn(month)});
}

absl::StatusOr<std::vector<v1::Audit>> AuditsStore::AuditsOfSelection(
    Connection& db, const std::string& tenant, const std::string& selection) {
  return QueryBodies<v1::Audit>(
      db, "SELECT body, version FROM audits WHERE tenant = ? AND selection = ? ORDER BY id",
      {tenant, selection});
}

absl::StatusOr<ThemeTally> AuditsStore::CountTheme(Connection& db, const std::string& tenant,
                                                   const google::type::Date& month, int kind,
                                                   const std::string& tag) {
  const Params key = {tenant, MonthColumn(month), int64_t{kind}, tag};
  ASSURE_RETURN_IF_ERROR(db.Exec(
      "INSERT INTO theme_tallies (tenant, month, kind, tag, audits) VALUES (?, ?, ?, ?, 1) "
      "ON CONFLICT (tenant, month, kind, tag) DO UPDATE SET audits = theme_tallies.audits + 1",
      key));
  ThemeTally tally;
  ASSURE_RETURN_IF_ERROR(db.Query(
      "SELECT audits, finding FROM theme_tallies WHERE tenant = ? AND month = ? AND kind = ? "
      "AND tag = ?",
      key, [&](const Row& r) {
        tally.audits = r.Int(0);
        if (!r.IsNull(1)) tally.finding = r.Text(1);
      }));
  return tally;
}

absl::Status AuditsStore::MarkThemeReferred(Connection& db, const std::string& tenant,
                                            const google::type::Date& month, int kind,
                                            const std::string& tag, const std::string& finding) {
  int64_t changed = 0;
  ASSURE_RETURN_IF_ERROR(
      db.Exec("UPDATE theme_tallies SET finding = ? WHERE tenant = ? AND month = ? AND kind = ? "
              "AND tag = ?",
              {finding, tenant, MonthColumn(month), int64_t{kind}, tag}, &changed));
  return ExpectOneRow(changed, "refer theme");
}

absl::StatusOr<std::map<std::pair<std::string, std::string>, std::string>>
AuditsStore::ThemeReferrals(Connection& db, const std::string& tenant,
                            const google::type::Date& first, const google::type::Date& last) {
  std::map<std::pair<std::string, std::string>, std::string> out;
  ASSURE_RETURN_IF_ERROR(db.Query(
      "SELECT month, tag, finding FROM theme_tallies WHERE tenant = ? AND month >= ? AND "
      "month <= ? AND finding IS NOT NULL",
      {tenant, MonthColumn(first), MonthColumn(last)},
      [&](const Row& r) { out[{r.Text(0), r.Text(1)}] = r.Text(2); }));
  return out;
}

absl::StatusOr<std::vector<v1::Audit>> AuditsStore::AuditsBetweenMonths(
    Connection& db, const std::string& tenant, const google::type::Date& first,
    const google::type::Date& last) {
  return QueryBodies<v1::Audit>(
      db,
      "SELECT body, version FROM audits WHERE tenant = ? AND month >= ? AND month <= ? "
      "ORDER BY id",
      {tenant, MonthColumn(first), MonthColumn(last)});
}

absl::StatusOr<std::vector<v1::Selection>> AuditsStore::SelectionsBetweenMonths(
    Connection& db, const std::string& tenant, const google::type::Date& first,
    const google::type::Date& last) {
  return QueryBodies<v1::Selection>(
      db,
      "SELECT body, version FROM selections WHERE tenant = ? AND month >= ? AND month <= ? "
      "ORDER BY id",
      {tenant, MonthColumn(first), MonthColumn(last)});
}

absl::StatusOr<std::vector<v1::AuditAction>> AuditsStore::ActionsBetweenMonths(
    Connection& db, const std::string& tenant, const google::type::Date& first,
    const google::type::Date& last) {
  return QueryBodies<v1::AuditAction>(
      db,
      "SELECT x.body, x.version FROM audit_actions x JOIN audits a ON a.tenant = x.tenant AND "
      "a.id = x.audit_id WHERE x.tenant = ? AND a.month >= ? AND a.month <= ? "
      "ORDER BY x.audit_id, x.seq",
      {tenant, MonthColumn(first), MonthColumn(last)});
}

absl::Status AuditsStore::UpdateSelection(Connection& db, const std::string& tenant,
                                          const std::string& id, v1::Selection& s) {
  const int64_t version = NextVersion(s.etag());
  int64_t changed = 0;
  ASSURE_RETURN_IF_ERROR(
      db.Exec("UPDATE selections SET version = ?, body = ? WHERE tenant = ? AND id = ?",
              {version, BodyOf(s, version), tenant, id}, &changed));
  return ExpectOneRow(changed, "update selection");
}

absl::StatusOr<std::optional<v1::IroObservation>> AuditsStore::LoadObservation(
    Connection& db, const std::string& tenant, const std::string& id) {
  return QueryOne<v1::IroObservation>(
      db, "SELECT body, version FROM iro_observations WHERE tenant = ? AND id = ?", {tenant, id});
}

absl::Status AuditsStore::InsertObservation(Connection& db, const std::string& tenant,
                                            const std::string& id, v1::IroObservation& o) {
  return db.Exec(
      "INSERT INTO iro_observations (tenant, id, iro, observe_day, version, body) "
      "VALUES (?, ?, ?, ?, ?, ?)",
      {tenant, id, o.iro(), DayOrNull(o.observe_date()), int64_t{1}, BodyOf(o, 1)});
}

absl::StatusOr<std::vector<v1::IroObservation>> AuditsStore::ListObservations(
    Connection& db, const std::string& tenant, const ObservationQuery& q) {
  std::string sql = "SELECT body, version FROM iro_observations WHERE tenant = ? AND id > ?";
  Params params = {tenant, q.after_id};
  if (q.iro) {
    absl::StrAppend(&sql, " AND iro = ?");
    params.push_back(*q.iro);
  }
  absl::StrAppend(&sql, " ORDER BY id LIMIT ?");
  params.push_back(int64_t{q.limit});
  return QueryBodies<v1::IroObservation>(db, sql, params);
}

absl::StatusOr<std::vector<v1::IroObservation>> AuditsStore::ObservationsBetween(
    Connection& db, const std::string& tenant, absl::CivilDay first, absl::CivilDay last) {
  return QueryBodies<v1::IroObservation>(
      db,
      "SELECT body, version FROM iro_observations WHERE tenant = ? AND observe_day >= ? AND "
      "observe_day <= ? ORDER BY id",
      {tenant, FormatDay(first), FormatDay(last)});
}

absl::StatusOr<std::optional<v1::AuditToolVersion>> AuditsStore::LoadToolVersion(
    Connection& db, const std::string& tenant, const std::string& tool, int64_t seq) {
  return QueryOne<v1::AuditToolVersion>(
      db, "SELECT body, version FROM tool_versions WHERE tenant = ? AND tool = ? AND seq = ?",
      {tenant, tool, seq});
}

absl::StatusOr<int64_t> AuditsStore::NextToolSeq(Connection& db, const std::string& tenant,
                                                 const std::string& tool) {
  return store::NextSeq(db, "tool_versions", "tenant = ? AND tool = ?", {tenant, tool});
}

absl::Status AuditsStore::InsertToolVersion(Connection& db, const std::string& tenant,
                                            const std::string& tool, int64_t seq,
                                            v1::AuditToolVersion& t) {
  return db.Exec(
      "INSERT INTO tool_versions (tenant, tool, seq, state, version, body) VALUES (?, ?, ?, ?, ?, "
      "?)",
      {tenant, tool, seq, int64_t{t.state()}, int64_t{1}, BodyOf(t, 1)});
}

absl::Status AuditsStore::UpdateToolVersion(Connection& db, const std::string& tenant,
                                            const std::string& tool, int64_t seq,
                                            v1::AuditToolVersion& t) {
  const int64_t version = NextVersion(t.etag());
  int64_t changed = 0;
  ASSURE_RETURN_IF_ERROR(db.Exec(
      "UPDATE tool_versions SET state = ?, version = ?, body = ? WHERE tenant = ? AND tool = ? AND "
      "seq = ?",
      {int64_t{t.state()}, version, BodyOf(t, version), tenant, tool, seq}, &changed));
  return ExpectOneRow(changed, "update tool version");
}

absl::StatusOr<std::vector<v1::AuditToolVersion>> AuditsStore::ListToolVersions(
    Connection& db, const std::string& tenant, const ToolVersionQuery& q) {
  std::string sql =
      "SELECT body, version FROM tool_versions WHERE tenant = ? AND (tool, seq) > (?, ?)";
  Params params = {tenant, q.after_tool, q.after_seq};
  if (!q.tool.empty()) {
    sql += " AND tool = ?";
    params.push_back(q.tool);
  }
  if (q.state) {
    sql += " AND state = ?";
    params.push_back(int64_t{*q.state});
  }
  sql += " ORDER BY tool, seq LIMIT ?";
  params.push_back(int64_t{q.limit});
  return QueryBodies<v1::AuditToolVersion>(db, sql, params);
}

}  // namespace assure::audits
