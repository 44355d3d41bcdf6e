// Paperwork before and after a meeting, each against its timescale. Pure.
//
//   Looked-after reviews [guidance] (IRO Handbook, as summarised by the national IRO
//   managers' partnership): social worker consults the IRO at least 15 working days before;
//   care plan, PEP and health plan at least 3 days before; decisions distributed within 5
//   working days, the full record within 20 (seed 001 3.7; paragraph unconfirmed). The
//   social worker's report is approved by a team manager by then [local, seed 002].
//   Child protection conferences [local] (seed 002 IRO 3, 7, 12): decision sheet within 48
//   hours; the social worker's report to the chair and to the family at least 3 working
//   days before, approved by a team manager first; minutes distributed within the
//   authority's working days (default 4).
#ifndef ASSURE_SERVICES_REVIEWS_PAPERWORK_H_
#define ASSURE_SERVICES_REVIEWS_PAPERWORK_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/common/working_days.h"
#include "services/common/due.h"

namespace assure::reviews {

struct MeetingPaperwork {
  bool child_protection = false;
  // The held date, else the planned date, else the due date.
  absl::CivilDay meeting_day;
  bool held = false;
  std::optional<absl::Time> held_time;
  std::optional<absl::CivilDay> social_worker_consultation;
  std::optional<absl::CivilDay> care_plan_received;
  std::optional<absl::CivilDay> pep_received;
  std::optional<absl::CivilDay> health_plan_received;
  std::optional<absl::CivilDay> minutes_distributed;
  int minutes_working_days = 4;
  std::optional<absl::CivilDay> decisions_distributed;
  std::optional<absl::CivilDay> record_distributed;
  std::optional<absl::Time> decision_sheet_sent;
  std::optional<absl::CivilDay> report_approved;
  std::optional<absl::CivilDay> report_sent_to_chair;
  std::optional<absl::CivilDay> report_shared_with_family;
};

enum class PaperworkState { kOnTime, kLate, kPending, kOverdue };

struct PaperworkItem {
  std::string item;
  Due deadline;
  std::optional<absl::CivilDay> done;
  // Items counted in hours carry exact instants too.
  std::optional<absl::Time> deadline_time;
  std::optional<absl::Time> done_time;
  PaperworkState state;
};

std::vector<PaperworkItem> CheckPaperwork(const MeetingPaperwork& meeting,
                                          const WorkingDays& calendar, absl::Time now);

}  // namespace assure::reviews

#endif  // ASSURE_SERVICES_REVIEWS_PAPERWORK_H_
