#include "services/common/store/idempotency.h"

#include "absl/strings/str_cat.h"
#include "services/common/errors.h"
#include "services/common/status_macros.h"

namespace assure::store {

absl::StatusOr<bool> ReplayIfSeen(Connection& db, const std::string& tenant,
                                  const std::string& request_id, const std::string& method,
                                  google::protobuf::Message* response) {
  if (request_id.empty()) return false;
  bool found = false;
  std::string stored_method, body;
  ASSURE_RETURN_IF_ERROR(
      db.Query("SELECT method, response FROM requests WHERE tenant = ? AND request_id = ?",
               {tenant, request_id}, [&](const Row& row) {
                 found = true;
                 stored_method = row.Text(0);
                 body = row.Blob(1);
               }));
  if (!found) return false;
  if (stored_method != method) {
    return InvalidField("request_id", absl::StrCat("was already used for ", stored_method,
                                                   "; use a new id for a new request"));
  }
  if (!response->ParseFromString(body)) {
    return absl::DataLossError("stored response for a request id cannot be read");
  }
  return true;
}

absl::Status RememberResponse(Connection& db, const std::string& tenant,
                              const std::string& request_id, const std::string& method,
                              const google::protobuf::Message& response, absl::Time now) {
  if (request_id.empty()) return absl::OkStatus();
  return db.Exec(
      "INSERT INTO requests (tenant, request_id, method, response, created_at) VALUES (?,?,?,?,?)",
      {tenant, request_id, method, Bytes{response.SerializeAsString()}, absl::ToUnixMicros(now)});
}

}  // namespace assure::store
