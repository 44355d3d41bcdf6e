// Value-type builders for the allowances domain tests: a child and an allowance that pass
// every control, for a test to break one at a time.
#ifndef ASSURE_TESTS_ALLOWANCES_ALLOWANCE_FIXTURE_H_
#define ASSURE_TESTS_ALLOWANCES_ALLOWANCE_FIXTURE_H_

#include "absl/time/civil_time.h"
#include "assure/allowances/v1/resources.pb.h"
#include "services/allowances/allowance_settings.h"
#include "services/common/dates.h"

namespace assure::allowances {

namespace v1 = ::assure::allowances::v1;

inline google::type::Date Day(int y, int m, int d) { return ToProto(absl::CivilDay(y, m, d)); }

// Born 10 May 2012, under a special guardianship order, living with the carers at school.
inline v1::SupportedChild AChild() {
  v1::SupportedChild c;
  c.set_name("supportedChildren/C-1");
  c.set_display_name("Child One");
  *c.mutable_birth_date() = Day(2012, 5, 10);
  c.set_order_type(v1::ORDER_TYPE_SPECIAL_GUARDIANSHIP);
  *c.mutable_order_date() = Day(2020, 1, 6);
  c.set_education(v1::EDUCATION_COMPULSORY);
  c.set_lives_with_carers(true);
  c.add_carers("Carer One");
  c.set_own_benefit(v1::OWN_BENEFIT_NONE);
  return c;
}

// £150 a week SGO allowance prepared by sw-1, with its paperwork and a means test that
// supports it; not yet approved.
inline v1::Allowance ADraft() {
  v1::Allowance a;
  a.set_name("allowances/a-1");
  a.set_child("supportedChildren/C-1");
  a.set_type(v1::ALLOWANCE_TYPE_SPECIAL_GUARDIANSHIP);
  a.set_amount_pence(15000);
  a.set_frequency(v1::FREQUENCY_WEEKLY);
  *a.mutable_start_date() = Day(2026, 4, 6);
  a.set_ledger_code("SGO-ALLOW");
  a.set_state(v1::ALLOWANCE_STATE_DRAFT);
  a.set_prepared_by("sw-1");
  *a.mutable_paperwork()->mutable_conditions_agreed_date() = Day(2026, 3, 20);
  *a.mutable_paperwork()->mutable_signed_agreement_date() = Day(2026, 3, 25);
  a.mutable_paperwork()->add_forms_received("SGA3");
  auto* f = a.mutable_assessment();
  *f->mutable_assessed_date() = Day(2026, 3, 1);
  f->set_disregard(v1::MEANS_DISREGARD_NONE);
  for (int i = 0; i < 3; ++i) f->add_evidence(v1::EVIDENCE_KIND_PAYSLIP);
  f->set_weekly_award_pence(15000);
  return a;
}

// ADraft with the default scheme's two approvals given.
inline v1::Allowance AnApproved() {
  v1::Allowance a = ADraft();
  for (const char* role : {"team_manager", "senior_manager"}) {
    auto* ap = a.add_approvals();
    ap->set_role(role);
    ap->set_approver(std::string(role) + "-1");
  }
  a.set_state(v1::ALLOWANCE_STATE_APPROVED);
  return a;
}

}  // namespace assure::allowances

#endif  // ASSURE_TESTS_ALLOWANCES_ALLOWANCE_FIXTURE_H_
