// A thread that runs one round of work whenever it is woken, and every `poll` when nothing
// wakes it, until stopped: for work that follows data changing (an outbox after a commit, a
// feed after an event) and must also notice what another replica changed. Wake-ups that come
// while a round runs are kept, so none is lost; several make one more round.
#ifndef ASSURE_SERVICES_COMMON_WAKEABLE_LOOP_H_
#define ASSURE_SERVICES_COMMON_WAKEABLE_LOOP_H_

#include <functional>
#include <thread>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace assure {

class WakeableLoop {
 public:
  WakeableLoop(absl::Duration poll, std::function<void()> round)
      : poll_(poll), round_(std::move(round)) {}
  ~WakeableLoop() { Stop(); }

  void Start();
  // Waits for the round in progress, if any, to end.
  void Stop();
  void Wake();
  // Whether Stop has been called: a long round checks it to end early.
  bool stopping();

 private:
  const absl::Duration poll_;
  const std::function<void()> round_;
  absl::Mutex mu_;
  bool woken_ ABSL_GUARDED_BY(mu_) = false;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace assure

#endif  // ASSURE_SERVICES_COMMON_WAKEABLE_LOOP_H_
