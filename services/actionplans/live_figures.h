// Success measures read against the figures the suite computes (participation, late reviews,
// audit grades), each over the twelve months to the report's day. Pure: the values come from
// the services that keep them (service_live_figures.cc).
#ifndef ASSURE_SERVICES_ACTIONPLANS_LIVE_FIGURES_H_
#define ASSURE_SERVICES_ACTIONPLANS_LIVE_FIGURES_H_

#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "assure/actionplans/v1/resources.pb.h"

namespace assure::actionplans {

namespace v1 = ::assure::actionplans::v1;

// The values one report read, and why any could not be read.
struct LiveValues {
  std::map<v1::LiveFigure, int64_t> values;
  std::map<v1::LiveFigure, std::string> unavailable;
};

// The live figures the plans' success measures name, each once.
std::set<v1::LiveFigure> FiguresNamed(const std::vector<v1::Plan>& plans);

// Whether a figure is better the lower it is (late reviews).
bool LowerIsBetter(v1::LiveFigure figure);

// `measure` read against `live`.
v1::MeasureReading ReadMeasure(const v1::SuccessMeasure& measure, const LiveValues& live);

// Every plan line of `report` given its plan's measures that name a live figure, read
// against `live`; `plans` are the report's plans, in its order.
void ReadMeasures(const std::vector<v1::Plan>& plans, const LiveValues& live,
                  v1::BoardReport& report);

// The twelve months to `today`, as first and last day.
std::pair<absl::CivilDay, absl::CivilDay> TwelveMonthsTo(absl::CivilDay today);

}  // namespace assure::actionplans

#endif  // ASSURE_SERVICES_ACTIONPLANS_LIVE_FIGURES_H_
