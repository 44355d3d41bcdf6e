// assure-events: the suite's event feed. Flags -> store, tail, webhooks, services -> serve ->
// SIGTERM -> drain (watchers are ended; they resume from their last sequence elsewhere) ->
// stop.
#include <iostream>
#include <memory>

#include "absl/flags/flag.h"
#include "prometheus/gauge.h"
#include "prometheus/registry.h"
#include "services/common/drain_deadline.h"
#include "services/common/flags_from_env.h"
#include "services/common/server.h"
#include "services/common/service_flags.h"
#include "services/common/serving_report.h"
#include "services/common/store_health.h"
#include "services/events/feed_tail.h"
#include "services/events/service.h"
#include "services/events/webhook_sender.h"

ABSL_FLAG(int, tail_poll_ms, 20,
          "how often, in milliseconds, a replica looks for events other replicas recorded");
ABSL_FLAG(int, max_watchers, 2000, "WatchEvents calls this replica serves at once");
ABSL_FLAG(bool, allow_http_loopback_webhooks, false,
          "accept webhook URLs of http:// on this machine, and deliver to loopback and private "
          "addresses (local testing); otherwise https to public addresses only");

namespace assure_data::events_migrations {
const std::vector<assure::EmbeddedFile>& Files();
}

int main(int argc, char** argv) {
  assure::Server::PrepareProcess();
  assure::ParseFlagsWithEnvironment(argc, argv);
  if (absl::GetFlag(FLAGS_tail_poll_ms) < 1 || absl::GetFlag(FLAGS_max_watchers) < 1) {
    assure::DieAtStartup(
        "events", "flags",
        absl::InvalidArgumentError("--tail_poll_ms and --max_watchers must be at least 1"));
  }
  auto store = assure::store::Store::Open(assure::StoreOptionsFromFlags(), "events",
                                          assure_data::events_migrations::Files());
  if (!store.ok()) assure::DieAtStartup("events", "store", store.status());

  assure::SystemClock clock;
  auto registry = std::make_shared<prometheus::Registry>();
  assure::events::FeedTail tail(**store, absl::Milliseconds(absl::GetFlag(FLAGS_tail_poll_ms)));
  assure::events::WebhookOptions webhook_options;
  webhook_options.private_addresses = absl::GetFlag(FLAGS_allow_http_loopback_webhooks);
  assure::events::WebhookSender webhooks(**store, clock, *registry, webhook_options);
  assure::events::EventsService feed(
      **store, tail, clock,
      {absl::GetFlag(FLAGS_max_watchers), absl::GetFlag(FLAGS_allow_http_loopback_webhooks)});
  assure::events::EventIntakeService intake(**store, clock, *registry,
                                            [&](const std::string& tenant) {
                                              tail.Recorded(tenant);
                                              webhooks.Wake();
                                            });

  const assure::ServerConfig config = assure::ServerConfigFromFlags();
  assure::Server server(config, registry);
  server.AddService(&feed, assure::events::EventsService::kName);
  server.AddService(&intake, assure::events::EventIntakeService::kName);
  auto figures = assure::events::FeedFigures(**store, clock);
  server.AddCollectable(figures);
  if (auto st = server.Start(); !st.ok()) assure::DieAtStartup("events", "server", st);
  tail.Start();
  webhooks.Start();
  assure::StoreHealth store_health(**store, server, *registry);
  store_health.Start();
  assure::ReportServing("events", server.listeners());

  assure::Server::WaitForShutdownSignal();
  assure::DrainDeadline bounded(assure::StopLimit(config.drain_timeout));
  store_health.Stop();
  tail.EndAll();
  server.Shutdown();
  webhooks.Stop();
  tail.Stop();
  (*store)->Stop();
  std::cerr << "{\"event\":\"stopped\",\"service\":\"events\"}" << std::endl;
  return 0;
}
