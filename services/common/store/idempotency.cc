#include "services/common/store/idempotency.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "services/common/errors.h"
#include "services/common/status_macros.h"

namespace assure::store {

// FNV-1a over the deterministic bytes: stable across processes and releases (absl::Hash is
// seeded per process), and enough to tell a retry from a different request.
std::string RequestFingerprint(const google::protobuf::Message& request) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream out(&bytes);
    google::protobuf::io::CodedOutputStream coded(&out);
    coded.SetSerializationDeterministic(true);
    request.SerializeToCodedStream(&coded);
  }
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ull;
  return absl::StrFormat("%016x:%d", h, bytes.size());
}

absl::StatusOr<bool> ReplayIfSeen(Connection& db, const RequestKey& key,
                                  google::protobuf::Message* response) {
  if (key.request_id.empty()) return false;
  bool found = false;
  std::string method, subject, fingerprint, body;
  ASSURE_RETURN_IF_ERROR(db.Query(
      "SELECT method, response, subject, fingerprint FROM requests "
      "WHERE tenant = ? AND request_id = ?",
      {key.tenant, key.request_id}, [&](const Row& row) {
        found = true;
        method = row.Text(0);
        body = row.Blob(1);
        subject = row.Text(2);
        fingerprint = row.Text(3);
      }));
  if (!found) return false;
  if (method != key.method) {
    return InvalidField("request_id", absl::StrCat("was already used for ", method,
                                                   "; use a new id for a new request"));
  }
  // Rows written before callers and requests were recorded hold "" and replay as before.
  if (!subject.empty() && subject != key.subject) {
    return InvalidField("request_id", "was already used by another caller; use a new id");
  }
  if (!fingerprint.empty() && fingerprint != key.fingerprint) {
    return InvalidField("request_id",
                        "was already used for a different request; use a new id for a new "
                        "request, or send the first request unchanged to retry it");
  }
  if (!response->ParseFromString(body)) {
    return absl::DataLossError("stored response for a request id cannot be read");
  }
  return true;
}

absl::Status RememberResponse(Connection& db, const RequestKey& key,
                              const google::protobuf::Message& response, absl::Time now) {
  if (key.request_id.empty()) return absl::OkStatus();
  return db.Exec(
      "INSERT INTO requests (tenant, request_id, method, response, created_at, subject, "
      "fingerprint) VALUES (?,?,?,?,?,?,?)",
      {key.tenant, key.request_id, key.method, Bytes{response.SerializeAsString()},
       absl::ToUnixMicros(now), key.subject, key.fingerprint});
}

}  // namespace assure::store
