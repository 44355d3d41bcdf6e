// Plans and actions as the tests start from them, and the rule a refusal names.
#ifndef ASSURE_TESTS_ACTIONPLANS_ACTION_BUILDERS_H_
#define ASSURE_TESTS_ACTIONPLANS_ACTION_BUILDERS_H_

#include <string>

#include "absl/time/civil_time.h"
#include "assure/actionplans/v1/resources.pb.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "tests/support/call_context.h"

namespace assure::actionplans {

namespace v1 = ::assure::actionplans::v1;

inline std::string RuleOf(const absl::Status& st) {
  return testing::FailedRuleOf(ToGrpcStatus(st));
}

// An internal audit's plan owned by hos-1, overseen by the Performance Board.
inline v1::Plan APlan() {
  v1::Plan p;
  p.set_title("Children in care: IRO oversight");
  p.set_source(v1::PLAN_SOURCE_INTERNAL_AUDIT);
  p.set_source_reference("IA 2026/14");
  *p.mutable_source_date() = ToProto(absl::CivilDay(2026, 3, 2));
  p.set_owning_service("Children's Services");
  p.set_owner("hos-1");
  p.set_board("Performance Board");
  p.add_workstreams("Timeliness of reviews");
  p.add_desired_outcomes("Every child's review is held on time");
  auto* m = p.add_success_measures();
  m->set_text("No more than 1 review in 20 held late");
  m->set_figure(v1::LIVE_FIGURE_REVIEWS_LATE_PER_MILLE);
  m->set_target(50);
  return p;
}

// A Medium action of tm-1's in the IRO team, due 30 June 2026.
inline v1::Action AnAction() {
  v1::Action a;
  a.set_what("Record the reason for every late review");
  a.set_measure_of_success("Every late review has its reason recorded");
  a.set_desired_outcome("Late reviews are understood and fall");
  a.add_responsible_officers("tm-1");
  a.set_team("IRO service");
  a.add_supporting_teams("Performance team");
  *a.mutable_target_date() = ToProto(absl::CivilDay(2026, 6, 30));
  a.set_evidence_required("A month's late reviews, each with its reason");
  a.set_state(v1::ACTION_STATE_OPEN);
  a.set_priority(v1::PRIORITY_MEDIUM);
  *a.mutable_original_target_date() = a.target_date();
  return a;
}

}  // namespace assure::actionplans

#endif  // ASSURE_TESTS_ACTIONPLANS_ACTION_BUILDERS_H_
