#include "services/audits/frameworks.h"

#include <algorithm>
#include <tuple>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "services/common/errors.h"
#include "services/common/resource_ids.h"

namespace assure::audits {

v1::AuditFramework DefaultFramework() {
  v1::AuditFramework f;
  f.mutable_effective_month()->set_year(2000);
  f.mutable_effective_month()->set_month(1);
  auto* iro = f.add_quotas();
  iro->set_role("iro");
  iro->set_per_head(6);
  auto* senior = f.add_quotas();
  senior->set_role("senior_manager");
  senior->set_per_head(1);
  f.add_audit_types(v1::AUDIT_TYPE_ROUTINE);
  f.add_audit_types(v1::AUDIT_TYPE_IRO_CHAIR_PRACTICE);
  return f;
}

absl::Status CheckFramework(const v1::AuditFramework& f) {
  FieldViolations v;
  const auto& m = f.effective_month();
  if (m.year() < 2000 || m.year() > 2100 || m.month() < 1 || m.month() > 12 || m.day() != 0) {
    v.Add("framework.effective_month", "is required: a year (2000-2100) and month with day 0");
  }
  if (f.quotas_size() == 0) v.Add("framework.quotas", "is required: at least one rule");
  absl::flat_hash_set<std::tuple<std::string, std::string, std::string>> seen;
  for (int i = 0; i < f.quotas_size(); ++i) {
    const auto& q = f.quotas(i);
    const std::string at = absl::StrCat("framework.quotas[", i, "]");
    if (!IsCode(q.role())) v.Add(at + ".role", "is required: a role code, e.g. iro");
    if (q.per_head() < 1 || q.per_head() > 100) v.Add(at + ".per_head", "must be 1 to 100");
    if (!seen.insert({q.role(), q.team(), q.service()}).second) {
      v.Add(at, "repeats the role, team and service of an earlier rule");
    }
  }
  for (int i = 0; i < f.audit_types_size(); ++i) {
    const int type = f.audit_types(i);
    if (type == v1::AUDIT_TYPE_UNSPECIFIED || !v1::AuditType_IsValid(type)) {
      v.Add(absl::StrCat("framework.audit_types[", i, "]"), "must be an AuditType");
    }
  }
  return v.ToStatus();
}

std::optional<int> QuotaFor(const v1::AuditFramework& f, const std::string& role,
                            const std::string& team, const std::string& service) {
  int best_rank = -1;
  std::optional<int> best;
  for (const auto& q : f.quotas()) {
    if (q.role() != role) continue;
    if (!q.team().empty() && q.team() != team) continue;
    if (!q.service().empty() && q.service() != service) continue;
    // A team is more specific than a service; both, more than either.
    const int rank = (q.team().empty() ? 0 : 2) + (q.service().empty() ? 0 : 1);
    if (rank > best_rank) {
      best_rank = rank;
      best = q.per_head();
    }
  }
  return best;
}

bool Covers(const v1::AuditFramework& f, const std::string& service) {
  if (f.covered_services_size() == 0) return true;
  return std::find(f.covered_services().begin(), f.covered_services().end(), service) !=
         f.covered_services().end();
}

}  // namespace assure::audits
