// assure-allowances: adoption, special guardianship and child arrangements order allowances.
// Flags -> store, metrics, service -> serve, with the drift check on a ticker -> SIGTERM ->
// drain -> stop.
#include <iostream>
#include <memory>

#include "absl/flags/flag.h"
#include "prometheus/registry.h"
#include "services/allowances/metrics.h"
#include "services/allowances/service.h"
#include "services/common/clock.h"
#include "services/common/drain_deadline.h"
#include "services/common/flags_from_env.h"
#include "services/common/outbox.h"
#include "services/common/routes.h"
#include "services/common/server.h"
#include "services/common/service_flags.h"
#include "services/common/serving_report.h"
#include "services/common/store_health.h"
#include "services/common/ticker.h"

ABSL_FLAG(int, drift_check_seconds, 60,
          "how often the drift check looks for declarations and end points that are due");
ABSL_FLAG(int, controls_seconds, 300,
          "how often every authority's controls report is counted for the board");

namespace assure_data::allowances_migrations {
const std::vector<assure::EmbeddedFile>& Files();
}

int main(int argc, char** argv) {
  assure::Server::PrepareProcess();
  assure::ParseFlagsWithEnvironment(argc, argv);

  if (absl::GetFlag(FLAGS_drift_check_seconds) < 1 || absl::GetFlag(FLAGS_controls_seconds) < 1) {
    assure::DieAtStartup("allowances", "flags",
                         absl::InvalidArgumentError(
                             "--drift_check_seconds and --controls_seconds must be at least 1"));
  }
  auto store = assure::store::Store::Open(assure::StoreOptionsFromFlags(), "allowances",
                                          assure_data::allowances_migrations::Files());
  if (!store.ok()) assure::DieAtStartup("allowances", "store", store.status());

  assure::SystemClock clock;
  auto registry = std::make_shared<prometheus::Registry>();
  assure::allowances::AllowancesMetrics metrics(*registry, **store, clock);
  if (auto st = metrics.TenantsSeen(**store); !st.ok()) {
    assure::DieAtStartup("allowances", "metrics", st);
  }
  auto routes = assure::RoutesFromFlags();
  if (!routes.ok()) assure::DieAtStartup("allowances", "routes", routes.status());
  // Control failures for action plans wait here until --routes names assure.actionplans.v1.
  assure::Outbox outbox(**store, **routes, clock, *registry, "allowances");
  assure::allowances::AllowancesService service(**store, clock, metrics, outbox);

  const assure::ServerConfig config = assure::ServerConfigFromFlags();
  assure::Server server(config, registry);
  server.AddService(&service, assure::allowances::AllowancesService::kName);
  server.AddCollectable(metrics.figures());
  if (auto st = server.Start(); !st.ok()) assure::DieAtStartup("allowances", "server", st);
  assure::Ticker drift(absl::Seconds(absl::GetFlag(FLAGS_drift_check_seconds)),
                       [&] { service.RunDriftCheck(); });
  drift.Start();
  assure::Ticker controls(absl::Seconds(absl::GetFlag(FLAGS_controls_seconds)),
                          [&] { service.CountControls(); });
  controls.Start();
  outbox.Start();
  assure::StoreHealth store_health(**store, server, *registry);
  store_health.Start();
  assure::ReportServing("allowances", server.listeners());

  assure::Server::WaitForShutdownSignal();
  assure::DrainDeadline bounded(assure::StopLimit(config.drain_timeout));
  store_health.Stop();
  server.Shutdown();
  drift.Stop();
  controls.Stop();
  outbox.Stop();
  (*store)->Stop();
  std::cerr << "{\"event\":\"stopped\",\"service\":\"allowances\"}" << std::endl;
  return 0;
}
