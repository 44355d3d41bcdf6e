// Bounds how long a process takes to stop. Draining waits for calls in flight, and a call
// waits for its commit; a database that stops answering (frozen, partitioned) would hold
// both forever, and the pod would be killed mid-write anyway. Past `limit` the process logs
// {"event":"drain_deadline_passed"} and exits with status 1. Nothing acknowledged is lost by
// it: a call is acknowledged only after its commit is durable.
//
//   Server::WaitForShutdownSignal();
//   DrainDeadline bound(config.drain_timeout + absl::Seconds(5));
//   server.Shutdown(); ... store->Stop();
#ifndef ASSURE_SERVICES_COMMON_DRAIN_DEADLINE_H_
#define ASSURE_SERVICES_COMMON_DRAIN_DEADLINE_H_

#include <thread>

#include "absl/synchronization/notification.h"
#include "absl/time/time.h"

namespace assure {

class DrainDeadline {
 public:
  explicit DrainDeadline(absl::Duration limit);
  // The stop finished in time.
  ~DrainDeadline();

 private:
  absl::Notification done_;
  std::thread watchdog_;
};

// How long a service's stop may take in all: its drain, then the store's last commits.
absl::Duration StopLimit(absl::Duration drain_timeout);

}  // namespace assure

#endif  // ASSURE_SERVICES_COMMON_DRAIN_DEADLINE_H_
