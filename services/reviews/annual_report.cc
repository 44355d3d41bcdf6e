#include "services/reviews/annual_report.h"

#include <map>

#include "services/common/dates.h"
#include "services/reviews/kinds.h"
#include "services/reviews/recording.h"

namespace assure::reviews {
namespace {

void FillTimeliness(const std::vector<ReportMeeting>& meetings, v1::AnnualReport& report) {
  std::map<int, v1::MeetingTimeliness> by_kind;
  std::map<int, std::map<int, int>> reasons;
  for (const ReportMeeting& m : meetings) {
    auto& t = by_kind[static_cast<int>(KindToProto(m.kind))];
    t.set_kind(KindToProto(m.kind));
    t.set_held(t.held() + 1);
    if (m.late) {
      t.set_late(t.late() + 1);
      ++reasons[t.kind()][m.late_reason];
    }
  }
  int held = 0, late = 0;
  for (auto& [kind, t] : by_kind) {
    t.set_late_per_mille(PerMille(t.late(), t.held()));
    for (const auto& [reason, count] : reasons[kind]) {
      auto* r = t.add_late_reasons();
      r->set_reason(static_cast<v1::LateReason>(reason));
      r->set_count(count);
    }
    held += t.held();
    late += t.late();
    *report.add_meetings() = t;
  }
  report.set_reviews_held(held);
  report.set_reviews_late(late);
  report.set_reviews_late_per_mille(PerMille(late, held));
}

void FillParticipation(const std::vector<ReportMeeting>& meetings, const Settings& settings,
                       v1::AnnualReport& report) {
  int eligible = 0, participating = 0, saw = 0, chaired = 0;
  for (const ReportMeeting& m : meetings) {
    if (IsChildProtection(m.kind)) continue;
    saw += m.iro_saw_child_beforehand;
    chaired += m.child_chaired;
    if (m.kind != MeetingKind::kLacReview || !m.participation ||
        !CountsForParticipation(*m.participation)) {
      continue;
    }
    ++eligible;
    participating += Participated(*m.participation, settings);
  }
  auto* p = report.mutable_participation();
  p->set_eligible_reviews(eligible);
  p->set_participating_reviews(participating);
  p->set_rate_per_mille(PerMille(participating, eligible));
  p->set_target_per_mille(settings.participation_target_per_mille);
  p->set_target_met(eligible > 0 && p->rate_per_mille() >= settings.participation_target_per_mille);
  for (int code : settings.participating_codes) p->add_codes_counted("PN" + std::to_string(code));
  report.set_iro_saw_child_beforehand(saw);
  report.set_child_chaired(chaired);
}

void FillCaseloads(const std::vector<ReportIro>& iros, const Settings& settings,
                   v1::AnnualReport& report) {
  int lac = 0, cp = 0, lac_fte = 0, cp_fte = 0;
  for (const ReportIro& iro : iros) {
    auto* c = report.add_caseloads();
    c->set_iro(iro.name);
    c->set_fte_hundredths(iro.fte_hundredths);
    c->set_lac_caseload(iro.lac_caseload);
    c->set_cp_caseload(iro.cp_caseload);
    if (iro.chairs_lac) {
      lac += iro.lac_caseload;
      lac_fte += iro.fte_hundredths;
    }
    if (iro.chairs_cp) {
      cp += iro.cp_caseload;
      cp_fte += iro.fte_hundredths;
    }
  }
  // Children per full-time IRO, in hundredths: count * 100 (per FTE) * 100 (hundredths).
  report.set_lac_caseload_per_fte_hundredths(lac_fte ? lac * 10000 / lac_fte : 0);
  report.set_cp_caseload_per_fte_hundredths(cp_fte ? cp * 10000 / cp_fte : 0);
  report.set_caseload_benchmark_low(settings.caseload_benchmark_low);
  report.set_caseload_benchmark_high(settings.caseload_benchmark_high);
}

// The distribution items of seed 001 3.7, in the order the report lists them.
constexpr const char* kDistributionItems[] = {"decisions_distributed", "record_distributed",
                                              "minutes_distributed"};

void FillDistribution(const std::vector<ReportMeeting>& meetings, v1::AnnualReport& report) {
  std::map<std::string, v1::DistributionCompliance> by_item;
  for (const char* item : kDistributionItems) by_item[item].set_item(item);
  for (const ReportMeeting& m : meetings) {
    for (const auto& [item, status] : m.paperwork) {
      auto it = by_item.find(item);
      if (it == by_item.end()) continue;
      auto& d = it->second;
      switch (status) {
        case v1::PAPERWORK_STATUS_ON_TIME: d.set_on_time(d.on_time() + 1); break;
        case v1::PAPERWORK_STATUS_LATE: d.set_late(d.late() + 1); break;
        case v1::PAPERWORK_STATUS_OVERDUE: d.set_overdue(d.overdue() + 1); break;
        case v1::PAPERWORK_STATUS_PENDING: d.set_pending(d.pending() + 1); break;
        default: break;
      }
    }
  }
  for (const char* item : kDistributionItems) {
    auto& d = by_item[item];
    d.set_on_time_per_mille(PerMille(d.on_time(), d.on_time() + d.late() + d.overdue()));
    *report.add_distribution() = d;
  }
}

void FillAdmissions(absl::CivilDay start, absl::CivilDay end,
                    const std::vector<ReportPeriod>& periods, v1::AnnualReport& report) {
  std::map<std::string, int> admissions = {{"0-12", 0}, {"13+", 0}};
  std::map<std::string, int> discharges = admissions;
  int at_end = 0;
  for (const ReportPeriod& p : periods) {
    if (p.start >= start && p.start <= end) ++admissions[AgeBand(p.birth, p.start)];
    if (p.end && *p.end >= start && *p.end <= end) ++discharges[AgeBand(p.birth, *p.end)];
    if (p.start <= end && (!p.end || *p.end > end)) ++at_end;
  }
  for (const auto& [band, count] : admissions) {
    auto* a = report.add_admissions();
    a->set_age_band(band);
    a->set_count(count);
  }
  for (const auto& [band, count] : discharges) {
    auto* d = report.add_discharges();
    d->set_age_band(band);
    d->set_count(count);
  }
  report.set_looked_after_at_end(at_end);
}

}  // namespace

int PerMille(int numerator, int denominator) {
  if (denominator <= 0) return 0;
  return static_cast<int>((static_cast<int64_t>(numerator) * 1000 + denominator / 2) / denominator);
}

const char* AgeBand(absl::CivilDay birth, absl::CivilDay day) {
  return AgeOn(birth, day) <= 12 ? "0-12" : "13+";
}

v1::AnnualReport BuildAnnualReport(absl::CivilDay start, absl::CivilDay end,
                                   const std::vector<ReportMeeting>& meetings,
                                   const std::vector<ReportPeriod>& periods,
                                   const std::vector<ReportIro>& iros, const Settings& settings) {
  v1::AnnualReport report;
  *report.mutable_start_date() = assure::ToProto(start);
  *report.mutable_end_date() = assure::ToProto(end);
  FillTimeliness(meetings, report);
  FillParticipation(meetings, settings, report);
  FillCaseloads(iros, settings, report);
  FillAdmissions(start, end, periods, report);
  FillDistribution(meetings, report);
  return report;
}

}  // namespace assure::reviews
