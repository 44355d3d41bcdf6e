#include "services/common/access_log.h"

#include <unistd.h>

#include "absl/strings/str_format.h"

namespace assure {
namespace {

constexpr size_t kFlushBytes = 64 << 10;

void WriteAll(int fd, const std::string& data) {
  size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n <= 0) return;  // nowhere to log to: the calls themselves are unaffected
    done += static_cast<size_t>(n);
  }
}

}  // namespace

AccessLog::AccessLog(int fd) : fd_(fd), writer_([this] { Run(); }) {}

AccessLog::~AccessLog() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  writer_.join();
}

void AccessLog::Write(absl::string_view line) {
  absl::MutexLock lock(&mu_);
  pending_.append(line.data(), line.size());
}

void AccessLog::Run() {
  for (;;) {
    std::string batch;
    bool last = false;
    {
      absl::MutexLock lock(&mu_);
      mu_.AwaitWithTimeout(absl::Condition(
                               +[](AccessLog* log) ABSL_EXCLUSIVE_LOCKS_REQUIRED(log->mu_) {
                                 return log->stopping_ || log->pending_.size() >= kFlushBytes;
                               },
                               this),
                           absl::Milliseconds(100));
      batch.swap(pending_);
      last = stopping_;
    }
    WriteAll(fd_, batch);
    if (last) return;
  }
}

std::string FormatUtcMicros(absl::Time t) {
  const absl::CivilSecond s = absl::ToCivilSecond(t, absl::UTCTimeZone());
  const int64_t micros = absl::ToUnixMicros(t) % 1000000;
  return absl::StrFormat("%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", s.year(), s.month(), s.day(),
                         s.hour(), s.minute(), s.second(), micros < 0 ? micros + 1000000 : micros);
}

}  // namespace assure
