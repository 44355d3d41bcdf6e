#include "services/reviews/referral_store.h"

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
using store::Row;

constexpr char kOpenStates[] = "state IN (1, 2)";  // REFERRED, ACCEPTED
static_assert(v1::REFERRAL_STATE_REFERRED == 1 && v1::REFERRAL_STATE_ACCEPTED == 2);

}  // namespace

absl::StatusOr<std::optional<v1::Referral>> ReferralStore::Load(Connection& db,
                                                                const std::string& tenant,
                                                                const std::string& child,
                                                                int64_t seq) {
  return QueryOne<v1::Referral>(
      db, "SELECT body, version FROM referrals WHERE tenant = ? AND child_id = ? AND seq = ?",
      {tenant, child, seq});
}

absl::StatusOr<int64_t> ReferralStore::NextSeq(Connection& db, const std::string& tenant,
                                               const std::string& child) {
  return store::NextSeq(db, "referrals", "tenant = ? AND child_id = ?", {tenant, child});
}

absl::Status ReferralStore::Insert(Connection& db, const std::string& tenant,
                                   const std::string& child, int64_t seq, v1::Referral& r) {
  const std::string day = FormatDay(LondonDay(FromProto(r.referral_time())));
  return db.Exec(
      "INSERT INTO referrals (tenant, child_id, seq, partner, state, urgency, referral_day, "
      "version, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {tenant, child, seq, r.partner(), int64_t{r.state()}, int64_t{r.urgency()}, day, int64_t{1},
       BodyOf(r, 1)});
}

absl::Status ReferralStore::Update(Connection& db, const std::string& tenant,
                                   const std::string& child, int64_t seq, v1::Referral& r) {
  const int64_t version = NextVersion(r.etag());
  int64_t changed = 0;
  ASSURE_RETURN_IF_ERROR(db.Exec(
      "UPDATE referrals SET state = ?, version = ?, body = ? WHERE tenant = ? AND child_id = ? "
      "AND seq = ?",
      {int64_t{r.state()}, version, BodyOf(r, version), tenant, child, seq}, &changed));
  return ExpectOneRow(changed, "update referral");
}

absl::StatusOr<std::vector<v1::Referral>> ReferralStore::List(Connection& db,
                                                              const std::string& tenant,
                                                              const ReferralQuery& q) {
  std::string sql =
      "SELECT body, version FROM referrals WHERE tenant = ? AND (child_id, seq) > (?, ?)";
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
  if (q.open) absl::StrAppend(&sql, *q.open ? " AND " : " AND NOT ", kOpenStates);
  if (q.urgency) {
    sql += " AND urgency = ?";
    params.push_back(int64_t{*q.urgency});
  }
  if (!q.meeting_until.empty()) {
    absl::StrAppend(&sql,
                    " AND EXISTS (SELECT 1 FROM reviews v WHERE v.tenant = referrals.tenant AND "
                    "v.child_id = referrals.child_id AND v.state = ",
                    int{v1::REVIEW_STATE_SCHEDULED},
                    " AND COALESCE(v.planned_date, v.due_date) >= ? AND "
                    "COALESCE(v.planned_date, v.due_date) <= ?)");
    params.push_back(q.today);
    params.push_back(q.meeting_until);
  }
  sql += " ORDER BY child_id, seq LIMIT ?";
  params.push_back(int64_t{q.limit});
  return QueryBodies<v1::Referral>(db, sql, params);
}

absl::StatusOr<std::vector<v1::Referral>> ReferralStore::OpenOf(Connection& db,
                                                                const std::string& tenant,
                                                                const std::string& child) {
  return QueryBodies<v1::Referral>(
      db,
      absl::StrCat("SELECT body, version FROM referrals WHERE tenant = ? AND child_id = ? AND ",
                   kOpenStates, " ORDER BY seq"),
      {tenant, child});
}

absl::StatusOr<bool> ReferralStore::IsReferredTo(Connection& db, const std::string& tenant,
                                                 const std::string& child,
                                                 const std::string& partner) {
  bool found = false;
  ASSURE_RETURN_IF_ERROR(db.Query(
      absl::StrCat("SELECT 1 FROM referrals WHERE tenant = ? AND partner = ? AND child_id = ? "
                   "AND ",
                   kOpenStates, " LIMIT 1"),
      {tenant, partner, child}, [&](const Row&) { found = true; }));
  return found;
}

absl::StatusOr<std::map<std::string, std::vector<std::string>>> ReferralStore::OpenPartners(
    Connection& db, const std::string& tenant, const std::string& first, const std::string& last) {
  std::map<std::string, std::vector<std::string>> out;
  ASSURE_RETURN_IF_ERROR(db.Query(
      absl::StrCat("SELECT DISTINCT child_id, partner FROM referrals WHERE tenant = ? AND "
                   "child_id >= ? AND child_id <= ? AND ",
                   kOpenStates, " ORDER BY child_id, partner"),
      {tenant, first, last}, [&](const Row& row) { out[row.Text(0)].push_back(row.Text(1)); }));
  return out;
}

absl::StatusOr<std::vector<v1::Referral>> ReferralStore::MadeBetween(Connection& db,
                                                                     const std::string& tenant,
                                                                     absl::CivilDay from,
                                                                     absl::CivilDay to) {
  return QueryBodies<v1::Referral>(
      db,
      "SELECT body, version FROM referrals WHERE tenant = ? AND referral_day >= ? AND "
      "referral_day <= ? ORDER BY child_id, seq",
      {tenant, FormatDay(from), FormatDay(to)});
}

}  // namespace assure::reviews
