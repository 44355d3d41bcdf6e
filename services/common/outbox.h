// How one service tells another something (ARCHITECTURE section 5): the call is written to
// the caller's own outbox table in the same transaction as the change that causes it, and a
// relay thread delivers it over gRPC with retries and exponential backoff. The message id is
// the receiver's request_id, so a message delivered twice (the relay stopped between the call
// and recording it) is applied once. Nothing is lost when either side is down: a message
// waits in the table until the receiver answers.
//
//   Outbox outbox(store, routes, clock, registry, "reviews");
//   ...inside a write:  ASSURE_ASSIGN_OR_RETURN(auto id, outbox.Enqueue(tx, who, kMethod, req, now));
//   outbox.Start();  ...  outbox.Stop();
//
// Delivery is concurrent and batched: the relay claims up to `batch` due messages with a
// lease in one commit (so replicas sharing the table do not send the same ones), calls the
// receivers all at once, and settles every outcome in one more commit. A replica that dies
// mid-batch leaves its claims to lapse; they go again, harmlessly, after the lease.
//
// A receiver that refuses a message for good (INVALID_ARGUMENT, FAILED_PRECONDITION, ...)
// leaves it `refused` with the error, counted in assure_outbox_messages{state="refused"} for
// an operator; transient failures (UNAVAILABLE, DEADLINE_EXCEEDED, ...) are retried.
#ifndef ASSURE_SERVICES_COMMON_OUTBOX_H_
#define ASSURE_SERVICES_COMMON_OUTBOX_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "google/protobuf/message.h"
#include "grpcpp/support/status.h"
#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/gauge.h"
#include "prometheus/registry.h"
#include "services/common/clock.h"
#include "services/common/principal.h"
#include "services/common/routes.h"
#include "services/common/store/store.h"
#include "services/common/wakeable_loop.h"

namespace assure {

struct OutboxOptions {
  // How often the relay looks for due messages when nothing wakes it.
  absl::Duration poll = absl::Seconds(1);
  absl::Duration call_timeout = absl::Seconds(5);
  // Retry n waits min_backoff * 2^(n-1), at most max_backoff, give or take a fifth.
  absl::Duration min_backoff = absl::Milliseconds(200);
  absl::Duration max_backoff = absl::Minutes(5);
  // Messages claimed, sent at once and settled together per round.
  int batch = 256;
};

// A transient failure is worth retrying; anything else is the receiver's final word.
bool IsTransient(grpc::StatusCode code);
// The wait before retry number `attempt` (1-based), without jitter.
absl::Duration Backoff(const OutboxOptions& options, int attempt);

class Outbox {
 public:
  Outbox(store::Store& store, const Routes& routes, const Clock& clock,
         prometheus::Registry& registry, const std::string& component, OutboxOptions options = {});
  ~Outbox();

  // Queues a call to `method` ("/package.Service/Method") as `as`, inside `tx`. `request`
  // must have a string request_id field: it is set to the new message's id, which is
  // returned. The relay is woken once the transaction commits.
  absl::StatusOr<std::string> Enqueue(store::Tx& tx, const Principal& as,
                                      absl::string_view method, google::protobuf::Message& request,
                                      absl::Time now);

  // Whether --routes leads anywhere for `method`: a message to nowhere would wait forever.
  bool Serves(absl::string_view method) const { return routes_.ForMethod(method) != nullptr; }
  // The sending service's name ("reviews").
  const std::string& component() const { return component_; }

  void Start();
  void Stop();
  // Rounds over the due messages until none is left: each is delivered, rescheduled or
  // refused. Returns how many were delivered. The relay thread calls it; tests may too.
  int DeliverDue();

 private:
  struct Message;
  // Claims due messages (a lease of twice the call timeout) for this round.
  absl::StatusOr<std::vector<Message>> Claim();
  // Calls every receiver at once; the statuses in the same order.
  std::vector<grpc::Status> CallAll(const std::vector<Message>& messages);
  absl::Status SettleAll(const std::vector<Message>& messages,
                         const std::vector<grpc::Status>& statuses);
  void RefreshGauges();
  void Wake();

  store::Store& store_;
  const Routes& routes_;
  const Clock& clock_;
  const OutboxOptions options_;
  prometheus::Gauge& pending_;
  prometheus::Gauge& refused_;
  prometheus::Gauge& oldest_pending_seconds_;
  prometheus::Family<prometheus::Counter>& attempts_;
  const std::string component_;

  WakeableLoop relay_;
};

}  // namespace assure

#endif  // ASSURE_SERVICES_COMMON_OUTBOX_H_
