// Audit frameworks (DOMAIN; seed 002 case-file audit 1): monthly minimum quotas by role,
// team and service, the audit types run and the services covered. Pure.
#ifndef ASSURE_SERVICES_AUDITS_FRAMEWORKS_H_
#define ASSURE_SERVICES_AUDITS_FRAMEWORKS_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "assure/audits/v1/resources.pb.h"

namespace assure::audits {

// Until an authority saves its own: 6 a month for each IRO, 1 for each senior manager (seed
// 002), routine and IRO chair practice audits, every service covered.
v1::AuditFramework DefaultFramework();

// INVALID_ARGUMENT naming each fault (fields under "framework."): a month; at least one
// quota rule, each with a role code and 1-100 per head, no two for the same role, team and
// service; audit types named.
absl::Status CheckFramework(const v1::AuditFramework& f);

// The monthly minimum for a person of `role` in `team` and `service`: the most specific
// rule that matches (role, team and service; role and team; role and service; role), or
// nullopt when none does.
std::optional<int> QuotaFor(const v1::AuditFramework& f, const std::string& role,
                            const std::string& team, const std::string& service);

// Whether the framework's programme audits cases of `service` (all, when it names none).
bool Covers(const v1::AuditFramework& f, const std::string& service);

}  // namespace assure::audits

#endif  // ASSURE_SERVICES_AUDITS_FRAMEWORKS_H_
