#include "services/common/store_health.h"

#include <iostream>

namespace assure {

StoreHealth::StoreHealth(store::Store& store, Server& server, prometheus::Registry& registry,
                         absl::Duration period)
    : store_(store),
      server_(server),
      up_(prometheus::BuildGauge()
              .Name("assure_store_up")
              .Help("1 while the service's database answers reads and takes writes.")
              .Register(registry)
              .Add({})),
      ticker_(period, [this] { Check(); }) {}

void StoreHealth::Start() {
  Check();
  ticker_.Start();
}

void StoreHealth::Stop() { ticker_.Stop(); }

bool StoreHealth::Check() {
  const absl::Status st = store_.Probe();
  const bool up = st.ok();
  up_.Set(up ? 1 : 0);
  server_.SetServing(up);
  if (up != last_) {
    std::cerr << (up ? R"({"event":"store_reachable"})" : R"({"event":"store_unreachable"})")
              << std::endl;
    last_ = up;
  }
  return up;
}

}  // namespace assure
