#include "services/actionplans/store.h"

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "services/common/dates.h"
#include "services/common/status_macros.h"
#include "services/common/store/body_rows.h"

namespace assure::actionplans {
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

// Rows whose first column is a body without an etag (updates, follow-ups, findings).
template <typename Message>
absl::StatusOr<std::vector<Message>> QueryPlain(Connection& db, absl::string_view sql,
                                                const Params& params) {
  std::vector<Message> out;
  bool corrupt = false;
  ASSURE_RETURN_IF_ERROR(db.Query(sql, params, [&](const Row& row) {
    Message m;
    corrupt |= !m.ParseFromString(row.Blob(0));
    out.push_back(std::move(m));
  }));
  if (corrupt) return absl::DataLossError(absl::StrCat("unreadable row from: ", sql));
  return out;
}

}  // namespace

absl::StatusOr<std::optional<v1::Plan>> ActionPlansStore::LoadPlan(Connection& db,
                                                                   const std::string& tenant,
                                                                   const std::string& id) {
  return QueryOne<v1::Plan>(db, "SELECT body, version FROM plans WHERE tenant = ? AND id = ?",
                            {tenant, id});
}

absl::Status ActionPlansStore::SavePlan(Connection& db, const std::string& tenant,
                                        const std::string& id, v1::Plan& p) {
  const int64_t version = NextVersion(p.etag());
  const int64_t state = p.state();
  if (version == 1) {
    return db.Exec(
        "INSERT INTO plans (tenant, id, state, source, created_micros, version, body) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        {tenant, id, state, int64_t{p.source()}, absl::ToUnixMicros(FromProto(p.create_time())),
         version, BodyOf(p, version)});
  }
  int64_t changed = 0;
  ASSURE_RETURN_IF_ERROR(
      db.Exec("UPDATE plans SET state = ?, version = ?, body = ? WHERE tenant = ? AND id = ?",
              {state, version, BodyOf(p, version), tenant, id}, &changed));
  return ExpectOneRow(changed, "update plan");
}

absl::StatusOr<std::vector<v1::Plan>> ActionPlansStore::ListPlans(Connection& db,
                                                                  const std::string& tenant,
                                                                  const PlanQuery& q) {
  std::string sql = "SELECT body, version FROM plans WHERE tenant = ? AND id > ?";
  Params params = {tenant, q.after_id};
  if (q.state) {
    absl::StrAppend(&sql, " AND state = ?");
    params.push_back(int64_t{*q.state});
  }
  if (q.source) {
    absl::StrAppend(&sql, " AND source = ?");
    params.push_back(int64_t{*q.source});
  }
  absl::StrAppend(&sql, " ORDER BY id LIMIT ?");
  params.push_back(int64_t{q.limit});
  return QueryBodies<v1::Plan>(db, sql, params);
}

absl::StatusOr<std::optional<v1::Plan>> ActionPlansStore::NewestOpenPlan(Connection& db,
                                                                         const std::string& tenant,
                                                                         v1::PlanSource source) {
  return QueryOne<v1::Plan>(db,
                            "SELECT body, version FROM plans WHERE tenant = ? AND source = ? AND "
                            "state <> ? ORDER BY created_micros DESC, id DESC LIMIT 1",
                            {tenant, int64_t{source}, int64_t{v1::PLAN_STATE_CLOSED}});
}

absl::StatusOr<std::optional<v1::Recommendation>> ActionPlansStore::LoadRecommendation(
    Connection& db, const std::string& tenant, const PlanChild& key) {
  return QueryOne<v1::Recommendation>(
      db, "SELECT body, version FROM recommendations WHERE tenant = ? AND plan = ? AND seq = ?",
      {tenant, key.plan, key.n});
}

absl::Status ActionPlansStore::InsertRecommendation(Connection& db, const std::string& tenant,
                                                    const std::string& plan,
                                                    v1::Recommendation& r) {
  ASSURE_ASSIGN_OR_RETURN(
      int64_t seq, NextSeq(db, "recommendations", "tenant = ? AND plan = ?", {tenant, plan}));
  r.set_name(RecommendationName(plan, seq));
  r.clear_etag();
  return db.Exec(
      "INSERT INTO recommendations (tenant, plan, seq, version, body) VALUES (?, ?, ?, ?, ?)",
      {tenant, plan, seq, int64_t{1}, BodyOf(r, 1)});
}

absl::Status ActionPlansStore::SaveRecommendation(Connection& db, const std::string& tenant,
                                                  const PlanChild& key, v1::Recommendation& r) {
  const int64_t version = NextVersion(r.etag());
  int64_t changed = 0;
  ASSURE_RETURN_IF_ERROR(db.Exec(
      "UPDATE recommendations SET version = ?, body = ? WHERE tenant = ? AND plan = ? AND seq = ?",
      {version, BodyOf(r, version), tenant, key.plan, key.n}, &changed));
  return ExpectOneRow(changed, "update recommendation");
}

absl::StatusOr<std::vector<v1::Recommendation>> ActionPlansStore::ListRecommendations(
    Connection& db, const std::string& tenant, const std::string& plan, int64_t after, int limit) {
  return QueryBodies<v1::Recommendation>(
      db,
      "SELECT body, version FROM recommendations WHERE tenant = ? AND plan = ? AND seq > ? "
      "ORDER BY seq LIMIT ?",
      {tenant, plan, after, int64_t{limit}});
}

absl::StatusOr<std::optional<v1::Action>> ActionPlansStore::LoadAction(Connection& db,
                                                                       const std::string& tenant,
                                                                       const PlanChild& key) {
  return QueryOne<v1::Action>(
      db, "SELECT body, version FROM actions WHERE tenant = ? AND plan = ? AND seq = ?",
      {tenant, key.plan, key.n});
}

absl::Status ActionPlansStore::InsertAction(Connection& db, const std::string& tenant,
                                            const std::string& plan, v1::Action& a) {
  ASSURE_ASSIGN_OR_RETURN(int64_t seq,
                          NextSeq(db, "actions", "tenant = ? AND plan = ?", {tenant, plan}));
  a.set_name(ActionName(plan, seq));
  a.clear_etag();
  return db.Exec(
      "INSERT INTO actions (tenant, plan, seq, state, priority, team, version, body) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {tenant, plan, seq, int64_t{a.state()}, int64_t{a.priority()}, a.team(), int64_t{1},
       BodyOf(a, 1)});
}

absl::Status ActionPlansStore::SaveAction(Connection& db, const std::string& tenant,
                                          const PlanChild& key, v1::Action& a) {
  const int64_t version = NextVersion(a.etag());
  int64_t changed = 0;
  ASSURE_RETURN_IF_ERROR(
      db.Exec("UPDATE actions SET state = ?, team = ?, version = ?, body = ? WHERE tenant = ? AND "
              "plan = ? AND seq = ?",
              {int64_t{a.state()}, a.team(), version, BodyOf(a, version), tenant, key.plan, key.n},
              &changed));
  return ExpectOneRow(changed, "update action");
}

absl::StatusOr<std::vector<v1::Action>> ActionPlansStore::ListActions(Connection& db,
                                                                      const std::string& tenant,
                                                                      const ActionQuery& q) {
  std::string sql =
      "SELECT body, version FROM actions WHERE tenant = ? AND (plan > ? OR (plan = ? AND seq > "
      "?))";
  Params params = {tenant, q.after_plan, q.after_plan, q.after_seq};
  if (!q.plan.empty()) {
    absl::StrAppend(&sql, " AND plan = ?");
    params.push_back(q.plan);
  }
  if (q.state) {
    absl::StrAppend(&sql, " AND state = ?");
    params.push_back(int64_t{*q.state});
  }
  if (q.priority) {
    absl::StrAppend(&sql, " AND priority = ?");
    params.push_back(int64_t{*q.priority});
  }
  if (q.team) {
    absl::StrAppend(&sql, " AND team = ?");
    params.push_back(*q.team);
  }
  absl::StrAppend(&sql, " ORDER BY plan, seq LIMIT ?");
  params.push_back(int64_t{q.limit});
  return QueryBodies<v1::Action>(db, sql, params);
}

absl::StatusOr<int64_t> ActionPlansStore::OpenActions(Connection& db, const std::string& tenant,
                                                      const std::string& plan) {
  return QueryInt(db, "SELECT COUNT(*) FROM actions WHERE tenant = ? AND plan = ? AND state = ?",
                  {tenant, plan, int64_t{v1::ACTION_STATE_OPEN}});
}

absl::Status ActionPlansStore::InsertUpdate(Connection& db, const std::string& tenant,
                                            const PlanChild& action, v1::ActionUpdate& u) {
  ASSURE_ASSIGN_OR_RETURN(int64_t seq,
                          NextSeq(db, "action_updates", "tenant = ? AND plan = ? AND action = ?",
                                  {tenant, action.plan, action.n}));
  u.set_name(ActionUpdateName(action, seq));
  return db.Exec(
      "INSERT INTO action_updates (tenant, plan, action, seq, body) VALUES (?, ?, ?, ?, ?)",
      {tenant, action.plan, action.n, seq, store::Bytes{u.SerializeAsString()}});
}

absl::StatusOr<std::vector<v1::ActionUpdate>> ActionPlansStore::ListUpdates(
    Connection& db, const std::string& tenant, const PlanChild& action, int64_t after, int limit) {
  return QueryPlain<v1::ActionUpdate>(
      db,
      "SELECT body FROM action_updates WHERE tenant = ? AND plan = ? AND action = ? AND seq > ? "
      "ORDER BY seq LIMIT ?",
      {tenant, action.plan, action.n, after, int64_t{limit}});
}

absl::Status ActionPlansStore::InsertFollowUp(Connection& db, const std::string& tenant,
                                              const PlanChild& action, v1::FollowUp& f) {
  ASSURE_ASSIGN_OR_RETURN(int64_t seq,
                          NextSeq(db, "follow_ups", "tenant = ? AND plan = ? AND action = ?",
                                  {tenant, action.plan, action.n}));
  f.set_name(FollowUpName(action, seq));
  return db.Exec("INSERT INTO follow_ups (tenant, plan, action, seq, body) VALUES (?, ?, ?, ?, ?)",
                 {tenant, action.plan, action.n, seq, store::Bytes{f.SerializeAsString()}});
}

absl::StatusOr<std::vector<v1::FollowUp>> ActionPlansStore::ListFollowUps(
    Connection& db, const std::string& tenant, const PlanChild& action, int64_t after, int limit) {
  return QueryPlain<v1::FollowUp>(
      db,
      "SELECT body FROM follow_ups WHERE tenant = ? AND plan = ? AND action = ? AND seq > ? "
      "ORDER BY seq LIMIT ?",
      {tenant, action.plan, action.n, after, int64_t{limit}});
}

absl::StatusOr<std::optional<v1::UpdateRequest>> ActionPlansStore::LatestRequest(
    Connection& db, const std::string& tenant, const PlanChild& action) {
  return QueryOne<v1::UpdateRequest>(
      db,
      "SELECT body, version FROM update_requests WHERE tenant = ? AND plan = ? AND action = ? "
      "ORDER BY month DESC LIMIT 1",
      {tenant, action.plan, action.n});
}

absl::StatusOr<std::vector<v1::UpdateRequest>> ActionPlansStore::OpenRequestsOf(
    Connection& db, const std::string& tenant, const PlanChild& action) {
  return QueryBodies<v1::UpdateRequest>(
      db,
      "SELECT body, version FROM update_requests WHERE tenant = ? AND plan = ? AND action = ? "
      "AND state = ?",
      {tenant, action.plan, action.n, int64_t{v1::UPDATE_REQUEST_STATE_OPEN}});
}

absl::Status ActionPlansStore::SaveRequest(Connection& db, const std::string& tenant,
                                           const PlanChild& action, const std::string& month,
                                           v1::UpdateRequest& r) {
  const int64_t version = NextVersion(r.etag());
  if (version == 1) {
    return db.Exec(
        "INSERT INTO update_requests (tenant, plan, action, month, state, version, body) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        {tenant, action.plan, action.n, month, int64_t{r.state()}, version, BodyOf(r, version)});
  }
  int64_t changed = 0;
  ASSURE_RETURN_IF_ERROR(db.Exec(
      "UPDATE update_requests SET state = ?, version = ?, body = ? WHERE tenant = ? AND "
      "plan = ? AND action = ? AND month = ?",
      {int64_t{r.state()}, version, BodyOf(r, version), tenant, action.plan, action.n, month},
      &changed));
  return ExpectOneRow(changed, "update request");
}

absl::StatusOr<std::vector<v1::UpdateRequest>> ActionPlansStore::ListRequests(
    Connection& db, const std::string& tenant, std::optional<int> state,
    const std::string& after_plan, int64_t after_action, const std::string& after_month,
    int limit) {
  std::string sql =
      "SELECT body, version FROM update_requests WHERE tenant = ? AND (plan > ? OR (plan = ? AND "
      "(action > ? OR (action = ? AND month > ?))))";
  Params params = {tenant, after_plan, after_plan, after_action, after_action, after_month};
  if (state) {
    absl::StrAppend(&sql, " AND state = ?");
    params.push_back(int64_t{*state});
  }
  absl::StrAppend(&sql, " ORDER BY plan, action, month LIMIT ?");
  params.push_back(int64_t{limit});
  return QueryBodies<v1::UpdateRequest>(db, sql, params);
}

absl::StatusOr<std::optional<v1::Finding>> ActionPlansStore::LoadFinding(Connection& db,
                                                                         const std::string& tenant,
                                                                         const std::string& id) {
  ASSURE_ASSIGN_OR_RETURN(
      auto rows, QueryPlain<v1::Finding>(
                     db, "SELECT body FROM findings WHERE tenant = ? AND id = ?", {tenant, id}));
  if (rows.empty()) return std::optional<v1::Finding>();
  return std::optional<v1::Finding>(std::move(rows.front()));
}

absl::Status ActionPlansStore::SaveFinding(Connection& db, const std::string& tenant,
                                           const std::string& id, const v1::Finding& f,
                                           bool insert) {
  const int64_t placed = f.plan().empty() ? 0 : 1;
  const store::Bytes body{f.SerializeAsString()};
  if (insert) {
    return db.Exec(
        "INSERT INTO findings (tenant, id, placed, version, body) VALUES (?, ?, ?, 1, ?)",
        {tenant, id, placed, body});
  }
  int64_t changed = 0;
  ASSURE_RETURN_IF_ERROR(db.Exec(
      "UPDATE findings SET placed = ?, version = version + 1, body = ? WHERE tenant = ? AND id = ?",
      {placed, body, tenant, id}, &changed));
  return ExpectOneRow(changed, "update finding");
}

absl::StatusOr<std::vector<v1::Finding>> ActionPlansStore::ListFindings(Connection& db,
                                                                        const std::string& tenant,
                                                                        std::optional<bool> placed,
                                                                        const std::string& after_id,
                                                                        int limit) {
  std::string sql = "SELECT body FROM findings WHERE tenant = ? AND id > ?";
  Params params = {tenant, after_id};
  if (placed) {
    absl::StrAppend(&sql, " AND placed = ?");
    params.push_back(int64_t{*placed ? 1 : 0});
  }
  absl::StrAppend(&sql, " ORDER BY id LIMIT ?");
  params.push_back(int64_t{limit});
  return QueryPlain<v1::Finding>(db, sql, params);
}

absl::StatusOr<std::vector<TenantAction>> ActionPlansStore::EveryOpenAction(Connection& db) {
  std::vector<TenantAction> out;
  ASSURE_RETURN_IF_ERROR(
      db.Query("SELECT tenant, plan, seq FROM actions WHERE state = ? ORDER BY tenant, plan, seq",
               {int64_t{v1::ACTION_STATE_OPEN}}, [&](const Row& row) {
                 out.push_back({std::string(row.Text(0)), {std::string(row.Text(1)), row.Int(2)}});
               }));
  return out;
}

}  // namespace assure::actionplans
