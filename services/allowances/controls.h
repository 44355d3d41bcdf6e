// The controls report (seed 002: every finding on these allowances was a payment control
// that failed): one pure function from the tenant's records to the report, so that the
// report, the board's figures and a test reconciling them with the lists cannot disagree.
#ifndef ASSURE_SERVICES_ALLOWANCES_CONTROLS_H_
#define ASSURE_SERVICES_ALLOWANCES_CONTROLS_H_

#include <map>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "assure/actionplans/v1/actionplans_service.pb.h"
#include "assure/allowances/v1/resources.pb.h"

namespace assure::allowances {

namespace v1 = ::assure::allowances::v1;

// Every control the report holds, in order; each must read 0.
inline constexpr const char* kControls[] = {"scheduled_without_controls", "paid_after_end_point",
                                            "ledger_code_mismatch", "payment_differs"};

struct ControlRecords {
  int year = 0;
  absl::CivilDay today;
  v1::AllowanceSettings settings;
  std::vector<v1::Allowance> allowances;
  // By name (supportedChildren/{child}).
  std::map<std::string, v1::SupportedChild> children;
  // By allowance name, oldest first.
  std::map<std::string, std::vector<v1::LedgerEntry>> ledgers;
  // The year's.
  std::vector<v1::Declaration> declarations;
  std::vector<v1::Decision> decisions;
};

v1::AllowanceControls Controls(const ControlRecords& records);

// What action plans is sent when `control` starts failing on `since` (seed 002: each
// control failure wants an action), with an id of its own so that it is placed once.
::assure::actionplans::v1::CreateFindingRequest ControlFinding(const v1::ControlResult& control,
                                                               absl::CivilDay since,
                                                               absl::Time now);

}  // namespace assure::allowances

#endif  // ASSURE_SERVICES_ALLOWANCES_CONTROLS_H_
