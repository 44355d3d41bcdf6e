// The access log's writer: one JSON line per call, handed to a background thread that
// writes them in batches. A write(2) per call cost more than the rest of the call's
// bookkeeping at thousands of calls a second (measured at the gateway: 14 us of 65 us per
// call). Lines reach the file within 100 ms, and every queued line is written at shutdown.
#ifndef ASSURE_SERVICES_COMMON_ACCESS_LOG_H_
#define ASSURE_SERVICES_COMMON_ACCESS_LOG_H_

#include <string>
#include <thread>

#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace assure {

class AccessLog {
 public:
  explicit AccessLog(int fd);
  ~AccessLog();  // writes what is queued, then stops

  void Write(absl::string_view line);

 private:
  void Run();

  const int fd_;
  absl::Mutex mu_;
  std::string pending_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread writer_;
};

// RFC 3339 in UTC with microseconds, e.g. 2026-11-25T02:14:05.123456Z.
std::string FormatUtcMicros(absl::Time t);

}  // namespace assure

#endif  // ASSURE_SERVICES_COMMON_ACCESS_LOG_H_
