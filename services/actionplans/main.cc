// assure-actionplans: improvement action plans, and the findings of every other service.
// Flags -> store, metrics, service -> serve, with the update cycle on a ticker -> SIGTERM ->
// drain -> stop.
#include <iostream>
#include <memory>

#include "absl/flags/flag.h"
#include "prometheus/registry.h"
#include "services/actionplans/metrics.h"
#include "services/actionplans/service.h"
#include "services/common/calendar_metrics.h"
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

ABSL_FLAG(int, update_cycle_seconds, 60,
          "how often the update cycle looks for actions to ask, remind or escalate");

namespace assure_data::actionplans_migrations {
const std::vector<assure::EmbeddedFile>& Files();
}

int main(int argc, char** argv) {
  assure::Server::PrepareProcess();
  assure::ParseFlagsWithEnvironment(argc, argv);

  auto calendar = assure::CalendarFromFlags();
  if (!calendar.ok()) assure::DieAtStartup("actionplans", "bank holidays", calendar.status());
  if (absl::GetFlag(FLAGS_update_cycle_seconds) < 1) {
    assure::DieAtStartup("actionplans", "flags",
                         absl::InvalidArgumentError("--update_cycle_seconds must be at least 1"));
  }
  auto store = assure::store::Store::Open(assure::StoreOptionsFromFlags(), "actionplans",
                                          assure_data::actionplans_migrations::Files());
  if (!store.ok()) assure::DieAtStartup("actionplans", "store", store.status());

  assure::SystemClock clock;
  auto registry = std::make_shared<prometheus::Registry>();
  assure::ExportCalendarCoverage(*registry, *calendar);
  assure::actionplans::ActionPlansMetrics metrics(**store, clock);
  auto routes = assure::RoutesFromFlags();
  if (!routes.ok()) assure::DieAtStartup("actionplans", "routes", routes.status());
  // Success measures are read against reviews' and audits' figures where routed.
  // Events for the feed wait here until --routes names assure.events.v1.
  assure::Outbox outbox(**store, **routes, clock, *registry, "actionplans");
  assure::actionplans::ActionPlansService service(**store, *calendar, clock, **routes, outbox);

  const assure::ServerConfig config = assure::ServerConfigFromFlags();
  assure::Server server(config, registry);
  server.AddService(&service, assure::actionplans::ActionPlansService::kName);
  server.AddCollectable(metrics.figures());
  if (auto st = server.Start(); !st.ok()) assure::DieAtStartup("actionplans", "server", st);
  assure::Ticker cycle(absl::Seconds(absl::GetFlag(FLAGS_update_cycle_seconds)),
                       [&] { service.RunUpdateCycle(); });
  cycle.Start();
  outbox.Start();
  assure::StoreHealth store_health(**store, server, *registry);
  store_health.Start();
  assure::ReportServing("actionplans", server.listeners());

  assure::Server::WaitForShutdownSignal();
  assure::DrainDeadline bounded(assure::StopLimit(config.drain_timeout));
  store_health.Stop();
  server.Shutdown();
  cycle.Stop();
  outbox.Stop();
  (*store)->Stop();
  std::cerr << "{\"event\":\"stopped\",\"service\":\"actionplans\"}" << std::endl;
  return 0;
}
