#include "services/common/store/store_errors.h"

#include <iostream>

#include "nlohmann/json.hpp"

namespace assure::store {
namespace {

void Log(const char* event, absl::string_view detail) {
  nlohmann::ordered_json line = {{"event", event}, {"detail", std::string(detail)}};
  std::cerr << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace

absl::Status StoreUnreachable(absl::string_view detail) {
  Log("store_unavailable", detail);
  return absl::UnavailableError("the store is unreachable; try again shortly");
}

absl::Status StoreFull(absl::string_view detail) {
  Log("store_full", detail);
  return absl::ResourceExhaustedError(
      "the store's disk is full; nothing was saved; try again once space is freed");
}

bool IsStoreOutage(const absl::Status& status) {
  return status.code() == absl::StatusCode::kUnavailable ||
         status.code() == absl::StatusCode::kResourceExhausted;
}

}  // namespace assure::store
