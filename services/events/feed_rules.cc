#include "services/events/feed_rules.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "services/common/errors.h"
#include "services/common/listing.h"
#include "services/common/principal.h"

namespace assure::events {
namespace {

bool IsWord(absl::string_view w) {
  if (w.empty()) return false;
  for (char c : w) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

bool IsEventType(absl::string_view type) {
  std::vector<absl::string_view> parts = absl::StrSplit(type, '.');
  return parts.size() == 3 && std::all_of(parts.begin(), parts.end(), IsWord);
}

bool IsChildName(absl::string_view child) {
  return absl::StartsWith(child, "children/") && child.size() > 9 &&
         child.find('/', 9) == absl::string_view::npos;
}

}  // namespace

absl::Status ValidateEvent(const v1::RecordEventRequest& req) {
  if (!IsEventType(req.type())) {
    return InvalidField("type", "must be {service}.{resource}.{verb} in lower case");
  }
  if (req.subject().empty()) return InvalidField("subject", "is required");
  if (!req.child().empty() && !IsChildName(req.child())) {
    return InvalidField("child", "must be children/{child}");
  }
  if (!req.partner().empty() && !IsTenantCode(req.partner())) {
    return InvalidField("partner", "must be a partner code");
  }
  if (!req.has_occur_time()) return InvalidField("occur_time", "is required");
  if (!IsWord(req.source())) {
    return InvalidField("source", "must name the sending service in lower case");
  }
  if (req.source_sequence() < 1) {
    return InvalidField("source_sequence", "must be the source's count of events, from 1");
  }
  return absl::OkStatus();
}

ReferralChange ReferralChangeOf(absl::string_view type) {
  if (type == "reviews.referral.made") return ReferralChange::kOpens;
  if (type == "reviews.referral.declined" || type == "reviews.referral.closed") {
    return ReferralChange::kCloses;
  }
  return ReferralChange::kNone;
}

std::vector<std::string> AudienceOf(const v1::Event& event,
                                    std::vector<std::string> referred_partners) {
  if (event.child().empty()) referred_partners.clear();
  if (!event.partner().empty()) referred_partners.push_back(event.partner());
  std::sort(referred_partners.begin(), referred_partners.end());
  referred_partners.erase(std::unique(referred_partners.begin(), referred_partners.end()),
                          referred_partners.end());
  return referred_partners;
}

absl::StatusOr<EventFilter> ParseEventFilter(absl::string_view filter) {
  auto terms = ParseFilter(filter, {"type", "child"});
  if (!terms.ok()) return terms.status();
  EventFilter f;
  if (auto it = terms->find("type"); it != terms->end()) {
    if (!IsEventType(it->second)) {
      return InvalidField("filter", "type takes an event type, e.g. reviews.review.moved");
    }
    f.type = it->second;
  }
  if (auto it = terms->find("child"); it != terms->end()) {
    if (!IsChildName(it->second)) {
      return InvalidField("filter", "child takes a child's name, e.g. children/C1");
    }
    f.child = it->second;
  }
  return f;
}

bool Matches(const EventFilter& filter, const v1::Event& event) {
  return (filter.type.empty() || filter.type == event.type()) &&
         (filter.child.empty() || filter.child == event.child());
}

}  // namespace assure::events
