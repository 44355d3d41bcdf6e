#include "services/common/store/postgres_connection.h"

#include <libpq-fe.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/common/store/store_errors.h"

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

namespace {

// A database that accepts the socket but never answers (frozen, or behind a dead route)
// must not hold a connection attempt forever.
std::string WithConnectTimeout(const std::string& url) {
  if (absl::StrContains(url, "connect_timeout=")) return url;
  return absl::StrCat(url, absl::StrContains(url, '?') ? "&" : "?", "connect_timeout=5");
}

}  // namespace

absl::StatusOr<std::unique_ptr<PostgresConnection>> PostgresConnection::Open(
    const std::string& url) {
  const std::string with_timeout = WithConnectTimeout(url);
  PGconn* conn = PQconnectdb(with_timeout.c_str());
  if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) {
    std::string message = conn ? PQerrorMessage(conn) : "out of memory";
    PQfinish(conn);
    return absl::UnavailableError(absl::StrCat("cannot open store: ", message));
  }
  std::unique_ptr<PostgresConnection> c(new PostgresConnection(conn, with_timeout));
  if (auto st = c->SetUpSession(); !st.ok()) return st;
  return c;
}

absl::Status PostgresConnection::SetUpSession() {
  // Quiet notices; times in UTC; never let a deployment's default switch durability off.
  if (auto st = ExecScript("SET client_min_messages = error; SET TIME ZONE 'UTC'; "
                           "SET synchronous_commit = on");
      !st.ok()) {
    return st;
  }
  if (PQenterPipelineMode(conn_) != 1) {
    return absl::InternalError(absl::StrCat("pipeline mode: ", PQerrorMessage(conn_)));
  }
  return absl::OkStatus();
}

absl::Status PostgresConnection::EnsureConnected() {
  if (PQstatus(conn_) == CONNECTION_OK) return absl::OkStatus();
  const absl::Time now = absl::Now();
  if (now < retry_at_) return StoreUnreachable("waiting to reconnect");
  // What the old session held (prepared statements, a pipeline, a transaction) is gone.
  prepared_.clear();
  pending_.clear();
  transaction_tenant_.reset();
  commit_owed_ = false;
  PQfinish(conn_);
  conn_ = PQconnectdb(url_.c_str());
  if (conn_ != nullptr && PQstatus(conn_) == CONNECTION_OK && SetUpSession().ok()) {
    backoff_ = kFirstBackoff;
    return absl::OkStatus();
  }
  retry_at_ = now + backoff_;
  backoff_ = std::min(backoff_ * 2, kMaxBackoff);
  return StoreUnreachable(conn_ ? PQerrorMessage(conn_) : "out of memory");
}

PostgresConnection::~PostgresConnection() { PQfinish(conn_); }

absl::Status PostgresConnection::Error(PGresult* result, absl::string_view what) const {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string message = result ? PQresultErrorMessage(result) : PQerrorMessage(conn_);
  // The database itself failing (gone, restarting, out of disk) is no fault of the request.
  const std::string code = state ? state : "";
  if (code == "53100") return StoreFull(absl::StrCat(what, ": ", message));
  if (PQstatus(conn_) != CONNECTION_OK || absl::StartsWith(code, "08") ||
      absl::StartsWith(code, "53") || absl::StartsWith(code, "57P") || code == "25006") {
    return StoreUnreachable(absl::StrCat(what, ": ", message));
  }
  // INTERNAL like SQLite's: a failure here is ours, and its text (which holds SQL) stays in
  // the log. Serialization failures and deadlocks are worth retrying the transaction, and
  // so is a unique violation: a concurrent writer inserted the same key first, and the
  // retry's own existence check then answers ALREADY_EXISTS (or replays a request id).
  absl::Status st = absl::InternalError(absl::StrCat(what, ": ", message));
  if (code == "40001" || code == "40P01" || code == "23505") {
    st = absl::AbortedError(absl::StrCat(what, ": ", message));
    st.SetPayload(kRetryablePayload, absl::Cord(state));
  }
  return st;
}

absl::Status PostgresConnection::Send(absl::string_view sql, const Params& params,
                                      PGresult** keep, bool quiet) {
  if (pending_.size() >= kMaxPending) {
    if (auto st = Receive(); !st.ok()) return st;
  }
  auto it = prepared_.find(sql);
  if (it == prepared_.end()) {
    const std::string name = absl::StrCat("s", ++statements_named_);
    if (PQsendPrepare(conn_, name.c_str(), NumberPlaceholders(sql).c_str(),
                      static_cast<int>(params.size()), nullptr) != 1) {
      return Error(nullptr, absl::StrCat("prepare ", sql));
    }
    Pending preparing;
    preparing.sql = std::string(sql);
    preparing.prepare = true;
    pending_.push_back(std::move(preparing));
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
  if (PQsendQueryPrepared(conn_, it->second.c_str(), static_cast<int>(params.size()),
                          values.data(), lengths.data(), formats.data(), 0) != 1) {
    return Error(nullptr, sql);
  }
  Pending statement;
  statement.sql = std::string(sql);
  statement.quiet = quiet;
  statement.keep = keep;
  pending_.push_back(std::move(statement));
  return absl::OkStatus();
}

absl::Status PostgresConnection::Sync() {
  if (PQpipelineSync(conn_) != 1) return Error(nullptr, "sync");
  Pending point;
  point.sync = true;
  pending_.push_back(std::move(point));
  return absl::OkStatus();
}

absl::Status PostgresConnection::Receive() {
  if (pending_.empty()) return absl::OkStatus();
  if (!pending_.back().sync) {
    if (auto st = Sync(); !st.ok()) return st;
  }
  absl::Status first;  // the first failure reported to the caller
  absl::Status cause;  // the first failure of all, quiet or not: why later ones were skipped
  while (!pending_.empty()) {
    const Pending p = std::move(pending_.front());
    pending_.pop_front();
    PGresult* result = PQgetResult(conn_);
    if (result == nullptr) {  // the connection is gone: nothing more will answer
      pending_.clear();
      ++refusals_;
      return StoreUnreachable(absl::StrCat("connection lost: ", PQerrorMessage(conn_)));
    }
    const auto status = PQresultStatus(result);
    if (p.sync) {  // PGRES_PIPELINE_SYNC, with no end marker after it
      PQclear(result);
      continue;
    }
    const bool ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
    if (!ok) {
      if (p.prepare) prepared_.erase(p.sql);
      if (status != PGRES_PIPELINE_ABORTED && cause.ok()) {
        cause = Error(result, p.prepare ? absl::StrCat("prepare ", p.sql) : p.sql);
      }
      if (!p.quiet) {
        ++refusals_;
        if (first.ok()) {
          first = !cause.ok() ? cause : absl::InternalError(absl::StrCat(p.sql, ": not run"));
        }
      }
    }
    if (ok && p.keep != nullptr) {
      *p.keep = result;
    } else {
      PQclear(result);
    }
    while ((result = PQgetResult(conn_)) != nullptr) PQclear(result);  // its end marker
  }
  return first;
}

absl::StatusOr<PGresult*> PostgresConnection::Run(absl::string_view sql, const Params& params) {
  PGresult* answer = nullptr;
  absl::Status st = Send(sql, params, &answer);
  if (st.ok()) st = Receive();
  if (!st.ok()) {
    PQclear(answer);
    return st;
  }
  return answer;
}

absl::Status PostgresConnection::Exec(absl::string_view sql, const Params& params,
                                      int64_t* changed) {
  if (changed == nullptr) return Send(sql, params);
  auto result = Run(sql, params);
  if (!result.ok()) return result.status();
  Result owned(*result);
  int64_t n = 0;
  *changed = absl::SimpleAtoi(PQcmdTuples(owned.get()), &n) ? n : 0;
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

absl::Status PostgresConnection::SetTenant(const std::string& tenant) {
  return Send("SELECT set_config('assure.tenant', ?, true)", {tenant});
}

absl::Status PostgresConnection::Begin(bool write) {
  if (auto st = EnsureConnected(); !st.ok()) return st;
  SendOwedCommit();
  transaction_tenant_.reset();
  return Send(write ? "BEGIN ISOLATION LEVEL REPEATABLE READ"
                    : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
              {});
}

absl::Status PostgresConnection::BeginRead(const std::string& tenant) {
  if (auto st = Begin(false); !st.ok()) return st;
  return SetTenant(tenant);
}

// The tenant is set before the savepoint, so undoing a failed write keeps it, and the next
// write of the same tenant in the transaction need not set it again.
absl::Status PostgresConnection::StartWrite(const std::string& tenant) {
  if (transaction_tenant_ != tenant) {
    if (auto st = SetTenant(tenant); !st.ok()) return st;
    transaction_tenant_ = tenant;
  }
  return Send("SAVEPOINT write", {});
}

// COMMIT in a transaction that has failed answers "ROLLBACK" rather than an error: what the
// caller was about to acknowledge is not there.
absl::Status PostgresConnection::Commit() {
  auto result = Run("COMMIT", {});
  if (!result.ok()) return result.status();
  Result owned(*result);
  if (absl::string_view(PQcmdStatus(owned.get())) != "COMMIT") {
    return absl::AbortedError("the transaction was rolled back, not committed");
  }
  return absl::OkStatus();
}

// A finished read's COMMIT travels with the connection's next statement, which saves the
// server a wake-up per read; a reader left idle sends it on its own (FinishIdle), so that
// its snapshot does not hold back vacuum.
void PostgresConnection::EndRead() { commit_owed_ = true; }

void PostgresConnection::FinishIdle() {
  SendOwedCommit();
  if (!pending_.empty() && !pending_.back().sync) Sync().IgnoreError();
}

void PostgresConnection::SendOwedCommit() {
  if (!commit_owed_) return;
  commit_owed_ = false;
  Send("COMMIT", {}, nullptr, /*quiet=*/true).IgnoreError();
}

// Scripts (migrations, ROLLBACK) leave the pipeline: they may hold several statements.
absl::Status PostgresConnection::ExecScript(absl::string_view sql) {
  SendOwedCommit();
  const absl::Status before = Receive();
  const bool piped = PQpipelineStatus(conn_) != PQ_PIPELINE_OFF;
  if (piped) PQexitPipelineMode(conn_);
  Result result(PQexec(conn_, std::string(sql).c_str()));
  const auto status = PQresultStatus(result.get());
  if (piped) PQenterPipelineMode(conn_);
  if (!before.ok()) return before;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return Error(result.get(), "script");
  return absl::OkStatus();
}

}  // namespace assure::store
