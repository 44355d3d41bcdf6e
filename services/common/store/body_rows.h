// How services keep resources in their tables: the message as the API returns it in a
// `body` BLOB beside a `version` column that is its etag (AIP-154). Written once so every
// repository reads, versions and checks rows the same way.
//
//   ASSURE_ASSIGN_OR_RETURN(auto d, QueryOne<v1::Dispute>(db,
//       "SELECT body, version FROM disputes WHERE tenant = ? AND id = ?", {tenant, id}));
#ifndef ASSURE_SERVICES_COMMON_STORE_BODY_ROWS_H_
#define ASSURE_SERVICES_COMMON_STORE_BODY_ROWS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"
#include "services/common/store/connection.h"

namespace assure::store {

// Rows of (body, version): each body parsed, its etag set from the version.
template <typename Message>
absl::StatusOr<std::vector<Message>> QueryBodies(Connection& db, absl::string_view sql,
                                                 const Params& params) {
  std::vector<Message> out;
  bool corrupt = false;
  ASSURE_RETURN_IF_ERROR(db.Query(sql, params, [&](const Row& row) {
    Message m;
    corrupt |= !m.ParseFromString(row.Blob(0));
    m.set_etag(std::to_string(row.Int(1)));
    out.push_back(std::move(m));
  }));
  if (corrupt) return absl::DataLossError(absl::StrCat("unreadable row from: ", sql));
  return out;
}

template <typename Message>
absl::StatusOr<std::optional<Message>> QueryOne(Connection& db, absl::string_view sql,
                                                const Params& params) {
  ASSURE_ASSIGN_OR_RETURN(auto rows, QueryBodies<Message>(db, sql, params));
  if (rows.empty()) return std::optional<Message>();
  return std::optional<Message>(std::move(rows.front()));
}

// The body to store: the etag is the row version and is not kept inside the body.
template <typename Message>
Bytes BodyOf(Message& m, int64_t version) {
  m.clear_etag();
  Bytes body{m.SerializeAsString()};
  m.set_etag(std::to_string(version));
  return body;
}

inline int64_t NextVersion(const std::string& etag) {
  int64_t v = 0;
  return absl::SimpleAtoi(etag, &v) ? v + 1 : 1;
}

inline absl::Status ExpectOneRow(int64_t changed, absl::string_view what) {
  if (changed != 1) return absl::InternalError(absl::StrCat(what, ": expected one row"));
  return absl::OkStatus();
}

inline absl::StatusOr<int64_t> QueryInt(Connection& db, absl::string_view sql,
                                        const Params& params) {
  int64_t v = 0;
  ASSURE_RETURN_IF_ERROR(db.Query(sql, params, [&](const Row& r) { v = r.Int(0); }));
  return v;
}

// Takes the tenant's next number from a counter table (tenant PRIMARY KEY, last_sequence):
// 1, 2, 3, ... The row stays locked until the commit, so numbers are taken in commit order
// and a change undone gives its number back: no gap, however many writers or replicas.
inline absl::StatusOr<int64_t> TakeNextNumber(Connection& db, absl::string_view table,
                                              const std::string& tenant) {
  ASSURE_RETURN_IF_ERROR(db.Exec(absl::StrCat("INSERT INTO ", table,
                                              " (tenant, last_sequence) VALUES (?, 1) "
                                              "ON CONFLICT (tenant) DO UPDATE SET last_sequence = ",
                                              table, ".last_sequence + 1"),
                                 {tenant}));
  return QueryInt(db, absl::StrCat("SELECT last_sequence FROM ", table, " WHERE tenant = ?"),
                  {tenant});
}

// The number after the highest `seq` of the rows `where` selects: 1 when there are none.
// Read as the key's last index entry, not as MAX(seq): PostgreSQL's generic plan for the
// aggregate, built while a table is still empty, reads every row of the key on each call.
inline absl::StatusOr<int64_t> NextSeq(Connection& db, absl::string_view table,
                                       absl::string_view where, const Params& key) {
  ASSURE_ASSIGN_OR_RETURN(int64_t last, QueryInt(db,
                                                 absl::StrCat("SELECT seq FROM ", table, " WHERE ",
                                                              where, " ORDER BY seq DESC LIMIT 1"),
                                                 key));
  return last + 1;
}

}  // namespace assure::store

#endif  // ASSURE_SERVICES_COMMON_STORE_BODY_ROWS_H_
