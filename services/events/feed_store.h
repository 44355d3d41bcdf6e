// The feed's SQL, one function per question.
#ifndef ASSURE_SERVICES_EVENTS_FEED_STORE_H_
#define ASSURE_SERVICES_EVENTS_FEED_STORE_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "assure/events/v1/resources.pb.h"
#include "services/common/store/connection.h"
#include "services/events/feed_rules.h"

namespace assure::events {

using store::Connection;

class FeedStore {
 public:
  // Records `event` (event_id, source and source_sequence set; sequence and name not) in its
  // source's order: appended to the feed when it is the source's next, followed by any held
  // events that now follow on; held back when an earlier one of its source has not come.
  // Returns its feed sequence, 0 while held; `*appended` is how many events joined the feed
  // (it, and the held ones it released), `*held_change` how the number held moved (+1 when it
  // is held, minus those it released). An event_id recorded before is not recorded again:
  // its first sequence is returned.
  static absl::StatusOr<int64_t> Record(Connection& db, const std::string& tenant,
                                        const v1::Event& event, int* appended, int* held_change);

  // Up to `limit` of the tenant's events after `after`, oldest first; only those shown to
  // `partner` unless it is empty. Events the filter refuses are skipped but still move
  // `*scanned_to` (the last sequence looked at: the feed's end when the page came back short,
  // however few of the events there were the partner's), so a reader never looks at them
  // again.
  static absl::StatusOr<std::vector<v1::Event>> After(Connection& db, const std::string& tenant,
                                                      const std::string& partner, int64_t after,
                                                      int limit, const EventFilter& filter,
                                                      int64_t* scanned_to);

  // The tenant's last sequence: where its feed ends now (0 before its first event).
  static absl::StatusOr<int64_t> End(Connection& db, const std::string& tenant);
  // Every tenant's last sequence.
  static absl::StatusOr<std::map<std::string, int64_t>> LastSequences(Connection& db);

 private:
  // The tenant's next feed sequence, with the partners shown it and the referrals it changes.
  static absl::StatusOr<int64_t> Append(Connection& db, const std::string& tenant, v1::Event event);
};

}  // namespace assure::events

#endif  // ASSURE_SERVICES_EVENTS_FEED_STORE_H_
