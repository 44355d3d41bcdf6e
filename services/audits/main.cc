// assure-audits: case-file audit.
// Flags -> store, metrics, outbox, service -> serve, with the due check on a ticker ->
// SIGTERM -> drain -> stop.
#include <iostream>
#include <memory>

#include "absl/flags/flag.h"
#include "prometheus/registry.h"
#include "services/audits/metrics.h"
#include "services/audits/service.h"
#include "services/common/clock.h"
#include "services/common/drain_deadline.h"
#include "services/common/flags_from_env.h"
#include "services/common/outbox.h"
#include "services/common/server.h"
#include "services/common/service_flags.h"
#include "services/common/serving_report.h"
#include "services/common/store_health.h"
#include "services/common/ticker.h"

ABSL_FLAG(int, due_check_seconds, 60,
          "how often the due check looks for audit actions whose due date has come");

namespace assure_data::audits_migrations {
const std::vector<assure::EmbeddedFile>& Files();
}

int main(int argc, char** argv) {
  assure::Server::PrepareProcess();
  assure::ParseFlagsWithEnvironment(argc, argv);
  if (absl::GetFlag(FLAGS_due_check_seconds) < 1) {
    assure::DieAtStartup("audits", "flags",
                         absl::InvalidArgumentError("--due_check_seconds must be at least 1"));
  }

  auto store = assure::store::Store::Open(assure::StoreOptionsFromFlags(), "audits",
                                          assure_data::audits_migrations::Files());
  if (!store.ok()) assure::DieAtStartup("audits", "store", store.status());

  assure::SystemClock clock;
  auto registry = std::make_shared<prometheus::Registry>();
  assure::audits::AuditsMetrics metrics(**store, clock);
  auto routes = assure::RoutesFromFlags();
  if (!routes.ok()) assure::DieAtStartup("audits", "routes", routes.status());
  // Findings for action plans, and events for the feed, wait here until --routes names
  // assure.actionplans.v1 and assure.events.v1.
  assure::Outbox outbox(**store, **routes, clock, *registry, "audits");
  assure::audits::AuditsService service(**store, clock, metrics, outbox);

  const assure::ServerConfig config = assure::ServerConfigFromFlags();
  assure::Server server(config, registry);
  server.AddService(&service, assure::audits::AuditsService::kName);
  server.AddCollectable(metrics.figures());
  if (auto st = server.Start(); !st.ok()) assure::DieAtStartup("audits", "server", st);
  assure::Ticker due_check(absl::Seconds(absl::GetFlag(FLAGS_due_check_seconds)),
                           [&] { service.AnnounceActionsDue(); });
  due_check.Start();
  outbox.Start();
  assure::StoreHealth store_health(**store, server, *registry);
  store_health.Start();
  assure::ReportServing("audits", server.listeners());

  assure::Server::WaitForShutdownSignal();
  assure::DrainDeadline bounded(assure::StopLimit(config.drain_timeout));
  store_health.Stop();
  server.Shutdown();
  due_check.Stop();
  outbox.Stop();
  (*store)->Stop();
  std::cerr << "{\"event\":\"stopped\",\"service\":\"audits\"}" << std::endl;
  return 0;
}
