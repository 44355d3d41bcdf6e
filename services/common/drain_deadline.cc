#include "services/common/drain_deadline.h"

#include <unistd.h>

#include <cstdio>

namespace assure {

DrainDeadline::DrainDeadline(absl::Duration limit)
    : watchdog_([this, limit] {
        if (done_.WaitForNotificationWithTimeout(limit)) return;
        // Async-signal-safe writes only: other threads are stuck, perhaps holding locks.
        static constexpr char kLine[] = "{\"event\":\"drain_deadline_passed\"}\n";
        ssize_t ignored = write(STDERR_FILENO, kLine, sizeof kLine - 1);
        (void)ignored;
        _exit(1);
      }) {}

DrainDeadline::~DrainDeadline() {
  done_.Notify();
  watchdog_.join();
}

absl::Duration StopLimit(absl::Duration drain_timeout) { return drain_timeout + absl::Seconds(5); }

}  // namespace assure
