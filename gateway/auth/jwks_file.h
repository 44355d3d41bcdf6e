// The JWKS file, read again when its content changes, so signing keys rotate without a
// restart: the identity provider's new key is added to the file before tokens are signed with
// it, and the old key removed once its tokens have expired. Mounted from a Kubernetes Secret
// the file is replaced by a link swap, so it is read whole each time, not watched by inode.
// A file that cannot be read or holds no usable key is reported and the keys in use kept.
//
//   JwksFile jwks(path, *verifier, *registry, content_read_at_start);
//   Ticker reload(absl::Seconds(1), [&jwks] { jwks.ReloadIfChanged(); });
#ifndef ASSURE_GATEWAY_AUTH_JWKS_FILE_H_
#define ASSURE_GATEWAY_AUTH_JWKS_FILE_H_

#include <string>

#include "absl/status/statusor.h"
#include "gateway/auth/jwt.h"
#include "prometheus/counter.h"
#include "prometheus/registry.h"

namespace assure::gateway {

class JwksFile {
 public:
  // `loaded` is the content the verifier's keys were read from.
  JwksFile(std::string path, JwtVerifier& verifier, prometheus::Registry& registry,
           std::string loaded);

  // true when the keys were replaced; false when the file is as last read. An error (the
  // keys kept) is reported once per content, not on every look.
  absl::StatusOr<bool> ReloadIfChanged();

 private:
  std::string path_;
  JwtVerifier& verifier_;
  std::string last_;  // the content last acted on, taken or refused
  prometheus::Family<prometheus::Counter>& reloads_;
};

}  // namespace assure::gateway

#endif  // ASSURE_GATEWAY_AUTH_JWKS_FILE_H_
