#include "services/reviews/advocate_input_store.h"

#include "absl/strings/str_cat.h"
#include "services/common/dates.h"
#include "services/common/status_macros.h"
#include "services/common/store/body_rows.h"

namespace assure::reviews {
namespace {

using store::BodyOf;
using store::ExpectOneRow;
using store::NextVersion;
using store::Params;
using store::QueryBodies;
using store::QueryOne;

std::string Day(const google::type::Date& date) {
  const auto day = DayOf(date);
  return day ? FormatDay(*day) : "";
}

}  // namespace

absl::StatusOr<int64_t> AdvocateInputStore::NextViewsSeq(Connection& db, const std::string& tenant,
                                                         const std::string& child, int64_t review) {
  return store::NextSeq(db, "child_views", "tenant = ? AND child_id = ? AND review_seq = ?",
                        {tenant, child, review});
}

absl::Status AdvocateInputStore::InsertViews(Connection& db, const std::string& tenant,
                                             const std::string& child, int64_t review, int64_t seq,
                                             v1::ChildViews& views) {
  return db.Exec(
      "INSERT INTO child_views (tenant, child_id, review_seq, seq, partner, audience, version, "
      "body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {tenant, child, review, seq, views.partner(), int64_t{views.audience()}, int64_t{1},
       BodyOf(views, 1)});
}

absl::StatusOr<std::vector<v1::ChildViews>> AdvocateInputStore::ListViews(Connection& db,
                                                                          const std::string& tenant,
                                                                          const ViewsQuery& q) {
  std::string sql =
      "SELECT body, version FROM child_views WHERE tenant = ? AND child_id = ? AND review_seq = ? "
      "AND seq > ?";
  Params params = {tenant, q.child, q.review, q.after_seq};
  if (q.partner) {
    sql += " AND partner = ?";
    params.push_back(*q.partner);
  }
  if (q.audience) {
    sql += " AND audience = ?";
    params.push_back(int64_t{*q.audience});
  }
  sql += " ORDER BY seq LIMIT ?";
  params.push_back(int64_t{q.limit});
  return QueryBodies<v1::ChildViews>(db, sql, params);
}

absl::StatusOr<std::optional<v1::Concern>> AdvocateInputStore::LoadConcern(
    Connection& db, const std::string& tenant, const std::string& child, int64_t seq) {
  return QueryOne<v1::Concern>(
      db, "SELECT body, version FROM concerns WHERE tenant = ? AND child_id = ? AND seq = ?",
      {tenant, child, seq});
}

absl::StatusOr<int64_t> AdvocateInputStore::NextConcernSeq(Connection& db,
                                                           const std::string& tenant,
                                                           const std::string& child) {
  return store::NextSeq(db, "concerns", "tenant = ? AND child_id = ?", {tenant, child});
}

absl::Status AdvocateInputStore::InsertConcern(Connection& db, const std::string& tenant,
                                               const std::string& child, int64_t seq,
                                               v1::Concern& c) {
  return db.Exec(
      "INSERT INTO concerns (tenant, child_id, seq, partner, state, acknowledge_due, answer_due, "
      "version, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {tenant, child, seq, c.partner(), int64_t{c.state()}, Day(c.acknowledge_due_date()),
       Day(c.answer_due_date()), int64_t{1}, BodyOf(c, 1)});
}

absl::Status AdvocateInputStore::UpdateConcern(Connection& db, const std::string& tenant,
                                               const std::string& child, int64_t seq,
                                               v1::Concern& c) {
  const int64_t version = NextVersion(c.etag());
  int64_t changed = 0;
  ASSURE_RETURN_IF_ERROR(db.Exec(
      "UPDATE concerns SET state = ?, version = ?, body = ? WHERE tenant = ? AND child_id = ? AND "
      "seq = ?",
      {int64_t{c.state()}, version, BodyOf(c, version), tenant, child, seq}, &changed));
  return ExpectOneRow(changed, "update concern");
}

absl::StatusOr<std::vector<v1::Concern>> AdvocateInputStore::ListConcerns(Connection& db,
                                                                          const std::string& tenant,
                                                                          const ConcernQuery& q) {
  std::string sql =
      "SELECT body, version FROM concerns WHERE tenant = ? AND (child_id, seq) > (?, ?)";
  Params params = {tenant, q.after_child, q.after_seq};
  if (!q.child.empty()) {
    sql += " AND child_id = ?";
    params.push_back(q.child);
  }
  if (q.partner) {
    sql += " AND partner = ?";
    params.push_back(*q.partner);
  }
  if (q.state) {
    sql += " AND state = ?";
    params.push_back(int64_t{*q.state});
  }
  if (q.overdue) {
    // RAISED past its acknowledgement, or RAISED or ACKNOWLEDGED past its answer.
    absl::StrAppend(
        &sql, *q.overdue ? " AND " : " AND NOT ",
        "((state = 1 AND acknowledge_due < ?) OR (state IN (1, 2) AND answer_due < ?))");
    params.push_back(q.today);
    params.push_back(q.today);
  }
  sql += " ORDER BY child_id, seq LIMIT ?";
  params.push_back(int64_t{q.limit});
  return QueryBodies<v1::Concern>(db, sql, params);
}

}  // namespace assure::reviews
