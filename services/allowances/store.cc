#include "services/allowances/store.h"

#include "absl/strings/str_cat.h"
#include "protos/assure/allowances/v1/names.h"
#include "services/common/dates.h"
#include "services/common/status_macros.h"
#include "services/common/store/body_rows.h"

namespace assure::allowances {
namespace {

using store::BodyOf;
using store::ExpectOneRow;
using store::NextSeq;
using store::NextVersion;
using store::Params;
using store::QueryBodies;
using store::QueryInt;
using store::QueryOne;
using store::Row;

}  // namespace

absl::StatusOr<std::optional<v1::SupportedChild>> AllowancesStore::LoadChild(
    Connection& db, const std::string& tenant, const std::string& id) {
  return QueryOne<v1::SupportedChild>(
      db, "SELECT body, version FROM supported_children WHERE tenant = ? AND id = ?", {tenant, id});
}

absl::Status AllowancesStore::SaveChild(Connection& db, const std::string& tenant,
                                        const std::string& id, v1::SupportedChild& c) {
  const int64_t version = NextVersion(c.etag());
  if (version == 1) {
    return db.Exec("INSERT INTO supported_children (tenant, id, version, body) VALUES (?, ?, ?, ?)",
                   {tenant, id, version, BodyOf(c, version)});
  }
  int64_t changed = 0;
  ASSURE_RETURN_IF_ERROR(
      db.Exec("UPDATE supported_children SET version = ?, body = ? WHERE tenant = ? AND id = ?",
              {version, BodyOf(c, version), tenant, id}, &changed));
  return ExpectOneRow(changed, "update supported child");
}

absl::StatusOr<std::optional<v1::Allowance>> AllowancesStore::Load(Connection& db,
                                                                   const std::string& tenant,
                                                                   const std::string& id) {
  return QueryOne<v1::Allowance>(
      db, "SELECT body, version FROM allowances WHERE tenant = ? AND id = ?", {tenant, id});
}

absl::Status AllowancesStore::Save(Connection& db, const std::string& tenant, const std::string& id,
                                   v1::Allowance& a) {
  const int64_t version = NextVersion(a.etag());
  const int64_t state = a.state();
  const int64_t type = a.type();
  if (version == 1) {
    return db.Exec(
        "INSERT INTO allowances (tenant, id, child, state, type, version, body) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        {tenant, id, a.child(), state, type, version, BodyOf(a, version)});
  }
  int64_t changed = 0;
  ASSURE_RETURN_IF_ERROR(
      db.Exec("UPDATE allowances SET state = ?, version = ?, body = ? WHERE tenant = ? AND id = ?",
              {state, version, BodyOf(a, version), tenant, id}, &changed));
  return ExpectOneRow(changed, "update allowance");
}

absl::StatusOr<std::vector<v1::Allowance>> AllowancesStore::List(Connection& db,
                                                                 const std::string& tenant,
                                                                 const AllowanceQuery& q) {
  std::string sql = "SELECT body, version FROM allowances WHERE tenant = ? AND id > ?";
  Params params = {tenant, q.after_id};
  if (q.child) {
    absl::StrAppend(&sql, " AND child = ?");
    params.push_back(*q.child);
  }
  if (q.state) {
    absl::StrAppend(&sql, " AND state = ?");
    params.push_back(int64_t{*q.state});
  }
  if (q.type) {
    absl::StrAppend(&sql, " AND type = ?");
    params.push_back(int64_t{*q.type});
  }
  absl::StrAppend(&sql, " ORDER BY id LIMIT ?");
  params.push_back(int64_t{q.limit});
  return QueryBodies<v1::Allowance>(db, sql, params);
}

absl::Status AllowancesStore::Append(Connection& db, const std::string& tenant,
                                     const std::string& allowance, v1::LedgerEntry& e,
                                     std::optional<int64_t> settles) {
  ASSURE_ASSIGN_OR_RETURN(int64_t seq, NextSeq(db, "ledger_entries", "tenant = ? AND allowance = ?",
                                               {tenant, allowance}));
  e.set_name(LedgerEntryName(allowance, seq));
  const auto due = FromProto(e.due_date()).day;
  return db.Exec(
      "INSERT INTO ledger_entries (tenant, allowance, seq, kind, amount_pence, due_day, body, "
      "settles) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {tenant, allowance, seq, int64_t{e.kind()}, e.amount_pence(),
       due ? FormatDay(*due) : std::string(), store::Bytes{e.SerializeAsString()},
       settles ? store::Value(*settles) : store::Value()});
}

absl::StatusOr<std::optional<v1::LedgerEntry>> AllowancesStore::LoadEntry(
    Connection& db, const std::string& tenant, const std::string& allowance, int64_t seq) {
  std::optional<v1::LedgerEntry> out;
  bool corrupt = false;
  ASSURE_RETURN_IF_ERROR(
      db.Query("SELECT body FROM ledger_entries WHERE tenant = ? AND allowance = ? AND seq = ?",
               {tenant, allowance, seq}, [&](const Row& row) {
                 out.emplace();
                 corrupt |= !out->ParseFromString(row.Blob(0));
               }));
  if (corrupt) return absl::DataLossError("unreadable ledger entry");
  return out;
}

absl::StatusOr<bool> AllowancesStore::IsSettled(Connection& db, const std::string& tenant,
                                                const std::string& allowance, int64_t seq) {
  ASSURE_ASSIGN_OR_RETURN(int64_t n, QueryInt(db,
                                              "SELECT COUNT(*) FROM ledger_entries WHERE "
                                              "tenant = ? AND allowance = ? AND kind = 2 AND "
                                              "settles = ?",
                                              {tenant, allowance, seq}));
  return n > 0;
}

absl::StatusOr<std::vector<v1::LedgerEntry>> AllowancesStore::Unpaid(
    Connection& db, const std::string& tenant, absl::CivilDay from, absl::CivilDay to,
    const std::string& after_day, const std::string& after_allowance, int64_t after_seq,
    int limit) {
  std::vector<v1::LedgerEntry> out;
  bool corrupt = false;
  ASSURE_RETURN_IF_ERROR(db.Query(
      "SELECT s.body FROM ledger_entries s WHERE s.tenant = ? AND s.kind = 1 AND "
      "s.due_day >= ? AND s.due_day <= ? AND (s.due_day > ? OR (s.due_day = ? AND "
      "(s.allowance > ? OR (s.allowance = ? AND s.seq > ?)))) AND NOT EXISTS (SELECT 1 FROM "
      "ledger_entries p WHERE p.tenant = s.tenant AND p.allowance = s.allowance AND "
      "p.kind = 2 AND p.settles = s.seq) ORDER BY s.due_day, s.allowance, s.seq LIMIT ?",
      {tenant, FormatDay(from), FormatDay(to), after_day, after_day, after_allowance,
       after_allowance, after_seq, int64_t{limit}},
      [&](const Row& row) {
        v1::LedgerEntry e;
        corrupt |= !e.ParseFromString(row.Blob(0));
        out.push_back(std::move(e));
      }));
  if (corrupt) return absl::DataLossError("unreadable ledger entry");
  return out;
}

absl::StatusOr<std::vector<v1::LedgerEntry>> AllowancesStore::Entries(Connection& db,
                                                                      const std::string& tenant,
                                                                      const std::string& allowance,
                                                                      int64_t after, int limit) {
  std::vector<v1::LedgerEntry> out;
  bool corrupt = false;
  ASSURE_RETURN_IF_ERROR(
      db.Query("SELECT body FROM ledger_entries WHERE tenant = ? AND allowance = ? AND seq > ? "
               "ORDER BY seq LIMIT ?",
               {tenant, allowance, after, int64_t{limit}}, [&](const Row& row) {
                 v1::LedgerEntry e;
                 corrupt |= !e.ParseFromString(row.Blob(0));
                 out.push_back(std::move(e));
               }));
  if (corrupt) return absl::DataLossError("unreadable ledger entry");
  return out;
}

absl::StatusOr<int64_t> AllowancesStore::Balance(Connection& db, const std::string& tenant,
                                                 const std::string& allowance) {
  return QueryInt(db,
                  "SELECT COALESCE(SUM(amount_pence), 0) FROM ledger_entries WHERE tenant = ? "
                  "AND allowance = ?",
                  {tenant, allowance});
}

absl::StatusOr<int64_t> AllowancesStore::CountOf(Connection& db, const std::string& tenant,
                                                 const std::string& allowance,
                                                 v1::LedgerEntryKind kind) {
  return QueryInt(db,
                  "SELECT COUNT(*) FROM ledger_entries WHERE tenant = ? AND allowance = ? AND "
                  "kind = ?",
                  {tenant, allowance, int64_t{kind}});
}

absl::StatusOr<bool> AllowancesStore::InstalmentOn(Connection& db, const std::string& tenant,
                                                   const std::string& allowance,
                                                   const std::string& due_day) {
  ASSURE_ASSIGN_OR_RETURN(int64_t n,
                          QueryInt(db,
                                   "SELECT COUNT(*) FROM ledger_entries WHERE tenant = ? AND "
                                   "allowance = ? AND kind = 1 AND due_day = ?",
                                   {tenant, allowance, due_day}));
  return n > 0;
}

absl::StatusOr<std::optional<v1::Declaration>> AllowancesStore::LoadDeclaration(
    Connection& db, const std::string& tenant, const std::string& allowance, int year) {
  return QueryOne<v1::Declaration>(db,
                                   "SELECT body, version FROM declarations WHERE tenant = ? AND "
                                   "allowance = ? AND year = ?",
                                   {tenant, allowance, int64_t{year}});
}

absl::Status AllowancesStore::SaveDeclaration(Connection& db, const std::string& tenant,
                                              const std::string& allowance, v1::Declaration& d) {
  const int64_t version = NextVersion(d.etag());
  const auto next = FromProto(d.next_step_date()).day;
  const store::Value next_day = next ? store::Value(FormatDay(*next)) : store::Value();
  const int64_t state = d.state();
  if (version == 1) {
    return db.Exec(
        "INSERT INTO declarations (tenant, allowance, year, state, next_step_day, version, body) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        {tenant, allowance, int64_t{d.year()}, state, next_day, version, BodyOf(d, version)});
  }
  int64_t changed = 0;
  ASSURE_RETURN_IF_ERROR(
      db.Exec("UPDATE declarations SET state = ?, next_step_day = ?, version = ?, body = ? "
              "WHERE tenant = ? AND allowance = ? AND year = ?",
              {state, next_day, version, BodyOf(d, version), tenant, allowance, int64_t{d.year()}},
              &changed));
  return ExpectOneRow(changed, "update declaration");
}

absl::StatusOr<std::vector<v1::Declaration>> AllowancesStore::ListDeclarations(
    Connection& db, const std::string& tenant, const DeclarationQuery& q) {
  std::string sql =
      "SELECT body, version FROM declarations WHERE tenant = ? AND (allowance > ? OR "
      "(allowance = ? AND year > ?))";
  Params params = {tenant, q.after_allowance, q.after_allowance, int64_t{q.after_year}};
  if (!q.allowance.empty()) {
    absl::StrAppend(&sql, " AND allowance = ?");
    params.push_back(q.allowance);
  }
  if (q.state) {
    absl::StrAppend(&sql, " AND state = ?");
    params.push_back(int64_t{*q.state});
  }
  if (q.year) {
    absl::StrAppend(&sql, " AND year = ?");
    params.push_back(int64_t{*q.year});
  }
  absl::StrAppend(&sql, " ORDER BY allowance, year LIMIT ?");
  params.push_back(int64_t{q.limit});
  return QueryBodies<v1::Declaration>(db, sql, params);
}

absl::StatusOr<std::optional<v1::Decision>> AllowancesStore::LoadDecision(
    Connection& db, const std::string& tenant, const std::string& allowance, int64_t seq) {
  return QueryOne<v1::Decision>(
      db, "SELECT body, version FROM decisions WHERE tenant = ? AND allowance = ? AND seq = ?",
      {tenant, allowance, seq});
}

absl::Status AllowancesStore::InsertDecision(Connection& db, const std::string& tenant,
                                             const std::string& allowance, v1::Decision& d) {
  ASSURE_ASSIGN_OR_RETURN(
      int64_t seq, NextSeq(db, "decisions", "tenant = ? AND allowance = ?", {tenant, allowance}));
  d.set_name(DecisionNameOf(allowance, seq));
  return db.Exec(
      "INSERT INTO decisions (tenant, allowance, seq, state, version, body) "
      "VALUES (?, ?, ?, ?, 1, ?)",
      {tenant, allowance, seq, int64_t{d.state()}, BodyOf(d, 1)});
}

absl::Status AllowancesStore::UpdateDecision(Connection& db, const std::string& tenant,
                                             const std::string& allowance, int64_t seq,
                                             v1::Decision& d) {
  const int64_t version = NextVersion(d.etag());
  int64_t changed = 0;
  ASSURE_RETURN_IF_ERROR(
      db.Exec("UPDATE decisions SET state = ?, version = ?, body = ? WHERE tenant = ? AND "
              "allowance = ? AND seq = ?",
              {int64_t{d.state()}, version, BodyOf(d, version), tenant, allowance, seq}, &changed));
  return ExpectOneRow(changed, "update decision");
}

absl::StatusOr<std::vector<v1::Decision>> AllowancesStore::ListDecisions(
    Connection& db, const std::string& tenant, const std::string& allowance,
    std::optional<int> state, const std::string& after_allowance, int64_t after_seq, int limit) {
  std::string sql =
      "SELECT body, version FROM decisions WHERE tenant = ? AND (allowance > ? OR "
      "(allowance = ? AND seq > ?))";
  Params params = {tenant, after_allowance, after_allowance, after_seq};
  if (!allowance.empty()) {
    absl::StrAppend(&sql, " AND allowance = ?");
    params.push_back(allowance);
  }
  if (state) {
    absl::StrAppend(&sql, " AND state = ?");
    params.push_back(int64_t{*state});
  }
  absl::StrAppend(&sql, " ORDER BY allowance, seq LIMIT ?");
  params.push_back(int64_t{limit});
  return QueryBodies<v1::Decision>(db, sql, params);
}

absl::Status AllowancesStore::ReadForControls(Connection& db, const std::string& tenant, int year,
                                              ControlRecords& out) {
  ASSURE_ASSIGN_OR_RETURN(
      out.allowances,
      QueryBodies<v1::Allowance>(
          db, "SELECT body, version FROM allowances WHERE tenant = ? ORDER BY id", {tenant}));
  ASSURE_ASSIGN_OR_RETURN(
      auto children,
      QueryBodies<v1::SupportedChild>(
          db, "SELECT body, version FROM supported_children WHERE tenant = ?", {tenant}));
  for (auto& c : children) out.children[c.name()] = std::move(c);
  bool corrupt = false;
  ASSURE_RETURN_IF_ERROR(db.Query(
      "SELECT allowance, body FROM ledger_entries WHERE tenant = ? ORDER BY allowance, seq",
      {tenant}, [&](const Row& row) {
        v1::LedgerEntry e;
        corrupt |= !e.ParseFromString(row.Blob(1));
        out.ledgers[AllowanceName(row.Text(0))].push_back(std::move(e));
      }));
  if (corrupt) return absl::DataLossError("unreadable ledger entry");
  DeclarationQuery q;
  q.year = year;
  q.limit = 1 << 30;
  ASSURE_ASSIGN_OR_RETURN(out.declarations, ListDeclarations(db, tenant, q));
  ASSURE_ASSIGN_OR_RETURN(out.decisions,
                          ListDecisions(db, tenant, "", std::nullopt, "", 0, 1 << 30));
  return absl::OkStatus();
}

absl::StatusOr<std::optional<v1::RateTable>> AllowancesStore::LoadRateTable(
    Connection& db, const std::string& tenant, const std::string& id) {
  return QueryOne<v1::RateTable>(
      db, "SELECT body, version FROM rate_tables WHERE tenant = ? AND id = ?", {tenant, id});
}

absl::Status AllowancesStore::InsertRateTable(Connection& db, const std::string& tenant,
                                              const std::string& id, v1::RateTable& t) {
  const auto day = FromProto(t.effective_date()).day;
  return db.Exec(
      "INSERT INTO rate_tables (tenant, id, effective_day, version, body) VALUES (?, ?, ?, 1, ?)",
      {tenant, id, day ? FormatDay(*day) : std::string(), BodyOf(t, 1)});
}

absl::StatusOr<std::vector<v1::RateTable>> AllowancesStore::RateTables(Connection& db,
                                                                       const std::string& tenant,
                                                                       const std::string& after_day,
                                                                       const std::string& after_id,
                                                                       int limit) {
  return QueryBodies<v1::RateTable>(
      db,
      "SELECT body, version FROM rate_tables WHERE tenant = ? AND (? = '' OR effective_day < ? "
      "OR (effective_day = ? AND id < ?)) ORDER BY effective_day DESC, id DESC LIMIT ?",
      {tenant, after_day, after_day, after_day, after_id, int64_t{limit}});
}

absl::StatusOr<std::map<std::string, std::string>> AllowancesStore::FailingControls(
    Connection& db, const std::string& tenant) {
  std::map<std::string, std::string> out;
  ASSURE_RETURN_IF_ERROR(db.Query("SELECT control, finding FROM control_failures WHERE tenant = ?",
                                  {tenant}, [&](const Row& r) { out[r.Text(0)] = r.Text(1); }));
  return out;
}

absl::Status AllowancesStore::MarkFailing(Connection& db, const std::string& tenant,
                                          const std::string& control, absl::CivilDay since,
                                          const std::string& finding) {
  return db.Exec(
      "INSERT INTO control_failures (tenant, control, since_day, finding) VALUES (?, ?, ?, ?)",
      {tenant, control, FormatDay(since), finding});
}

absl::Status AllowancesStore::ClearFailing(Connection& db, const std::string& tenant,
                                           const std::string& control) {
  return db.Exec("DELETE FROM control_failures WHERE tenant = ? AND control = ?",
                 {tenant, control});
}

absl::StatusOr<std::vector<std::string>> AllowancesStore::Tenants(Connection& db) {
  std::vector<std::string> out;
  ASSURE_RETURN_IF_ERROR(db.Query("SELECT DISTINCT tenant FROM allowances ORDER BY tenant", {},
                                  [&](const Row& r) { out.push_back(r.Text(0)); }));
  return out;
}

absl::StatusOr<std::vector<TenantKey>> AllowancesStore::DeclarationsDue(Connection& db,
                                                                        absl::CivilDay today) {
  std::vector<TenantKey> out;
  ASSURE_RETURN_IF_ERROR(
      db.Query("SELECT tenant, allowance, year FROM declarations WHERE next_step_day <= ? "
               "ORDER BY tenant, allowance, year",
               {FormatDay(today)}, [&](const Row& r) {
                 out.push_back({r.Text(0), r.Text(1), static_cast<int>(r.Int(2))});
               }));
  return out;
}

absl::StatusOr<std::vector<PayingAllowance>> AllowancesStore::Paying(Connection& db) {
  std::vector<PayingAllowance> out;
  bool corrupt = false;
  // allowances.child holds the name supportedChildren/{id}: the id starts at character 19.
  ASSURE_RETURN_IF_ERROR(db.Query(
      "SELECT a.tenant, a.body, a.version, c.body FROM allowances a JOIN supported_children c "
      "ON c.tenant = a.tenant AND c.id = substr(a.child, 19) WHERE a.state IN (3, 4) "
      "ORDER BY a.tenant, a.id",
      {}, [&](const Row& r) {
        PayingAllowance p;
        p.tenant = r.Text(0);
        corrupt |= !p.allowance.ParseFromString(r.Blob(1));
        p.allowance.set_etag(std::to_string(r.Int(2)));
        corrupt |= !p.child.ParseFromString(r.Blob(3));
        out.push_back(std::move(p));
      }));
  if (corrupt) return absl::DataLossError("unreadable allowance or child row");
  return out;
}

}  // namespace assure::allowances
