// The components the local launcher starts, in start order. Each is given the routes of all
// the others (their ports chosen before any starts), so services may call each other both
// ways. Adding a service is one line.
#ifndef ASSURE_TOOLS_LAUNCHER_COMPONENTS_H_
#define ASSURE_TOOLS_LAUNCHER_COMPONENTS_H_

#include <array>

namespace assure::launcher {

struct Component {
  const char* name;     // runs bin/assure-<name>, stores data/<name>.db
  int port_offset;      // gRPC on base_grpc_port + offset, /metrics on base_metrics_port + offset
                        // (any free port when the base is 0)
  const char* service;  // the full gRPC service name its health reports
  const char* package;  // the proto package the gateway routes to it
};

inline constexpr std::array<Component, 6> kServices = {{
    {"events", 6, "assure.events.v1.EventsService", "assure.events.v1"},
    {"actionplans", 5, "assure.actionplans.v1.ActionPlansService", "assure.actionplans.v1"},
    {"allowances", 4, "assure.allowances.v1.AllowancesService", "assure.allowances.v1"},
    {"audits", 3, "assure.audits.v1.AuditsService", "assure.audits.v1"},
    {"disputes", 2, "assure.disputes.v1.DisputesService", "assure.disputes.v1"},
    {"reviews", 1, "assure.reviews.v1.ReviewsService", "assure.reviews.v1"},
}};

// The gateway starts last, routed to every service above. Its ports are fixed offsets from
// the bases: gRPC base_grpc_port + 1443 (8443), HTTP base_grpc_port + 1080 (8080), metrics
// base_metrics_port (9100); any free ports when the bases are 0.
inline constexpr int kGatewayGrpcOffset = 1443;
inline constexpr int kGatewayHttpOffset = 1080;

// Development tokens the launcher prints: one per role, valid for 12 hours.
struct DevRole {
  const char* variable;  // in data/dev-tokens.env
  const char* subject;
  const char* role;
  const char* partner;
};
inline constexpr std::array<DevRole, 10> kDevRoles = {{
    {"TOKEN_IRO_MANAGER", "dev-iro-manager", "iro_manager", ""},
    {"TOKEN_IRO", "dev-iro", "iro", ""},
    {"TOKEN_SOCIAL_WORKER", "dev-social-worker", "social_worker", ""},
    {"TOKEN_TEAM_MANAGER", "dev-team-manager", "team_manager", ""},
    {"TOKEN_SENIOR_MANAGER", "dev-senior-manager", "senior_manager", ""},
    {"TOKEN_FINANCE", "dev-finance", "finance", ""},
    {"TOKEN_AUDITOR", "dev-auditor", "auditor", ""},
    {"TOKEN_RECORDS_OFFICER", "dev-records-officer", "records_officer", ""},
    {"TOKEN_CASE_SYSTEM", "dev-case-system", "case_system", ""},
    {"TOKEN_ADVOCATE", "dev-advocate", "advocate", "dev-advocacy"},
}};

}  // namespace assure::launcher

#endif  // ASSURE_TOOLS_LAUNCHER_COMPONENTS_H_
