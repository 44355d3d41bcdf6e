#include "gateway/auth/jwks_file.h"

#include <iostream>

#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "services/common/read_file.h"

namespace assure::gateway {

JwksFile::JwksFile(std::string path, JwtVerifier& verifier, prometheus::Registry& registry,
                   std::string loaded)
    : path_(std::move(path)),
      verifier_(verifier),
      last_(std::move(loaded)),
      reloads_(prometheus::BuildCounter()
                   .Name("assure_gateway_jwks_reloads_total")
                   .Help("Changes of the JWKS file seen, by whether their keys were taken.")
                   .Register(registry)) {
  reloads_.Add({{"outcome", "taken"}});
  reloads_.Add({{"outcome", "refused"}});
}

absl::StatusOr<bool> JwksFile::ReloadIfChanged() {
  // Unreadable for a moment (mid-swap) is not a change: the keys in use stay, quietly.
  auto content = ReadFile(path_, "jwks file");
  if (!content.ok()) return content.status();
  if (*content == last_) return false;
  last_ = *std::move(content);
  const absl::Status st = verifier_.ReplaceKeys(last_);
  reloads_.Add({{"outcome", st.ok() ? "taken" : "refused"}}).Increment();
  nlohmann::ordered_json line = {{"event", st.ok() ? "jwks_reloaded" : "jwks_refused"},
                                 {"path", path_}};
  if (st.ok()) {
    line["keys"] = verifier_.key_count();
  } else {
    line["error"] = std::string(st.message());
  }
  std::cerr << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << std::endl;
  if (!st.ok()) return st;
  return true;
}

}  // namespace assure::gateway
