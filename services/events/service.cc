#include "services/events/service.h"

#include "services/common/admission.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/field_limits.h"
#include "services/common/listing.h"
#include "services/common/refused_stream.h"
#include "services/common/status_macros.h"
#include "services/common/trace.h"
#include "services/common/unary_call.h"
#include "services/events/feed_rules.h"
#include "services/events/feed_store.h"
#include "services/events/roles.h"
#include "services/events/watch_reactor.h"

namespace assure::events {
namespace {

using Refused = RefusedStream<v1::Event>;

absl::Status CheckPosition(int64_t after) {
  return after < 0 ? InvalidField("after_sequence", "must not be negative") : absl::OkStatus();
}

}  // namespace

EventsService::EventsService(store::Store& store, FeedTail& tail, const Clock& clock,
                             FeedOptions options)
    : store_(store), tail_(tail), clock_(clock), options_(options) {}

grpc::ServerUnaryReactor* EventsService::ListEvents(grpc::CallbackServerContext* ctx,
                                                    const v1::ListEventsRequest* req,
                                                    v1::ListEventsResponse* out) {
  auto who = AdmitCall(*ctx, *req, roles::kReaders, "ListEvents");
  if (!who.ok()) return Reply(ctx, who.status());
  if (auto st = CheckPosition(req->after_sequence()); !st.ok()) return Reply(ctx, st);
  auto size = PageSize(req->page_size() == 0 ? 100 : req->page_size());
  if (!size.ok()) return Reply(ctx, size.status());
  auto filter = ParseEventFilter(req->filter());
  if (!filter.ok()) return Reply(ctx, filter.status());
  int64_t scanned = req->after_sequence();
  auto st = store_.Read(who->tenant, [&](store::Connection& db) {
    auto events = FeedStore::After(db, who->tenant, who->partner, req->after_sequence(), *size,
                                   *filter, &scanned);
    if (!events.ok()) return events.status();
    for (auto& e : *events) *out->add_events() = std::move(e);
    return absl::OkStatus();
  });
  out->set_next_after_sequence(scanned);
  return Reply(ctx, st);
}

grpc::ServerWriteReactor<v1::Event>* EventsService::WatchEvents(grpc::CallbackServerContext* ctx,
                                                                const v1::WatchEventsRequest* req) {
  const std::string trace = CallTraceId(*ctx);
  auto who = AdmitCall(*ctx, *req, roles::kReaders, "WatchEvents");
  if (!who.ok()) return new Refused(ToGrpcStatus(who.status(), trace));
  if (auto st = CheckPosition(req->after_sequence()); !st.ok()) {
    return new Refused(ToGrpcStatus(st, trace));
  }
  auto filter = ParseEventFilter(req->filter());
  if (!filter.ok()) return new Refused(ToGrpcStatus(filter.status(), trace));
  if (!tail_.TakeSlot(options_.max_watchers)) {
    return new Refused(ToGrpcStatus(
        absl::ResourceExhaustedError("this replica has as many watchers as it may; try again"),
        trace));
  }
  return new WatchReactor(store_, tail_, *who, req->after_sequence(), *std::move(filter));
}

std::shared_ptr<Figures> FeedFigures(store::Store& store, const Clock& clock) {
  return std::make_shared<Figures>(
      store, clock,
      std::vector<FigureSpec>{{kHeldFigure,
                               "Events recorded but held until an earlier event of their source "
                               "arrives."}});
}

EventIntakeService::EventIntakeService(store::Store& store, const Clock& clock,
                                       prometheus::Registry& registry,
                                       std::function<void(const std::string&)> recorded)
    : store_(store),
      clock_(clock),
      counted_(prometheus::BuildCounter()
                   .Name("assure_events_recorded_total")
                   .Help("Events recorded in the feed (each once, however often delivered).")
                   .Register(registry)
                   .Add({})),
      recorded_(std::move(recorded)) {}

grpc::ServerUnaryReactor* EventIntakeService::RecordEvent(grpc::CallbackServerContext* ctx,
                                                          const v1::RecordEventRequest* req,
                                                          v1::RecordEventResponse* out) {
  // Internal: any principal a service sends on behalf of (the one who made the change).
  auto who = PrincipalFrom(*ctx);
  if (!who.ok()) return Reply(ctx, who.status());
  if (auto st = CheckFieldLimits(*req); !st.ok()) return Reply(ctx, st);
  if (req->request_id().empty()) return Reply(ctx, InvalidField("request_id", "is required"));
  if (auto st = ValidateEvent(*req); !st.ok()) return Reply(ctx, st);
  v1::Event event;
  event.set_event_id(req->request_id());
  event.set_type(req->type());
  event.set_subject(req->subject());
  event.set_child(req->child());
  event.set_partner(req->partner());
  *event.mutable_occur_time() = req->occur_time();
  event.set_source(req->source());
  event.set_source_sequence(req->source_sequence());
  *event.mutable_record_time() = ToProto(clock_.Now());
  event.set_trace_id(TraceIdOf(who->traceparent));
  auto* reactor = ctx->DefaultReactor();
  const std::string tenant = who->tenant;
  store_.Write(
      tenant,
      [this, tenant, event = std::move(event), out](store::Tx& tx) -> absl::Status {
        int appended = 0, held_change = 0;
        auto sequence = FeedStore::Record(tx.db(), tenant, event, &appended, &held_change);
        if (!sequence.ok()) return sequence.status();
        out->set_sequence(*sequence);
        if (held_change != 0) {
          ASSURE_RETURN_IF_ERROR(Figures::Add(tx, tenant, kHeldFigure, {}, held_change));
        }
        if (appended == 0) return absl::OkStatus();
        tx.AfterCommit([this, tenant, appended] {
          counted_.Increment(appended);
          recorded_(tenant);
        });
        return absl::OkStatus();
      },
      FinishWith(reactor, *ctx));
  return reactor;
}

}  // namespace assure::events
