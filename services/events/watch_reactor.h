// One WatchEvents call: the feed from the caller's position, then each new event, one write
// at a time. It holds at most one page of events in memory and reads the next only when the
// client has taken the last, so a slow client costs the server a position, not a buffer.
#ifndef ASSURE_SERVICES_EVENTS_WATCH_REACTOR_H_
#define ASSURE_SERVICES_EVENTS_WATCH_REACTOR_H_

#include <cstdint>
#include <deque>
#include <string>

#include "absl/synchronization/mutex.h"
#include "assure/events/v1/resources.pb.h"
#include "grpcpp/support/server_callback.h"
#include "prometheus/gauge.h"
#include "services/common/principal.h"
#include "services/common/store/store.h"
#include "services/events/feed_rules.h"
#include "services/events/feed_tail.h"

namespace assure::events {

class WatchReactor : public grpc::ServerWriteReactor<v1::Event> {
 public:
  // Events read from the store at a time.
  static constexpr int kPage = 256;

  WatchReactor(store::Store& store, FeedTail& tail, const Principal& who, int64_t after,
               EventFilter filter);

  void OnWriteDone(bool ok) override;
  void OnCancel() override;
  void OnDone() override;

 private:
  // Writes the next event, reading a page first if none is held; called after every write
  // and whenever the tail says the feed grew.
  void Pump();
  void PumpLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // This replica is stopping: the watcher is told to go on elsewhere.
  void End();
  void FinishLocked(const grpc::Status& status) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  store::Store& store_;
  FeedTail& tail_;
  const std::string tenant_;
  const std::string partner_;
  const EventFilter filter_;
  FeedTail::WatcherId id_ = 0;

  absl::Mutex mu_;
  int64_t position_ ABSL_GUARDED_BY(mu_);
  std::deque<v1::Event> held_ ABSL_GUARDED_BY(mu_);
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool cancelled_ ABSL_GUARDED_BY(mu_) = false;
  bool ending_ ABSL_GUARDED_BY(mu_) = false;
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace assure::events

#endif  // ASSURE_SERVICES_EVENTS_WATCH_REACTOR_H_
