// Runs a function every period on its own thread until stopped: for work that depends on
// the passing of time rather than on data changing (a date rolling over makes decisions
// overdue). Start, serve, stop, like every long-lived part.
#ifndef ASSURE_SERVICES_COMMON_TICKER_H_
#define ASSURE_SERVICES_COMMON_TICKER_H_

#include <functional>
#include <thread>

#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"

namespace assure {

class Ticker {
 public:
  Ticker(absl::Duration period, std::function<void()> fn)
      : period_(period), fn_(std::move(fn)) {}
  ~Ticker() { Stop(); }

  void Start() {
    thread_ = std::thread([this] {
      while (!stop_.WaitForNotificationWithTimeout(period_)) fn_();
    });
  }
  void Stop() {
    if (!thread_.joinable()) return;
    stop_.Notify();
    thread_.join();
  }

 private:
  absl::Duration period_;
  std::function<void()> fn_;
  absl::Notification stop_;
  std::thread thread_;
};

}  // namespace assure

#endif  // ASSURE_SERVICES_COMMON_TICKER_H_
