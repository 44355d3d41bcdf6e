#include "services/common/service_flags.h"

#include <cstdlib>
#include <iostream>

#include "absl/flags/flag.h"

ABSL_FLAG(std::string, grpc_address, "127.0.0.1:7001", "host:port the gRPC API listens on");
ABSL_FLAG(std::string, metrics_address, "127.0.0.1:9101",
          "host:port serving Prometheus /metrics; empty for none");
ABSL_FLAG(std::string, store, "", "the store: a SQLite file path");
ABSL_FLAG(int, store_readers, 4, "reader connections to the store");
ABSL_FLAG(int, store_writers, 1,
          "writer connections to a PostgreSQL store, each committing its own group of writes "
          "(SQLite always has one); more help only when the database has cores of its own");
ABSL_FLAG(bool, access_log, true, "write one JSON line per call to stderr");
ABSL_FLAG(std::string, bank_holidays_file, "",
          "a newer bank-holiday list than the one built in (YYYY-MM-DD<TAB>name lines)");
ABSL_FLAG(int, drain_seconds, 5, "how long calls in flight may take to finish at shutdown");
ABSL_FLAG(std::string, routes, "",
          "where the services this one calls live: package=host:port,... (e.g. "
          "assure.disputes.v1=127.0.0.1:7002); calls wait in the outbox until routed");

namespace assure {

ServerConfig ServerConfigFromFlags() {
  ServerConfig config;
  config.grpc_address = absl::GetFlag(FLAGS_grpc_address);
  config.metrics_address = absl::GetFlag(FLAGS_metrics_address);
  config.access_log = absl::GetFlag(FLAGS_access_log);
  config.drain_timeout = absl::Seconds(absl::GetFlag(FLAGS_drain_seconds));
  return config;
}

store::StoreOptions StoreOptionsFromFlags() {
  store::StoreOptions options;
  options.location = absl::GetFlag(FLAGS_store);
  options.readers = absl::GetFlag(FLAGS_store_readers);
  options.writers = absl::GetFlag(FLAGS_store_writers);
  return options;
}

void DieAtStartup(const std::string& component, const std::string& what,
                  const absl::Status& status) {
  std::cerr << "assure-" << component << ": " << what << ": " << status << std::endl;
  std::exit(1);
}

absl::StatusOr<std::unique_ptr<Routes>> RoutesFromFlags() {
  const std::string flag = absl::GetFlag(FLAGS_routes);
  if (flag.empty()) return std::make_unique<Routes>();
  return Routes::Parse(flag, 4 << 20);
}

absl::StatusOr<WorkingDays> CalendarFromFlags() {
  const std::string file = absl::GetFlag(FLAGS_bank_holidays_file);
  return file.empty() ? WorkingDays::EnglandAndWales() : WorkingDays::FromFile(file);
}

}  // namespace assure
