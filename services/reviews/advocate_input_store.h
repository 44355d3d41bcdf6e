// The SQL of what advocates send the IRO: the child's views before a meeting (child_views.h)
// and concerns (concerns.h). Every function takes the connection it runs on and the tenant.
#ifndef ASSURE_SERVICES_REVIEWS_ADVOCATE_INPUT_STORE_H_
#define ASSURE_SERVICES_REVIEWS_ADVOCATE_INPUT_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "assure/reviews/v1/resources.pb.h"
#include "services/common/store/connection.h"

namespace assure::reviews {

namespace v1 = ::assure::reviews::v1;
using store::Connection;

// One meeting's views, narrowed to what the reader may see (child_views.h ViewsReader).
struct ViewsQuery {
  std::string child;
  int64_t review = 0;
  std::optional<std::string> partner;
  std::optional<int> audience;
  int64_t after_seq = 0;
  int limit = 50;
};

// Filters already checked by the service; empty optionals are "any".
struct ConcernQuery {
  std::string child;  // "" for every child
  std::optional<std::string> partner;
  std::optional<int> state;
  std::optional<bool> overdue;
  std::string today;  // YYYY-MM-DD, with overdue
  std::string after_child;
  int64_t after_seq = 0;
  int limit = 50;
};

class AdvocateInputStore {
 public:
  static absl::StatusOr<int64_t> NextViewsSeq(Connection& db, const std::string& tenant,
                                              const std::string& child, int64_t review);
  static absl::Status InsertViews(Connection& db, const std::string& tenant,
                                  const std::string& child, int64_t review, int64_t seq,
                                  v1::ChildViews& views);
  // A meeting's views, oldest first.
  static absl::StatusOr<std::vector<v1::ChildViews>> ListViews(Connection& db,
                                                               const std::string& tenant,
                                                               const ViewsQuery& q);

  static absl::StatusOr<std::optional<v1::Concern>> LoadConcern(Connection& db,
                                                                const std::string& tenant,
                                                                const std::string& child,
                                                                int64_t seq);
  static absl::StatusOr<int64_t> NextConcernSeq(Connection& db, const std::string& tenant,
                                                const std::string& child);
  static absl::Status InsertConcern(Connection& db, const std::string& tenant,
                                    const std::string& child, int64_t seq, v1::Concern& c);
  static absl::Status UpdateConcern(Connection& db, const std::string& tenant,
                                    const std::string& child, int64_t seq, v1::Concern& c);
  static absl::StatusOr<std::vector<v1::Concern>> ListConcerns(Connection& db,
                                                               const std::string& tenant,
                                                               const ConcernQuery& q);
};

}  // namespace assure::reviews

#endif  // ASSURE_SERVICES_REVIEWS_ADVOCATE_INPUT_STORE_H_
