// IRO practice observations (seed 001 5.4: managers "will also observe at least one meeting
// chaired by an IRO over the course of the year, either a looked after child's review or a
// child protection conference"). Pure.
//
// The year is the IRO annual report's reporting year, April to March, named by the year it
// starts. The roster of IROs to observe is the authority's (auditSettings.observed_iros),
// each referenced by its reviews name.
#ifndef ASSURE_SERVICES_AUDITS_OBSERVATIONS_H_
#define ASSURE_SERVICES_AUDITS_OBSERVATIONS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "assure/audits/v1/audits_service.pb.h"
#include "services/common/errors.h"
#include "services/common/period.h"

namespace assure::audits {

namespace v1 = ::assure::audits::v1;

// INVALID_ARGUMENT naming each field at fault: the IRO and the meeting by their reviews
// names, the meeting's type, a day not after `today`, a grade from Ofsted's scale if any.
absl::Status CheckObservation(const v1::CreateIroObservationRequest& req, absl::CivilDay today);

// FAILED_PRECONDITION (observation.not_the_iro) when `observer` is the IRO observed.
absl::Status MayObserve(const v1::IroObservation& o, const std::string& observer);

// INVALID_ARGUMENT naming each roster entry that is not iros/{iro}, or appears twice.
void CheckRoster(const v1::AuditSettings& s, FieldViolations& v);

// The roster's IROs observed in `year`, from that year's observations.
v1::IroObservationCoverage Coverage(const ReportingYear& year,
                                    const std::vector<std::string>& roster,
                                    const std::vector<v1::IroObservation>& observations);

}  // namespace assure::audits

#endif  // ASSURE_SERVICES_AUDITS_OBSERVATIONS_H_
