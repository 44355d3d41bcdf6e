#include "services/reviews/history.h"

#include <map>
#include <optional>

#include "absl/strings/str_cat.h"
#include "services/common/dates.h"
#include "services/common/errors.h"

namespace assure::reviews {
namespace {

bool WithinAPeriodOfCare(const v1::Child& child, absl::CivilDay day) {
  for (const auto& p : child.periods_of_care()) {
    const auto start = FromProto(p.start_date()).day;
    const auto end = FromProto(p.end_date()).day;
    if (start && *start <= day && (!end || day <= *end)) return true;
  }
  return false;
}

// Meetings of one chain: conferences of either kind form one child protection chain.
int ChainOf(v1::ReviewKind kind) {
  return kind == v1::REVIEW_KIND_CP_INITIAL_CONFERENCE ||
                 kind == v1::REVIEW_KIND_CP_REVIEW_CONFERENCE ||
                 kind == v1::REVIEW_KIND_CP_TRANSFER_IN_CONFERENCE
             ? v1::REVIEW_KIND_CP_INITIAL_CONFERENCE
             : kind;
}

}  // namespace

absl::Status CheckRecordedHistory(const v1::Child& child, const std::vector<v1::Review>& reviews) {
  const auto authority = FromProto(child.adoption().authority_to_place_date()).day;
  std::map<int, std::pair<absl::CivilDay, std::string>> last_held;  // chain -> (day, name)
  for (const v1::Review& r : reviews) {
    if (r.state() != v1::REVIEW_STATE_HELD) continue;
    const auto held = FromProto(r.held_date()).day;
    if (!held) continue;
    if (r.kind() == v1::REVIEW_KIND_LAC_REVIEW && !WithinAPeriodOfCare(child, *held)) {
      return FailedRule("history.review_within_period_of_care",
                        absl::StrCat(r.name(), " was held on ", FormatDay(*held),
                                     ", which no period of care of ", child.name(),
                                     " would include"));
    }
    if (r.kind() == v1::REVIEW_KIND_ADOPTION_REVIEW && (!authority || *held < *authority)) {
      return FailedRule("history.adoption_review_after_authority",
                        absl::StrCat(r.name(), " was held on ", FormatDay(*held),
                                     ", before authority to place"));
    }
    auto& last = last_held[ChainOf(r.kind())];
    if (!last.second.empty() && *held < last.first) {
      return FailedRule("history.meetings_in_order",
                        absl::StrCat(r.name(), " would be held on ", FormatDay(*held),
                                     ", before ", last.second, " (", FormatDay(last.first), ")"));
    }
    last = {*held, r.name()};
  }
  return absl::OkStatus();
}

}  // namespace assure::reviews
