#include "services/common/store/postgres_connection.h"

#include <libpq-fe.h>

#include <cstdlib>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace assure::store {
namespace {

class PostgresRow : public Row {
 public:
  PostgresRow(PGresult* result, int row) : result_(result), row_(row) {}
  bool IsNull(int c) const override { return PQgetisnull(result_, row_, c) != 0; }
  int64_t Int(int c) const override {
    int64_t v = 0;
    if (!absl::SimpleAtoi(PQgetvalue(result_, row_, c), &v)) v = 0;
    return v;
  }
  std::string Text(int c) const override {
    return std::string(PQgetvalue(result_, row_, c), PQgetlength(result_, row_, c));
  }
  std::string Blob(int c) const override {
    size_t n = 0;
    unsigned char* bytes = PQunescapeBytea(
        reinterpret_cast<const unsigned char*>(PQgetvalue(result_, row_, c)), &n);
    if (bytes == nullptr) return std::string();
    std::string out(reinterpret_cast<const char*>(bytes), n);
    PQfreemem(bytes);
    return out;
  }

 private:
  PGresult* result_;
  int row_;
};

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

}  // namespace

bool IsPostgresUrl(const std::string& location) {
  return absl::StartsWith(location, "postgresql://") || absl::StartsWith(location, "postgres://");
}

std::string NumberPlaceholders(absl::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  bool quoted = false;
  for (char c : sql) {
    if (c == '\'') quoted = !quoted;
    if (c == '?' && !quoted) {
      absl::StrAppend(&out, "$", ++n);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

absl::StatusOr<std::unique_ptr<PostgresConnection>> PostgresConnection::Open(
    const std::string& url) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) {
    std::string message = conn ? PQerrorMessage(conn) : "out of memory";
    PQfinish(conn);
    return absl::UnavailableError(absl::StrCat("cannot open store: ", message));
  }
  std::unique_ptr<PostgresConnection> c(new PostgresConnection(conn));
  // Quiet notices; times in UTC; never let a deployment's default switch durability off.
  if (auto st = c->ExecScript("SET client_min_messages = error; SET TIME ZONE 'UTC'; "
                              "SET synchronous_commit = on");
      !st.ok()) {
    return st;
  }
  return c;
}

PostgresConnection::~PostgresConnection() { PQfinish(conn_); }

absl::Status PostgresConnection::Error(PGresult* result, absl::string_view what) const {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string message = result ? PQresultErrorMessage(result) : PQerrorMessage(conn_);
  // INTERNAL like SQLite's: a failure here is ours, and its text (which holds SQL) stays in
  // the log. Serialization failures and deadlocks are worth retrying the transaction, and
  // so is a unique violation: a concurrent writer inserted the same key first, and the
  // retry's own existence check then answers ALREADY_EXISTS (or replays a request id).
  absl::Status st = absl::InternalError(absl::StrCat(what, ": ", message));
  const std::string code = state ? state : "";
  if (code == "40001" || code == "40P01" || code == "23505") {
    st = absl::AbortedError(absl::StrCat(what, ": ", message));
    st.SetPayload(kRetryablePayload, absl::Cord(state));
  }
  return st;
}

absl::StatusOr<PGresult*> PostgresConnection::Run(absl::string_view sql, const Params& params) {
  auto it = prepared_.find(sql);
  if (it == prepared_.end()) {
    const std::string name = absl::StrCat("s", prepared_.size() + 1);
    Result prepared(PQprepare(conn_, name.c_str(), NumberPlaceholders(sql).c_str(),
                              static_cast<int>(params.size()), nullptr));
    if (PQresultStatus(prepared.get()) != PGRES_COMMAND_OK) {
      return Error(prepared.get(), absl::StrCat("prepare ", sql));
    }
    it = prepared_.emplace(std::string(sql), name).first;
  }
  std::vector<std::string> text(params.size());
  std::vector<const char*> values(params.size(), nullptr);
  std::vector<int> lengths(params.size(), 0);
  std::vector<int> formats(params.size(), 0);
  for (size_t i = 0; i < params.size(); ++i) {
    if (const auto* v = std::get_if<int64_t>(&params[i])) {
      text[i] = std::to_string(*v);
      values[i] = text[i].c_str();
    } else if (const auto* s = std::get_if<std::string>(&params[i])) {
      values[i] = s->c_str();
    } else if (const auto* b = std::get_if<Bytes>(&params[i])) {
      values[i] = b->data.data();
      lengths[i] = static_cast<int>(b->data.size());
      formats[i] = 1;
    }
  }
  PGresult* result = PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(params.size()),
                                    values.data(), lengths.data(), formats.data(), 0);
  const auto status = PQresultStatus(result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    absl::Status st = Error(result, sql);
    PQclear(result);
    return st;
  }
  return result;
}

absl::Status PostgresConnection::Exec(absl::string_view sql, const Params& params,
                                      int64_t* changed) {
  auto result = Run(sql, params);
  if (!result.ok()) return result.status();
  Result owned(*result);
  if (changed) {
    int64_t n = 0;
    *changed = absl::SimpleAtoi(PQcmdTuples(owned.get()), &n) ? n : 0;
  }
  return absl::OkStatus();
}

absl::Status PostgresConnection::Query(absl::string_view sql, const Params& params,
                                       const std::function<void(const Row&)>& on_row) {
  auto result = Run(sql, params);
  if (!result.ok()) return result.status();
  Result owned(*result);
  for (int r = 0; r < PQntuples(owned.get()); ++r) on_row(PostgresRow(owned.get(), r));
  return absl::OkStatus();
}

absl::StatusOr<std::string> PostgresConnection::SetTenantSql(const std::string& tenant) const {
  char* quoted = PQescapeLiteral(conn_, tenant.data(), tenant.size());
  if (quoted == nullptr) return absl::InvalidArgumentError(PQerrorMessage(conn_));
  std::string sql = absl::StrCat("SELECT set_config('assure.tenant', ", quoted, ", true)");
  PQfreemem(quoted);
  return sql;
}

absl::Status PostgresConnection::BeginRead(const std::string& tenant) {
  auto set = SetTenantSql(tenant);
  if (!set.ok()) return set.status();
  return ExecScript(absl::StrCat("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; ", *set));
}

absl::Status PostgresConnection::StartWrite(const std::string& tenant) {
  auto set = SetTenantSql(tenant);
  if (!set.ok()) return set.status();
  return ExecScript(absl::StrCat("SAVEPOINT write; ", *set));
}

absl::Status PostgresConnection::ExecScript(absl::string_view sql) {
  Result result(PQexec(conn_, std::string(sql).c_str()));
  const auto status = PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return Error(result.get(), "script");
  return absl::OkStatus();
}

}  // namespace assure::store
