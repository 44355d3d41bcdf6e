// The components the local launcher starts, in start order. Adding a service is one line.
#ifndef ASSURE_TOOLS_LAUNCHER_COMPONENTS_H_
#define ASSURE_TOOLS_LAUNCHER_COMPONENTS_H_

#include <array>

namespace assure::launcher {

struct Component {
  const char* name;     // runs bin/assure-<name>, stores data/<name>.db
  int port_offset;      // gRPC on base_grpc_port + offset, /metrics on base_metrics_port + offset
  const char* service;  // the full gRPC service name its health reports
};

inline constexpr std::array<Component, 1> kComponents = {{
    {"reviews", 1, "assure.reviews.v1.ReviewsService"},
}};

}  // namespace assure::launcher

#endif  // ASSURE_TOOLS_LAUNCHER_COMPONENTS_H_
