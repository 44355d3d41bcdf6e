// Wakes the watchers of a tenant's feed when it may have grown: at once for events this
// process recorded, and within `poll` for those another replica recorded (it reads every
// tenant's last sequence, one small table, each round). Watchers then read the store from
// their own position, so a wake-up lost or repeated costs nothing but a read.
#ifndef ASSURE_SERVICES_EVENTS_FEED_TAIL_H_
#define ASSURE_SERVICES_EVENTS_FEED_TAIL_H_

#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/common/store/store.h"
#include "services/common/wakeable_loop.h"

namespace assure::events {

class FeedTail {
 public:
  using WatcherId = int64_t;

  FeedTail(store::Store& store, absl::Duration poll)
      : store_(store), loop_(poll, [this] { Round(); }) {}
  ~FeedTail() { Stop(); }

  // Takes one of `max` watcher slots: false when all are taken. Checked and taken at once, so
  // calls arriving together never pass the bound; the slot is freed by Remove.
  bool TakeSlot(int max);
  // A watcher, in a slot taken first. `poke` runs, on the tail's thread, whenever the
  // tenant's feed may have grown, and `end` once if the process is stopping, until Remove
  // returns. Neither may call back into the tail.
  WatcherId Add(const std::string& tenant, std::function<void()> poke, std::function<void()> end);
  // The process is stopping: every watcher is ended (to resume from its last sequence on
  // another replica) rather than held until the drain's deadline.
  void EndAll();
  // Removes the watcher and frees its slot.
  void Remove(WatcherId id);
  // This process recorded an event for `tenant`.
  void Recorded(const std::string& tenant);

  void Start();
  void Stop();

 private:
  struct Watcher {
    std::string tenant;
    std::function<void()> poke;
    std::function<void()> end;
  };
  void Round();

  store::Store& store_;
  absl::Mutex mu_;
  std::map<WatcherId, Watcher> watchers_ ABSL_GUARDED_BY(mu_);
  WatcherId next_id_ ABSL_GUARDED_BY(mu_) = 1;
  int slots_taken_ ABSL_GUARDED_BY(mu_) = 0;
  std::map<std::string, int64_t> seen_ ABSL_GUARDED_BY(mu_);
  WakeableLoop loop_;
};

}  // namespace assure::events

#endif  // ASSURE_SERVICES_EVENTS_FEED_TAIL_H_
