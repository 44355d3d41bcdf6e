// assure-reviews: IRO reviews and child protection conferences.
// Flags -> config -> store, metrics, service -> serve, with the starred recommendations'
// deadline check on a ticker, until SIGTERM -> drain -> stop.
#include <iostream>
#include <memory>

#include "absl/flags/flag.h"
#include "prometheus/registry.h"
#include "services/common/calendar_metrics.h"
#include "services/common/clock.h"
#include "services/common/dates.h"
#include "services/common/flags_from_env.h"
#include "services/common/outbox.h"
#include "services/common/drain_deadline.h"
#include "services/common/server.h"
#include "services/common/service_flags.h"
#include "services/common/serving_report.h"
#include "services/common/store_health.h"
#include "services/common/ticker.h"
#include "services/reviews/metrics.h"
#include "services/reviews/service.h"

ABSL_FLAG(int, starred_check_seconds, 60,
          "how often the deadline check looks for starred recommendations past their deadline");

namespace assure_data::reviews_migrations {
const std::vector<assure::EmbeddedFile>& Files();
}


int main(int argc, char** argv) {
  assure::Server::PrepareProcess();
  assure::ParseFlagsWithEnvironment(argc, argv);

  auto calendar = assure::CalendarFromFlags();
  if (!calendar.ok()) assure::DieAtStartup("reviews", "bank holidays", calendar.status());
  if (absl::GetFlag(FLAGS_starred_check_seconds) < 1) {
    assure::DieAtStartup("reviews", "flags",
                         absl::InvalidArgumentError("--starred_check_seconds must be at least 1"));
  }
  auto store = assure::store::Store::Open(assure::StoreOptionsFromFlags(), "reviews",
                                          assure_data::reviews_migrations::Files());
  if (!store.ok()) assure::DieAtStartup("reviews", "store", store.status());

  assure::SystemClock clock;
  auto registry = std::make_shared<prometheus::Registry>();
  assure::ExportCalendarCoverage(*registry, *calendar);
  assure::reviews::ReviewsMetrics metrics(*registry, **store, clock);
  if (auto st = metrics.SeedOnce(**store); !st.ok()) assure::DieAtStartup("reviews", "metrics", st);
  if (auto st = metrics.TenantsSeen(**store); !st.ok()) assure::DieAtStartup("reviews", "metrics", st);
  auto routes = assure::RoutesFromFlags();
  if (!routes.ok()) assure::DieAtStartup("reviews", "routes", routes.status());
  assure::Outbox outbox(**store, **routes, clock, *registry, "reviews");
  assure::reviews::ReviewsService service(**store, *calendar, clock, metrics, outbox, **routes);
  if (auto st = service.SeedWorklistOnce(); !st.ok()) {
    assure::DieAtStartup("reviews", "worklist", st);
  }

  const assure::ServerConfig config = assure::ServerConfigFromFlags();
  assure::Server server(config, registry);
  server.AddService(&service, assure::reviews::ReviewsService::kName);
  server.AddCollectable(metrics.figures());
  if (auto st = server.Start(); !st.ok()) assure::DieAtStartup("reviews", "server", st);
  outbox.Start();
  assure::Ticker starred(absl::Seconds(absl::GetFlag(FLAGS_starred_check_seconds)),
                         [&] { service.RunStarredCheck(); });
  starred.Start();
  assure::StoreHealth store_health(**store, server, *registry);
  store_health.Start();
  assure::ReportServing("reviews", server.listeners());

  assure::Server::WaitForShutdownSignal();
  assure::DrainDeadline bounded(assure::StopLimit(config.drain_timeout));
  store_health.Stop();
  server.Shutdown();
  starred.Stop();
  outbox.Stop();
  (*store)->Stop();
  std::cerr << "{\"event\":\"stopped\",\"service\":\"reviews\"}" << std::endl;
  return 0;
}
