#include "services/common/wakeable_loop.h"

namespace assure {

void WakeableLoop::Start() {
  thread_ = std::thread([this] {
    for (;;) {
      {
        absl::MutexLock lock(&mu_);
        mu_.AwaitWithTimeout(absl::Condition(
                                 +[](WakeableLoop* l) ABSL_EXCLUSIVE_LOCKS_REQUIRED(l->mu_) {
                                   return l->woken_ || l->stopping_;
                                 },
                                 this),
                             poll_);
        if (stopping_) return;
        woken_ = false;
      }
      round_();
    }
  });
}

void WakeableLoop::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

void WakeableLoop::Wake() {
  absl::MutexLock lock(&mu_);
  woken_ = true;
}

bool WakeableLoop::stopping() {
  absl::MutexLock lock(&mu_);
  return stopping_;
}

}  // namespace assure
