// assure-disputes: the dispute resolution process.
// Flags -> store, metrics, service -> serve, with the drift check on a ticker -> SIGTERM ->
// drain -> stop.
#include <iostream>
#include <memory>

#include "absl/flags/flag.h"
#include "prometheus/registry.h"
#include "services/common/calendar_metrics.h"
#include "services/common/clock.h"
#include "services/common/flags_from_env.h"
#include "services/common/drain_deadline.h"
#include "services/common/outbox.h"
#include "services/common/routes.h"
#include "services/common/server.h"
#include "services/common/service_flags.h"
#include "services/common/serving_report.h"
#include "services/common/store_health.h"
#include "services/common/ticker.h"
#include "services/disputes/metrics.h"
#include "services/disputes/service.h"

ABSL_FLAG(int, drift_check_seconds, 60,
          "how often the drift check looks for stages past their limit");

namespace assure_data::disputes_migrations {
const std::vector<assure::EmbeddedFile>& Files();
}

int main(int argc, char** argv) {
  assure::Server::PrepareProcess();
  assure::ParseFlagsWithEnvironment(argc, argv);

  auto calendar = assure::CalendarFromFlags();
  if (!calendar.ok()) assure::DieAtStartup("disputes", "bank holidays", calendar.status());
  if (absl::GetFlag(FLAGS_drift_check_seconds) < 1) {
    assure::DieAtStartup("disputes", "flags",
                         absl::InvalidArgumentError("--drift_check_seconds must be at least 1"));
  }
  auto store = assure::store::Store::Open(assure::StoreOptionsFromFlags(), "disputes",
                                          assure_data::disputes_migrations::Files());
  if (!store.ok()) assure::DieAtStartup("disputes", "store", store.status());

  assure::SystemClock clock;
  auto registry = std::make_shared<prometheus::Registry>();
  assure::ExportCalendarCoverage(*registry, *calendar);
  assure::disputes::DisputesMetrics metrics(*registry, **store, clock);
  if (auto st = metrics.SeedOnce(**store); !st.ok()) assure::DieAtStartup("disputes", "metrics", st);
  if (auto st = metrics.TenantsSeen(**store); !st.ok()) assure::DieAtStartup("disputes", "metrics", st);
  auto routes = assure::RoutesFromFlags();
  if (!routes.ok()) assure::DieAtStartup("disputes", "routes", routes.status());
  // Findings for action plans wait here until --routes names assure.actionplans.v1.
  assure::Outbox outbox(**store, **routes, clock, *registry, "disputes");
  assure::disputes::DisputesService service(**store, *calendar, clock, metrics, outbox);
  if (auto st = service.SeedFormalDueOnce(); !st.ok()) {
    assure::DieAtStartup("disputes", "formal limits", st);
  }

  const assure::ServerConfig config = assure::ServerConfigFromFlags();
  assure::Server server(config, registry);
  server.AddService(&service, assure::disputes::DisputesService::kName);
  server.AddCollectable(metrics.figures());
  if (auto st = server.Start(); !st.ok()) assure::DieAtStartup("disputes", "server", st);
  assure::Ticker drift(absl::Seconds(absl::GetFlag(FLAGS_drift_check_seconds)),
                       [&] { service.RunDriftCheck(); });
  drift.Start();
  outbox.Start();
  assure::StoreHealth store_health(**store, server, *registry);
  store_health.Start();
  assure::ReportServing("disputes", server.listeners());

  assure::Server::WaitForShutdownSignal();
  assure::DrainDeadline bounded(assure::StopLimit(config.drain_timeout));
  store_health.Stop();
  server.Shutdown();
  drift.Stop();
  outbox.Stop();
  (*store)->Stop();
  std::cerr << "{\"event\":\"stopped\",\"service\":\"disputes\"}" << std::endl;
  return 0;
}
