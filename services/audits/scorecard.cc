#include "services/audits/scorecard.h"

#include <algorithm>
#include <map>

namespace assure::audits {
namespace {

bool Done(const v1::Audit& a) {
  return a.state() == v1::AUDIT_STATE_SUBMITTED || a.state() == v1::AUDIT_STATE_MODERATED ||
         a.state() == v1::AUDIT_STATE_ACTIONS_OPEN || a.state() == v1::AUDIT_STATE_CLOSED;
}

}  // namespace

v1::AuditScorecard Scorecard(const google::type::Date& month,
                             const std::vector<v1::Selection>& selections,
                             const std::vector<v1::Audit>& audits) {
  std::map<std::string, v1::AuditorMonth> by_auditor;  // ordered: a stable report
  for (const auto& s : selections) {
    for (const auto& q : s.auditors()) {
      auto& row = by_auditor[q.auditor()];
      row.set_auditor(q.auditor());
      if (row.role().empty()) {
        row.set_role(q.role());
        row.set_team(q.team());
        row.set_service(q.service());
      }
      row.set_quota(row.quota() + q.quota());
    }
  }
  for (const auto& a : audits) {
    auto& row = by_auditor[a.auditor()];
    row.set_auditor(a.auditor());
    row.set_assigned(row.assigned() + 1);
    if (Done(a)) row.set_done(row.done() + 1);
  }
  v1::AuditScorecard out;
  *out.mutable_month() = month;
  for (auto& [auditor, row] : by_auditor) {
    row.set_shortfall(std::max(0, row.quota() - row.done()));
    out.set_quota(out.quota() + row.quota());
    out.set_done(out.done() + row.done());
    out.set_shortfall(out.shortfall() + row.shortfall());
    if (row.shortfall() > 0) *out.add_shortfalls() = row;
    *out.add_auditors() = std::move(row);
  }
  std::stable_sort(out.mutable_shortfalls()->begin(), out.mutable_shortfalls()->end(),
                   [](const auto& a, const auto& b) { return a.shortfall() > b.shortfall(); });
  return out;
}

}  // namespace assure::audits
