#include "protos/assure/reviews/v1/names.h"

#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/common/errors.h"

namespace assure::reviews {
namespace {

absl::Status Malformed(absl::string_view field, absl::string_view pattern) {
  return InvalidField(field, absl::StrCat("must be of the form ", pattern));
}

bool ParseSeq(absl::string_view part, bool allow_wildcard, int64_t* out) {
  if (allow_wildcard && part == "-") {
    *out = 0;
    return true;
  }
  return absl::SimpleAtoi(part, out) && *out > 0;
}

// children/{child}/{collection}/{seq}, into child and seq.
bool ParseChildItem(absl::string_view name, absl::string_view collection, std::string* child,
                    int64_t* seq) {
  std::vector<absl::string_view> p = absl::StrSplit(name, '/');
  if (p.size() != 4 || p[0] != "children" || !IsValidId(p[1]) || p[2] != collection ||
      !ParseSeq(p[3], false, seq)) {
    return false;
  }
  *child = std::string(p[1]);
  return true;
}

}  // namespace

absl::StatusOr<std::string> ParseChildName(absl::string_view name, absl::string_view field) {
  std::vector<absl::string_view> p = absl::StrSplit(name, '/');
  if (p.size() != 2 || p[0] != "children" || !IsValidId(p[1])) {
    return Malformed(field, "children/{case reference}");
  }
  return std::string(p[1]);
}

absl::StatusOr<std::string> ParseChildParent(absl::string_view name, absl::string_view field) {
  if (name == "children/-") return std::string();
  return ParseChildName(name, field);
}

absl::StatusOr<std::string> ParseIroName(absl::string_view name, absl::string_view field) {
  std::vector<absl::string_view> p = absl::StrSplit(name, '/');
  if (p.size() != 2 || p[0] != "iros" || !IsValidId(p[1])) return Malformed(field, "iros/{iro}");
  return std::string(p[1]);
}

absl::StatusOr<ReviewName> ParseReviewName(absl::string_view name, absl::string_view field,
                                           bool allow_wildcard) {
  std::vector<absl::string_view> p = absl::StrSplit(name, '/');
  ReviewName out;
  const bool child_ok = p.size() == 4 && (IsValidId(p[1]) || (allow_wildcard && p[1] == "-"));
  if (!child_ok || p[0] != "children" || p[2] != "reviews" ||
      !ParseSeq(p[3], allow_wildcard, &out.review)) {
    return Malformed(field, "children/{child}/reviews/{review}");
  }
  out.child = p[1] == "-" ? "" : std::string(p[1]);
  return out;
}

absl::StatusOr<DecisionName> ParseDecisionName(absl::string_view name, absl::string_view field,
                                               bool allow_wildcard) {
  const size_t cut = name.rfind("/decisions/");
  if (cut == absl::string_view::npos) {
    return Malformed(field, "children/{child}/reviews/{review}/decisions/{decision}");
  }
  auto review = ParseReviewName(name.substr(0, cut), field, allow_wildcard);
  if (!review.ok()) return review.status();
  DecisionName out{review->child, review->review, 0};
  if (!ParseSeq(name.substr(cut + 11), false, &out.decision)) {
    return Malformed(field, "children/{child}/reviews/{review}/decisions/{decision}");
  }
  return out;
}

absl::StatusOr<NotificationName> ParseNotificationName(absl::string_view name,
                                                       absl::string_view field) {
  NotificationName out;
  if (!ParseChildItem(name, "notifications", &out.child, &out.notification)) {
    return Malformed(field, "children/{child}/notifications/{notification}");
  }
  return out;
}

absl::StatusOr<ReferralName> ParseReferralName(absl::string_view name, absl::string_view field) {
  ReferralName out;
  if (!ParseChildItem(name, "referrals", &out.child, &out.referral)) {
    return Malformed(field, "children/{child}/referrals/{referral}");
  }
  return out;
}

absl::StatusOr<ConcernName> ParseConcernName(absl::string_view name, absl::string_view field) {
  ConcernName out;
  if (!ParseChildItem(name, "concerns", &out.child, &out.concern)) {
    return Malformed(field, "children/{child}/concerns/{concern}");
  }
  return out;
}

absl::StatusOr<ChildViewsName> ParseChildViewsName(absl::string_view name,
                                                   absl::string_view field) {
  constexpr absl::string_view kPattern = "children/{child}/reviews/{review}/views/{views}";
  const size_t cut = name.rfind("/views/");
  if (cut == absl::string_view::npos) return Malformed(field, kPattern);
  auto review = ParseReviewName(name.substr(0, cut), field);
  ChildViewsName out;
  if (!review.ok() || !ParseSeq(name.substr(cut + 7), false, &out.views)) {
    return Malformed(field, kPattern);
  }
  out.child = review->child;
  out.review = review->review;
  return out;
}

std::string ChildName(absl::string_view child) { return absl::StrCat("children/", child); }
std::string IroName(absl::string_view iro) { return absl::StrCat("iros/", iro); }
std::string ReviewNameOf(absl::string_view child, int64_t review) {
  return absl::StrCat("children/", child, "/reviews/", review);
}
std::string DecisionNameOf(absl::string_view child, int64_t review, int64_t decision) {
  return absl::StrCat(ReviewNameOf(child, review), "/decisions/", decision);
}

std::string NotificationNameOf(absl::string_view child, int64_t notification) {
  return absl::StrCat("children/", child, "/notifications/", notification);
}

std::string ReferralNameOf(absl::string_view child, int64_t referral) {
  return absl::StrCat("children/", child, "/referrals/", referral);
}

std::string ConcernNameOf(absl::string_view child, int64_t concern) {
  return absl::StrCat("children/", child, "/concerns/", concern);
}

std::string ChildViewsNameOf(absl::string_view child, int64_t review, int64_t views) {
  return absl::StrCat(ReviewNameOf(child, review), "/views/", views);
}

}  // namespace assure::reviews
