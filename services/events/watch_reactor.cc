#include "services/events/watch_reactor.h"

#include "services/common/errors.h"
#include "services/events/feed_store.h"

namespace assure::events {

WatchReactor::WatchReactor(store::Store& store, FeedTail& tail, const Principal& who, int64_t after,
                           EventFilter filter)
    : store_(store),
      tail_(tail),
      tenant_(who.tenant),
      partner_(who.partner),
      filter_(std::move(filter)),
      position_(after) {
  // Registered before the first read, so an event recorded in between wakes it.
  id_ = tail_.Add(
      tenant_, [this] { Pump(); }, [this] { End(); });
  Pump();
}

void WatchReactor::Pump() {
  absl::MutexLock lock(&mu_);
  PumpLocked();
}

void WatchReactor::PumpLocked() {
  if (writing_ || finished_) return;
  if (cancelled_) return FinishLocked(grpc::Status::CANCELLED);
  if (ending_) {
    return FinishLocked(grpc::Status(grpc::StatusCode::UNAVAILABLE,
                                     "this replica is stopping: watch again after the last "
                                     "sequence you have"));
  }
  while (held_.empty()) {
    int64_t scanned = position_;
    std::vector<v1::Event> page;
    auto st = store_.Read(tenant_, [&](store::Connection& db) {
      auto read = FeedStore::After(db, tenant_, partner_, position_, kPage, filter_, &scanned);
      if (!read.ok()) return read.status();
      page = std::move(read).value();
      return absl::OkStatus();
    });
    if (!st.ok()) return FinishLocked(ToGrpcStatus(st));
    if (scanned == position_) return;  // nothing new: wait for the tail
    position_ = scanned;
    for (auto& e : page) held_.push_back(std::move(e));
  }
  writing_ = true;
  StartWrite(&held_.front());
}

void WatchReactor::OnWriteDone(bool ok) {
  absl::MutexLock lock(&mu_);
  writing_ = false;
  if (!ok) return FinishLocked(grpc::Status(grpc::StatusCode::CANCELLED, "the watcher left"));
  held_.pop_front();
  PumpLocked();
}

void WatchReactor::End() {
  absl::MutexLock lock(&mu_);
  ending_ = true;
  PumpLocked();  // finishes now, or once the write in flight is done
}

void WatchReactor::OnCancel() {
  absl::MutexLock lock(&mu_);
  cancelled_ = true;
  FinishLocked(grpc::Status::CANCELLED);
}

void WatchReactor::FinishLocked(const grpc::Status& status) {
  // A write in flight completes (failing, once cancelled) before Finish may be called.
  if (finished_ || writing_) return;
  finished_ = true;
  Finish(status);
}

void WatchReactor::OnDone() {
  tail_.Remove(id_);
  delete this;
}

}  // namespace assure::events
