#include "services/reviews/review_settings.h"

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "services/common/errors.h"

namespace assure::reviews {
namespace {

// IRO Handbook: an IRO appointed within 5 working days; 50-70 children per full-time IRO.
constexpr int kGuidanceNotificationWorkingDays = 5;
constexpr int kGuidanceCaseloadLow = 50;
constexpr int kGuidanceCaseloadHigh = 70;

void CheckRange(FieldViolations& v, const char* field, int value, int low, int high) {
  if (value < low || value > high) {
    v.Add(absl::StrCat("settings.", field), absl::StrCat("must be ", low, " to ", high));
  }
}

}  // namespace

v1::ReviewSettings DefaultReviewSettings() {
  const Settings d;
  v1::ReviewSettings s;
  s.set_name(kReviewSettingsName);
  s.set_cp_anchor(v1::CP_ANCHOR_FIRST_DISCUSSION);
  s.set_two_part_counts(v1::TWO_PART_COUNTS_FIRST_PART);
  s.set_two_part_completion_working_days(d.two_part_completion_working_days);
  for (int code : d.participating_codes) s.add_participating_codes(code);
  s.set_participation_target_per_mille(d.participation_target_per_mille);
  s.set_iro_notification_target_working_days(kGuidanceNotificationWorkingDays);
  s.set_caseload_benchmark_low(kGuidanceCaseloadLow);
  s.set_caseload_benchmark_high(kGuidanceCaseloadHigh);
  s.set_due_soon_working_days(d.due_soon_working_days);
  s.set_conference_minutes_working_days(d.conference_minutes_working_days);
  s.set_referral_response_working_days(d.referral_response.routine);
  s.set_urgent_referral_response_working_days(d.referral_response.urgent);
  s.set_concern_acknowledge_working_days(d.concerns.acknowledge);
  s.set_concern_answer_working_days(d.concerns.answer);
  return s;
}

void FillAddedFields(v1::ReviewSettings& s) {
  // proto3 reads a field absent from an older version as 0, which no valid setting is.
  if (s.due_soon_working_days() == 0) {
    s.set_due_soon_working_days(Settings().due_soon_working_days);
  }
  if (s.conference_minutes_working_days() == 0) {
    s.set_conference_minutes_working_days(Settings().conference_minutes_working_days);
  }
  if (s.referral_response_working_days() == 0) {
    s.set_referral_response_working_days(Settings().referral_response.routine);
  }
  if (s.urgent_referral_response_working_days() == 0) {
    s.set_urgent_referral_response_working_days(Settings().referral_response.urgent);
  }
  if (s.concern_acknowledge_working_days() == 0) {
    s.set_concern_acknowledge_working_days(Settings().concerns.acknowledge);
  }
  if (s.concern_answer_working_days() == 0) {
    s.set_concern_answer_working_days(Settings().concerns.answer);
  }
}

absl::Status ValidateReviewSettings(const v1::ReviewSettings& s) {
  FieldViolations v;
  if (s.cp_anchor() == v1::CP_ANCHOR_UNSPECIFIED || !v1::CpAnchor_IsValid(s.cp_anchor())) {
    v.Add("settings.cp_anchor", "must be CP_ANCHOR_FIRST_DISCUSSION or CP_ANCHOR_LAST_DISCUSSION");
  }
  if (s.two_part_counts() == v1::TWO_PART_COUNTS_UNSPECIFIED ||
      !v1::TwoPartCounts_IsValid(s.two_part_counts())) {
    v.Add("settings.two_part_counts",
          "must be TWO_PART_COUNTS_FIRST_PART or TWO_PART_COUNTS_SECOND_PART");
  }
  CheckRange(v, "two_part_completion_working_days", s.two_part_completion_working_days(), 1, 60);
  absl::flat_hash_set<int> codes;
  if (s.participating_codes_size() == 0) {
    v.Add("settings.participating_codes", "needs at least one PN code (1-7)");
  }
  for (int code : s.participating_codes()) {
    if (code < 1 || code > 7) {
      v.Add("settings.participating_codes", "takes SSDA903 PN codes 1-7 (PN0 never counts)");
    } else if (!codes.insert(code).second) {
      v.Add("settings.participating_codes", absl::StrCat("lists PN", code, " twice"));
    }
  }
  CheckRange(v, "participation_target_per_mille", s.participation_target_per_mille(), 1, 1000);
  CheckRange(v, "iro_notification_target_working_days", s.iro_notification_target_working_days(),
             1, 60);
  CheckRange(v, "caseload_benchmark_low", s.caseload_benchmark_low(), 1, 500);
  CheckRange(v, "caseload_benchmark_high", s.caseload_benchmark_high(), 1, 500);
  CheckRange(v, "due_soon_working_days", s.due_soon_working_days(), 1, 60);
  CheckRange(v, "conference_minutes_working_days", s.conference_minutes_working_days(), 1, 20);
  CheckRange(v, "referral_response_working_days", s.referral_response_working_days(), 1, 20);
  CheckRange(v, "urgent_referral_response_working_days",
             s.urgent_referral_response_working_days(), 1, 20);
  CheckRange(v, "concern_acknowledge_working_days", s.concern_acknowledge_working_days(), 1, 20);
  CheckRange(v, "concern_answer_working_days", s.concern_answer_working_days(), 1, 60);
  if (s.concern_acknowledge_working_days() > s.concern_answer_working_days()) {
    v.Add("settings.concern_acknowledge_working_days",
          "must not be longer than concern_answer_working_days");
  }
  if (s.urgent_referral_response_working_days() > s.referral_response_working_days()) {
    v.Add("settings.urgent_referral_response_working_days",
          "must not be longer than referral_response_working_days");
  }
  if (s.caseload_benchmark_low() > s.caseload_benchmark_high()) {
    v.Add("settings.caseload_benchmark_high", "must not be below caseload_benchmark_low");
  }
  if (s.departure_reason().empty()) {
    if (s.iro_notification_target_working_days() != kGuidanceNotificationWorkingDays) {
      v.Add("settings.iro_notification_target_working_days",
            "departs from the IRO Handbook's 5 working days: record departure_reason");
    }
    if (s.caseload_benchmark_low() != kGuidanceCaseloadLow ||
        s.caseload_benchmark_high() != kGuidanceCaseloadHigh) {
      v.Add("settings.caseload_benchmark_low",
            "departs from the IRO Handbook's 50-70 children per full-time IRO: record "
            "departure_reason");
    }
  }
  if (!v.empty()) return v.ToStatus();
  return absl::OkStatus();
}

Settings SettingsOf(const v1::ReviewSettings& s) {
  Settings out;
  out.schedule.cp_anchor = s.cp_anchor() == v1::CP_ANCHOR_LAST_DISCUSSION
                               ? CpAnchor::kLastDiscussion
                               : CpAnchor::kFirstDiscussion;
  out.two_part_counts = s.two_part_counts() == v1::TWO_PART_COUNTS_SECOND_PART
                            ? TwoPartCounts::kSecondPart
                            : TwoPartCounts::kFirstPart;
  out.two_part_completion_working_days = s.two_part_completion_working_days();
  out.participating_codes = {s.participating_codes().begin(), s.participating_codes().end()};
  out.participation_target_per_mille = s.participation_target_per_mille();
  out.iro_notification_target_working_days = s.iro_notification_target_working_days();
  out.caseload_benchmark_low = s.caseload_benchmark_low();
  out.caseload_benchmark_high = s.caseload_benchmark_high();
  out.due_soon_working_days = s.due_soon_working_days();
  out.conference_minutes_working_days = s.conference_minutes_working_days();
  out.referral_response.routine = s.referral_response_working_days();
  out.referral_response.urgent = s.urgent_referral_response_working_days();
  out.concerns.acknowledge = s.concern_acknowledge_working_days();
  out.concerns.answer = s.concern_answer_working_days();
  return out;
}

}  // namespace assure::reviews
