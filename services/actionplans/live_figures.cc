#include "services/actionplans/live_figures.h"

#include "services/common/working_days.h"

namespace assure::actionplans {

std::set<v1::LiveFigure> FiguresNamed(const std::vector<v1::Plan>& plans) {
  std::set<v1::LiveFigure> out;
  for (const auto& p : plans) {
    for (const auto& m : p.success_measures()) {
      if (m.figure() != v1::LIVE_FIGURE_UNSPECIFIED) out.insert(m.figure());
    }
  }
  return out;
}

bool LowerIsBetter(v1::LiveFigure figure) {
  return figure == v1::LIVE_FIGURE_REVIEWS_LATE_PER_MILLE;
}

v1::MeasureReading ReadMeasure(const v1::SuccessMeasure& measure, const LiveValues& live) {
  v1::MeasureReading r;
  *r.mutable_measure() = measure;
  const auto value = live.values.find(measure.figure());
  if (value == live.values.end()) {
    const auto why = live.unavailable.find(measure.figure());
    r.set_unavailable(why != live.unavailable.end() ? why->second : "not read");
    return r;
  }
  r.set_has_value(true);
  r.set_value(value->second);
  r.set_met(LowerIsBetter(measure.figure()) ? value->second <= measure.target()
                                            : value->second >= measure.target());
  return r;
}

void ReadMeasures(const std::vector<v1::Plan>& plans, const LiveValues& live,
                  v1::BoardReport& report) {
  for (size_t i = 0; i < plans.size() && static_cast<int>(i) < report.plans_size(); ++i) {
    for (const auto& m : plans[i].success_measures()) {
      if (m.figure() == v1::LIVE_FIGURE_UNSPECIFIED) continue;
      *report.mutable_plans(static_cast<int>(i))->add_measures() = ReadMeasure(m, live);
    }
  }
}

std::pair<absl::CivilDay, absl::CivilDay> TwelveMonthsTo(absl::CivilDay today) {
  return {AddMonths(today, -12) + 1, today};
}

}  // namespace assure::actionplans
