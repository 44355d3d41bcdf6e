// Progress for the board and the audit committee (GetBoardReport), computed by one function
// from the records: actions by state, priority and follow-up status, overdue, slipped, done
// by target, updates owed, each plan's RAG, the slippage history, and the High-priority
// actions follow-up found not or only partly implemented. Pure.
#ifndef ASSURE_SERVICES_ACTIONPLANS_BOARD_REPORT_H_
#define ASSURE_SERVICES_ACTIONPLANS_BOARD_REPORT_H_

#include <map>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "assure/actionplans/v1/resources.pb.h"

namespace assure::actionplans {

namespace v1 = ::assure::actionplans::v1;

struct BoardRecords {
  std::vector<v1::Plan> plans;
  std::vector<v1::Action> actions;
  std::vector<v1::UpdateRequest> open_requests;
  v1::ActionPlanSettings settings;
  absl::CivilDay today;
};

// Red when any High-priority action is overdue or red_overdue_percent of the open ones are;
// Amber when any is overdue or has slipped; Green otherwise; Complete when none is open.
v1::Rag RagOf(const std::vector<const v1::Action*>& actions, const v1::ActionPlanSettings& settings,
              absl::CivilDay today);

v1::BoardReport Report(const BoardRecords& records);

}  // namespace assure::actionplans

#endif  // ASSURE_SERVICES_ACTIONPLANS_BOARD_REPORT_H_
