#include "services/events/feed_tail.h"

#include <set>

#include "services/events/feed_store.h"

namespace assure::events {

bool FeedTail::TakeSlot(int max) {
  absl::MutexLock lock(&mu_);
  if (slots_taken_ >= max) return false;
  ++slots_taken_;
  return true;
}

FeedTail::WatcherId FeedTail::Add(const std::string& tenant, std::function<void()> poke,
                                  std::function<void()> end) {
  absl::MutexLock lock(&mu_);
  const WatcherId id = next_id_++;
  watchers_[id] = {tenant, std::move(poke), std::move(end)};
  return id;
}

void FeedTail::EndAll() {
  absl::MutexLock lock(&mu_);
  for (auto& [id, w] : watchers_) w.end();
}

void FeedTail::Remove(WatcherId id) {
  absl::MutexLock lock(&mu_);
  watchers_.erase(id);
  --slots_taken_;
}

void FeedTail::Recorded(const std::string& /*tenant*/) { loop_.Wake(); }

void FeedTail::Start() { loop_.Start(); }

void FeedTail::Stop() { loop_.Stop(); }

void FeedTail::Round() {
  std::map<std::string, int64_t> last;
  auto st = store_.Read(store::kAllTenants, [&](store::Connection& db) {
    auto read = FeedStore::LastSequences(db);
    if (!read.ok()) return read.status();
    last = std::move(read).value();
    return absl::OkStatus();
  });
  if (!st.ok()) return;  // the store is away; the next round tries again
  absl::MutexLock lock(&mu_);
  std::set<std::string> grown;
  for (const auto& [tenant, sequence] : last) {
    auto& seen = seen_[tenant];
    if (sequence != seen) grown.insert(tenant);
    seen = sequence;
  }
  // Held while poking, so that a watcher removed is never poked after.
  for (auto& [id, w] : watchers_) {
    if (grown.count(w.tenant) > 0) w.poke();
  }
}

}  // namespace assure::events
