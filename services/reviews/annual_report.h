// The quantitative part of the IRO annual report (seed 001 sections 2, 3, 5), from records.
// Pure: the service gathers the facts, this counts them.
#ifndef ASSURE_SERVICES_REVIEWS_ANNUAL_REPORT_H_
#define ASSURE_SERVICES_REVIEWS_ANNUAL_REPORT_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/civil_time.h"
#include "assure/reviews/v1/reviews_service.pb.h"
#include "services/reviews/schedule.h"
#include "services/reviews/settings.h"

namespace assure::reviews {

struct ReportMeeting {
  MeetingKind kind;
  absl::CivilDay date;
  bool late = false;
  int late_reason = 0;  // v1::LateReason value
  std::optional<int> participation;  // PN code 0-7
  bool iro_saw_child_beforehand = false;
  bool child_chaired = false;
  // Each paperwork item of the meeting by its status (CheckPaperwork, as presented).
  std::vector<std::pair<std::string, v1::PaperworkStatus>> paperwork = {};
};

struct ReportPeriod {
  absl::CivilDay birth;
  absl::CivilDay start;
  std::optional<absl::CivilDay> end;
};

struct ReportIro {
  std::string name;
  int fte_hundredths = 0;
  bool chairs_lac = false;
  bool chairs_cp = false;
  int lac_caseload = 0;
  int cp_caseload = 0;
};

// Per thousand, rounded half up; 0 when there is nothing to divide by.
int PerMille(int numerator, int denominator);

// The seed's age bands: "0-12" and "13+", by age on the day.
const char* AgeBand(absl::CivilDay birth, absl::CivilDay day);

v1::AnnualReport BuildAnnualReport(absl::CivilDay start, absl::CivilDay end,
                                   const std::vector<ReportMeeting>& meetings,
                                   const std::vector<ReportPeriod>& periods,
                                   const std::vector<ReportIro>& iros, const Settings& settings);

}  // namespace assure::reviews

#endif  // ASSURE_SERVICES_REVIEWS_ANNUAL_REPORT_H_
