#include "services/audits/scorecard.h"

#include <algorithm>
#include <map>

#include "services/audits/audit_life.h"
#include "services/audits/validation.h"

namespace assure::audits {
namespace {

using Groups = std::map<std::string, v1::GroupMonth>;  // ordered: a stable report

void AddTo(Groups& groups, const std::string& key, const v1::AuditorMonth& row) {
  auto& g = groups[key];
  g.set_key(key);
  g.set_auditors(g.auditors() + 1);
  g.set_quota(g.quota() + row.quota());
  g.set_assigned(g.assigned() + row.assigned());
  g.set_done(g.done() + row.done());
  g.set_shortfall(g.shortfall() + row.shortfall());
}

void Emit(const Groups& groups, google::protobuf::RepeatedPtrField<v1::GroupMonth>& out) {
  for (const auto& [key, g] : groups) *out.Add() = g;
}

}  // namespace

v1::AuditScorecard Scorecard(const google::type::Date& month,
                             const std::vector<v1::Selection>& selections,
                             const std::vector<v1::Audit>& audits, absl::CivilDay today) {
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
    if (CountsAsDone(a)) row.set_done(row.done() + 1);
  }
  v1::AuditScorecard out;
  *out.mutable_month() = month;
  out.set_month_ended(today > LastDay(month));
  Groups teams, services, roles;
  for (auto& [auditor, row] : by_auditor) {
    row.set_shortfall(std::max(0, row.quota() - row.done()));
    AddTo(teams, row.team(), row);
    AddTo(services, row.service(), row);
    AddTo(roles, row.role(), row);
    out.set_quota(out.quota() + row.quota());
    out.set_done(out.done() + row.done());
    out.set_shortfall(out.shortfall() + row.shortfall());
    if (row.shortfall() > 0) *out.add_shortfalls() = row;
    *out.add_auditors() = std::move(row);
  }
  Emit(teams, *out.mutable_teams());
  Emit(services, *out.mutable_services());
  Emit(roles, *out.mutable_roles());
  std::stable_sort(out.mutable_shortfalls()->begin(), out.mutable_shortfalls()->end(),
                   [](const auto& a, const auto& b) { return a.shortfall() > b.shortfall(); });
  return out;
}

}  // namespace assure::audits
