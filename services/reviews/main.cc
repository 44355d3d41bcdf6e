// assure-reviews: IRO reviews and child protection conferences.
// Flags -> config -> store, metrics, service -> serve until SIGTERM -> drain -> stop.
#include <iostream>
#include <memory>

#include "absl/flags/flag.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
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
#include "services/reviews/metrics.h"
#include "services/reviews/service.h"

ABSL_FLAG(std::string, cp_anchor, "first",
          "which strategy discussion anchors the initial CP conference: first or last");
ABSL_FLAG(std::string, two_part_counts, "first",
          "which part of a two-part review counts as held: first or second");
ABSL_FLAG(std::string, participating_codes, "1,2,3,4,5,6",
          "SSDA903 PN codes counted as participating (PN0 never counts)");
ABSL_FLAG(int, participation_target_per_mille, 950, "participation target, per thousand");

namespace assure_data::reviews_migrations {
const std::vector<assure::EmbeddedFile>& Files();
}

namespace {

absl::StatusOr<assure::reviews::Settings> SettingsFromFlags() {
  assure::reviews::Settings s;
  const std::string anchor = absl::GetFlag(FLAGS_cp_anchor);
  if (anchor != "first" && anchor != "last") {
    return absl::InvalidArgumentError("--cp_anchor must be first or last");
  }
  s.schedule.cp_anchor = anchor == "last" ? assure::reviews::CpAnchor::kLastDiscussion
                                          : assure::reviews::CpAnchor::kFirstDiscussion;
  const std::string part = absl::GetFlag(FLAGS_two_part_counts);
  if (part != "first" && part != "second") {
    return absl::InvalidArgumentError("--two_part_counts must be first or second");
  }
  s.two_part_counts = part == "second" ? assure::reviews::TwoPartCounts::kSecondPart
                                       : assure::reviews::TwoPartCounts::kFirstPart;
  s.participating_codes.clear();
  for (absl::string_view c : absl::StrSplit(absl::GetFlag(FLAGS_participating_codes), ',',
                                            absl::SkipWhitespace())) {
    int code = 0;
    if (!absl::SimpleAtoi(c, &code) || code < 1 || code > 7) {
      return absl::InvalidArgumentError("--participating_codes takes PN codes 1-7, e.g. 1,2,3");
    }
    s.participating_codes.insert(code);
  }
  s.participation_target_per_mille = absl::GetFlag(FLAGS_participation_target_per_mille);
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  assure::Server::PrepareProcess();
  assure::ParseFlagsWithEnvironment(argc, argv);

  auto calendar = assure::CalendarFromFlags();
  if (!calendar.ok()) assure::DieAtStartup("reviews", "bank holidays", calendar.status());
  auto settings = SettingsFromFlags();
  if (!settings.ok()) assure::DieAtStartup("reviews", "settings", settings.status());
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
  assure::reviews::ReviewsService service(**store, *calendar, clock, metrics, *settings, outbox);

  const assure::ServerConfig config = assure::ServerConfigFromFlags();
  assure::Server server(config, registry);
  server.AddService(&service, assure::reviews::ReviewsService::kName);
  server.AddCollectable(metrics.figures());
  if (auto st = server.Start(); !st.ok()) assure::DieAtStartup("reviews", "server", st);
  outbox.Start();
  assure::StoreHealth store_health(**store, server, *registry);
  store_health.Start();
  assure::ReportServing("reviews", server.listeners());

  assure::Server::WaitForShutdownSignal();
  assure::DrainDeadline bounded(assure::StopLimit(config.drain_timeout));
  store_health.Stop();
  server.Shutdown();
  outbox.Stop();
  (*store)->Stop();
  std::cerr << "{\"event\":\"stopped\",\"service\":\"reviews\"}" << std::endl;
  return 0;
}
