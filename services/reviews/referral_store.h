// The SQL of advocacy referrals (referrals.h), beside the reviews repository. Every
// function takes the connection it runs on and the tenant.
#ifndef ASSURE_SERVICES_REVIEWS_REFERRAL_STORE_H_
#define ASSURE_SERVICES_REVIEWS_REFERRAL_STORE_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "assure/reviews/v1/resources.pb.h"
#include "services/common/store/connection.h"

namespace assure::reviews {

namespace v1 = ::assure::reviews::v1;
using store::Connection;

// Filters already checked by the service; empty optionals are "any".
struct ReferralQuery {
  std::string child;  // "" for every child
  std::optional<std::string> partner;
  std::optional<int> state;
  std::optional<bool> open;
  std::optional<int> urgency;
  // The child has a scheduled meeting planned (or, unplanned, due) from `today` to
  // `meeting_until` (YYYY-MM-DD, both set together).
  std::string today;
  std::string meeting_until;
  std::string after_child;
  int64_t after_seq = 0;
  int limit = 50;
};

class ReferralStore {
 public:
  static absl::StatusOr<std::optional<v1::Referral>> Load(Connection& db, const std::string& tenant,
                                                          const std::string& child, int64_t seq);
  static absl::StatusOr<int64_t> NextSeq(Connection& db, const std::string& tenant,
                                         const std::string& child);
  static absl::Status Insert(Connection& db, const std::string& tenant, const std::string& child,
                             int64_t seq, v1::Referral& r);
  static absl::Status Update(Connection& db, const std::string& tenant, const std::string& child,
                             int64_t seq, v1::Referral& r);
  static absl::StatusOr<std::vector<v1::Referral>> List(Connection& db, const std::string& tenant,
                                                        const ReferralQuery& q);
  // The child's referred or accepted referrals.
  static absl::StatusOr<std::vector<v1::Referral>> OpenOf(Connection& db, const std::string& tenant,
                                                          const std::string& child);
  // Whether `partner` has an open referral of the child: the partner's scope.
  static absl::StatusOr<bool> IsReferredTo(Connection& db, const std::string& tenant,
                                           const std::string& child, const std::string& partner);
  // Partners with an open referral, by child, for the children from `first` to `last`.
  static absl::StatusOr<std::map<std::string, std::vector<std::string>>> OpenPartners(
      Connection& db, const std::string& tenant, const std::string& first, const std::string& last);
  // Every referral made from `from` to `to` inclusive (London days).
  static absl::StatusOr<std::vector<v1::Referral>> MadeBetween(Connection& db,
                                                               const std::string& tenant,
                                                               absl::CivilDay from,
                                                               absl::CivilDay to);
};

}  // namespace assure::reviews

#endif  // ASSURE_SERVICES_REVIEWS_REFERRAL_STORE_H_
