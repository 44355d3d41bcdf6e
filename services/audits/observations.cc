#include "services/audits/observations.h"

#include <algorithm>
#include <map>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "protos/assure/reviews/v1/names.h"
#include "services/audits/tools.h"
#include "services/common/dates.h"
#include "services/common/resource_ids.h"

namespace assure::audits {

absl::Status CheckObservation(const v1::CreateIroObservationRequest& req, absl::CivilDay today) {
  FieldViolations v;
  const v1::IroObservation& o = req.observation();
  if (!req.observation_id().empty() && !IsValidId(req.observation_id())) {
    v.Add("observation_id", "must be 1-64 of A-Z a-z 0-9 . _ -");
  }
  if (!reviews::ParseIroName(o.iro(), "iro").ok()) {
    v.Add("observation.iro", "is required: the IRO observed, iros/{iro} of the reviews service");
  }
  if (!reviews::ParseReviewName(o.meeting(), "meeting").ok()) {
    v.Add("observation.meeting",
          "is required: the meeting chaired, children/{child}/reviews/{review} of the reviews "
          "service");
  }
  if (o.meeting_type() == v1::OBSERVED_MEETING_UNSPECIFIED ||
      !v1::ObservedMeeting_IsValid(o.meeting_type())) {
    v.Add("observation.meeting_type", "is required: a looked-after review or a CP conference");
  }
  CheckDate(o.observe_date(), "observation.observe_date", true, v, today);
  if (!o.grade().empty()) {
    const auto grades = DefaultGrades();
    if (std::find(grades.begin(), grades.end(), o.grade()) == grades.end()) {
      v.Add("observation.grade", "must be one of Ofsted's grades, or empty");
    }
  }
  if (!o.name().empty()) v.Add("observation.name", "is output only");
  if (!o.observer().empty()) v.Add("observation.observer", "is output only: the caller");
  return v.ToStatus();
}

absl::Status MayObserve(const v1::IroObservation& o, const std::string& observer) {
  if (reviews::IroName(observer) == o.iro()) {
    return FailedRule("observation.not_the_iro", "an IRO is observed by someone else");
  }
  return absl::OkStatus();
}

void CheckRoster(const v1::AuditSettings& s, FieldViolations& v) {
  absl::flat_hash_set<std::string> seen;
  for (int i = 0; i < s.observed_iros_size(); ++i) {
    const std::string at = absl::StrCat("settings.observed_iros[", i, "]");
    if (!reviews::ParseIroName(s.observed_iros(i), at).ok()) {
      v.Add(at, "must be iros/{iro} of the reviews service");
    } else if (!seen.insert(s.observed_iros(i)).second) {
      v.Add(at, "appears twice");
    }
  }
}

v1::IroObservationCoverage Coverage(const ReportingYear& year,
                                    const std::vector<std::string>& roster,
                                    const std::vector<v1::IroObservation>& observations) {
  v1::IroObservationCoverage out;
  out.set_year(year.year);
  *out.mutable_start_date() = ToProto(year.first);
  *out.mutable_end_date() = ToProto(year.last);
  std::map<std::string, v1::IroObserved> by_iro;
  for (const auto& iro : roster) by_iro[iro].set_iro(iro);
  for (const auto& o : observations) {
    const auto day = FromProto(o.observe_date()).day;
    if (!day || *day < year.first || *day > year.last) continue;
    auto it = by_iro.find(o.iro());
    if (it == by_iro.end()) {
      out.set_observations_outside_roster(out.observations_outside_roster() + 1);
      continue;
    }
    v1::IroObserved& seen = it->second;
    seen.set_observations(seen.observations() + 1);
    const auto last = FromProto(seen.last_observe_date()).day;
    if (!last || *day > *last) *seen.mutable_last_observe_date() = ToProto(*day);
  }
  for (auto& [iro, seen] : by_iro) {
    if (seen.observations() == 0) out.add_unobserved(iro);
    *out.add_iros() = std::move(seen);
  }
  return out;
}

}  // namespace assure::audits
