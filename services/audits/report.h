// The audit report over a period of months (the annual audit report is the reporting year,
// April to March): grades by service, team, tool section and month, quota against done,
// actions, moderation agreement, escalations and themed programmes' progress by tier. One
// function from the records, so the report and the lists it summarises always agree. Pure.
#ifndef ASSURE_SERVICES_AUDITS_REPORT_H_
#define ASSURE_SERVICES_AUDITS_REPORT_H_

#include <vector>

#include "absl/time/civil_time.h"
#include "assure/audits/v1/resources.pb.h"

namespace assure::audits {

namespace v1 = ::assure::audits::v1;

// What the report reads: the audits and selections of the period's months, the actions of
// those audits, and the tool versions the audits used.
struct ReportRecords {
  std::vector<v1::Audit> audits;
  std::vector<v1::Selection> selections;
  std::vector<v1::AuditAction> actions;
  std::vector<v1::AuditToolVersion> tools;
};

// The months from `first` to `last` (day 0), in order.
std::vector<google::type::Date> MonthsOf(const google::type::Date& first,
                                         const google::type::Date& last);

// `today` (London) decides which months have ended and which actions are overdue.
v1::AuditReport AuditReportOf(const google::type::Date& first, const google::type::Date& last,
                              const ReportRecords& records, absl::CivilDay today);

}  // namespace assure::audits

#endif  // ASSURE_SERVICES_AUDITS_REPORT_H_
