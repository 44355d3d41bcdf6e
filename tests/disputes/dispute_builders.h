// Disputes as the domain tests need them: raised at a London time on the default ladder.
#ifndef ASSURE_TESTS_DISPUTES_DISPUTE_BUILDERS_H_
#define ASSURE_TESTS_DISPUTES_DISPUTE_BUILDERS_H_

#include <string>

#include "absl/time/civil_time.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/disputes/ladder.h"
#include "services/disputes/moves.h"
#include "tests/support/call_context.h"

namespace assure::disputes {

inline absl::Time At(int y, int m, int d, int h = 10) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, h, 0, 0), London());
}

inline Move By(const std::string& who, absl::Time when, const std::string& note = "we met") {
  return Move{who, when, note, false};
}

inline v1::Dispute NewDispute(const std::string& id, int start_level = 0,
                              const std::string& theme = "permanent_placement_delay") {
  v1::Dispute d;
  d.set_name("disputes/" + id);
  d.set_child("children/C1");
  d.set_theme(theme);
  d.set_concern("no permanent placement after nine months");
  d.set_stage_level(start_level);
  return d;
}

// The rule a status names (PreconditionFailure) or "".
inline std::string RuleOf(const absl::Status& st) {
  return testing::FailedRuleOf(ToGrpcStatus(st));
}
inline std::vector<std::string> FieldsOf(const absl::Status& st) {
  return testing::BadFields(ToGrpcStatus(st));
}

}  // namespace assure::disputes

#endif  // ASSURE_TESTS_DISPUTES_DISPUTE_BUILDERS_H_
