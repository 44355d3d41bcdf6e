// How a process says it is serving, and where: one JSON line on stderr, and, with
// --ready_file, a file of `name=host:port` lines written once every listener is bound. A
// process told to listen on port 0 reports the ports it got, so a launcher or a test never
// guesses a free port.
#ifndef ASSURE_SERVICES_COMMON_SERVING_REPORT_H_
#define ASSURE_SERVICES_COMMON_SERVING_REPORT_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace assure {

// Listener name ("grpc", "metrics", "http") and the address it is bound to.
using Listeners = std::vector<std::pair<std::string, std::string>>;

// Writes the serving line and the ready file (atomically: a reader never sees half of it).
void ReportServing(const std::string& component, const Listeners& listeners);

// Reads a ready file; NotFound until the process has written it.
absl::StatusOr<Listeners> ReadReadyFile(const std::string& path);

// "host:port" with the port a listener actually bound, for a configured "host:0".
std::string BoundAddress(const std::string& configured, int port);

}  // namespace assure

#endif  // ASSURE_SERVICES_COMMON_SERVING_REPORT_H_
